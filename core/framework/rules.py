"""The rules of domain.md §2, one function each; the first that fires decides.

Each rule returns ``None`` when it does not apply, or a :class:`Decision` whose first
reason names the rule and the numbers that fired it. Rule 7 (the visit budget) needs
every program at once and lives in :mod:`core.framework.plan`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from core.framework.config import FrameworkConfig
from core.framework.context import GOAL_QUESTIONS
from core.models import Goal, Policy, ScoredProgram, Verdict

GOAL_LIST = ", ".join(goal.value for goal in Goal)


@dataclass
class Decision:
    verdict: Verdict
    rule: int
    reasons: list[str]
    next_step: str
    budget_candidate: bool = False
    notes: list[str] = field(default_factory=list)


Rule = Callable[[ScoredProgram, FrameworkConfig], Decision | None]


def _goal_hint(program: ScoredProgram) -> str:
    if not program.goals:
        return ""
    first = program.goals[0]
    return f" Bring a question on {first.value.replace('_', ' ')}: {GOAL_QUESTIONS[first]}."


def rule_1_not_offered(program: ScoredProgram, _: FrameworkConfig) -> Decision | None:
    if program.policy is not Policy.not_offered and not program.declined:
        return None
    if program.declined:
        why = "Rule 1: you already asked and the program said no (declined = true)."
    else:
        why = "Rule 1: the program does not offer second looks (policy = not_offered)."
    return Decision(
        Verdict.do_not_request,
        1,
        [
            why,
            "Asking again, or turning up anyway, tests your professionalism and you would"
            " fail that test.",
        ],
        "Do not request a visit. Send the interest-without-a-visit letter"
        " (template: interest_without_visit) if you want them to know they rank high for you.",
    )


def rule_2_no_goal(program: ScoredProgram, _: FrameworkConfig) -> Decision | None:
    if program.goals:
        return None
    return Decision(
        Verdict.skip,
        2,
        [
            "Rule 2: no goal is set, so the visit has no question to answer"
            ' ("everyone is doing it" is not one).'
        ],
        f"Name what a visit should settle ({GOAL_LIST}), then score the program again.",
    )


def rule_3_low_importance(program: ScoredProgram, config: FrameworkConfig) -> Decision | None:
    limit = config.thresholds.skip_importance_max
    if program.importance > limit:
        return None
    return Decision(
        Verdict.skip,
        3,
        [
            f"Rule 3: importance {program.importance} is {limit} or less; a visit costs more"
            " than it can tell you about a program that matters this little."
        ],
        "No visit. Rank it where it belongs; nothing more to send.",
    )


def rule_4_clear_fit(program: ScoredProgram, config: FrameworkConfig) -> Decision | None:
    limit = config.thresholds.skip_uncertainty_max
    if program.uncertainty > limit:
        return None
    if Goal.relocation in program.goals and program.policy is not Policy.discouraged:
        return Decision(
            Verdict.consider,
            4,
            [
                f"Rule 4: uncertainty {program.uncertainty} is {limit} or less, so the fit is"
                " clear, but relocation is a goal: the city and life questions are still open"
                " and only being there answers them."
            ],
            "Consider a short trip focused on the city (housing, commute, family);"
            " a brief, sincere interest email covers the program side.",
        )
    return Decision(
        Verdict.skip,
        4,
        [
            f"Rule 4: uncertainty {program.uncertainty} is {limit} or less: you already know"
            " how this program fits, so a visit has little left to answer."
        ],
        "Send a short, sincere interest email (template: interest_without_visit);"
        " it does what the visit would.",
    )


def rule_5_discouraged(program: ScoredProgram, _: FrameworkConfig) -> Decision | None:
    if program.policy is not Policy.discouraged:
        return None
    return Decision(
        Verdict.virtual,
        5,
        [
            "Rule 5: the program discourages second looks (policy = discouraged), so the most"
            " worth asking for is a virtual look, never an in-person visit."
        ],
        "Ask for a virtual second look (template: virtual_request): a video call with"
        " residents, a virtual morning report, or a chat with a current resident."
        + _goal_hint(program),
    )


def rule_6_high_stakes(program: ScoredProgram, config: FrameworkConfig) -> Decision | None:
    limits = config.thresholds
    if (
        program.uncertainty < limits.prioritize_uncertainty_min
        or program.importance < limits.prioritize_importance_min
    ):
        return None
    numbers = (
        f"uncertainty {program.uncertainty} ≥ {limits.prioritize_uncertainty_min}"
        f" and importance {program.importance} ≥ {limits.prioritize_importance_min}"
    )
    if program.travel <= limits.prioritize_travel_max:
        return Decision(
            Verdict.prioritize,
            6,
            [
                f"Rule 6: {numbers}, and travel {program.travel} ≤"
                f" {limits.prioritize_travel_max}: a visit can answer real questions"
                " at a price you can pay."
            ],
            "Send the second-look request (template: request) offering two or three"
            " weekdays." + _goal_hint(program),
            budget_candidate=True,
        )
    if Goal.rank_order in program.goals:
        return Decision(
            Verdict.consider,
            6,
            [
                f"Rule 6: {numbers}, but travel {program.travel} is the hardest kind; go only"
                " if the visit could change your rank order, which is a goal here."
            ],
            "Try a virtual second look first (template: virtual_request); travel only if it"
            " leaves the tie unbroken." + _goal_hint(program),
        )
    return Decision(
        Verdict.virtual,
        6,
        [
            f"Rule 6: {numbers}, but travel {program.travel} is the hardest kind and breaking"
            " a tie in your rank order is not a goal, so the trip is not worth it."
        ],
        "Ask for a virtual second look (template: virtual_request) to answer what is left."
        + _goal_hint(program),
    )


def rule_8_otherwise(program: ScoredProgram, _: FrameworkConfig) -> Decision:
    return Decision(
        Verdict.consider,
        8,
        [
            f"Rule 8: no stronger rule fired (uncertainty {program.uncertainty},"
            f" importance {program.importance}, travel {program.travel})."
        ],
        "Keep it on the list and decide once your prioritized visits are set."
        + _goal_hint(program),
    )


RULES: tuple[Rule, ...] = (
    rule_1_not_offered,
    rule_2_no_goal,
    rule_3_low_importance,
    rule_4_clear_fit,
    rule_5_discouraged,
    rule_6_high_stakes,
)


def decide(program: ScoredProgram, config: FrameworkConfig) -> Decision:
    """The verdict of the first rule that fires, before the visit budget is applied."""
    for rule in RULES:
        decision = rule(program, config)
        if decision is not None:
            return decision
    return rule_8_otherwise(program, config)
