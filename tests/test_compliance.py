"""The phrasing checker: what a user sees for the messages they actually write."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from bench.compliance import CORPORA, load, score
from core.compliance import Category, Severity, check
from core.compliance import classifier as model_module
from core.compliance.sentences import split
from core.compliance.training import (
    CAUTION_THRESHOLD,
    HELD_OUT,
    SENTENCE_CAUTION_THRESHOLD,
    SENTENCE_VIOLATION_THRESHOLD,
    VIOLATION_THRESHOLD,
    thresholds,
    training_files,
)

DATA = Path(__file__).parent / "data" / "compliance"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Could you tell me where I stand on your rank list?", Category.rank_inquiry),
        ("am i gonna be ranked high enuf to match??", Category.rank_inquiry),
        ("I'll rank you first if you rank me highly.", Category.conditional),
        ("Can you guarantee me a spot in next year's class?", Category.commitment_request),
        ("This is my fifth email about the second look.", Category.over_signaling),
        (
            "I know you don't offer second looks, but could I still come by on Friday?",
            Category.pressure,
        ),
        ("What Step 2 score do you usually rank?", Category.bad_question),
    ],
)
def test_each_applicant_category_is_caught(text: str, category: Category) -> None:
    result = check(text)
    assert category in result.categories
    finding = next(f for f in result.findings if f.category is category)
    assert finding.suggestion and finding.rule
    assert result.verdict is finding.severity


@pytest.mark.parametrize(
    "text",
    [
        "I will rank you highly.",
        "I plan to rank your program first.",
        "You are one of my top choices and I hope to train with you.",
        "I'm not asking where I stand; I just wanted to thank you for Tuesday.",
        "I promise to keep the visit short.",
        "How do residents rank their electives in the second year?",
        "What is the fellowship match rate for your graduates?",
        "Thank you for a lovely day on the wards.",
        "I admired the program's commitment to wellness.",
    ],
)
def test_innocent_messages_pass(text: str) -> None:
    assert check(text).verdict is Severity.ok


def test_spans_point_at_the_offending_sentence_in_a_long_email() -> None:
    email = (
        "Dear Dr. Lee,\n\nThank you for hosting me on Tuesday. The ICU handoff was superb.\n"
        "Could you let me know whether I will be ranked to match? I remain very interested.\n\n"
        "Best,\nAna"
    )
    result = check(email)
    assert result.verdict is Severity.violation
    [finding] = [f for f in result.findings if f.category is Category.rank_inquiry]
    assert email[finding.start : finding.end] == finding.text
    assert finding.text == "Could you let me know whether I will be ranked to match?"


def test_a_long_thank_you_and_a_repeated_first_choice_are_cautions() -> None:
    long_thanks = "Thank you for the visit. " + "The residents were kind and busy. " * 30
    result = check(long_thanks)
    assert result.verdict is Severity.caution
    assert any("words" in f.rule for f in result.findings)
    letter = "I am writing about my interest in your program. " + "It is truly special. " * 70
    assert any(f.rule.startswith("A letter of") for f in check(letter).findings)
    twice = "You are my first choice. Truly, you are my first choice."
    assert Category.over_signaling in check(twice).categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Where else did you interview this season?", Category.other_programs_question),
        ("How will you be ranking us on your list?", Category.ranking_question),
        ("We need your commitment to rank us first.", Category.commitment_solicitation),
    ],
)
def test_program_side_breaches_name_the_policy_office(text: str, category: Category) -> None:
    result = check(text, "program")
    assert category in result.categories and result.verdict is Severity.violation
    assert any("NRMP policy office" in note for note in result.notes)


def test_ranked_to_match_is_explained_and_is_not_a_breach() -> None:
    result = check("We wanted you to know you will be ranked to match.", "program")
    assert result.verdict is Severity.ok
    assert any("Neither is a promise" in note for note in result.notes)


def test_program_side_negations_are_not_breaches() -> None:
    text = "In keeping with NRMP policy, we will not ask where else you have interviewed."
    assert check(text, "program").verdict is Severity.ok


def test_sentence_offsets_survive_abbreviations_and_newlines() -> None:
    text = "Dear Dr. Lee,\nI visited St. Mary's! Where do I stand?"
    assert [s.text for s in split(text)] == [
        "Dear Dr. Lee,",
        "I visited St. Mary's!",
        "Where do I stand?",
    ]
    assert all(text[s.start : s.end] == s.text for s in split(text))


def test_shipped_model_was_trained_on_the_current_training_corpora() -> None:
    """Editing a training corpus without `python -m core.compliance.training` fails here,
    and so does training on an evaluation set."""
    shipped = model_module.read_meta()
    files = training_files(DATA)
    assert shipped["trained_on"] == {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files
    }
    assert not set(HELD_OUT) & set(shipped["trained_on"])
    assert all((DATA / name).exists() for name in HELD_OUT)
    assert shipped["examples"] == sum(len(path.read_text().splitlines()) for path in files)


def test_one_pass_scores_the_message_and_each_sentence_alike() -> None:
    """The message score is the model applied to the whole text; a sentence's score is the
    model applied to that sentence alone, whatever surrounds it."""
    model = model_module.load()
    assert model is not None
    sentences = ["thank you for a lovely day.", "could you tell me where i stand on your list?"]
    together = model.score(sentences)
    alone = model.score(sentences[1:])
    assert together.sentences[1] == pytest.approx(alone.sentences[0])
    assert together.sentences[1] == pytest.approx(alone.message)
    asking = model.categories.index("rank_inquiry")
    assert together.sentences[1, asking] > 0.5 > together.sentences[0, asking]


def test_patterns_still_work_without_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model_module, "load", lambda *a, **k: None)
    assert check("Where do I stand on your list?").verdict is Severity.violation
    assert model_module.load.__name__  # the real loader is restored after the test


def test_corpora_are_big_enough_and_well_formed() -> None:
    dev = load("dev")
    assert len(dev) >= 400
    assert sum(example.hard for example in dev) >= len(dev) / 3
    known = {category.value for category in Category}
    for name in CORPORA:
        examples = load(name)
        assert len({e.id for e in examples}) == len(examples)
        assert all(e.labels <= known for e in examples)


def test_quality_on_the_development_corpus_does_not_regress() -> None:
    """A regression guard on data the model was trained on; held-out figures are in the bench."""
    scores = score(load("dev"))
    assert scores.violation_recall >= 0.9
    assert scores.ok_as_violation <= 0.03
    assert scores.caution_recall >= 0.85


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A disclaimer covers what it disclaims, not the question that follows it.
        ("I'm not asking for a promise, just wondering if I'm in your top 20.", "rank_inquiry"),
        ("I know you can't say much, but am I in a competitive position?", "rank_inquiry"),
        ("Please confirm that I'll be your first-choice applicant.", "commitment_request"),
        ("I'm asking for your word that I'll match with you.", "commitment_request"),
        ("I'm ready to rank you first as soon as I hear I'm high on your list.", "conditional"),
    ],
)
def test_paraphrases_the_first_patterns_missed(text: str, category: str) -> None:
    result = check(text)
    assert result.verdict is Severity.violation
    assert category in {c.value for c in result.categories}


@pytest.mark.parametrize(
    "text",
    [
        "Is there a chance to meet with the program director during the second look?",
        "Do residents commit to a track at the start of intern year or decide in PGY-2?",
        "Is there any guarantee of a fellowship spot for internal applicants?",
        "I'm in Boston next week, could I stop by the clinic?",
        "To clarify, I wasn't asking about my ranking; I only wanted to know about leave.",
        "If I'm lucky enough to match with you, is there any orientation before July 1?",
        "How do residents raise a safety worry or disagree with an attending?",
    ],
)
def test_questions_about_the_program_are_not_breaches(text: str) -> None:
    assert check(text).verdict is not Severity.violation


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Between us and the university program, which one are you leaning toward?",
            Category.ranking_question,
        ),
        ("Who else is in the mix for you right now?", Category.other_programs_question),
        (
            "Please let us know by Friday if you're fully committed to our program.",
            Category.commitment_solicitation,
        ),
    ],
)
def test_more_program_side_breaches(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


@pytest.mark.parametrize(
    "text",
    [
        "With a Step 2 CK of 238, do I meet your cut-off to be ranked?",
        "What's the lowest Step 2 score you've ranked to match? I want to see if I'm in range.",
        "Do you have a minimum Step 2 score, and am I above the line you usually rank to?",
    ],
)
def test_measuring_oneself_against_the_cut_off_asks_where_one_stands(text: str) -> None:
    result = check(text)
    assert result.verdict is Severity.violation
    assert {Category.rank_inquiry, Category.bad_question} <= set(result.categories)


def test_a_cut_off_question_about_the_program_alone_stays_a_caution() -> None:
    result = check("What is the minimum Step 2 score you rank?")
    assert result.verdict is Severity.caution
    assert set(result.categories) == {Category.bad_question}


@pytest.mark.parametrize(
    "text",
    [
        "I'll be in Detroit on Thursday and will drop by the office to ask Dr. Hale where I stand.",
        "I'll stop by Friday afternoon so we can talk about how I'm being ranked.",
        "I'm at the hospital Monday anyway, so I'll pop in to chat about where I am on your list.",
    ],
)
def test_a_visit_whose_purpose_is_asking_where_one_stands(text: str) -> None:
    result = check(text)
    assert {Category.rank_inquiry, Category.pressure} <= set(result.categories)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Quick question: where would I fall if you were to rank today?", "rank_inquiry"),
        ("would ranking you #1 make any difference on your end?", "rank_inquiry"),
        ("Is the program interested in ranking me at all?", "rank_inquiry"),
        ("I humbly seek your assurance that I will be favourably ranked.", "commitment_request"),
    ],
)
def test_more_paraphrases_of_applicant_breaches(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


@pytest.mark.parametrize(
    "text",
    [
        # The model alone reads these as asking or bargaining: the sentence has no topic of
        # the category (standing, a condition), so no finding may rest on it.
        "Respected Ma'am, I would like to know whether the interview will be recorded.",
        "I'd also like to know whether you need a notarized copy of my ECFMG certificate.",
        "I would be grateful if you can tell me whether PGY-1 residents rotate in the clinic.",
    ],
)
def test_model_findings_need_the_category_s_topic_in_the_sentence(text: str) -> None:
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("What does your rank list look like right now?", Category.ranking_question),
        (
            "Among the programs you visited, which one is your first preference?",
            Category.ranking_question,
        ),
    ],
)
def test_programs_asking_about_the_applicant_s_list(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


def test_a_program_thanking_for_a_first_choice_note_solicits_nothing() -> None:
    text = (
        "Thank you for letting us know we're your first choice. We appreciate hearing it,"
        " but please rank programs purely on your own preferences; no reply is needed."
    )
    assert check(text, "program").verdict is Severity.ok
    asking = "Thank you for your note. Could you tell us where we fall on your list?"
    assert Category.ranking_question in check(asking, "program").categories


def test_a_lone_surrogate_is_read_like_any_other_character() -> None:
    text = "hello \ud800 where do I stand on your list?"
    result = check(text)
    assert result.verdict is Severity.violation
    [finding] = result.findings
    assert (finding.start, finding.end) == (0, len(text))
    assert check("\udfff", "program").verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Should Maplewood be your first choice, please let us know by email.", None),
        ("If we are your top choice, kindly tell us so we can plan.", None),
        (
            "The committee would value knowing where our program sits among your preferences.",
            Category.ranking_question,
        ),
        (
            "It would mean a lot to hear from you that we are at the top of your list.",
            Category.commitment_solicitation,
        ),
    ],
)
def test_programs_asking_to_hear_they_are_first(text: str, category: Category | None) -> None:
    result = check(text, "program")
    assert result.verdict is Severity.violation
    if category is not None:
        assert category in result.categories


def test_a_question_about_the_sentence_before_is_shown_with_it() -> None:
    text = "I'm really hoping to match at Rush. Is that realistic?"
    result = check(text)
    assert result.verdict is Severity.violation
    [finding] = result.findings
    assert finding.category is Category.rank_inquiry
    assert (finding.start, finding.end) == (0, len(text))


def test_asking_whether_the_program_can_say_the_same_is_a_violation() -> None:
    text = (
        "Another program told me I'm ranked to match there. I'd love to know if you can say"
        " the same."
    )
    assert check(text).verdict is Severity.violation


def test_being_in_town_is_no_question_about_standing() -> None:
    # It may read as a hint at a visit (a caution), never as asking where one stands.
    result = check("I'll be in Chicago on the 21st for a wedding, and I loved the day with you.")
    assert Category.rank_inquiry not in result.categories
    assert result.verdict is not Severity.violation


def test_a_program_asking_how_it_compares_with_the_others_on_the_list() -> None:
    text = "It would help to know how our program compares with the others on your list."
    assert check(text, "program").verdict is Severity.violation


def test_the_temptation_to_ask_resisted_is_not_asking() -> None:
    text = "I know the temptation is to ask where I stand. I won't do that; no reply needed."
    assert Category.rank_inquiry not in check(text).categories


def test_feelings_returned_trade_nothing() -> None:
    text = "Thank you for your note. I feel the same way about your program, and it will be high"
    text += " on my list."
    assert check(text).verdict is Severity.ok


def _one_word_model(word: str, category: Category, logit: float) -> model_module.Classifier:
    """A model that knows one word, read as ``category`` with this logit (every other
    category and every other sentence stays far below its thresholds)."""
    categories = [c.value for c in Category]
    weights = np.zeros((1, len(categories)))
    weights[0, categories.index(category.value)] = logit + 8.0
    return model_module.from_arrays(
        [word],
        np.ones(1),
        weights,
        np.full(len(categories), -8.0),
        {
            "categories": categories,
            "thresholds": thresholds(VIOLATION_THRESHOLD, CAUTION_THRESHOLD),
            "sentence_thresholds": thresholds(
                SENTENCE_VIOLATION_THRESHOLD, SENTENCE_CAUTION_THRESHOLD
            ),
        },
    )


def test_a_sure_reading_needs_no_topic_word_but_never_passes_for_arrangements() -> None:
    # No word of the standing topic list: only a sure reading may stand on this question.
    ask = "Could you let me know if I'm who you're hoping for?"
    sure = _one_word_model("hoping", Category.rank_inquiry, logit=4.0)  # p = 0.98
    unsure = _one_word_model("hoping", Category.rank_inquiry, logit=1.0)  # p = 0.73
    assert Category.rank_inquiry in check(ask, model=sure).categories
    assert check(ask, model=unsure).verdict is Severity.ok
    # The same sure reading of a day's arrangements is not a question about standing.
    chores = "Please let me know if I should bring anything to the second look, I'm hoping to."
    assert check(chores, model=sure).verdict is Severity.ok
    # Nor is a bargain ever taken on the model's word alone: "I will rank you first" is allowed.
    pledge = "I'm hoping you know I will rank you first."
    assert check(pledge, model=_one_word_model("hoping", Category.conditional, 4.0)).verdict is (
        Severity.ok
    )


def test_a_score_update_is_no_question_about_scores() -> None:
    # The model reads "Step 2 score" as a score question; an update asks nothing.
    sure = _one_word_model("score", Category.bad_question, logit=4.0)
    update = "My Step 2 score came back at 251, and I've added it to ERAS."
    assert check(update, model=sure).verdict is Severity.ok
    question = "What Step 2 score do you usually need to interview?"
    assert Category.bad_question in check(question, model=sure).categories


def test_the_rules_lexicon_widens_the_model_s_topic_words() -> None:
    # "Whoever" is no word of the model's list for bargains, but the rules know it as a
    # condition: a bargain the model reads may rest on it.
    reads_a_bargain = _one_word_model("seeing", Category.conditional, logit=2.0)
    text = "Whoever ends up seeing me best gets my first spot."
    assert Category.conditional in check(text, model=reads_a_bargain).categories
    # Without any condition, a warm statement stays a statement.
    assert check("I keep seeing your program as my first spot.", model=reads_a_bargain).verdict is (
        Severity.ok
    )
