"""The visit question bank and plan_questions (domain.md §6): safe, targeted, deterministic."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from importlib import resources
from itertools import product

import pytest

from core.compliance import Severity, check
from core.models import ApplicantProfile, Goal, Program
from core.visit.questions import (
    MAX_COUNT,
    MIN_COUNT,
    QuestionPlan,
    Theme,
    concern_tags,
    load_bank,
    parse_bank,
    plan_questions,
    split_concerns,
)

BANK = load_bank()
BY_ID = {question.id: question for question in BANK.questions}


def raw_bank() -> dict:
    text = resources.files("core.visit").joinpath("questions.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def program(goals: list[str] | None = None, concerns: str | None = None, **extra) -> Program:
    return Program(name="Lakeside Internal Medicine", goals=goals or [], concerns=concerns, **extra)


US_GRAD = ApplicantProfile()
IMG_J1 = ApplicantProfile(img=True, in_us=False, visa="J-1")
IMG_H1B = ApplicantProfile(img=True, visa="h1b")
IMG_CITIZEN = ApplicantProfile(img=True, visa="none")
US_GRAD_F1 = ApplicantProfile(visa="f1")
PROFILES = [US_GRAD, IMG_J1, IMG_H1B, IMG_CITIZEN, US_GRAD_F1, None]

GOAL_SETS = [[], *([goal.value] for goal in Goal), ["relocation", "training"], [g for g in Goal]]
CONCERNS = [
    None,
    "call schedule",
    "call schedule, visa sponsorship, how residents get along",
    "Moonlighting; housing costs & kids",
    "autonomy, fellowship, research, teaching, procedures, supervision, wellness, diversity",
    "parking",
    "nights, hours, moonlighting, commute, housing, partner job",  # all one theme
]


def img_relevant(profile: ApplicantProfile | None) -> bool:
    return profile is not None and (profile.img or profile.visa not in (None, "none"))


def ids(plan: QuestionPlan) -> list[str]:
    return [question.id for question in plan.questions]


def tags_of(plan: QuestionPlan) -> list[set[str]]:
    return [set(BY_ID[question.id].tags) for question in plan.questions]


# -------------------------------------------------------------------------------- the bank


def test_every_bank_question_passes_the_checker() -> None:
    failures = {q.id: check(q.text).verdict for q in BANK.questions}
    assert {qid: v for qid, v in failures.items() if v is not Severity.ok} == {}


def test_checklist_and_avoid_lines_pass_the_checker() -> None:
    lines = [item.text for item in BANK.checklist] + list(BANK.avoid)
    assert lines
    assert [line for line in lines if check(line).verdict is not Severity.ok] == []


def test_every_theme_has_at_least_eight_questions_and_forty_in_all() -> None:
    counts = Counter(question.theme for question in BANK.questions)
    assert set(counts) == set(Theme)
    assert min(counts.values()) >= 8
    assert len(BANK.questions) >= 40


def test_ids_are_unique_in_the_file_itself() -> None:
    file_ids = [entry["id"] for entry in raw_bank()["question"]]
    assert len(file_ids) == len(set(file_ids)) == len(BANK.questions)
    texts = [question.text for question in BANK.questions]
    assert len(texts) == len(set(texts))


# Scores, cut-offs, rank talk, and facts a website states (length, class size, sites, PD).
FORBIDDEN = re.compile(
    r"\b(step|usmle|comlex|scores?|cut-?offs?|rank\w*|standing|my chances|how many"
    r"|how long|salary|stipend|vacation days|accredit\w*|which hospitals|rotate at"
    r"|program director's name|who is the program director|years? long)\b",
    re.IGNORECASE,
)


def test_bank_never_touches_scores_rank_or_website_facts() -> None:
    lines = [q.text for q in BANK.questions]
    assert [line for line in lines if FORBIDDEN.search(line)] == []
    assert all(line.endswith("?") for line in lines)


def test_every_question_serves_a_goal_and_its_tags_can_be_matched() -> None:
    for question in BANK.questions:
        assert question.goals, question.id
        for tag in question.tags:
            assert concern_tags(tag.replace("_", " "), BANK.keywords).get(tag), (question.id, tag)
    for goal in Goal:
        assert any(goal in q.goals for q in BANK.questions), goal


def test_parse_bank_rejects_duplicate_ids_and_unknown_themes() -> None:
    data = raw_bank()
    duplicated = {**data, "question": [*data["question"], data["question"][0]]}
    with pytest.raises(ValueError, match="duplicate"):
        parse_bank(duplicated)
    unknown = {**data, "question": [{**data["question"][0], "theme": "salary"}]}
    with pytest.raises(ValueError):
        parse_bank(unknown)


# ----------------------------------------------------------------------- concern matching


def test_concerns_split_on_commas_semicolons_and_and() -> None:
    assert split_concerns("call schedule, visa sponsorship and how residents get along") == [
        "call schedule",
        "visa sponsorship",
        "how residents get along",
    ]
    assert split_concerns("  ") == []
    assert split_concerns(None) == []


def test_concern_matching_is_forgiving() -> None:
    assert "call" in concern_tags("Call-Schedules", BANK.keywords)
    assert "moonlighting" in concern_tags("moonlightning", BANK.keywords)  # a typo
    assert "j1" in concern_tags("J-1 waiver", BANK.keywords)
    assert "family" in concern_tags("FAMILIES", BANK.keywords)
    for plural, tag in (("Visas", "visa"), ("calls", "call"), ("kids", "children")):
        assert tag in concern_tags(plural, BANK.keywords), plural
    assert "culture" in concern_tags("how residents get along", BANK.keywords)
    assert concern_tags("parking", BANK.keywords).keys() == {"commute"}
    assert concern_tags("zebra crossing", BANK.keywords) == {}


# --------------------------------------------------------------------------------- plans


def test_plans_over_a_spread_of_programs_and_profiles() -> None:
    for goals, concerns, profile in product(GOAL_SETS, CONCERNS, PROFILES):
        plan = plan_questions(program(goals, concerns), profile)
        where = (goals, concerns, profile)
        assert MIN_COUNT <= len(plan.questions) <= MAX_COUNT, where
        assert len(set(ids(plan))) == len(plan.questions), where
        assert len({q.text for q in plan.questions}) == len(plan.questions), where
        assert len(plan.themes) >= 2, where
        has_img = Theme.img_visa in plan.themes
        assert has_img == img_relevant(profile), where
        assert all(q.reason and q.text == BY_ID[q.id].text for q in plan.questions), where
        assert all(q.theme is BY_ID[q.id].theme for q in plan.questions), where
        assert 6 <= len(plan.checklist) <= 10, where
        assert 2 <= len(plan.avoid) <= 4, where


def test_a_call_concern_brings_a_call_question_that_names_it() -> None:
    for profile in (US_GRAD, IMG_J1):
        plan = plan_questions(program(["training"], "visa, call schedule, wellness"), profile)
        call = [q for q in plan.questions if "call" in BY_ID[q.id].tags]
        assert call, ids(plan)
        assert "call schedule" in call[0].reason
        assert "concern" in call[0].reason


def test_each_concern_gets_its_own_question_when_there_is_room() -> None:
    plan = plan_questions(program([], "Moonlighting; housing costs & kids"), US_GRAD)
    reasons = " | ".join(q.reason for q in plan.questions)
    for concern, tag in (("Moonlighting", "moonlighting"), ("housing costs", "housing")):
        matching = [q for q in plan.questions if concern in q.reason]
        assert matching and tag in BY_ID[matching[0].id].tags, reasons
    kids = [q for q in plan.questions if "kids" in q.reason]
    assert kids and "children" in BY_ID[kids[0].id].tags
    assert plan.unanswered_concerns == []


def test_training_goal_puts_training_questions_first() -> None:
    plan = plan_questions(program(["relocation", "training"], "call schedule"), US_GRAD)
    assert plan.questions[0].theme is Theme.training_supervision
    plan = plan_questions(program(["training"]), US_GRAD)
    themes = [q.theme for q in plan.questions]
    assert themes[0] is Theme.training_supervision
    assert themes.count(Theme.training_supervision) >= 3
    assert "your goal: training" in plan.questions[0].reason


def test_relocation_goal_brings_city_and_life_questions() -> None:
    plan = plan_questions(program(["relocation"]), US_GRAD)
    assert plan.questions[0].theme is Theme.workload_lifestyle
    life = {"housing", "city", "commute", "family", "community"}
    assert sum(1 for tags in tags_of(plan) if tags & life) >= 3
    assert all("relocation" in q.reason for q in plan.questions)


def test_each_goal_leads_with_its_theme_and_is_named_in_every_reason() -> None:
    for goal in Goal:
        plan = plan_questions(program([goal.value]), US_GRAD)
        assert plan.questions[0].theme is BANK.goals[goal].theme, goal
        assert all(BANK.goals[goal].reason in q.reason for q in plan.questions), goal
        assert all(goal in BY_ID[q.id].goals for q in plan.questions), goal


def test_no_theme_takes_over_a_plan_without_concerns() -> None:
    for goals, profile, count in product(GOAL_SETS, PROFILES, (5, 6, 8)):
        plan = plan_questions(program(goals), profile, count)
        themes = Counter(q.theme for q in plan.questions)
        assert max(themes.values()) <= count // 2 + 1, (goals, profile, count)


def test_one_theme_of_concerns_still_gives_two_themes() -> None:
    concerns = "nights, hours, moonlighting, commute, housing, partner job, kids"
    for count in (5, 6, 8):
        plan = plan_questions(program([], concerns), US_GRAD, count)
        assert len(plan.questions) == count
        assert len(plan.themes) == 2, count
        lifestyle = [q for q in plan.questions if q.theme is Theme.workload_lifestyle]
        assert len(lifestyle) == count - 1
        assert all("as a concern" in q.reason for q in lifestyle)
        assert len(plan.unanswered_concerns) == max(0, 7 - (count - 1))


def test_img_with_a_j1_gets_a_j1_question_and_an_img_question() -> None:
    plan = plan_questions(program(["training"]), IMG_J1)
    visa = [q for q in plan.questions if q.theme is Theme.img_visa]
    assert len(visa) >= 2
    j1 = [q for q in visa if "j1" in BY_ID[q.id].tags]
    assert j1 and "J-1" in j1[0].reason
    assert any("outside the US" in q.reason for q in visa)
    # Abroad: the IMG question is about getting started in a US hospital.
    assert any("onboarding" in BY_ID[q.id].tags for q in visa)
    assert any("J-1" in item or "abroad" in item for item in plan.checklist)


def test_us_graduate_gets_no_img_questions_even_with_a_visa_concern() -> None:
    plan = plan_questions(program(["rank_order"], "visa sponsorship, call"), US_GRAD)
    assert Theme.img_visa not in plan.themes
    assert plan.unanswered_concerns == ["visa sponsorship"]
    assert not any("abroad" in item for item in plan.checklist)


def test_a_visa_need_alone_makes_visa_questions_relevant() -> None:
    plan = plan_questions(program(["rank_order"]), US_GRAD_F1)
    visa = [q for q in plan.questions if q.theme is Theme.img_visa]
    assert len(visa) == 1 and "visa" in BY_ID[visa[0].id].tags
    assert "visa" in visa[0].reason


def test_no_goals_and_no_concerns_give_a_broad_spread() -> None:
    plan = plan_questions(program(), US_GRAD)
    assert len(plan.questions) == 6
    assert set(plan.themes) == {
        Theme.training_supervision,
        Theme.culture_support,
        Theme.workload_lifestyle,
    }
    assert all(q.reason == BANK.reasons["broad"] for q in plan.questions)


def test_plans_are_deterministic() -> None:
    for goals, concerns, profile in product(GOAL_SETS[:3], CONCERNS[:4], PROFILES[:3]):
        first = plan_questions(program(goals, concerns), profile)
        again = plan_questions(program(goals, concerns), profile, bank=parse_bank(raw_bank()))
        assert first == again


def test_count_is_clamped_to_five_to_eight() -> None:
    wanted = {None: 6, -3: 5, 0: 5, 1: 5, 5: 5, 6: 6, 7: 7, 8: 8, 9: 8, 40: 8}
    for count, expected in wanted.items():
        for profile in (US_GRAD, IMG_J1):
            plan = plan_questions(program(["training"], "call schedule"), profile, count)
            assert len(plan.questions) == expected, (count, profile)


def test_many_concerns_still_leave_room_for_img_and_the_first_goal() -> None:
    concerns = "autonomy, fellowship, research, teaching, procedures, supervision"
    plan = plan_questions(program(["relocation", "training"], concerns), IMG_H1B)
    assert any("H-1B" in q.reason for q in plan.questions)
    assert any("relocation" in q.reason for q in plan.questions)
    assert plan.unanswered_concerns  # six concerns cannot all fit beside them
    answered = [c for c in concerns.split(", ") if any(c in q.reason for q in plan.questions)]
    assert len(answered) + len(plan.unanswered_concerns) == 6


def test_checklist_covers_the_day_and_follows_goals() -> None:
    plan = plan_questions(program(), US_GRAD)
    text = " ".join(plan.checklist).lower()
    for needed in ("content", "program director", "staff", "workrooms", "chief", "short"):
        assert needed in text, needed
    relocation = plan_questions(program(["relocation"]), US_GRAD)
    assert len(relocation.checklist) == len(plan.checklist) + 1
    assert any("commute" in item for item in relocation.checklist)
    assert 2 <= len(plan.avoid) <= 4
    assert any("rank" in line for line in plan.avoid)
