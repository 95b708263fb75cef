"""Study groups: ``share``, ``unshare``, ``group`` and ``policy`` in a channel.

Sharing opts the user's visits (program, city, date, status) into the channel's group;
``group`` shows the plans shared there and where members' trips overlap, and the policies
members reported. Scores, verdicts, notes and order are never part of it.
"""

from __future__ import annotations

import datetime as dt

from core.commands import Command
from core.conversation import sharing
from core.conversation.services import Services
from core.incoming import Incoming
from core.models import Policy
from core.replies import Reply, Section
from core.storage import ProgramNotFound
from core.storage.groups import CrowdReport, Group, SharedPlan
from core.visit.overlap import Locate, Overlap, Stop, find_overlaps

POLICY_WORDS = {
    "welcome": "welcomes second looks",
    "neutral": "is neutral about second looks",
    "discouraged": "discourages second looks",
    "not_offered": "does not offer second looks",
}
IN_A_CHANNEL = (
    "Study groups live in channels: run this in the group's channel (Slack or Discord),"
    " where the people you plan with are."
)


def _group(incoming: Incoming) -> Group:
    return Group.of(incoming.tenant, incoming.channel)


def _day(day: dt.date) -> str:
    return day.strftime("%a %d %b")


def _member(name: str | None, number: int) -> str:
    return name or f"Member {number}"


async def share_reply(services: Services, incoming: Incoming) -> Reply:
    """Opt into the channel's group and post the visits there (the only public reply)."""
    programs = await services.programs.list_programs(incoming.tenant)
    profile = await services.programs.get_profile(incoming.tenant)
    reply = sharing.share_reply(incoming, programs, profile.name or "A member")
    if incoming.direct:
        return reply
    await services.groups.share(incoming.tenant, _group(incoming))
    if reply.ephemeral:  # no visits yet: joined, with nothing to post
        return Reply(
            text="Nothing to share yet, but you joined this channel's study group: once you"
            " record a visit (status <program> requested, scheduled or visited), group shows"
            " it here. unshare leaves the group."
        )
    footer = (
        "Shared with this channel's study group until you run unshare here; group shows"
        " everyone's shared plans and trips that overlap."
    )
    return reply.model_copy(update={"sections": [*reply.sections, Section(text=footer)]})


async def unshare_reply(services: Services, incoming: Incoming) -> Reply:
    if incoming.direct:
        count = await services.groups.unshare(incoming.tenant, None)
        if not count:
            return Reply(text="Your plan is not shared with any group.")
        return Reply(text=f"Your plan is no longer shared with any group ({count} withdrawn).")
    if not await services.groups.unshare(incoming.tenant, _group(incoming)):
        return Reply(text="Your plan was not shared in this channel; nothing to withdraw.")
    return Reply(
        text="Your plan is no longer shared in this channel: group will not show it. Messages"
        " already posted here stay; delete them in the channel if you wish."
    )


async def group_reply(services: Services, incoming: Incoming, locate: Locate) -> Reply:
    if incoming.direct:
        return Reply(text=f"group shows a study group's shared plans. {IN_A_CHANNEL}")
    group = _group(incoming)
    plans = await services.groups.shared_plans(group)
    reports = await services.groups.reports(group)
    if not plans and not reports:
        return Reply(
            text="No one has shared a plan in this channel yet. share posts your visits"
            " (never scores or order) and adds you to this group."
        )
    names = {plan.user_id: _member(plan.member, n) for n, plan in enumerate(plans, 1)}
    sections = [Section(title="Shared plans", text=_plans_text(plans, names))]
    overlaps = find_overlaps(_stops(plans, names), locate)
    if overlaps:
        sections.append(
            Section(title="Trips that overlap", text="\n".join(map(_overlap_line, overlaps)))
        )
    if reports:
        sections.append(
            Section(
                title="What programs told members",
                text="\n".join(_report_line(r) for r in reports),
            )
        )
    shared = f"{len(plans)} member(s) share their plans here"
    hint = (
        f"{len(overlaps)} overlap(s): the same area within a few days, worth sharing a ride"
        " or a room."
        if overlaps
        else "No overlapping trips yet."
    )
    return Reply(text=f"Study group in this channel: {shared}. {hint}", sections=sections)


def _plans_text(plans: list[SharedPlan], names: dict[int, str]) -> str:
    if not plans:
        return "No shared plans yet."
    lines = []
    for plan in plans:
        lines.append(f"{names[plan.user_id]} ({len(plan.visits)} visit(s))")
        for visit in plan.visits:
            place = ", ".join(x for x in (visit.city, visit.state) if x) or "place not set"
            when = _day(visit.visit_date) if visit.visit_date else "date not set"
            status = sharing.STATUS_WORDS[visit.status]
            lines.append(f"  • {visit.program}: {place}; {when}; {status}")
    return "\n".join(lines)


def _stops(plans: list[SharedPlan], names: dict[int, str]) -> list[Stop]:
    return [
        Stop(names[plan.user_id], visit.program, visit.city, visit.state, visit.visit_date)
        for plan in plans
        for visit in plan.visits
        if visit.visit_date is not None
    ]


def _overlap_line(overlap: Overlap) -> str:
    span = _day(overlap.first)
    if overlap.last != overlap.first:
        span = f"{span} to {_day(overlap.last)}"
    who = " and ".join(overlap.members)
    visits = "; ".join(f"{s.member}: {s.program} {s.day:%d %b}" for s in overlap.stops)
    return f"• Around {overlap.place}, {span}: {who} ({visits})"


def _report_line(report: CrowdReport) -> str:
    who = report.member or "a member"
    source = f" Source: {report.source}." if report.source else ""
    return (
        f"• {report.program} {POLICY_WORDS[report.policy.value]}: said by {who} on"
        f" {report.reported_at:%d %b}.{source}"
    )


async def policy_reply(services: Services, incoming: Incoming, command: Command) -> Reply:
    """Record what a program said about second looks, for the group and for the user."""
    assert command.program is not None and command.value is not None
    policy = Policy(command.value)
    if incoming.direct:  # from a DM: every group the user shares with
        groups = await services.groups.groups_of(incoming.tenant)
    else:
        groups = [_group(incoming)]
    for group in groups:
        await services.groups.report_policy(
            incoming.tenant, group, command.program, policy, command.topic
        )
    own = await _update_own(services, incoming, command.program, policy)
    said = f"{command.program} {POLICY_WORDS[policy.value]}"
    parts = []
    if groups:
        where = "this channel's group" if not incoming.direct else f"{len(groups)} group(s)"
        parts.append(f"Noted for {where}: {said}.")
    if own:
        parts.append(f"Your own {own} now says {policy.value}; its verdict follows it.")
    if not parts:
        return Reply(
            text=f"Nothing recorded: you do not track {command.program} and share with no"
            f" group. {IN_A_CHANNEL}"
        )
    return Reply(text=" ".join(parts))


async def _update_own(
    services: Services, incoming: Incoming, program: str, policy: Policy
) -> str | None:
    """The user's own program of that name takes the policy too; its name, or None."""
    try:
        updated = await services.programs.update_program(
            incoming.tenant, program, {"policy": policy.value}
        )
    except ProgramNotFound:
        return None
    return updated.name
