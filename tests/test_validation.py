"""Bad input to ``secondlook recommend --json`` gets one clear line naming what to fix."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.framework.jsonio import read_plan
from core.models import Goal, Policy, ProgramType
from core.validation import InputProblem

NAME = "Mayo Clinic"
# Marks a field to leave out of an entry.
DROP = object()


def entry(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "name": NAME,
        "uncertainty": 2,
        "importance": 2,
        "travel": 1,
        "goals": ["training"],
    }
    fields.update(overrides)
    return {key: value for key, value in fields.items() if value is not DROP}


def plan_text(*programs: dict[str, Any], **top: Any) -> str:
    return json.dumps({"programs": list(programs), **top})


def problem(text: str) -> str:
    """The message read_plan raises for ``text``; it must be a single line."""
    with pytest.raises(InputProblem) as caught:
        read_plan(text)
    message = str(caught.value)
    assert message.strip()
    assert "\n" not in message
    assert caught.value.problems, "InputProblem carries its list of problems"
    return message


def test_valid_plan_is_accepted() -> None:
    plan = read_plan(plan_text(entry(), entry(name="Cleveland Clinic")))
    assert [p.name for p in plan.programs] == [NAME, "Cleveland Clinic"]
    assert plan.applicant.max_visits is None


# --- Scores ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["uncertainty", "importance", "travel"])
@pytest.mark.parametrize("value", [4, -1, "three", True, False, 2.5, None])
def test_bad_score_names_field_and_range(field: str, value: Any) -> None:
    message = problem(plan_text(entry(**{field: value})))
    assert f".{field}" in message
    assert "0-3" in message
    assert NAME in message
    # The other two scores are fine and not blamed.
    for other in {"uncertainty", "importance", "travel"} - {field}:
        assert f".{other}" not in message


def test_bad_score_shows_the_value_given() -> None:
    assert "got 4" in problem(plan_text(entry(travel=4)))
    assert "'three'" in problem(plan_text(entry(importance="three")))


def test_bad_score_in_second_program_names_that_program() -> None:
    message = problem(plan_text(entry(), entry(name="Cleveland Clinic", uncertainty=7)))
    assert "programs[1]" in message
    assert "Cleveland Clinic" in message
    assert NAME not in message


# --- Vocabulary values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("program_type", "big_university", [t.value for t in ProgramType]),
        ("policy", "maybe", [p.value for p in Policy]),
        ("goals", ["fun"], [g.value for g in Goal]),
        ("goals", ["rank_order", "prestige"], [g.value for g in Goal]),
        ("interest_signal", "low", ["clearly_high", "neutral", "probably_low"]),
        ("status", "done", ["considering", "requested", "visited", "skipped"]),
    ],
)
def test_unknown_value_lists_the_allowed_ones(field: str, value: Any, allowed: list[str]) -> None:
    message = problem(plan_text(entry(**{field: value})))
    assert field in message
    assert NAME in message
    for option in allowed:
        assert option in message
    bad = value[-1] if isinstance(value, list) else value
    assert bad in message


def test_goals_of_the_wrong_type_rejected() -> None:
    message = problem(plan_text(entry(goals=5)))
    assert "goals" in message
    assert "rank_order" in message


def test_unknown_visa_lists_the_allowed_ones() -> None:
    message = problem(plan_text(entry(), applicant={"visa": "tourist"}))
    assert "applicant.visa" in message
    for option in ("b1_b2", "j1", "h1b"):
        assert option in message


@pytest.mark.parametrize("value", [0, 4, True, "two"])
def test_bad_max_visits(value: Any) -> None:
    message = problem(plan_text(entry(), applicant={"max_visits": value}))
    assert "max_visits" in message
    assert "1 to 3" in message


# --- Missing fields ----------------------------------------------------------------------


def test_missing_name_says_missing() -> None:
    message = problem(plan_text(entry(name=DROP)))
    assert "name" in message
    assert "missing" in message


@pytest.mark.parametrize("field", ["uncertainty", "importance", "travel"])
def test_missing_score_says_missing_and_names_program(field: str) -> None:
    message = problem(plan_text(entry(**{field: DROP})))
    assert f".{field}" in message
    assert "missing" in message
    assert NAME in message
    assert "0-3" in message


def test_missing_programs_list() -> None:
    message = problem("{}")
    assert "programs" in message
    assert "missing" in message


@pytest.mark.parametrize("name", ["", "   "])
def test_blank_name_rejected(name: str) -> None:
    message = problem(plan_text(entry(name=name)))
    assert "name" in message


# --- Unknown fields ----------------------------------------------------------------------


def test_unknown_field_suggests_the_known_one() -> None:
    message = problem(plan_text(entry(polcy="welcome")))
    assert "unknown field 'polcy'" in message
    assert "did you mean 'policy'" in message
    assert NAME in message


def test_unknown_applicant_field_suggests_from_applicant_fields() -> None:
    message = problem(plan_text(entry(), applicant={"imgg": True}))
    assert "unknown field 'imgg'" in message
    assert "did you mean 'img'" in message


def test_unknown_field_far_from_any_known_gets_no_wrong_guess() -> None:
    message = problem(plan_text(entry(zzzzqqq=1)))
    assert "unknown field 'zzzzqqq'" in message
    assert "did you mean" not in message


@pytest.mark.parametrize(("typo", "known"), [("aplicant", "applicant"), ("programz", "programs")])
def test_unknown_top_level_field_suggests_plan_key(typo: str, known: str) -> None:
    message = problem(json.dumps({"programs": [entry()], typo: {}}))
    assert f"did you mean '{known}'" in message


# --- Not a plan at all -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["not json", "{'programs': []}", '{"programs": [}', "{"])
def test_not_json(text: str) -> None:
    message = problem(text)
    assert "not valid JSON" in message
    assert "line 1" in message


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_empty_input(text: str) -> None:
    message = problem(text)
    assert "empty" in message
    assert "programs" in message


def test_json_list_at_top_level() -> None:
    message = problem(json.dumps([entry()]))
    assert "JSON object" in message
    assert "programs" in message
    assert "list" in message


@pytest.mark.parametrize("text", ['"hello"', "3", "null", "true"])
def test_other_json_scalars_at_top_level(text: str) -> None:
    assert "JSON object" in problem(text)


@pytest.mark.parametrize(
    ("text", "python_name", "json_name"),
    [("null", "NoneType", "null"), ('"hi"', "str'", "a string"), ("3", "int", "a number")],
)
def test_top_level_type_is_named_in_json_terms(text: str, python_name: str, json_name: str) -> None:
    message = problem(text)
    assert python_name not in message
    assert json_name in message


def test_programs_not_a_list() -> None:
    message = problem(json.dumps({"programs": {"name": NAME}}))
    assert "programs" in message
    assert "list" in message


# --- Duplicate programs ----------------------------------------------------------------


@pytest.mark.parametrize(
    "second", ["mayo clinic.", "MAYO CLINIC", "Mayo-Clinic", "  mayo   clinic "]
)
def test_duplicate_program_names_rejected(second: str) -> None:
    message = problem(plan_text(entry(), entry(name=second)))
    assert "programs[1]" in message
    assert "programs[0]" in message
    assert "repeats" in message
    assert " ".join(second.split()) in message


def test_similar_but_different_names_are_two_programs() -> None:
    plan = read_plan(plan_text(entry(), entry(name="Mayo Clinic Arizona")))
    assert len(plan.programs) == 2


def test_duplicate_detected_beyond_the_first_pair() -> None:
    message = problem(plan_text(entry(), entry(name="Yale"), entry(name="yale!")))
    assert "programs[2]" in message
    assert "programs[1]" in message


# --- Forgiving spellings --------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "attribute", "expected"),
    [
        ("policy", "Not Offered", "policy", Policy.not_offered),
        ("policy", "NOT-OFFERED", "policy", Policy.not_offered),
        ("policy", " Welcome ", "policy", Policy.welcome),
        ("program_type", "elite-academic", "program_type", ProgramType.elite_academic),
        ("program_type", "Mid Academic", "program_type", ProgramType.mid_academic),
        ("interest_signal", "Probably low", "interest_signal", "probably_low"),
        ("status", "Declined by program", "status", "declined_by_program"),
        ("uncertainty", "3", "uncertainty", 3),
        ("travel", "0", "travel", 0),
    ],
)
def test_forgiving_spellings_accepted(
    field: str, value: Any, attribute: str, expected: Any
) -> None:
    (program,) = read_plan(plan_text(entry(**{field: value}))).programs
    assert getattr(program, attribute) == expected


@pytest.mark.parametrize(
    "goals",
    [
        "rank_order, training",
        "rank_order training",
        "Rank-Order, Training",
        ["Rank Order", "training"],
    ],
)
def test_goals_as_string_or_loose_list(goals: Any) -> None:
    (program,) = read_plan(plan_text(entry(goals=goals))).programs
    assert program.goals == [Goal.rank_order, Goal.training]


def test_goals_empty_or_repeated() -> None:
    (empty,) = read_plan(plan_text(entry(goals=[]))).programs
    assert empty.goals == []
    (repeated,) = read_plan(plan_text(entry(goals="training, training"))).programs
    assert repeated.goals == [Goal.training]


def test_forgiving_applicant_spellings() -> None:
    plan = read_plan(plan_text(entry(), applicant={"visa": "B1/B2", "in_us": False}))
    assert plan.applicant.visa is not None
    assert plan.applicant.visa.value == "b1_b2"


# --- Several problems, one line --------------------------------------------------------


def test_several_problems_in_one_line() -> None:
    message = problem(plan_text(entry(uncertainty=9, policy="x", polcy=1)))
    assert "uncertainty" in message
    assert "policy" in message
    assert "polcy" in message
    assert message.count(NAME) >= 3


def test_message_without_a_name_still_locates_the_program() -> None:
    message = problem(plan_text(entry(), entry(name=DROP, travel=9)))
    assert "programs[1]" in message
    assert "travel" in message


def test_name_with_newline_keeps_message_on_one_line() -> None:
    problem(plan_text(entry(name="Mayo\nClinic", travel=9)))
