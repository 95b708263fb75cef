"""A whole plan: every program's verdict, with the visit budget (rule 7) applied."""

from __future__ import annotations

from collections.abc import Sequence

from core.framework.config import FrameworkConfig
from core.framework.context import (
    applicant_reasons,
    effect_reason,
    expected_effect,
    interest_reason,
)
from core.framework.rules import Decision, decide
from core.models import ApplicantProfile, Program, Recommendation, ScoredProgram, Verdict


def max_visits(profile: ApplicantProfile, config: FrameworkConfig) -> int:
    return profile.max_visits or config.budget.default_max_visits


def _apply_budget(
    programs: Sequence[ScoredProgram],
    decisions: list[Decision],
    priorities: list[float],
    budget: int,
) -> None:
    """Rule 7: only the top ``budget`` candidates stay prioritized; ties go to lower travel."""
    candidates = [index for index, decision in enumerate(decisions) if decision.budget_candidate]
    candidates.sort(key=lambda index: (-priorities[index], programs[index].travel, index))
    total = len(candidates)
    for place, index in enumerate(candidates, start=1):
        decision = decisions[index]
        standing = f"#{place} of {total} by priority {priorities[index]:g}"
        if place <= budget:
            decision.reasons.append(f"Rule 7: {standing}, within your budget of {budget} visit(s).")
            continue
        decision.verdict = Verdict.consider
        decision.rule = 7
        # The deciding rule leads; rule 6 (why it was a candidate) follows.
        decision.reasons.insert(
            0, f"Rule 7: {standing}; your budget is {budget} visit(s), so this one waits."
        )
        decision.next_step = (
            "Hold it in reserve: if one of your prioritized visits falls through, this is"
            " the next to request (template: request)."
        )


def _context(profile: ApplicantProfile, program: ScoredProgram, decision: Decision) -> list[str]:
    extra = [effect_reason(program)]
    signal = interest_reason(program)
    if signal:
        extra.append(signal)
    if decision.verdict in {Verdict.prioritize, Verdict.consider, Verdict.virtual}:
        extra.extend(applicant_reasons(profile, program))
    if profile.short_of_interviews and decision.verdict in {Verdict.prioritize, Verdict.consider}:
        extra.append(
            f"You have {profile.interviews_attended} of the {profile.interviews_needed}"
            " interviews you want: keeping and attending interviews comes before any second look."
        )
    return extra


def recommend(
    programs: Sequence[ScoredProgram], profile: ApplicantProfile, config: FrameworkConfig
) -> list[Recommendation]:
    """Verdicts for ``programs``, in their input order."""
    decisions = [decide(program, config) for program in programs]
    priorities = [
        config.priority_of(program.uncertainty, program.importance, program.travel)
        for program in programs
    ]
    _apply_budget(programs, decisions, priorities, max_visits(profile, config))
    results = []
    for program, decision, priority in zip(programs, decisions, priorities, strict=True):
        next_step = decision.next_step
        if profile.short_of_interviews and decision.verdict is Verdict.prioritize:
            next_step = "First keep and attend your remaining interviews. Then: " + next_step
        results.append(
            Recommendation(
                name=program.name,
                verdict=decision.verdict,
                priority=priority,
                rule=decision.rule,
                reasons=decision.reasons + _context(profile, program, decision),
                next_step=next_step,
                expected_effect=expected_effect(program),
            )
        )
    return results


def recommend_tracked(
    programs: Sequence[Program], profile: ApplicantProfile, config: FrameworkConfig
) -> dict[str, Recommendation]:
    """Verdicts for the stored programs that have all three scores, keyed by name.

    Unscored programs get no verdict (the caller asks for their scores) and take no
    place in the visit budget.
    """
    scored = [ScoredProgram.model_validate(p.model_dump()) for p in programs if p.is_scored]
    return {rec.name: rec for rec in recommend(scored, profile, config)}
