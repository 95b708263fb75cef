"""Rule 7 (the visit budget), the priority score, and thresholds read from configuration."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from core.framework import FrameworkConfig, load_config, max_visits, recommend
from core.models import ApplicantProfile, Recommendation, ScoredProgram, Verdict
from core.validation import InputProblem

CONFIG = load_config()


def program(
    name: str, uncertainty: int, importance: int, travel: int, **extra: Any
) -> ScoredProgram:
    fields: dict[str, Any] = {"policy": "welcome", "goals": ["training"], **extra}
    return ScoredProgram(
        name=name, uncertainty=uncertainty, importance=importance, travel=travel, **fields
    )


def by_name(recs: list[Recommendation]) -> dict[str, Recommendation]:
    return {rec.name: rec for rec in recs}


def prioritized(recs: list[Recommendation]) -> set[str]:
    return {rec.name for rec in recs if rec.verdict is Verdict.prioritize}


# Five programs rule 6 would prioritize, with distinct priorities under the default weights.
FIVE = [
    program("C", 2, 2, 2),  # 3.0
    program("A", 3, 3, 0),  # 6.0
    program("E", 2, 2, 1),  # 3.5
    program("B", 3, 3, 1),  # 5.5
    program("D", 3, 2, 1),  # 4.5
]
RANKED = ["A", "B", "D", "E", "C"]


def test_five_candidates_have_distinct_priorities_in_the_expected_order() -> None:
    priorities = {p.name: CONFIG.priority_of(p.uncertainty, p.importance, p.travel) for p in FIVE}
    assert sorted(priorities, key=lambda name: -priorities[name]) == RANKED
    assert len(set(priorities.values())) == 5


@pytest.mark.parametrize(
    ("profile", "budget"),
    [
        (ApplicantProfile(max_visits=1), 1),
        (ApplicantProfile(max_visits=2), 2),
        (ApplicantProfile(max_visits=3), 3),
        (ApplicantProfile(), 3),  # default_max_visits from config/framework.toml
    ],
    ids=["max1", "max2", "max3", "default"],
)
def test_top_by_priority_are_prioritized_rest_wait(profile: ApplicantProfile, budget: int) -> None:
    assert max_visits(profile, CONFIG) == budget
    recs = recommend(FIVE, profile, CONFIG)
    assert prioritized(recs) == set(RANKED[:budget])
    named = by_name(recs)
    for place, name in enumerate(RANKED, start=1):
        rec = named[name]
        rule_7 = [r for r in rec.reasons if r.startswith("Rule 7")]
        assert len(rule_7) == 1, rec.reasons
        assert f"#{place} of 5" in rule_7[0]
        assert f"budget of {budget}" in rule_7[0] or f"budget is {budget}" in rule_7[0]
        if place <= budget:
            assert rec.verdict is Verdict.prioritize
            assert rec.rule == 6
            assert "within your budget" in rule_7[0]
        else:
            assert rec.verdict is Verdict.consider
            assert rec.rule == 7
            assert "budget" in rule_7[0]
            assert "waits" in rule_7[0]
            assert "reserve" in rec.next_step.lower()


def test_default_budget_comes_from_config() -> None:
    config = FrameworkConfig.model_validate({"budget": {"default_max_visits": 1}})
    recs = recommend(FIVE, ApplicantProfile(), config)
    assert prioritized(recs) == {"A"}
    # The applicant's own number beats the config default.
    recs = recommend(FIVE, ApplicantProfile(max_visits=2), config)
    assert prioritized(recs) == {"A", "B"}


def test_within_budget_nothing_is_demoted() -> None:
    recs = recommend(FIVE[:3], ApplicantProfile(max_visits=3), CONFIG)
    assert all(rec.verdict is Verdict.prioritize for rec in recs)
    assert all(rec.rule == 6 for rec in recs)


@pytest.mark.parametrize("budget", [1, 2, 3])
@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 6])
def test_prioritized_count_never_exceeds_budget(budget: int, count: int) -> None:
    scores = itertools.islice(itertools.cycle([(3, 3, 2), (2, 3, 0), (3, 2, 1), (2, 2, 2)]), count)
    programs = [program(f"P{n}", *s) for n, s in enumerate(scores)]
    recs = recommend(programs, ApplicantProfile(max_visits=budget), CONFIG)
    assert len(prioritized(recs)) == min(count, budget)


# --- Ties break toward the lower travel ----------------------------------------------


@pytest.mark.parametrize(
    ("near", "far"),
    [((2, 2, 0), (3, 2, 2)), ((2, 3, 0), (3, 3, 2)), ((3, 2, 0), (3, 3, 2))],
)
def test_equal_priority_breaks_toward_lower_travel(
    near: tuple[int, int, int], far: tuple[int, int, int]
) -> None:
    assert CONFIG.priority_of(*near) == CONFIG.priority_of(*far)
    assert near[2] < far[2]
    # The far program comes first in the input, so input order would pick it.
    for programs in (
        [program("Far", *far), program("Near", *near)],
        [program("Near", *near), program("Far", *far)],
    ):
        recs = by_name(recommend(programs, ApplicantProfile(max_visits=1), CONFIG))
        assert recs["Near"].verdict is Verdict.prioritize
        assert recs["Far"].verdict is Verdict.consider
        assert recs["Far"].rule == 7


def test_full_tie_keeps_input_order() -> None:
    programs = [program("First", 3, 2, 1), program("Second", 3, 2, 1)]
    recs = by_name(recommend(programs, ApplicantProfile(max_visits=1), CONFIG))
    assert recs["First"].verdict is Verdict.prioritize
    assert recs["Second"].verdict is Verdict.consider


# --- Who can take a budget place --------------------------------------------------------


def test_discouraged_and_travel_3_never_take_a_budget_place() -> None:
    programs = [
        program("Discouraged", 3, 3, 0, policy="discouraged"),  # highest priority, 6.0
        program("Far", 3, 3, 3, goals=["rank_order"]),  # 4.5
        program("FarNoTie", 3, 3, 3),  # 4.5
        program("Plain", 2, 2, 2),  # 3.0, the only candidate
    ]
    recs = by_name(recommend(programs, ApplicantProfile(max_visits=1), CONFIG))
    assert recs["Plain"].verdict is Verdict.prioritize
    assert any("#1 of 1" in r for r in recs["Plain"].reasons)
    assert (recs["Discouraged"].verdict, recs["Discouraged"].rule) == (Verdict.virtual, 5)
    assert (recs["Far"].verdict, recs["Far"].rule) == (Verdict.consider, 6)
    assert (recs["FarNoTie"].verdict, recs["FarNoTie"].rule) == (Verdict.virtual, 6)
    for name in ("Discouraged", "Far", "FarNoTie"):
        assert not any(r.startswith("Rule 7") for r in recs[name].reasons)


def test_non_candidates_do_not_use_up_the_budget() -> None:
    others = [
        program("NotOffered", 3, 3, 0, policy="not_offered"),
        program("NoGoal", 3, 3, 0, goals=[]),
        program("Relocation", 1, 3, 0, goals=["relocation"]),
    ]
    candidates = [program("X", 2, 2, 1), program("Y", 3, 2, 1)]
    recs = recommend(others + candidates, ApplicantProfile(max_visits=2), CONFIG)
    assert prioritized(recs) == {"X", "Y"}


# --- The priority score ----------------------------------------------------------------


SCORES = range(4)


@pytest.mark.parametrize(("u", "i"), list(itertools.product(SCORES, SCORES)))
def test_priority_falls_as_travel_rises(u: int, i: int) -> None:
    values = [CONFIG.priority_of(u, i, t) for t in SCORES]
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == 4


@pytest.mark.parametrize(("i", "t"), list(itertools.product(SCORES, SCORES)))
def test_priority_grows_with_uncertainty(i: int, t: int) -> None:
    values = [CONFIG.priority_of(u, i, t) for u in SCORES]
    assert values == sorted(values)
    assert len(set(values)) == 4


@pytest.mark.parametrize(("u", "t"), list(itertools.product(SCORES, SCORES)))
def test_priority_grows_with_importance(u: int, t: int) -> None:
    values = [CONFIG.priority_of(u, i, t) for i in SCORES]
    assert values == sorted(values)
    assert len(set(values)) == 4


def test_recommendation_carries_the_priority_score() -> None:
    recs = recommend(FIVE, ApplicantProfile(), CONFIG)
    for prog, rec in zip(FIVE, recs, strict=True):
        assert rec.priority == CONFIG.priority_of(prog.uncertainty, prog.importance, prog.travel)
    assert by_name(recs)["A"].priority > by_name(recs)["C"].priority


# --- Thresholds and weights come from configuration ------------------------------------


def test_default_config_file_matches_the_spec() -> None:
    assert CONFIG.thresholds.skip_importance_max == 1
    assert CONFIG.thresholds.skip_uncertainty_max == 1
    assert CONFIG.thresholds.prioritize_travel_max == 2
    assert CONFIG.budget.default_max_visits == 3


def test_travel_weight_changes_who_gets_the_visit() -> None:
    programs = [program("FarTop", 3, 3, 2), program("NearMid", 2, 2, 0)]
    profile = ApplicantProfile(max_visits=1)
    default = by_name(recommend(programs, profile, CONFIG))
    assert default["FarTop"].verdict is Verdict.prioritize
    assert default["NearMid"].verdict is Verdict.consider

    heavy = FrameworkConfig.model_validate({"priority": {"travel_weight": 1.5}})
    assert heavy.priority_of(3, 3, 2) < heavy.priority_of(2, 2, 0)
    changed = by_name(recommend(programs, profile, heavy))
    assert changed["FarTop"].verdict is Verdict.consider
    assert changed["FarTop"].rule == 7
    assert changed["NearMid"].verdict is Verdict.prioritize


@pytest.mark.parametrize("goals", [["training"], ["rank_order"]])
def test_prioritize_travel_max_from_config(goals: list[str]) -> None:
    prog = program("Two", 3, 3, 2, goals=goals)
    assert recommend([prog], ApplicantProfile(), CONFIG)[0].verdict is Verdict.prioritize
    strict = FrameworkConfig.model_validate({"thresholds": {"prioritize_travel_max": 1}})
    rec = recommend([prog], ApplicantProfile(), strict)[0]
    assert rec.rule == 6
    expected = Verdict.consider if "rank_order" in goals else Verdict.virtual
    assert rec.verdict is expected
    # Travel 1 is still within the stricter limit.
    assert recommend([program("One", 3, 3, 1)], ApplicantProfile(), strict)[0].verdict is (
        Verdict.prioritize
    )


def test_skip_thresholds_from_config() -> None:
    config = FrameworkConfig.model_validate(
        {"thresholds": {"skip_importance_max": 2, "skip_uncertainty_max": 0}}
    )
    importance_2 = recommend([program("I2", 3, 2, 0)], ApplicantProfile(), config)[0]
    assert (importance_2.verdict, importance_2.rule) == (Verdict.skip, 3)
    assert "importance 2" in importance_2.reasons[0]
    # uncertainty 1 no longer counts as a clear fit; with rule 6's minimum at 2 → rule 8.
    uncertainty_1 = recommend([program("U1", 1, 3, 0)], ApplicantProfile(), config)[0]
    assert uncertainty_1.rule == 8
    assert uncertainty_1.verdict is Verdict.consider


def test_load_config_reads_a_custom_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[budget]\ndefault_max_visits = 2\n\n[priority]\ntravel_weight = 2.0\n")
    config = load_config(rules)
    assert config.budget.default_max_visits == 2
    assert config.priority.travel_weight == 2.0
    # Unspecified sections keep their defaults.
    assert config.thresholds.prioritize_travel_max == 2
    assert prioritized(recommend(FIVE, ApplicantProfile(), config)) == {"A", "B"}


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("[budget]\ndefault_max_visits = 5\n", "default_max_visits"),
        ("[budget]\ndefault_max_visits = 0\n", "default_max_visits"),
        ("[thresholds]\nprioritize_travel_max = 4\n", "prioritize_travel_max"),
        ('[thresholds]\nskip_importance_max = "one"\n', "skip_importance_max"),
        ("[priority]\ntravel_weight = -0.5\n", "travel_weight"),
    ],
)
def test_load_config_rejects_bad_values_naming_the_key(tmp_path: Path, toml: str, key: str) -> None:
    rules = tmp_path / "framework.toml"
    rules.write_text(toml)
    with pytest.raises(InputProblem) as caught:
        load_config(rules)
    message = str(caught.value)
    assert key in message
    assert str(rules) in message
    assert "\n" not in message


def test_load_config_suggests_a_misspelled_key(tmp_path: Path) -> None:
    rules = tmp_path / "framework.toml"
    rules.write_text("[priority]\ntravel_wieght = 1.0\n")
    with pytest.raises(InputProblem, match="travel_wieght") as caught:
        load_config(rules)
    assert "did you mean 'travel_weight'" in str(caught.value)


def test_load_config_rejects_broken_toml_and_missing_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[budget\ndefault_max_visits = 3\n")
    with pytest.raises(InputProblem, match="not valid TOML"):
        load_config(broken)
    with pytest.raises(InputProblem, match="cannot read"):
        load_config(tmp_path / "absent.toml")
