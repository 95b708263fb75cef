"""check, sent and replied: a message read against the Match rules and the user's log.

The text of a message is read and answered, never stored or logged: the log keeps the
kind of message, its date and whether it said "first choice".
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from core.commands import Command, to_text
from core.compliance import Category, CheckResult, Finding, Severity, check
from core.compliance.checker import Side
from core.compliance.history import Signals, warnings_for
from core.conversation.services import Services
from core.conversation.views import choices, command_choice
from core.identity import Tenant
from core.models import MessageKind, SentMessage
from core.names import name_key
from core.replies import ChoiceStyle, Reply, Section
from core.validation import InputProblem

log = logging.getLogger(__name__)

CATEGORY_WORDS = {
    Category.rank_inquiry: "Asks where you stand",
    Category.conditional: "A ranking bargain",
    Category.commitment_request: "Asks for a promise",
    Category.over_signaling: "Too much",
    Category.pressure: "Pressure",
    Category.bad_question: "A question to leave out",
    Category.ranking_question: "Asks how you will rank them",
    Category.other_programs_question: "Asks where else you applied",
    Category.commitment_solicitation: "Asks you for a commitment",
}
KIND_WORDS = {
    MessageKind.request: "second-look request",
    MessageKind.confirm: "confirmation",
    MessageKind.thank_you: "thank-you",
    MessageKind.decline_reply: "reply to a no",
    MessageKind.interest: "letter of interest",
    MessageKind.virtual_request: "virtual-visit request",
    MessageKind.resident_note: "note to a resident",
    MessageKind.follow_up: "follow-up",
}
SPAN_LIMIT = 160
# A date a day ahead is allowed: "today" here is UTC, and the user may be ahead of it.
FUTURE_SLACK = dt.timedelta(days=1)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def headline(result: CheckResult, side: Side) -> str:
    """One sentence for the verdict, from the reader's side."""
    n = sum(finding.severity is result.verdict for finding in result.findings)
    if side == "program":
        if result.verdict is Severity.ok:
            return "Nothing in this message breaks the Match rules."
        return f"This message crosses the Match rules: {_count(n, result.verdict.value)}."
    if result.verdict is Severity.violation:
        return f"Do not send as written: {_count(n, 'violation')}."
    if result.verdict is Severity.caution:
        return f"Worth a second look before sending: {_count(n, 'caution')}."
    return "Safe to send."


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= SPAN_LIMIT else f'"{text[: SPAN_LIMIT - 1]}…"'


def finding_section(finding: Finding, side: Side) -> Section:
    advice = "How to reply" if side == "program" else "Try instead"
    return Section(
        title=f"{CATEGORY_WORDS[finding.category]} ({finding.severity.value})",
        text=f"{_quoted(finding.text)}\n{finding.rule}\n{advice}: {finding.suggestion}",
    )


def check_reply(
    result: CheckResult,
    side: Side,
    warnings: Sequence[str] = (),
    tip: str | None = None,
) -> Reply:
    """The checker's answer as a reply: headline, a section per finding, notes, warnings."""
    sections = [finding_section(finding, side) for finding in result.findings]
    if result.notes:
        sections.append(Section(title="Good to know", text="\n".join(result.notes)))
    if warnings:
        sections.append(
            Section(
                title="Before you send: across your programs",
                text="\n".join(f"• {w}" for w in warnings),
            )
        )
    if tip:
        sections.append(Section(text=tip))
    return Reply(text=headline(result, side), sections=sections)


async def run_check(services: Services, tenant: Tenant, command: Command) -> Reply:
    """``check``: read the message; with a named program, read it against the log too."""
    assert command.value is not None
    side: Side = "program" if command.topic == "program" else "applicant"
    result = check(command.value, side)
    found: list[str] = []
    mark: Command | None = None
    if command.program is not None and side == "applicant":
        program = await services.programs.get_program(tenant, command.program)
        signals = Signals.of_text(command.value)
        history = await services.messages.history(tenant)
        found = warnings_for(history, program, signals, services.today())
        if result.verdict is not Severity.violation:
            mark = Command(
                "sent",
                program=program.name,
                field=signals.kind.value,
                topic="first_choice" if signals.first_choice else None,
            )
    log.info(
        "check side=%s verdict=%s findings=%d warnings=%d",
        side,
        result.verdict.value,
        len(result.findings),
        len(found),
    )
    tip = None
    if side == "applicant" and command.program is None and result.verdict is not Severity.violation:
        tip = (
            "Name the program and I will also compare the message with what you have sent"
            " before: check to <program>: <message>"
        )
    reply = check_reply(result, side, found, tip)
    if mark is not None:
        button = command_choice("Mark as sent", mark, ChoiceStyle.primary)
        if button is None:
            reply.sections.append(Section(text=f"Once it has gone, type: {to_text(mark)}"))
        reply.choices = choices(button)
    return reply


def _history_section(program: str, messages: Sequence[SentMessage]) -> Section:
    lines = [
        f"{m.sent_on.isoformat()}  {KIND_WORDS[m.kind]}"
        + ("  (said first choice)" if m.first_choice else "")
        + ("  answered" if m.answered else "  no answer yet")
        for m in messages
    ]
    return Section(title=f"Messages to {program}", text="\n".join(lines))


async def run_sent(services: Services, tenant: Tenant, command: Command) -> Reply:
    """``sent``: log a message that went out, with its warnings and the program's log."""
    assert command.program is not None and command.field is not None
    kind = MessageKind(command.field)
    today = services.today()
    sent_on = dt.date.fromisoformat(command.value) if command.value else today
    if sent_on > today + FUTURE_SLACK:
        raise InputProblem([f"{sent_on.isoformat()} is in the future; log a message once it went"])
    first = command.topic == "first_choice"
    program = await services.programs.get_program(tenant, command.program)
    history = await services.messages.history(tenant)
    found = warnings_for(history, program, Signals.of_kind(kind, first), sent_on, sent=True)
    logged = await services.messages.record(tenant, program.name, kind, sent_on, first)
    key = name_key(program.name)
    mine = sorted(
        [*(m for m in history if name_key(m.program) == key), logged],
        key=lambda m: m.sent_on,
    )
    sections = []
    if found:
        sections.append(Section(title="Worth knowing", text="\n".join(f"• {w}" for w in found)))
    sections.append(_history_section(program.name, mine))
    waiting = any(not m.answered for m in mine)
    return Reply(
        text=f"Logged: {KIND_WORDS[kind]} to {program.name} on {sent_on.isoformat()}.",
        sections=sections,
        choices=choices(
            command_choice("They replied", Command("replied", program=program.name))
            if waiting
            else None
        ),
    )


async def run_replied(services: Services, tenant: Tenant, command: Command) -> Reply:
    """``replied``: the program answered; nothing to it is waiting any more."""
    assert command.program is not None
    program = await services.programs.get_program(tenant, command.program)
    count = await services.messages.mark_answered(tenant, program.name)
    if not count:
        return Reply(text=f"Nothing to {program.name} was waiting for an answer.")
    return Reply(text=f"Noted: {program.name} replied ({_count(count, 'message')} answered).")
