"""What a visit can and cannot change: the context every verdict's reasons draw on.

Facts from domain.md §2 ("Context the reasons should use"), phrased in our own words.
"""

from __future__ import annotations

from core.models import (
    ApplicantProfile,
    Goal,
    InterestSignal,
    Policy,
    ProgramType,
    ScoredProgram,
    Visa,
)

EFFECT_BY_TYPE: dict[ProgramType, str] = {
    ProgramType.elite_academic: (
        "minimal: at a large academic program a visit can only settle a tie, if that"
    ),
    ProgramType.mid_academic: "small, and it depends on how close a call you are for them",
    ProgramType.community: "moderate when the committee is choosing between close applicants",
    ProgramType.new: ("moderate: a young program is reassured to see that you would actually come"),
}

EFFECT_UNKNOWN_TYPE = (
    "small at most; set the program type for a sharper estimate"
    " (a visit never lifts you from mid-list to the top)"
)
EFFECT_DISCOURAGED = (
    "none to negative: this program said visits are not part of ranking,"
    " and pushing for one can count against you"
)
EFFECT_NOT_OFFERED = (
    "negative if you ask again or show up anyway: respecting their answer is what counts"
)

GOAL_QUESTIONS: dict[Goal, str] = {
    Goal.rank_order: "what would make you rank this program above your closest alternative",
    Goal.relocation: "the city itself: housing, commute, cost of living, family and community",
    Goal.training: "supervision, autonomy, case volume and where graduates go for fellowship",
    Goal.show_interest: (
        "a calm, specific conversation that shows your interest is real"
        " (an email does much of this)"
    ),
}


def expected_effect(program: ScoredProgram) -> str:
    """How much a visit is likely to move this program's view of the applicant."""
    if program.policy is Policy.not_offered or program.declined:
        return EFFECT_NOT_OFFERED
    if program.policy is Policy.discouraged:
        return EFFECT_DISCOURAGED
    if program.program_type is None:
        return EFFECT_UNKNOWN_TYPE
    return EFFECT_BY_TYPE[program.program_type]


def effect_reason(program: ScoredProgram) -> str:
    kind = program.program_type.value.replace("_", " ") if program.program_type else "type unknown"
    return (
        f"Expected effect of a visit on how this program ({kind}) ranks you: "
        f"{expected_effect(program)}. A second look breaks ties and screens for red flags;"
        " skipping one almost never hurts."
    )


def interest_reason(program: ScoredProgram) -> str | None:
    if program.interest_signal is InterestSignal.probably_low:
        return (
            "The program probably reads your interest as low (things went quiet after the"
            " interview); a visit rarely changes that on its own."
        )
    if program.interest_signal is InterestSignal.clearly_high:
        return (
            "The program already reads your interest as high; a calm, well-prepared visit"
            " confirms it, and skipping one will not undo it."
        )
    return None


def applicant_reasons(profile: ApplicantProfile, program: ScoredProgram) -> list[str]:
    """IMG and travel context that changes what a visit is worth for this applicant."""
    reasons: list[str] = []
    if profile.img and program.importance == 3 and program.uncertainty >= 2:
        reasons.append(
            "As an IMG with limited US clinical time, seeing the real daily workflow of a"
            " top choice with open questions is worth more than usual, especially if your"
            " interview day is now a blur."
        )
    elif profile.img and program.uncertainty >= 2:
        reasons.append(
            "As an IMG, watching how residents actually work here (handoffs, documentation,"
            " supervision) answers questions an interview day rarely does."
        )
    if not profile.in_us:
        reasons.append(
            f"You are outside the US, so travel {program.travel} should include the visa"
            " and an international flight."
        )
        if profile.visa is Visa.b1_b2:
            reasons.append(
                "On a B-1/B-2 visitor visa, fold several programs into one trip rather than"
                " flying in for each."
            )
    return reasons
