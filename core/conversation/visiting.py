"""template, questions and dates: the words the applicant sends and brings, as replies."""

from __future__ import annotations

from core.commands import Command
from core.compliance import Severity, check
from core.conversation.services import Services
from core.conversation.views import choices, command_choice
from core.identity import Tenant
from core.models import Program
from core.replies import Choice, ChoiceStyle, Reply, Section
from core.templates import Draft, KindNotOffered, TemplateKind, offered_kinds, render
from core.visit.dates import propose_dates
from core.visit.questions import plan_questions

# What to ``set`` for each thing a draft says is missing, so the next draft fills it.
FILL_WITH = {
    "your name": "profile edit",
    "a detail from your visit": 'set {program} detail "the ICU handoff with Dr. Ruiz"',
    "the coordinator's name": 'set {program} contact "Ms. Ortiz"',
    "the program director's name": 'set {program} contact "Dr. Lee"',
    "the date of your visit": "set {program} offered 2027-02-09",
}


def _kind_choice(kind: TemplateKind, program: Program, primary: bool = False) -> Choice:
    return command_choice(
        kind.label[:1].upper() + kind.label[1:],
        Command("template", program=program.name, field=kind.value),
        ChoiceStyle.primary if primary else ChoiceStyle.default,
    )


async def template_reply(services: Services, tenant: Tenant, name: str, kind: str | None) -> Reply:
    program = await services.programs.get_program(tenant, name)
    today = services.today()
    kinds = offered_kinds(program, today)
    if kind is None:
        return Reply(
            text=f"Emails that fit {program.name} now (policy {program.policy.value},"
            f" status {program.status.value.replace('_', ' ')}). Pick one:",
            choices=choices(*(_kind_choice(k, program, i == 0) for i, k in enumerate(kinds))),
        )
    profile = await services.programs.get_profile(tenant)
    try:
        draft = render(kind, program, profile, today)
    except KindNotOffered as refused:
        return Reply(
            text=str(refused),
            choices=choices(*(_kind_choice(k, program) for k in kinds)),
        )
    return _draft_reply(program, draft)


def _draft_reply(program: Program, draft: Draft) -> Reply:
    sections = [Section(title=f"Subject: {draft.subject}", text=draft.body)]
    if draft.missing:
        lines = []
        for missing in draft.missing:
            how = FILL_WITH.get(missing)
            hint = f" (or: {how.format(program=_quoted(program.name))})" if how else ""
            lines.append(f"• {missing}{hint}")
        sections.append(Section(title="Fill in before sending", text="\n".join(lines)))
    # The template passes the checker; what the user typed into it (a detail, a name) may not.
    result = check(draft.text)
    if result.verdict is not Severity.ok:
        found = "\n".join(f"• “{f.text}”: {f.rule} {f.suggestion}" for f in result.findings)
        sections.append(Section(title="Check before sending", text=found))
    kind = TemplateKind(draft.kind)
    return Reply(
        text=f"Draft for {program.name} ({kind.label}), in plain text to copy. Make it yours:"
        " change any word you like.",
        sections=sections,
        choices=choices(
            command_choice(
                "I sent it",
                Command("sent", program=program.name, field=kind.value),
                ChoiceStyle.primary,
            ),
            command_choice("Questions for the visit", Command("questions", program=program.name))
            if kind in (TemplateKind.request, TemplateKind.confirm)
            else None,
        ),
    )


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


async def questions_reply(services: Services, tenant: Tenant, name: str) -> Reply:
    program = await services.programs.get_program(tenant, name)
    profile = await services.programs.get_profile(tenant)
    plan = plan_questions(program, profile)
    sections = []
    for theme in plan.themes:
        asked = [q for q in plan.questions if q.theme is theme]
        lines = "\n".join(f"• {q.text}\n   ({q.reason})" for q in asked)
        sections.append(Section(title=theme.label, text=lines))
    sections.append(
        Section(title="Watch for on the day", text="\n".join(f"• {c}" for c in plan.checklist))
    )
    sections.append(Section(title="Leave out", text="\n".join(f"• {a}" for a in plan.avoid)))
    if plan.unanswered_concerns:
        sections.append(
            Section(
                text="No question in my bank fits: "
                + ", ".join(plan.unanswered_concerns)
                + ". Ask a resident in your own words."
            )
        )
    hint = (
        ""
        if program.goals or program.concerns
        else f" Set goals or concerns to aim them: set {_quoted(program.name)} concerns call"
        " schedule, visa."
    )
    return Reply(
        text=f"{len(plan.questions)} questions to bring to {program.name}.{hint}",
        sections=sections,
    )


async def dates_reply(services: Services, tenant: Tenant, name: str) -> Reply:
    program = await services.programs.get_program(tenant, name)
    profile = await services.programs.get_profile(tenant)
    today = services.today()
    proposal = propose_dates(services.season, profile, program, today)
    if proposal.problem:
        return Reply(text=proposal.problem, sections=_notes(proposal.notes, proposal.sources))
    days = "\n".join(f"• {day:%A, %B} {day.day}, {day.year}" for day in proposal.dates)
    offered = offered_kinds(program, today)
    return Reply(
        text=f"Dates to propose to {program.name}:",
        sections=[Section(text=days), *_notes(proposal.notes, proposal.sources)],
        choices=choices(
            _kind_choice(TemplateKind.request, program, primary=True)
            if TemplateKind.request in offered
            else None,
            _kind_choice(TemplateKind.confirm, program, primary=True)
            if TemplateKind.confirm in offered
            else None,
        ),
    )


def _notes(notes: list[str], sources: list[str]) -> list[Section]:
    sections = []
    if notes:
        sections.append(Section(title="Why these", text="\n".join(f"• {n}" for n in notes)))
    if sources:
        sections.append(Section(title="Sources", text="\n".join(f"• {s}" for s in sources)))
    return sections
