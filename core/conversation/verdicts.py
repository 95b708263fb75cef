"""Verdicts for stored programs, always judged against the user's whole plan."""

from __future__ import annotations

from dataclasses import dataclass

from core.conversation.services import Services
from core.conversation.views import needs_scores_text, verdict_reply
from core.framework import max_visits, recommend_tracked
from core.identity import Tenant
from core.incoming import Incoming
from core.models import ApplicantProfile, Policy, Program, Recommendation
from core.names import name_key
from core.replies import Reply
from core.storage.groups import CrowdReport


@dataclass(frozen=True)
class PlanView:
    programs: list[Program]
    profile: ApplicantProfile
    recommendations: dict[str, Recommendation]
    budget: int


async def current_plan(services: Services, tenant: Tenant) -> PlanView:
    programs = await services.programs.list_programs(tenant)
    profile = await services.programs.get_profile(tenant)
    crowd = await services.groups.crowd_policies(tenant)
    judged, used = with_crowd_policies(programs, crowd)
    recs = recommend_tracked(judged, profile, services.framework)
    for name, report in used.items():
        if name in recs:
            recs[name].reasons.append(_crowd_reason(name, report))
    return PlanView(programs, profile, recs, max_visits(profile, services.framework))


def with_crowd_policies(
    programs: list[Program], crowd: dict[str, CrowdReport]
) -> tuple[list[Program], dict[str, CrowdReport]]:
    """Programs as judged: where the user left the policy neutral (unknown) and a group
    they share with reported one, the group's report counts. The user's own answer wins."""
    judged, used = [], {}
    for program in programs:
        report = crowd.get(name_key(program.name))
        if report and program.policy is Policy.neutral and report.policy is not Policy.neutral:
            judged.append(program.model_copy(update={"policy": report.policy}))
            used[program.name] = report
        else:
            judged.append(program)
    return judged, used


def _crowd_reason(name: str, report: CrowdReport) -> str:
    who = report.member or "a member"
    return (
        f"Policy from your study group: {who} reported {report.policy.value} on"
        f" {report.reported_at:%d %b}. Your own answer wins: set {name} policy <value>."
    )


async def verdict_for(
    services: Services, incoming: Incoming, program: Program, intro: str | None = None
) -> Reply:
    """The verdict for ``program`` (budget included), or what it still needs for one."""
    plan = await current_plan(services, incoming.tenant)
    rec = plan.recommendations.get(program.name)
    if rec is None:
        text = f"Saved {program.name}. {needs_scores_text(program)}"
        return Reply(text=f"{intro}\n{text}" if intro else text)
    return verdict_reply(program, rec, intro)
