"""Replies built from the user's data: a verdict, a plan, one program, the profile."""

from __future__ import annotations

from collections.abc import Sequence

from core.commands import Command, to_text
from core.models import ApplicantProfile, Program, Recommendation, Status, Verdict
from core.replies import Choice, ChoiceStyle, InfoField, Reply, Section

VERDICT_TITLES = {
    Verdict.prioritize: "Prioritize a second look",
    Verdict.consider: "Consider a visit",
    Verdict.virtual: "Ask for a virtual look instead",
    Verdict.skip: "Skip the visit",
    Verdict.do_not_request: "Do not request a visit",
}
VERDICT_ORDER = list(Verdict)
VISA_LABELS = {
    "none": "no visa needed",
    "b1_b2": "B-1/B-2",
    "j1": "J-1",
    "h1b": "H-1B",
    "f1": "F-1",
    "other": "other",
}


def command_choice(
    label: str,
    command: Command,
    style: ChoiceStyle = ChoiceStyle.default,
) -> Choice | None:
    """A button that runs a command; None when the command is too long to fit an action id."""
    action = f"cmd:{to_text(command)}"
    if len(action) > 100:
        return None
    return Choice(id=action, label=label, style=style)


def choices(*items: Choice | None) -> list[Choice]:
    return [item for item in items if item is not None]


def _scores(program: Program) -> str:
    return " / ".join(
        "-" if s is None else str(s)
        for s in (program.uncertainty, program.importance, program.travel)
    )


def score_fields(program: Program, rec: Recommendation | None) -> list[InfoField]:
    fields = [InfoField(label="Uncertainty / importance / travel", value=_scores(program))]
    if rec is not None:
        fields.append(InfoField(label="Priority", value=f"{rec.priority:g}"))
    return fields


def _missing_context(program: Program) -> Section | None:
    """What the user could add to sharpen a verdict given on numbers alone."""
    tips = []
    if not program.goals:
        example = Command("set", program=program.name, field="goals", value="rank_order")
        tips.append(
            f"No goal yet, and without one a visit has nothing to answer: {to_text(example)}"
            " (or relocation, training, show_interest)."
        )
    if program.program_type is None:
        example = Command("set", program=program.name, field="program_type", value="community")
        tips.append(
            f"Program type unknown: {to_text(example)} (or elite_academic, mid_academic, new)."
        )
    return Section(title="Sharpen this verdict", text="\n".join(tips)) if tips else None


GOAL_BUTTONS = {
    "rank_order": "Goal: break a tie",
    "relocation": "Goal: city and life",
    "training": "Goal: training",
    "show_interest": "Goal: show interest",
}
STATUS_NEXT = {
    Status.requested: "You have asked. Wait for their answer; one polite follow-up at most.",
    Status.scheduled: "Your visit is set. Prepare a few targeted questions and confirm the"
    " logistics with the coordinator.",
    Status.visited: "You have visited. Send a short thank-you within a day or two, naming"
    " something concrete from the day, then note what the visit answered.",
    Status.declined_by_program: "They said no. Thank them briefly and do not ask again.",
}


def next_step(program: Program, rec: Recommendation) -> str:
    """Where the applicant already is beats what the framework would suggest from scratch."""
    return STATUS_NEXT.get(program.status, rec.next_step)


def verdict_reply(program: Program, rec: Recommendation, intro: str | None = None) -> Reply:
    head = f"{program.name}: {VERDICT_TITLES[rec.verdict]}."
    sections = [
        Section(title="Why", text="\n".join(f"• {reason}" for reason in rec.reasons)),
        Section(title="Next step", text=next_step(program, rec)),
        Section(fields=score_fields(program, rec)),
    ]
    tip = _missing_context(program)
    goal_buttons = (
        [
            command_choice(label, Command("set", program=program.name, field="goals", value=goal))
            for goal, label in GOAL_BUTTONS.items()
        ]
        if not program.goals
        else []
    )
    can_visit = rec.verdict in {Verdict.prioritize, Verdict.consider}
    return Reply(
        text=f"{intro}\n{head}" if intro else head,
        sections=[*sections, tip] if tip else sections,
        choices=choices(
            *goal_buttons,
            command_choice("Score another", Command("score"), ChoiceStyle.primary),
            command_choice("Get the email", Command("template", program=program.name))
            if can_visit or rec.verdict is Verdict.virtual
            else None,
            command_choice("See my plan", Command("plan")),
            command_choice("Mark visited", Command("status", program=program.name, value="visited"))
            if can_visit and program.status is not Status.visited
            else None,
        ),
    )


def needs_scores_text(program: Program) -> str:
    return (
        f"{program.name} still needs {', '.join(program.missing_scores)} (0-3) for a verdict:"
        f" type {to_text(Command('score', program=program.name))}"
    )


def _plan_key(program: Program, recs: dict[str, Recommendation]) -> tuple[int, float]:
    rec = recs.get(program.name)
    if rec is None:
        return len(VERDICT_ORDER), 0.0
    return VERDICT_ORDER.index(rec.verdict), -rec.priority


