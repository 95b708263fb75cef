"""The phrasing checker: what a user sees for the messages they actually write."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench.compliance import CORPORA, load, score
from core.compliance import Category, Severity, check
from core.compliance import classifier as model_module
from core.compliance.sentences import split
from core.compliance.training import HELD_OUT, training_files

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
    "text",
    [
        # Saying what one is not asking, then asking nothing: the model reads the
        # disclaimer's words, and no finding may rest on them.
        "Dear Dr. Lee, I'm not asking where I stand, I understand the rules. I just want you"
        " to know Lakeside will be my first choice. Thank you, Sam",
        "I'm not going to ask whether I'll be ranked to match - I know you can't say. Thank"
        " you for the day.",
        "Does my standing clinic move to Thursdays during the ICU month?",
        "What are graduates' chances of landing a cardiology fellowship from here?",
        "Are changes expected to the number of positions after the merger?",
    ],
)
def test_disclaimers_and_other_senses_stay_ok(text: str) -> None:
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "I'm not asking where I stand - only whether you can promise I'll be ranked high"
            " enough to match.",
            "commitment_request",
        ),
        ("any news on my standing?", "rank_inquiry"),
        ("Please let me know how the committee ranked me.", "rank_inquiry"),
        ("What are my chances of landing a spot with you?", "rank_inquiry"),
        # British spelling reads as American ("programme" -> "program").
        (
            "Were the regard mutual, I would be delighted to place your programme first.",
            "conditional",
        ),
        ("Tell me how you ranked me and I'll tell you where you are on my list.", "conditional"),
        ("Might we exchange our respective rank lists, in confidence?", "conditional"),
        ("Where I end up ranking you depends on where I fall on yours.", "conditional"),
        (
            "My intention to rank you first is contingent on a reciprocal sign that I am"
            " ranked well.",
            "conditional",
        ),
        ("can u swear i'll be high enough on ur list to match", "commitment_request"),
        (
            "Could you promise that my partner and I would both be placed at your hospital?",
            "commitment_request",
        ),
        (
            "If you could let me know now that I will get a position, I'd cancel my other"
            " interviews.",
            "commitment_request",
        ),
        (
            "I would like kindly to know which city the hospital is situated in and the number"
            " of seats.",
            "bad_question",
        ),
    ],
)
def test_formal_chat_and_indirect_breaches(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


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


@pytest.mark.parametrize(
    "text",
    [
        "We ask that you not tell us how you will rank us.",
        "Our survey asks nothing about other programs you applied to.",
        "You should not feel any obligation to tell us how you'll rank programs.",
    ],
)
def test_programs_declining_to_ask_are_not_breaches(text: str) -> None:
    assert check(text, "program").verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # The ask comes before the disclaimer, not after it.
        (
            "I must know by Tuesday whether I'm ranked to match, since I don't want to lose"
            " the other offer.",
            "rank_inquiry",
        ),
        # Being ranked is not ranking: a question, not a bargain.
        ("any clue if im ranked to match at ur place??", "rank_inquiry"),
        ("Would I be competitive for a spot if I listed you first?", "rank_inquiry"),
        (
            "Should the committee signal a real interest in my application, I would gladly"
            " place the program first.",
            "conditional",
        ),
        (
            "Where your program ends up on my list will depend mostly on whether I am among the"
            " candidates you favour.",
            "conditional",
        ),
        ("is the residency 3 or 4 yrs?", "bad_question"),
        ("Does your program take DO applicants?", "bad_question"),
        ("Could you reassure me I won't go unmatched if I rank you first?", "commitment_request"),
    ],
)
def test_asks_before_a_disclaimer_and_offers_for_interest_shown(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


@pytest.mark.parametrize(
    "text",
    [
        "I shan't ask where I stand; I only wanted to say how much I enjoyed the day.",
        "Is a research month guaranteed for residents who apply by PGY-2, or is it competitive?",
        "I don't want to take up your time, so just a thank-you for the tour.",
        "Does the program sponsor H-1B visas, or only J-1?",
    ],
)
def test_policy_guarantees_and_british_disclaimers_stay_ok(text: str) -> None:
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Before our rank meeting it would help to know whether you interviewed at the other"
            " programs in the region.",
            Category.other_programs_question,
        ),
        (
            "We'd be glad to hear roughly where Lakeview falls on your list.",
            Category.ranking_question,
        ),
        (
            "if we're ur top pick just drop us a line before the deadline",
            Category.commitment_solicitation,
        ),
        (
            "If Lakeview is where your heart is, a short note saying so would help us.",
            Category.commitment_solicitation,
        ),
    ],
)
def test_programs_asking_in_passing(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("could you just lock me in? ur my #1", "commitment_request"),
        ("Please tell me I've got a spot so I can relax.", "commitment_request"),
        ("can u tell me i'm in??", "commitment_request"),
        ("May I have a firm yes before I certify my list?", "commitment_request"),
        ("Could you let me know I'll have a home with you next year?", "commitment_request"),
        (
            "Would it be smart to put your program first, or am I a safer bet elsewhere?",
            "rank_inquiry",
        ),
        (
            "In case the program is placing me near the top, surely I will list it as number one.",
            "conditional",
        ),
    ],
)
def test_assurance_asked_without_the_word_guarantee(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


@pytest.mark.parametrize(
    "text",
    [
        "Will rank highly. Great day.",
        "Can't wait to start wherever I match!",
        "Can't promise I'll be your fastest intern, but I will be the most prepared.",
        "You asked me where I stand on private practice versus academics; academics, I think.",
        "My chances of becoming a good endoscopist are best with your volume.",
    ],
)
def test_chat_statements_and_other_stances_stay_ok(text: str) -> None:
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Thinking of the other programs you saw, how will you order them?",
            Category.other_programs_question,
        ),
        (
            "It would help to know which other surgery programs remain on your list.",
            Category.other_programs_question,
        ),
        ("Honestly, in what position are you putting our program?", Category.ranking_question),
        (
            "Do send us an update on your level of interest before lists close.",
            Category.commitment_solicitation,
        ),
    ],
)
def test_programs_asking_plainly_in_other_words(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


@pytest.mark.parametrize(
    "text",
    [
        "Please don't feel you need to tell us where else you interviewed.",
        "We hope you find the program that feels like home, whichever it is.",
    ],
)
def test_programs_wishing_well_ask_nothing(text: str) -> None:
    assert check(text, "program").verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'd be grateful to hear whether you expect to offer me a position.", "rank_inquiry"),
        ("Is there any way you could tell me how I look on your end?", "rank_inquiry"),
        ("Would an applicant with a 228 be competitive for you?", "bad_question"),
    ],
)
def test_standing_asked_sideways(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


def test_a_question_about_the_sentence_before_is_shown_with_it() -> None:
    text = "I'm really hoping to match at Rush. Is that realistic?"
    result = check(text)
    assert result.verdict is Severity.violation
    [finding] = result.findings
    assert finding.category is Category.rank_inquiry
    assert (finding.start, finding.end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "Your program is my first choice.",
        "Matching at Rush would be a dream.",
        "It would be a privilege to be ranked by your program.",
        "I'm excited to see where I match.",
        "I'd love to match with you.",
        "I really hope to match at Rush, and I'd be thrilled to train there.",
        "My final list depends on where my partner and I can both train.",
    ],
)
def test_warm_statements_hopes_and_couples_plans_ask_nothing(text: str) -> None:
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("You are my first choice. Truly my first choice. First choice!", "over_signaling"),
        ("I'm ready to make you #1 as soon as I know I'm on your radar.", "conditional"),
    ],
)
def test_asks_that_span_two_sentences_or_repeat(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


def test_asking_whether_the_program_can_say_the_same_is_a_violation() -> None:
    text = (
        "Another program told me I'm ranked to match there. I'd love to know if you can say"
        " the same."
    )
    assert check(text).verdict is Severity.violation


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'd be so grateful to know that a spot will be held for me.", "commitment_request"),
        ("I need to hear from you that the position will be there for me.", "commitment_request"),
        ("it'd really help my peace of mind to hear you'll take me", "commitment_request"),
        ("I am writing to ask what is my position in your rank list.", "rank_inquiry"),
        (
            "I'd welcome honest feedback on whether you see me as a serious contender.",
            "rank_inquiry",
        ),
        ("whoever ranks me higher gets my #1", "conditional"),
        (
            "My decision between you and Westfield will come down to which one signals that it"
            " wants me.",
            "conditional",
        ),
    ],
)
def test_promises_and_bargains_in_plain_words(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


def test_not_being_about_to_ask_is_not_asking() -> None:
    text = "I won't be asking where I stand; I just wanted you to hear you are my first choice."
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("so are we in ur top 5 or nah", Category.ranking_question),
        (
            "It would help to hear, before the meeting, from those who intend to place us at the"
            " top of their lists.",
            Category.commitment_solicitation,
        ),
    ],
)
def test_programs_fishing_casually_or_in_bulk(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


def test_a_program_declining_to_share_and_to_be_told_asks_nothing() -> None:
    text = (
        "We're not able to share any ranking information, and we ask that applicants not tell"
        " us how they plan to rank our program."
    )
    assert check(text, "program").verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "I'd feel so much better hearing that there'll be a place for me in July.",
            "commitment_request",
        ),
        (
            "My lawyer needs a letter from the program stating that I will be offered a position;"
            " could you write one?",
            "commitment_request",
        ),
        (
            "Where I place the program will depend in large part on how highly I am regarded by"
            " the committee.",
            "conditional",
        ),
        ("Does that mean I'm in the range you usually match from?", "rank_inquiry"),
        ("Would it be fair to hope to see you in July?", "rank_inquiry"),
    ],
)
def test_places_promised_and_standings_implied(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


@pytest.mark.parametrize(
    "text",
    [
        "The second look left me even more certain that I'd be happy training there.",
        "I came away confident that I would be well supported in Denver.",
    ],
)
def test_the_writer_s_own_certainty_asks_nothing(text: str) -> None:
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "how's the rest of your trail going, any other places out west?",
            Category.other_programs_question,
        ),
        ("Which of the programs you saw do you see as ahead of us?", Category.ranking_question),
        (
            "If Denver is where you see yourself, it would help to hear that from you.",
            Category.commitment_solicitation,
        ),
    ],
)
def test_programs_asking_about_the_trail_and_the_order(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


def test_a_program_s_paperwork_deadline_solicits_nothing() -> None:
    text = "Please return your reimbursement forms by February 15 so we can process them."
    assert check(text, "program").verdict is Severity.ok


@pytest.mark.parametrize(
    "text",
    [
        "Dear Dr. Ito, thank you for letting us know you'll rank us highly - that's kind of you.",
        "It changes nothing on our end: please rank according to your true preferences.",
        "A spot opened on January 10. Please let us know by Friday if you would like it.",
    ],
)
def test_programs_acknowledging_or_scheduling_solicit_nothing(text: str) -> None:
    assert check(text, "program").verdict is Severity.ok


def test_not_trying_to_find_out_is_not_asking() -> None:
    text = "I'm not trying to find out where I'm ranked; may I sit in on Thursday's M&M?"
    assert check(text).verdict is Severity.ok


def test_being_in_town_is_no_question_about_standing() -> None:
    # It may read as a hint at a visit (a caution), never as asking where one stands.
    result = check("I'll be in Chicago on the 21st for a wedding, and I loved the day with you.")
    assert Category.rank_inquiry not in result.categories
    assert result.verdict is not Severity.violation


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Could you let me know that I'll be one of your interns next year?", "commitment_request"),
        (
            "i just need to hear from someone that im gonna land there in march",
            "commitment_request",
        ),
        (
            "I'd need to hear from you that a spot in your surgery program will be there for me.",
            "commitment_request",
        ),
        (
            "Did the second look move the needle? I'd love to know where things landed.",
            "rank_inquiry",
        ),
        ("I am writing to kindly know about my position in your rank list.", "rank_inquiry"),
        (
            "May I know whether there is a real possibility of my joining your family in July?",
            "rank_inquiry",
        ),
        ("Would it be realistic to start planning my move to Tucson?", "rank_inquiry"),
        (
            "If your surgery program ranks my partner to match, we'll make your hospital our first"
            " pair.",
            "conditional",
        ),
    ],
)
def test_assurance_and_standing_in_everyday_words(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


def test_not_supposed_to_ask_and_not_asking_stays_ok() -> None:
    text = "I know I'm not supposed to ask where I stand, and I won't. I hope to join you in July."
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Please fill in the survey indicating how you anticipate placing our program on your"
            " list.",
            Category.ranking_question,
        ),
        (
            "Drop me a line once you certify, letting me know we're at the top.",
            Category.commitment_solicitation,
        ),
    ],
)
def test_programs_asking_by_survey_or_note(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Another program told me I'm ranked to match. Could you tell me whether I'm in a"
            " similar position with you?",
            "rank_inquiry",
        ),
        ("I'd like an understanding with you that I'll be ranked to match.", "commitment_request"),
        ("I need from your side confirmation that I will be accepted.", "commitment_request"),
        ("any chance u could pencil me in for one of the spots?", "commitment_request"),
        (
            "Could you tell me anything that would give me peace of mind, like that I'll be among"
            " the people you take?",
            "commitment_request",
        ),
        ("I'd put you at the top the moment I knew you'd be ranking me to match.", "conditional"),
        (
            "Whether you end up at the top of my list comes down to whether I'm near the top of"
            " yours.",
            "conditional",
        ),
        (
            "Would it be wise for me to keep a few programs above yours as a safety net?",
            "rank_inquiry",
        ),
    ],
)
def test_standing_and_promises_phrased_around_the_rules(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


def test_a_logistics_question_should_i_match_stays_ok() -> None:
    text = "Who should I contact about orientation for incoming interns, should I match with you?"
    assert check(text).verdict is Severity.ok


def test_a_program_asking_how_it_compares_with_the_others_on_the_list() -> None:
    text = "It would help to know how our program compares with the others on your list."
    assert check(text, "program").verdict is Severity.violation


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Just trying to see if I'm in the ballpark for you all.", "rank_inquiry"),
        (
            "Could the program offer me a position outside the Match? I'd accept at once.",
            "commitment_request",
        ),
        ("can the pd send a note saying im locked in?", "commitment_request"),
        (
            "Whether you end up #1 or #3 on my list comes down to whether you see me as a fit.",
            "conditional",
        ),
        (
            "The top of my list is open, and a signal from your side would make it easy to put"
            " Granite first.",
            "conditional",
        ),
        ("I will remember your program on my list as you remember me on yours.", "conditional"),
        ("Without it, I will have to move Lakeside further down my list.", "conditional"),
        (
            "Where I place Bayside will reflect the level of interest your program shows in me.",
            "conditional",
        ),
    ],
)
def test_bargains_and_asks_without_the_usual_words(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


def test_the_temptation_to_ask_resisted_is_not_asking() -> None:
    text = "I know the temptation is to ask where I stand. I won't do that; no reply needed."
    assert Category.rank_inquiry not in check(text).categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "If you can tell me Riverside will be at the top of your list, I can advocate for you.",
            Category.commitment_solicitation,
        ),
        (
            "How do you plan to rank the big university programs compared with programs like ours?",
            Category.ranking_question,
        ),
        ("Will you be ranking us first?", Category.ranking_question),
    ],
)
def test_programs_trading_advocacy_or_asking_the_order(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


@pytest.mark.parametrize(
    "text",
    [
        "Friendly reminder that certified rank lists are due to the NRMP on March 4.",
        "Your interview has moved to January 22. Please confirm that you can attend.",
        "We've added your publication to your file and shared it with the selection committee.",
    ],
)
def test_program_reminders_and_logistics_solicit_nothing(text: str) -> None:
    assert check(text, "program").verdict is Severity.ok


def test_another_trip_or_a_second_visit_is_not_one_message_too_many() -> None:
    text = (
        "Thank you again for my interview. As I live abroad, another trip would mean new visa"
        " planning, so a second visit is not practical, but my interest is as strong as ever."
    )
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Would you be able to tell me I'll be one of the people you take?", "commitment_request"),
        (
            "It would ease my mind to hear that I'll be starting at Baylor in July.",
            "commitment_request",
        ),
        (
            "Would the department set aside one of the categorical positions for me?",
            "commitment_request",
        ),
        (
            "Knowing I'd be high on your list would make it easy to put Duke at the top of mine.",
            "conditional",
        ),
        (
            "I am ready to give your program my first position, in case you can also give me a"
            " good position on your list.",
            "conditional",
        ),
        (
            "Should I hear that I'm within your matching range, I would move you to the top of my"
            " list.",
            "conditional",
        ),
        ("Could you give me any sense of how I measured up among them?", "rank_inquiry"),
    ],
)
def test_round_j_phrasings_in_our_words(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your kind note. The feeling is mutual. I will rank you very highly.",
        "I will rank Rochester EM highly, and my partner feels the same about your IM program.",
        "What are my chances of getting the global health elective in PGY-3?",
    ],
)
def test_mutual_feelings_partners_and_electives_stay_ok(text: str) -> None:
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "heard you were at Iowa last week, how'd it go? did they seem into you?",
            Category.other_programs_question,
        ),
        ("sooo are we making ur top 3 or what", Category.ranking_question),
    ],
)
def test_programs_fishing_in_chat(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


def test_feelings_returned_trade_nothing() -> None:
    text = "Thank you for your note. I feel the same way about your program, and it will be high"
    text += " on my list."
    assert check(text).verdict is Severity.ok
