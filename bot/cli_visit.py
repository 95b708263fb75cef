"""``secondlook template | questions | dates``: the step-4 commands on the command line.

Text output is the email itself (ready to pipe into a mail client); what is left to fill
in goes to stderr. ``--json`` prints one object for programs and scripts.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from bot.container import Container
from core.commands import TEMPLATE_ALIASES, TEMPLATE_KINDS
from core.compliance import check
from core.identity import Tenant
from core.models import normalize_token
from core.templates import KindNotOffered, offered_kinds, render
from core.validation import InputProblem
from core.visit.dates import propose_dates
from core.visit.questions import plan_questions


def add_parsers(commands: Any) -> None:
    template = commands.add_parser(
        "template",
        help="draft an email to a tracked program: template [KIND] PROGRAM",
        description="Draft an email from what is stored about PROGRAM and your profile. KIND:"
        f" {', '.join(sorted(set(TEMPLATE_ALIASES.values())))}. Without KIND, list the kinds"
        " that fit the program's policy and status.",
    )
    template.add_argument("words", nargs="+", metavar="[KIND] PROGRAM")
    template.add_argument("--json", action="store_true", help="print the draft as JSON")
    for name, what in (("questions", "questions to bring"), ("dates", "dates to propose")):
        parser = commands.add_parser(name, help=f"{what} for a tracked program")
        parser.add_argument("program")
        parser.add_argument("--json", action="store_true", help="print JSON")


def _kind_and_program(words: list[str]) -> tuple[str | None, str]:
    kinds = ", ".join(TEMPLATE_KINDS)
    first = TEMPLATE_ALIASES.get(str(normalize_token(words[0])))
    if len(words) == 1:
        if first is not None:
            raise InputProblem([f"give the program after {words[0]}: template {first} PROGRAM"])
        return None, words[0]
    if first is None:
        raise InputProblem([f"'{words[0]}' is not a kind of email; kinds: {kinds}"])
    if len(words) != 2:
        raise InputProblem(
            ['give the kind, then the program in quotes: template thank_you "Rush IM"']
        )
    return first, words[1]


async def template(args: argparse.Namespace, app: Container, tenant: Tenant, stderr: TextIO) -> str:
    kind, name = _kind_and_program(args.words)
    program = await app.programs.get_program(tenant, name)
    today = app.assistant.services.today()
    kinds = offered_kinds(program, today)
    if kind is None:
        if args.json:
            listed = [{"kind": k.value, "label": k.label} for k in kinds]
            return json.dumps({"program": program.name, "kinds": listed})
        return "\n".join(f"{k.value:16} {k.label}" for k in kinds)
    profile = await app.programs.get_profile(tenant)
    try:
        draft = render(kind, program, profile, today)
    except KindNotOffered as refused:
        raise InputProblem([str(refused)]) from None
    verdict = check(draft.text).verdict.value
    if args.json:
        return json.dumps(
            {
                "program": program.name,
                "kind": draft.kind.value,
                "subject": draft.subject,
                "body": draft.body,
                "missing": draft.missing,
                "placeholders": draft.placeholders,
                "verdict": verdict,
            }
        )
    if draft.missing:
        print(f"secondlook: fill in before sending: {', '.join(draft.missing)}", file=stderr)
    if verdict != "ok":
        print(f"secondlook: check found a {verdict}: run secondlook check on it", file=stderr)
    return draft.text


async def questions(
    args: argparse.Namespace, app: Container, tenant: Tenant, stderr: TextIO
) -> str:
    program = await app.programs.get_program(tenant, args.program)
    plan = plan_questions(program, await app.programs.get_profile(tenant))
    if args.json:
        return json.dumps(
            {
                "program": program.name,
                "questions": [
                    {"theme": q.theme.value, "text": q.text, "reason": q.reason}
                    for q in plan.questions
                ],
                "checklist": plan.checklist,
                "avoid": plan.avoid,
                "unanswered_concerns": plan.unanswered_concerns,
            }
        )
    lines = [f"{n}. {q.text}  ({q.reason})" for n, q in enumerate(plan.questions, 1)]
    lines += ["", "Watch for:", *(f"- {item}" for item in plan.checklist)]
    return "\n".join(lines)


async def dates(args: argparse.Namespace, app: Container, tenant: Tenant, stderr: TextIO) -> str:
    program = await app.programs.get_program(tenant, args.program)
    services = app.assistant.services
    proposal = propose_dates(
        services.season, await app.programs.get_profile(tenant), program, services.today()
    )
    if args.json:
        return proposal.model_dump_json()
    if proposal.problem:
        raise InputProblem([proposal.problem])
    return "\n".join(
        [f"{day.isoformat()}  {day:%A}" for day in proposal.dates]
        + [f"  {note}" for note in proposal.notes]
    )