def plan_reply(programs: Sequence[Program], recs: dict[str, Recommendation], budget: int) -> Reply:
    if not programs:
        return Reply(
            text="You are not tracking any programs yet. Start with: score <program name>",
            choices=choices(
                command_choice("Score a program", Command("score"), ChoiceStyle.primary)
            ),
        )
    used = sum(rec.verdict is Verdict.prioritize for rec in recs.values())
    sections = []
    for program in sorted(programs, key=lambda p: _plan_key(p, recs)):
        rec = recs.get(program.name)
        if rec is None:
            sections.append(
                Section(title=f"{program.name} — needs scores", text=needs_scores_text(program))
            )
            continue
        fields = [
            InfoField(label="U / I / T", value=_scores(program)),
            InfoField(label="Status", value=program.status.value.replace("_", " ")),
        ]
        debrief = debrief_text(program)
        if debrief:
            fields.append(InfoField(label="Debrief", value=debrief))
        sections.append(
            Section(
                title=f"{program.name} — {rec.verdict.value.replace('_', ' ')}",
                text=f"{rec.reasons[0]}\nNext: {next_step(program, rec)}",
                fields=fields,
            )
        )
    return Reply(
        text=f"Your plan: {len(programs)} program(s); {used} of {budget} second look(s)"
        " prioritized.",
        sections=sections,
        choices=choices(
            command_choice("Score a program", Command("score")),
            command_choice("Export my data", Command("export")),
        ),
    )


MOVED = {"up": "moved up", "same": "no change", "down": "moved down"}


def debrief_text(program: Program) -> str | None:
    """ "moved up: the night float is humane" — what the visit answered, as the plan shows it."""
    moved = MOVED[program.moved.value] if program.moved else None
    text = ": ".join(part for part in (moved, program.debrief) if part)
    return text or None


def program_reply(program: Program, rec: Recommendation | None) -> Reply:
    details = [
        ("Specialty", program.specialty),
        ("Location", ", ".join(x for x in (program.city, program.state) if x) or None),
        ("Type", program.program_type.value if program.program_type else None),
        ("Policy", program.policy.value),
        ("Declined a request", "yes" if program.declined else None),
        ("Interest signal", program.interest_signal.value),
        ("Goals", ", ".join(goal.value for goal in program.goals) or "none yet"),
        ("Status", program.status.value),
        ("Interview", program.interview_date.isoformat() if program.interview_date else None),
        ("Visit", program.visit_date.isoformat() if program.visit_date else None),
        ("Contact", _contact(program)),
        ("Dates offered", ", ".join(day.isoformat() for day in program.offered_dates) or None),
        ("Concerns", program.concerns),
        ("Detail from the visit", program.visit_detail),
        ("Debrief", debrief_text(program)),
        ("Notes", program.notes),
    ]
    fields = [InfoField(label=label, value=str(value)) for label, value in details if value]
    sections = [Section(fields=score_fields(program, rec) + fields)]
    if rec is None:
        text = needs_scores_text(program)
    else:
        text = f"{program.name}: {VERDICT_TITLES[rec.verdict]}."
        sections += [
            Section(title="Why", text="\n".join(f"• {reason}" for reason in rec.reasons)),
            Section(title="Next step", text=rec.next_step),
        ]
    return Reply(
        text=text,
        sections=sections,
        choices=choices(
            command_choice("Re-score", Command("score", program=program.name)),
            command_choice("Remove", Command("remove", program=program.name), ChoiceStyle.danger),
        ),
    )


def _contact(program: Program) -> str | None:
    if not program.contact_name:
        return None
    role = f" ({program.contact_role.value})" if program.contact_role else ""
    return program.contact_name + role


def profile_reply(profile: ApplicantProfile, default_max_visits: int) -> Reply:
    fields = [
        InfoField(label="International graduate (IMG)", value="yes" if profile.img else "no"),
        InfoField(label="In the US now", value="yes" if profile.in_us else "no"),
        InfoField(
            label="Visa", value=VISA_LABELS[profile.visa.value] if profile.visa else "not set"
        ),
        InfoField(
            label="Home",
            value=", ".join(x for x in (profile.home_city, profile.home_state) if x) or "not set",
        ),
        InfoField(label="Name for emails", value=profile.name or "not set"),
        *(
            [InfoField(label="Arriving in the US", value=profile.arrival_date.isoformat())]
            if profile.arrival_date
            else []
        ),
        InfoField(
            label="Second looks you can make",
            value=str(profile.max_visits or f"{default_max_visits} (default)"),
        ),
        InfoField(
            label="Interviews",
            value=f"{profile.interviews_attended} attended of {profile.interviews_needed} wanted",
        ),
    ]
    return Reply(
        text="Your profile.",
        sections=[Section(fields=fields)],
        choices=choices(
            command_choice("Edit profile", Command("profile", value="edit"), ChoiceStyle.primary)
        ),
    )
