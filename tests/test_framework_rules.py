"""Rules 1-6 and 8 of domain.md §2, at their boundaries, through the public API.

Each case builds one program with :func:`program` (defaults: a welcome program with a
training goal that rule 6 would prioritize) and changes only what the rule looks at.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.framework import FrameworkConfig, decide, load_config, recommend
from core.models import ApplicantProfile, Recommendation, ScoredProgram, Verdict

CONFIG = load_config()

GOALS = ("rank_order", "relocation", "training", "show_interest")


def program(name: str = "Test Program", **overrides: Any) -> ScoredProgram:
    fields: dict[str, Any] = {
        "name": name,
        "policy": "welcome",
        "uncertainty": 2,
        "importance": 2,
        "travel": 1,
        "goals": ["training"],
    }
    fields.update(overrides)
    return ScoredProgram(**fields)


def recommend_one(prog: ScoredProgram, profile: ApplicantProfile | None = None) -> Recommendation:
    (rec,) = recommend([prog], profile or ApplicantProfile(), CONFIG)
    return rec


def all_text(rec: Recommendation) -> str:
    return " ".join([*rec.reasons, rec.next_step]).lower()


# --- Rule 1: not offered, or already declined → do_not_request -----------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"policy": "not_offered"},
        {"policy": "not_offered", "uncertainty": 3, "importance": 3, "travel": 0},
        {"declined": True},
        {
            "declined": True,
            "policy": "welcome",
            "uncertainty": 3,
            "importance": 3,
            "travel": 0,
            "goals": ["rank_order", "training"],
        },
        {"declined": True, "policy": "discouraged"},
    ],
    ids=[
        "not_offered",
        "not_offered-top-scores",
        "declined",
        "declined-welcome-top",
        "declined-discouraged",
    ],
)
def test_rule_1_do_not_request(overrides: dict[str, Any]) -> None:
    rec = recommend_one(program(**overrides))
    assert rec.verdict is Verdict.do_not_request
    assert rec.rule == 1
    assert "interest_without_visit" in rec.next_step
    assert "do not request" in rec.next_step.lower()


def test_rule_1_reason_names_what_fired_it() -> None:
    declined = recommend_one(program(declined=True))
    assert declined.reasons[0].startswith("Rule 1")
    assert "declined" in declined.reasons[0]
    not_offered = recommend_one(program(policy="not_offered"))
    assert not_offered.reasons[0].startswith("Rule 1")
    assert "not_offered" in not_offered.reasons[0]


@pytest.mark.parametrize("policy", ["welcome", "neutral", "discouraged"])
def test_rule_1_does_not_fire_without_refusal(policy: str) -> None:
    assert decide(program(policy=policy), CONFIG).rule != 1


# --- Rule 2: no goal → skip ---------------------------------------------------------


@pytest.mark.parametrize("scores", [(2, 2, 0), (3, 3, 0), (3, 3, 3)])
def test_rule_2_empty_goals_skip(scores: tuple[int, int, int]) -> None:
    u, i, t = scores
    rec = recommend_one(program(goals=[], uncertainty=u, importance=i, travel=t))
    assert rec.verdict is Verdict.skip
    assert rec.rule == 2
    assert rec.reasons[0].startswith("Rule 2")
    assert "no goal" in rec.reasons[0].lower()
    # The next step says what a goal could be.
    for goal in GOALS:
        assert goal in rec.next_step


@pytest.mark.parametrize("overrides", [{"policy": "not_offered"}, {"declined": True}])
def test_rule_1_wins_over_rule_2(overrides: dict[str, Any]) -> None:
    rec = recommend_one(program(goals=[], **overrides))
    assert rec.verdict is Verdict.do_not_request
    assert rec.rule == 1


def test_one_goal_is_enough_to_pass_rule_2() -> None:
    assert decide(program(goals=["show_interest"]), CONFIG).rule != 2


# --- Rule 3: importance ≤ 1 → skip ---------------------------------------------------


@pytest.mark.parametrize("importance", [0, 1])
@pytest.mark.parametrize("uncertainty", [0, 3])
def test_rule_3_low_importance_skip(importance: int, uncertainty: int) -> None:
    rec = recommend_one(
        program(importance=importance, uncertainty=uncertainty, travel=0, goals=["relocation"])
    )
    assert rec.verdict is Verdict.skip
    assert rec.rule == 3
    assert rec.reasons[0].startswith("Rule 3")
    assert f"importance {importance}" in rec.reasons[0]


def test_rule_3_boundary_importance_2_does_not_fire() -> None:
    decision = decide(program(importance=2, uncertainty=3, travel=0), CONFIG)
    assert decision.rule == 6
    assert decision.verdict is Verdict.prioritize


# --- Rule 4: uncertainty ≤ 1 → skip, unless relocation is a goal --------------------


@pytest.mark.parametrize("uncertainty", [0, 1])
@pytest.mark.parametrize("policy", ["welcome", "neutral", "discouraged"])
def test_rule_4_clear_fit_skip(uncertainty: int, policy: str) -> None:
    rec = recommend_one(
        program(
            uncertainty=uncertainty,
            importance=3,
            travel=0,
            policy=policy,
            goals=["training", "rank_order"],
        )
    )
    assert rec.verdict is Verdict.skip
    assert rec.rule == 4
    assert rec.reasons[0].startswith("Rule 4")
    assert f"uncertainty {uncertainty}" in rec.reasons[0]
    assert "interest email" in rec.next_step


@pytest.mark.parametrize("uncertainty", [0, 1])
@pytest.mark.parametrize("policy", ["welcome", "neutral"])
def test_rule_4_relocation_makes_it_consider(uncertainty: int, policy: str) -> None:
    rec = recommend_one(
        program(uncertainty=uncertainty, importance=3, policy=policy, goals=["relocation"])
    )
    assert rec.verdict is Verdict.consider
    assert rec.rule == 4
    assert rec.reasons[0].startswith("Rule 4")
    assert f"uncertainty {uncertainty}" in rec.reasons[0]
    assert "relocation" in rec.reasons[0]
    assert "city" in rec.next_step


def test_rule_4_relocation_but_discouraged_is_skip() -> None:
    rec = recommend_one(
        program(uncertainty=1, importance=3, policy="discouraged", goals=["relocation"])
    )
    assert rec.verdict is Verdict.skip
    assert rec.rule == 4


def test_rule_4_boundary_uncertainty_2_does_not_fire() -> None:
    for goals in (["training"], ["relocation"]):
        decision = decide(program(uncertainty=2, importance=2, travel=0, goals=goals), CONFIG)
        assert decision.rule == 6
        assert decision.verdict is Verdict.prioritize


def test_rule_3_wins_over_rule_4_relocation() -> None:
    decision = decide(program(uncertainty=1, importance=1, goals=["relocation"]), CONFIG)
    assert decision.verdict is Verdict.skip
    assert decision.rule == 3


# --- Rule 5: discouraged → at most virtual -------------------------------------------


@pytest.mark.parametrize("travel", [0, 1, 2, 3])
@pytest.mark.parametrize("scores", [(2, 2), (3, 3), (2, 3), (3, 2)])
@pytest.mark.parametrize("goals", [["training"], ["rank_order", "relocation"]])
def test_rule_5_discouraged_is_virtual_never_prioritize(
    travel: int, scores: tuple[int, int], goals: list[str]
) -> None:
    u, i = scores
    prog = program(policy="discouraged", uncertainty=u, importance=i, travel=travel, goals=goals)
    # Alone, with a budget that has room for it: still virtual.
    rec = recommend_one(prog, ApplicantProfile(max_visits=3))
    assert rec.verdict is Verdict.virtual
    assert rec.rule == 5
    assert rec.reasons[0].startswith("Rule 5")
    assert "discouraged" in rec.reasons[0]
    assert "virtual" in rec.next_step.lower()
    assert "discourage" in rec.expected_effect or "negative" in rec.expected_effect


# --- Rule 6: uncertainty ≥ 2 and importance ≥ 2 --------------------------------------


@pytest.mark.parametrize("travel", [0, 1, 2])
@pytest.mark.parametrize("scores", [(2, 2), (3, 3), (2, 3), (3, 2)])
@pytest.mark.parametrize("policy", ["welcome", "neutral"])
def test_rule_6_prioritize_when_travel_at_most_2(
    travel: int, scores: tuple[int, int], policy: str
) -> None:
    u, i = scores
    rec = recommend_one(program(uncertainty=u, importance=i, travel=travel, policy=policy))
    assert rec.verdict is Verdict.prioritize
    assert rec.rule == 6
    first = rec.reasons[0]
    assert first.startswith("Rule 6")
    assert f"uncertainty {u}" in first
    assert f"importance {i}" in first
    assert f"travel {travel}" in first


@pytest.mark.parametrize("goals", [["rank_order"], ["training", "rank_order"]])
def test_rule_6_travel_3_with_rank_order_is_consider_virtual_first(goals: list[str]) -> None:
    rec = recommend_one(program(uncertainty=3, importance=3, travel=3, goals=goals))
    assert rec.verdict is Verdict.consider
    assert rec.rule == 6
    assert rec.reasons[0].startswith("Rule 6")
    assert "travel 3" in rec.reasons[0]
    assert "rank order" in rec.reasons[0]
    next_step = rec.next_step.lower()
    assert "virtual" in next_step
    assert "first" in next_step
    # The virtual alternative is offered before any trip is mentioned.
    assert next_step.index("virtual") < next_step.index("travel")


@pytest.mark.parametrize("goals", [["training"], ["relocation", "show_interest"]])
def test_rule_6_travel_3_without_rank_order_is_virtual(goals: list[str]) -> None:
    rec = recommend_one(program(uncertainty=2, importance=2, travel=3, goals=goals))
    assert rec.verdict is Verdict.virtual
    assert rec.rule == 6
    assert rec.reasons[0].startswith("Rule 6")
    assert "travel 3" in rec.reasons[0]
    assert "virtual" in rec.next_step.lower()


def test_rule_6_next_step_brings_a_question_on_the_first_goal() -> None:
    rec = recommend_one(program(goals=["training"]))
    assert "template: request" in rec.next_step
    assert "question on training" in rec.next_step


# --- Rule 8: nothing stronger fired --------------------------------------------------


def test_rule_8_when_no_other_rule_fires() -> None:
    # With the default thresholds rules 3, 4 and 6 cover every score; raise rule 6's bar.
    config = FrameworkConfig.model_validate({"thresholds": {"prioritize_uncertainty_min": 3}})
    rec = recommend([program(uncertainty=2, importance=3, travel=1)], ApplicantProfile(), config)[0]
    assert rec.verdict is Verdict.consider
    assert rec.rule == 8
    assert rec.reasons[0].startswith("Rule 8")
    for number in ("uncertainty 2", "importance 3", "travel 1"):
        assert number in rec.reasons[0]


# --- Every verdict: the first reason names its rule and the numbers ------------------


CASES = [
    ({"policy": "not_offered"}, 1, "not_offered"),
    ({"declined": True}, 1, "declined"),
    ({"goals": []}, 2, "goal"),
    ({"importance": 1}, 3, "importance 1"),
    ({"importance": 0}, 3, "importance 0"),
    ({"uncertainty": 1}, 4, "uncertainty 1"),
    ({"uncertainty": 0, "goals": ["relocation"]}, 4, "uncertainty 0"),
    ({"policy": "discouraged"}, 5, "discouraged"),
    ({"travel": 2}, 6, "travel 2"),
    ({"travel": 3, "goals": ["rank_order"]}, 6, "travel 3"),
    ({"travel": 3}, 6, "travel 3"),
]


@pytest.mark.parametrize(("overrides", "rule", "words"), CASES)
def test_first_reason_names_rule_and_numbers(
    overrides: dict[str, Any], rule: int, words: str
) -> None:
    prog = program(**overrides)
    rec = recommend_one(prog)
    assert rec.rule == rule
    assert rec.reasons[0].startswith(f"Rule {rule}")
    assert words in rec.reasons[0]
    # decide() agrees with recommend() when the budget does not intervene.
    decision = decide(prog, CONFIG)
    assert (decision.rule, decision.verdict) == (rec.rule, rec.verdict)
    assert rec.next_step.strip()
    assert rec.priority == CONFIG.priority_of(prog.uncertainty, prog.importance, prog.travel)


# --- Context: expected effect, interest signal, IMG, travel, interviews --------------


@pytest.mark.parametrize(
    ("program_type", "word"),
    [
        ("elite_academic", "minimal"),
        ("mid_academic", "small"),
        ("community", "moderate"),
        ("new", "moderate"),
    ],
)
def test_expected_effect_by_program_type(program_type: str, word: str) -> None:
    rec = recommend_one(program(program_type=program_type))
    assert word in rec.expected_effect.lower()
    # The reasons repeat it, so the user sees it next to the verdict.
    assert any(rec.expected_effect in reason for reason in rec.reasons)


def test_expected_effect_differs_between_elite_and_community() -> None:
    elite = recommend_one(program(program_type="elite_academic")).expected_effect
    community = recommend_one(program(program_type="community")).expected_effect
    new = recommend_one(program(program_type="new")).expected_effect
    assert elite != community
    assert "moderate" not in elite.lower()
    assert "minimal" not in community.lower()
    assert "minimal" not in new.lower()


def test_expected_effect_of_discouraged_or_refused_programs_warns() -> None:
    discouraged = recommend_one(program(policy="discouraged", program_type="community"))
    assert "negative" in discouraged.expected_effect.lower()
    refused = recommend_one(program(declined=True, program_type="new"))
    assert "negative" in refused.expected_effect.lower()


def test_interest_signal_probably_low_adds_reason() -> None:
    low = recommend_one(program(interest_signal="probably_low"))
    neutral = recommend_one(program(interest_signal="neutral"))
    low_reasons = [r for r in low.reasons if "rarely" in r.lower()]
    assert len(low_reasons) == 1
    assert "interest" in low_reasons[0].lower()
    assert "low" in low_reasons[0].lower()
    assert not any("rarely" in r.lower() for r in neutral.reasons)
    assert len(low.reasons) == len(neutral.reasons) + 1


def test_interest_signal_clearly_high_is_confirmed_by_a_calm_visit() -> None:
    rec = recommend_one(program(interest_signal="clearly_high"))
    assert any("high" in r.lower() and "confirm" in r.lower() for r in rec.reasons)


def test_img_adds_reason_for_prioritized_top_choice() -> None:
    top = program(uncertainty=3, importance=3, travel=1)
    img = recommend_one(top, ApplicantProfile(img=True))
    not_img = recommend_one(top, ApplicantProfile(img=False))
    assert img.verdict is Verdict.prioritize
    img_reasons = [r for r in img.reasons if "IMG" in r]
    assert len(img_reasons) == 1
    assert "workflow" in img_reasons[0].lower()
    assert not any("IMG" in r for r in not_img.reasons)


def test_img_reason_not_given_for_a_skipped_program() -> None:
    rec = recommend_one(program(importance=1), ApplicantProfile(img=True))
    assert rec.verdict is Verdict.skip
    assert not any("IMG" in r for r in rec.reasons)


def test_abroad_adds_travel_and_visa_reason() -> None:
    abroad = recommend_one(program(travel=2), ApplicantProfile(in_us=False))
    home = recommend_one(program(travel=2), ApplicantProfile(in_us=True))
    travel_reasons = [r for r in abroad.reasons if "visa" in r.lower()]
    assert len(travel_reasons) == 1
    assert "outside the us" in travel_reasons[0].lower()
    assert "travel 2" in travel_reasons[0]
    assert not any("visa" in r.lower() for r in home.reasons)


@pytest.mark.parametrize(("visa", "combine"), [("b1_b2", True), ("j1", False), (None, False)])
def test_b1_b2_visitors_are_told_to_combine_trips(visa: str | None, combine: bool) -> None:
    rec = recommend_one(program(), ApplicantProfile(in_us=False, visa=visa))
    combined = [r for r in rec.reasons if "one trip" in r.lower()]
    assert bool(combined) is combine
    if combine:
        assert "B-1/B-2" in combined[0]


def test_b1_b2_inside_the_us_gets_no_travel_advice() -> None:
    rec = recommend_one(program(), ApplicantProfile(in_us=True, visa="b1_b2"))
    assert not any("one trip" in r.lower() for r in rec.reasons)


@pytest.mark.parametrize(
    ("attended", "needed", "short"),
    [(3, 10, True), (9, 10, True), (10, 10, False), (12, 10, False)],
)
def test_interviews_first(attended: int, needed: int, short: bool) -> None:
    profile = ApplicantProfile(interviews_attended=attended, interviews_needed=needed)
    rec = recommend_one(program(), profile)
    assert rec.verdict is Verdict.prioritize
    interview_reasons = [r for r in rec.reasons if "interviews" in r.lower()]
    assert bool(interview_reasons) is short
    assert rec.next_step.lower().startswith("first keep and attend") is short
    if short:
        assert f"{attended} of the {needed}" in interview_reasons[0]
        # The usual request still follows the prefix.
        assert "template: request" in rec.next_step


def test_interviews_first_prefix_only_on_prioritize() -> None:
    profile = ApplicantProfile(interviews_attended=1, interviews_needed=10)
    rec = recommend_one(program(importance=1), profile)
    assert rec.verdict is Verdict.skip
    assert not rec.next_step.lower().startswith("first keep")


# --- Order ---------------------------------------------------------------------------


def test_output_order_equals_input_order() -> None:
    programs = [
        program("Zeta", uncertainty=2, importance=2, travel=2),
        program("Alpha", policy="not_offered"),
        program("Mu", uncertainty=3, importance=3, travel=0),
        program("Beta", goals=[]),
        program("Kappa", uncertainty=3, importance=3, travel=3, goals=["rank_order"]),
        program("Delta", uncertainty=3, importance=2, travel=1),
    ]
    recs = recommend(programs, ApplicantProfile(max_visits=1), CONFIG)
    assert [rec.name for rec in recs] == [p.name for p in programs]
    assert [rec.verdict for rec in recs] == [
        Verdict.consider,
        Verdict.do_not_request,
        Verdict.prioritize,
        Verdict.skip,
        Verdict.consider,
        Verdict.consider,
    ]
    reversed_recs = recommend(list(reversed(programs)), ApplicantProfile(max_visits=1), CONFIG)
    assert [rec.name for rec in reversed_recs] == [p.name for p in reversed(programs)]
    assert {r.name: r.verdict for r in reversed_recs} == {r.name: r.verdict for r in recs}


def test_empty_plan_gives_empty_answer() -> None:
    assert recommend([], ApplicantProfile(), CONFIG) == []
