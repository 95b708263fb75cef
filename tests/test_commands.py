"""The one command grammar (core.commands): every surface's text parses the same way."""

from __future__ import annotations

import random
import time

import pytest

from core.commands import (
    ALIASES,
    COMMANDS,
    FIELD_ALIASES,
    FIELDS,
    KIND_ALIASES,
    MAX_INPUT,
    STATUS_ALIASES,
    USAGE,
    Command,
    CommandError,
    Token,
    parse_command,
    to_text,
    tokenize,
)
from core.models import MAX_NAME_LENGTH, Program, Status


def error_for(text: str) -> CommandError:
    """The CommandError ``text`` raises; its message must be non-empty and one line."""
    with pytest.raises(CommandError) as caught:
        parse_command(text)
    error = caught.value
    assert error.message.strip()
    assert "\n" not in error.message
    assert str(error) == error.message
    return error


def pairs(tokens: list[Token]) -> list[tuple[str, bool]]:
    return [(token.text, token.quoted) for token in tokens]


# --- Empty input, the /secondlook prefix, case -------------------------------------------


@pytest.mark.parametrize(
    "text", ["", " ", "   \t  ", "\n", "/secondlook", "secondlook", " /SecondLook  ", "SECONDLOOK"]
)
def test_empty_input_is_help(text: str) -> None:
    assert parse_command(text) == Command("help")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/secondlook score Mayo 2 3 1", Command("score", program="Mayo", scores=(2, 3, 1))),
        ("secondlook add Mayo Clinic", Command("add", program="Mayo Clinic")),
        ("/SecondLook plan", Command("plan")),
        ("  /secondlook   help   score ", Command("help", topic="score")),
    ],
)
def test_leading_secondlook_word_is_stripped(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


def test_secondlook_later_in_the_text_is_kept() -> None:
    assert parse_command("add secondlook") == Command("add", program="secondlook")


def test_quoted_secondlook_is_not_the_prefix() -> None:
    error = error_for('"secondlook" plan')
    assert "Unknown command 'secondlook'" in error.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SCORE Mayo 1", Command("score", program="Mayo", scores=(1,))),
        ("Score Mayo 1", Command("score", program="Mayo", scores=(1,))),
        ("HELP", Command("help")),
        ("Plan", Command("plan")),
        ("EXPORT", Command("export")),
        ("ADD Mayo", Command("add", program="Mayo")),
        ("Show Mayo", Command("show", program="Mayo")),
        ("SET Mayo TRAVEL 2", Command("set", program="Mayo", field="travel", value="2")),
        ("Status Mayo VISITED", Command("status", program="Mayo", value="visited")),
        ("REMOVE Mayo", Command("remove", program="Mayo")),
        ("Profile EDIT", Command("profile", value="edit")),
        ("FORGET ME", Command("forget")),
    ],
)
def test_command_words_are_case_insensitive(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("?", Command("help")),
        ("? score", Command("help", topic="score")),
        ("delete Mayo", Command("remove", program="Mayo")),
        ("rm Mayo", Command("remove", program="Mayo")),
        ("RM Mayo", Command("remove", program="Mayo")),
        ("view Mayo", Command("show", program="Mayo")),
        ("list", Command("plan")),
        ("programs", Command("plan")),
    ],
)
def test_aliases(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


def test_every_command_word_and_alias_is_known() -> None:
    assert set(USAGE) == set(COMMANDS)
    assert set(ALIASES.values()) <= set(COMMANDS)


# --- Input length ------------------------------------------------------------------------


def test_input_at_the_limit_is_accepted() -> None:
    prefix = "set Mayo notes "
    text = prefix + "x" * (MAX_INPUT - len(prefix))
    assert len(text) == MAX_INPUT == 2000
    command = parse_command(text)
    assert command.field == "notes"
    assert command.value == "x" * (MAX_INPUT - len(prefix))


def test_input_one_over_the_limit_is_rejected() -> None:
    error = error_for("help " + "x" * (MAX_INPUT - 4))
    assert "2,001" in error.message
    assert "2,000" in error.message
    assert error.suggestion is None


@pytest.mark.parametrize("size", [10 * 1024, 1024 * 1024])
def test_huge_input_is_rejected_quickly_with_its_length(size: int) -> None:
    # Unclosed quotes and fuzzy-matchable words everywhere: only an early length check is fast
    # and gives the length message rather than the quote message.
    text = ('scroe "' * size)[:size]
    started = time.perf_counter()
    with pytest.raises(CommandError) as caught:
        parse_command(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.05
    assert f"{size:,}" in caught.value.message
    assert f"{MAX_INPUT:,}" in caught.value.message
    assert "quote" not in caught.value.message


# --- Tokens and quotes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("score Mayo 2", [("score", False), ("Mayo", False), ("2", False)]),
        ("  a\tb \u3000 c\u00a0d ", [("a", False), ("b", False), ("c", False), ("d", False)]),
        ('"Mass General" 2', [("Mass General", True), ("2", False)]),
        ("'Mass General' 2", [("Mass General", True), ("2", False)]),
        ("“Mass General” 2", [("Mass General", True), ("2", False)]),
        ("‘Mass General’ 2", [("Mass General", True), ("2", False)]),
        # Either quote of the same family closes.
        ('“Mass General" 2', [("Mass General", True), ("2", False)]),
        ('"Mass General” 2', [("Mass General", True), ("2", False)]),
        ("'Mass General’ 2", [("Mass General", True), ("2", False)]),
        ("‘Mass General' 2", [("Mass General", True), ("2", False)]),
        ("”Mass General“", [("Mass General", True)]),
        # An apostrophe inside a word is literal.
        ("Brigham and Women's", [("Brigham", False), ("and", False), ("Women's", False)]),
        ("Women’s x", [("Women’s", False), ("x", False)]),
        ('"St. Mary\'s Hospital"', [("St. Mary's Hospital", True)]),
        ("'St. Mary's Hospital'", [("St. Mary's Hospital", True)]),
        ("‘St. Mary’s Hospital’", [("St. Mary’s Hospital", True)]),
        # A quote of the other family inside a quoted word is literal.
        ("\"Children's 'Best'\" 1", [("Children's 'Best'", True), ("1", False)]),
        ("'The \"Best\" Place'", [('The "Best" Place', True)]),
        # A quote inside a word does not open anything.
        ('a"b c', [('a"b', False), ("c", False)]),
        ('""', [("", True)]),
        ('"a""b"', [('a""b', True)]),
        ('" Mayo  Clinic "', [(" Mayo  Clinic ", True)]),
    ],
)
def test_tokenize(text: str, expected: list[tuple[str, bool]]) -> None:
    assert pairs(tokenize(text)) == expected


def test_tokens_keep_what_was_typed() -> None:
    tokens = tokenize("score “Area 51” 2")
    assert [token.raw for token in tokens] == ["score", "“Area 51”", "2"]
    assert Token("x", True) == Token("x", True, '"x"')


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('add "Mayo Clinic', '"'),
        ("add 'Mayo Clinic", "'"),
        ("add “Mayo Clinic", "“"),
        ("add ‘Mayo Clinic", "‘"),
        ('score "Area 51 2 3 1', '"'),
        ("add \"Mayo Clinic'", '"'),  # a single quote does not close a double one
        ("add 'Mayo Clinic”", "'"),
        ('add "', '"'),
        ("set Mayo notes since the '90s", "'"),
    ],
)
def test_unclosed_quote_is_named(text: str, quote: str) -> None:
    error = error_for(text)
    assert f"quote ({quote}) is never closed" in error.message
    assert error.suggestion is None
    with pytest.raises(CommandError):
        tokenize(text)


def test_closing_quote_must_be_followed_by_a_space() -> None:
    error = error_for('add "Mayo"Clinic')
    assert "never closed" in error.message
    assert "followed by a space" in error.message


# --- Program names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "program"),
    [
        ("show Brigham and Women's", "Brigham and Women's"),
        ('show "St. Mary\'s Hospital"', "St. Mary's Hospital"),
        ("show 'St. Mary's Hospital'", "St. Mary's Hospital"),
        ("show Hôpital Sainte-Justine", "Hôpital Sainte-Justine"),
        ("show 東京大学", "東京大学"),
        ("show “東京大学 病院”", "東京大学 病院"),
        ("show   Mass \t  General   ", "Mass General"),
        ('show "  Mass    General "', "Mass General"),
        ('show "Mass" General', "Mass General"),
        ("show Mayo 2", "Mayo 2"),
        ("show Area 51", "Area 51"),
        ("add The Children's Hospital of Philadelphia", "The Children's Hospital of Philadelphia"),
        ("remove UCSF-Fresno", "UCSF-Fresno"),
    ],
)
def test_program_names(text: str, program: str) -> None:
    assert parse_command(text).program == program


@pytest.mark.parametrize("name", ["add", "show", "remove", "delete", "rm", "view"])
def test_program_command_without_program_gives_usage(name: str) -> None:
    canonical = ALIASES.get(name, name)
    error = error_for(name)
    assert "program name" in error.message
    assert USAGE[canonical] in error.message


@pytest.mark.parametrize("name", ["add", "show", "remove"])
def test_empty_quoted_program_is_missing(name: str) -> None:
    assert "program name" in error_for(f'{name} ""').message


@pytest.mark.parametrize(
    "template",
    [
        "add {}",
        "show {}",
        "remove {}",
        'add "{}"',
        "score {} 1 2 3",
        'score "{}" 1',
        "set {} notes hello",
        "status {} visited",
    ],
)
def test_program_names_are_at_most_120_characters(template: str) -> None:
    at_limit = ("Hospital " * 20)[:119] + "x"
    assert len(at_limit) == MAX_NAME_LENGTH == 120
    assert parse_command(template.format(at_limit)).program == at_limit
    error = error_for(template.format(at_limit + "y"))
    assert "120" in error.message
    assert "121" in error.message


# --- help --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("help", None),
        ("help score", "score"),
        ("help SCORE", "score"),
        ("help  Score   Travel ", "score travel"),
        ('help "Set Fields"', "set fields"),
        ('help ""', None),
        ("? Status", "status"),
        ("help Hôpital", "hôpital"),
    ],
)
def test_help_topic(text: str, topic: str | None) -> None:
    assert parse_command(text) == Command("help", topic=topic)


# --- score -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "program", "scores"),
    [
        ("score Mayo", "Mayo", ()),
        ("score Mayo 2", "Mayo", (2,)),
        ("score Mayo 2 3", "Mayo", (2, 3)),
        ("score Mayo 2 3 1", "Mayo", (2, 3, 1)),
        ("score Mayo 0 0 0", "Mayo", (0, 0, 0)),
        ("score Mayo 3 3 3", "Mayo", (3, 3, 3)),
        ("score Mass General 1 0", "Mass General", (1, 0)),
        ("score Brigham and Women's 3 2 1", "Brigham and Women's", (3, 2, 1)),
        ("score 東京大学 1 2 3", "東京大学", (1, 2, 3)),
        ("score Mayo 03 +2", "Mayo", (3, 2)),
        # Four or more trailing numbers: the earlier ones stay in the name.
        ("score Area 51 3 3 1", "Area 51", (3, 3, 1)),
        ("score Area 51 52 0 1 2", "Area 51 52", (0, 1, 2)),
        ("score Mayo 1 2 3 1", "Mayo 1", (2, 3, 1)),
        ("score 1 2 3 1", "1", (2, 3, 1)),
        # A quoted name keeps its numbers.
        ('score "Area 51"', "Area 51", ()),
        ('score "Area 51" 3', "Area 51", (3,)),
        ('score "Area 51" 3 3 1', "Area 51", (3, 3, 1)),
        ("score 'Area 51' 0 1", "Area 51", (0, 1)),
        ("score “Area 51” 2 2 2", "Area 51", (2, 2, 2)),
        ('score "2" 1', "2", (1,)),
        ('score "Mayo 1 2 3"', "Mayo 1 2 3", ()),
        # Quoted numbers are words of the name, not scores.
        ('score Area "51"', "Area 51", ()),
        # Words after the numbers make them part of the name.
        ("score Mayo 2 3 1 Rochester", "Mayo 2 3 1 Rochester", ()),
    ],
)
def test_score(text: str, program: str, scores: tuple[int, ...]) -> None:
    assert parse_command(text) == Command("score", program=program, scores=scores)


@pytest.mark.parametrize("text", ["score", "SCORE  ", "/secondlook score"])
def test_score_alone_starts_the_interview(text: str) -> None:
    assert parse_command(text) == Command("score")
    assert to_text(Command("score")) == "score"


@pytest.mark.parametrize("text", ["score 3 3 1", "score 2", "score 0", "score 1 2", "score 51 2"])
def test_score_needs_a_program_name(text: str) -> None:
    error = error_for(text)
    assert "program name" in error.message
    assert error.suggestion is None


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("score Mayo 3 5 1", "5 (importance)"),
        ("score Mayo 4", "4 (uncertainty)"),
        ("score Mayo 1 1 9", "9 (travel)"),
        ("score Mayo -1", "-1 (uncertainty)"),
        ("score Mayo 2 -3 1", "-3 (importance)"),
        ('score "Mayo" 3 5 1', "5 (importance)"),
        ('score "Mayo" 7', "7 (uncertainty)"),
        ("score Mayo 1 2 3 7", "7 (travel)"),
    ],
)
def test_score_out_of_range_names_the_bad_one(text: str, bad: str) -> None:
    error = error_for(text)
    assert bad in error.message
    assert "0-3" in error.message
    assert "uncertainty, importance, travel" in error.message
    assert error.suggestion is None


def test_every_bad_score_is_named() -> None:
    message = error_for("score Mayo 5 1 8").message
    assert "5 (uncertainty)" in message
    assert "8 (travel)" in message


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("score Area 51 2", 'score "Area 51" 2'),
        ("score Area 51", 'score "Area 51"'),
        ("score Route 66 1 2", 'score "Route 66" 1 2'),
    ],
)
def test_score_offers_quoting_a_name_that_ends_in_a_number(text: str, suggestion: str) -> None:
    error = error_for(text)
    assert "in quotes" in error.message
    assert error.suggestion == suggestion


@pytest.mark.parametrize(
    ("text", "odd", "suggestion"),
    [
        ("score Mayo 2.5", "2.5", None),
        ("score Mayo 1 2.5 1", "2.5", None),
        ("score Mayo 2, 3, 1", "2,", "score Mayo 2 3 1"),
        ("score Mayo 2,3,1", "2,3,1", "score Mayo 2 3 1"),
        ("score Mass General 2;3", "2;3", "score Mass General 2 3"),
        ("score Mayo 3/5", "3/5", None),
        ('score "Mayo" 2,3', "2,3", 'score "Mayo" 2 3'),
        ('score "Mayo" 2.5', "2.5", None),
    ],
)
def test_scores_are_whole_numbers_separated_by_spaces(
    text: str, odd: str, suggestion: str | None
) -> None:
    error = error_for(text)
    assert f"'{odd}'" in error.message
    assert "0-3" in error.message
    assert error.suggestion == suggestion


@pytest.mark.parametrize(
    "text", ['score "Mayo" two', 'score "Mayo" 1 high', 'score "Mass General" Boston 1']
)
def test_only_scores_follow_a_quoted_program(text: str) -> None:
    error = error_for(text)
    assert "only scores may follow" in error.message
    assert error.suggestion is None


@pytest.mark.parametrize("text", ['score "Mayo" 1 2 3 1', 'score "Area 51" 0 0 0 0 0'])
def test_at_most_three_scores_follow_a_quoted_program(text: str) -> None:
    assert "At most three scores" in error_for(text).message


# --- set ---------------------------------------------------------------------------------


def test_set_fields_are_the_program_fields() -> None:
    assert set(FIELDS) == set(Program.model_fields)
    assert set(FIELD_ALIASES.values()) == set(FIELDS)


@pytest.mark.parametrize(
    ("text", "program", "field", "value"),
    [
        ("set Mayo notes travel is hard", "Mayo", "notes", "travel is hard"),
        ("set Mass General travel 2", "Mass General", "travel", "2"),
        ("set Mass General city Boston MA", "Mass General", "city", "Boston MA"),
        ('set "Mass General" travel 2', "Mass General", "travel", "2"),
        ('set "Mass General" notes travel is hard', "Mass General", "notes", "travel is hard"),
        # A quoted program is followed by the field, whatever it is called.
        ('set "Travel Clinic" travel 3', "Travel Clinic", "travel", "3"),
        ('set "Mayo" "travel" 3', "Mayo", "travel", "3"),
        # Left to right from the second word: the first field name wins ...
        ("set Mayo name Mayo Clinic Rochester", "Mayo", "name", "Mayo Clinic Rochester"),
        ("set Notes Hospital notes fine", "Notes Hospital", "notes", "fine"),
        # ... the first word always belongs to the program ...
        ("set notes notes x", "notes", "notes", "x"),
        ("set Travel Clinic travel 1", "Travel Clinic", "travel", "1"),
        # ... and a quoted word is never the field.
        ('set Mayo "Travel" Clinic notes ok', "Mayo Travel Clinic", "notes", "ok"),
        ("set Mayo notes   two   spaces ", "Mayo", "notes", "two spaces"),
        ('set Mayo notes "quoted   text" here', "Mayo", "notes", "quoted text here"),
        ("set Mayo notes It's 2 hours away", "Mayo", "notes", "It's 2 hours away"),
        ("set Hôpital Sainte-Justine city Montréal", "Hôpital Sainte-Justine", "city", "Montréal"),
        ("set 東京大学 state 東京", "東京大学", "state", "東京"),
        ("set Mayo status visited", "Mayo", "status", "visited"),
        ("set Mayo goals rank_order, training", "Mayo", "goals", "rank_order, training"),
        ("set Mayo visit-date 2025-01-15", "Mayo", "visit_date", "2025-01-15"),
    ],
)
def test_set(text: str, program: str, field: str, value: str) -> None:
    expected = Command("set", program=program, field=field, value=value)
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("word", "field"),
    [
        *((name, name) for name in FIELDS),
        ("type", "program_type"),
        ("program-type", "program_type"),
        ("interest", "interest_signal"),
        ("signal", "interest_signal"),
        ("interest-signal", "interest_signal"),
        ("u", "uncertainty"),
        ("i", "importance"),
        ("t", "travel"),
        ("goal", "goals"),
        ("interview", "interview_date"),
        ("interview-date", "interview_date"),
        ("Interview-Date", "interview_date"),
        ("INTERVIEW_DATE", "interview_date"),
        ("visit", "visit_date"),
        ("visit-date", "visit_date"),
        ("note", "notes"),
        ("NOTES", "notes"),
        ("T", "travel"),
    ],
)
def test_set_field_names_and_aliases(word: str, field: str) -> None:
    command = parse_command(f"set Mass General {word} some value")
    assert command == Command("set", program="Mass General", field=field, value="some value")


@pytest.mark.parametrize("text", ["set", "set Mayo", 'set "Mayo"'])
def test_set_needs_program_field_and_value(text: str) -> None:
    error = error_for(text)
    assert USAGE["set"] in error.message


@pytest.mark.parametrize(
    "text",
    ["set Mayo travel", "set Mass General notes", 'set "Mayo" travel', 'set "Mayo" notes ""'],
)
def test_set_without_a_value(text: str) -> None:
    error = error_for(text)
    assert "Give a value after" in error.message
    assert USAGE["set"] in error.message


@pytest.mark.parametrize(
    ("text", "guess", "suggestion"),
    [
        ("set Mayo travle 2", "travel", "set Mayo travel 2"),
        ("set Mass General travle 2", "travel", "set Mass General travel 2"),
        ('set "Mass General" travle 2', "travel", 'set "Mass General" travel 2'),
        ("set Mayo intrest clearly_high", "interest", "set Mayo interest clearly_high"),
        ("set Mayo specialtly surgery", "specialty", "set Mayo specialty surgery"),
        (
            "set Mayo interview_dte 2025-01-01",
            "interview_date",
            "set Mayo interview_date 2025-01-01",
        ),
        ("set Mayo Nots it's far", "notes", "set Mayo notes it's far"),
        ("set Mayo travle", "travel", None),  # no value: nothing that would parse to offer
    ],
)
def test_set_unknown_field_did_you_mean(text: str, guess: str, suggestion: str | None) -> None:
    error = error_for(text)
    assert f"Did you mean '{guess}'" in error.message
    for name in FIELDS:
        assert name in error.message
    assert error.suggestion == suggestion
    if suggestion is not None:
        assert parse_command(suggestion).name == "set"


def test_set_did_you_mean_builds_a_command_that_parses() -> None:
    error = error_for("set Mayo interview_dte 2025-01-01")
    assert error.suggestion is not None
    assert parse_command(error.suggestion) == Command(
        "set", program="Mayo", field="interview_date", value="2025-01-01"
    )


@pytest.mark.parametrize("text", ["set Mayo Clinic 2", "set Mayo xyz abc", 'set "Mayo" "" x'])
def test_set_with_no_field_lists_fields(text: str) -> None:
    error = error_for(text)
    assert "names no field" in error.message
    assert "interest_signal" in error.message
    assert "Did you mean" not in error.message
    assert error.suggestion is None


# --- status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status"),
    [
        *((status.value, status.value) for status in Status),
        *((status.value.upper(), status.value) for status in Status),
        ("declined", "declined_by_program"),
        ("Declined", "declined_by_program"),
        ("declined-by-program", "declined_by_program"),
        ("Declined-By-Program", "declined_by_program"),
        ("declined by program", "declined_by_program"),
        ("Declined By Program", "declined_by_program"),
        ('"declined by program"', "declined_by_program"),
        ("skip", "skipped"),
        ("SKIP", "skipped"),
        ("visit", "visited"),
        ("request", "requested"),
        ("schedule", "scheduled"),
        ("consider", "considering"),
    ],
)
def test_status_values_and_aliases(word: str, status: str) -> None:
    command = parse_command(f"status Mass General {word}")
    assert command == Command("status", program="Mass General", value=status)
    assert command.value in {member.value for member in Status}


def test_every_status_alias_is_a_status() -> None:
    assert set(STATUS_ALIASES.values()) == {member.value for member in Status}


@pytest.mark.parametrize(
    ("text", "program", "status"),
    [
        ("status Mayo visited", "Mayo", "visited"),
        ('status "Mass General" scheduled', "Mass General", "scheduled"),
        ("status Skip Hospital skipped", "Skip Hospital", "skipped"),
        ("status Visit visit", "Visit", "visited"),
        ("status Brigham and Women's declined", "Brigham and Women's", "declined_by_program"),
        ("status 東京大学 requested", "東京大学", "requested"),
    ],
)
def test_status_last_word_is_the_status(text: str, program: str, status: str) -> None:
    assert parse_command(text) == Command("status", program=program, value=status)


@pytest.mark.parametrize(
    ("text", "guess", "suggestion"),
    [
        ("status Mayo visted", "visited", "status Mayo visited"),
        ("status Mass General scheduld", "scheduled", "status Mass General scheduled"),
        ('status "Mass General" skiped', "skipped", 'status "Mass General" skipped'),
    ],
)
def test_unknown_status_did_you_mean(text: str, guess: str, suggestion: str) -> None:
    error = error_for(text)
    assert f"Did you mean '{guess}'" in error.message
    assert error.suggestion == suggestion
    assert parse_command(suggestion).name == "status"


def test_unknown_status_lists_statuses() -> None:
    error = error_for("status Mayo maybe")
    assert "Unknown status 'maybe'" in error.message
    assert "Did you mean" not in error.message
    for member in Status:
        assert member.value in error.message
    assert error.suggestion is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("status", "Say which program"),
        ("status visited", "program name before the status"),
        ("status declined", "program name before the status"),
        ("status Mayo", "Give a status after the program name"),
    ],
)
def test_status_needs_program_and_status(text: str, expected: str) -> None:
    assert expected in error_for(text).message


# --- plan, export, profile, forget -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "suggestion"),
    [("export csv", "export", "export"), ("share now", "share", "share")],
)
def test_commands_without_arguments(text: str, word: str, suggestion: str) -> None:
    error = error_for(text)
    assert error.message == f"{word} takes no arguments."
    assert error.suggestion == suggestion


@pytest.mark.parametrize(
    ("text", "word", "suggestion"),
    [
        ("plan Mayo", "plan", "plan"),
        ("list all", "list", "plan"),
        ("programs mine", "programs", "plan"),
        ("PLAN now", "plan", "plan"),
        ("plan chrat", "plan", "plan chart"),
    ],
)
def test_plan_takes_only_the_word_chart(text: str, word: str, suggestion: str) -> None:
    error = error_for(text)
    assert error.message.startswith(f"{word} takes nothing or the word chart")
    assert error.suggestion == suggestion


@pytest.mark.parametrize("text", ["plan chart", "plan Charts", "list picture", "plan png"])
def test_plan_chart(text: str) -> None:
    command = parse_command(text)
    assert (command.name, command.value) == ("plan", "chart")
    assert parse_command(to_text(command)) == command


@pytest.mark.parametrize(
    ("text", "value"), [("profile", None), ("profile edit", "edit"), ("profile Edit", "edit")]
)
def test_profile(text: str, value: str | None) -> None:
    assert parse_command(text) == Command("profile", value=value)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("profile eidt", "profile edit"),
        ("profile show", None),
        ("profile edit now", None),
    ],
)
def test_profile_accepts_only_edit(text: str, suggestion: str | None) -> None:
    error = error_for(text)
    assert "profile edit" in error.message
    assert error.suggestion == suggestion


@pytest.mark.parametrize(
    "text", ["forget me", "FORGET ME", "Forget Me", "forget  me ", "forget 'me'"]
)
def test_forget_me(text: str) -> None:
    assert parse_command(text) == Command("forget")


@pytest.mark.parametrize(
    "text", ["forget", "forget Mayo", "forget me now", "forget everything", "forget mee"]
)
def test_forget_needs_exactly_forget_me(text: str) -> None:
    error = error_for(text)
    assert '"forget me"' in error.message
    assert "confirm" in error.message
    assert error.suggestion is None  # never a one-click path to deleting everything


# --- Unknown commands --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "guess", "suggestion"),
    [
        ("scroe Mayo 2 3 1", "score", "score Mayo 2 3 1"),
        ("remvoe Mayo", "remove", "remove Mayo"),
        ("hlep", "help", "help"),
        ("HLEP score", "help", "help score"),
        ("shwo Mass General", "show", "show Mass General"),
        ('scroe "Area 51" 3', "score", 'score "Area 51" 3'),
        ("/secondlook scroe Mayo 1", "score", "score Mayo 1"),
        ("exprot", "export", "export"),
        ("stauts Mayo visited", "status", "status Mayo visited"),
        ("delte Mayo", "delete", "delete Mayo"),
    ],
)
def test_unknown_command_did_you_mean(text: str, guess: str, suggestion: str) -> None:
    error = error_for(text)
    typed = text.removeprefix("/secondlook ").split()[0]
    assert error.message.startswith(f"Unknown command '{typed}'.")
    assert f"Did you mean '{guess}'" in error.message
    assert error.suggestion == suggestion


@pytest.mark.parametrize("text", ["xyzzy", "Mayo 2 3 1", "東京大学", "zz top"])
def test_unknown_command_without_a_close_match(text: str) -> None:
    error = error_for(text)
    assert error.message.startswith(f"Unknown command '{text.split()[0]}'.")
    assert "Did you mean" not in error.message
    assert error.suggestion is None


@pytest.mark.parametrize("text", ["scroe", "xyzzy", "hlep"])
def test_unknown_command_lists_the_commands(text: str) -> None:
    message = error_for(text).message
    for name in COMMANDS:
        assert name in message


def test_suggestion_is_offered_only_when_it_parses() -> None:
    error = error_for("scroe Mayo 5")
    assert "Did you mean 'score'" in error.message
    assert error.suggestion is None


def test_long_unknown_word_is_shortened_in_the_message() -> None:
    error = error_for("x" * 500)
    assert len(error.message) < 300


# --- Suggestions and messages, all together ----------------------------------------------

ERRORS = [
    "score 3 3 1",
    "score Mayo 3 5 1",
    "score Area 51 2",
    "score Mayo 2, 3, 1",
    'score "Mayo" 1 2 3 4',
    "set Mayo travle 2",
    "set Mayo",
    "status Mayo visted",
    "status Mayo",
    "profile eidt",
    "forget",
    "plan x",
    "scroe Mayo 2 3 1",
    "remvoe Mayo",
    "xyzzy",
    'add "Mayo',
    "add",
    "x" * 2001,
]


@pytest.mark.parametrize("text", ERRORS)
def test_every_suggestion_parses(text: str) -> None:
    error = error_for(text)
    if error.suggestion is not None:
        parse_command(error.suggestion)


def test_command_error_is_a_value_error() -> None:
    error = CommandError("Bad.", "help")
    assert isinstance(error, ValueError)
    assert (error.message, error.suggestion, str(error)) == ("Bad.", "help", "Bad.")
    assert CommandError("Bad.").suggestion is None


# --- Writing commands back ---------------------------------------------------------------

ROUND_TRIP = [
    "",
    "help",
    "help score",
    "? Set Fields",
    'help "it\'s"',
    "score Mayo",
    "score Mayo 0",
    "score Mayo 2 3",
    "score Mayo 2 3 1",
    "score Area 51 3 3 1",
    'score "Area 51"',
    'score "Area 51" 1',
    "score Mayo 1 2 3 1",
    "score 1 2 3 1",
    'score "2"',
    "score Brigham and Women's 1 1 1",
    "score 'St. Mary's Hospital' 2",
    'score Area "51"',
    "score Mayo 2 3 1 Rochester",
    "score 'The \"Best\" Place' 1",
    "add Mayo",
    "add Mass General",
    "add Hôpital Sainte-Justine",
    "add 東京大学",
    "add 2025",
    "add Route 66",
    'add "\'90s Hospital"',
    "add Women's",
    'add a"b c',
    "add x' \"'a\" y",
    "add secondlook",
    "show “St. Mary’s Hospital”",
    "remove Mass General",
    "rm Mayo",
    "plan",
    "list",
    "export",
    "set Mayo notes travel is hard",
    "set Mass General travel 2",
    "set Mass General t 2",
    'set "Travel Clinic" travel 3',
    "set notes notes x",
    'set Mayo "Travel" Clinic notes ok',
    "set Mayo name Mass General",
    'set Mayo notes "\'quoted" text',
    "set Mayo notes 2 3 1",
    "set Mayo interview-date 2025-01-15",
    "set Area 51 notes hi",
    "status Mayo visited",
    "status Mass General declined",
    "status Mayo declined by program",
    "status Area 51 skip",
    "status Visit visit",
    "profile",
    "profile edit",
    "forget me",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_to_text_round_trips(text: str) -> None:
    command = parse_command(text)
    assert parse_command(to_text(command)) == command


@pytest.mark.parametrize(
    ("command", "text"),
    [
        (Command("help"), "help"),
        (Command("help", topic="score"), "help score"),
        (Command("score", program="Mayo", scores=(2, 3, 1)), "score Mayo 2 3 1"),
        (Command("score", program="Mayo"), "score Mayo"),
        (Command("score", program="Area 51", scores=(3, 3, 1)), 'score "Area 51" 3 3 1'),
        (Command("score", program="Mass General", scores=(1,)), 'score "Mass General" 1'),
        (Command("add", program="Brigham and Women's"), 'add "Brigham and Women\'s"'),
        (Command("add", program='The "Best" Place'), "add 'The \"Best\" Place'"),
        (Command("show", program="東京大学"), "show 東京大学"),
        (Command("remove", program="Mayo"), "remove Mayo"),
        (Command("plan"), "plan"),
        (Command("export"), "export"),
        (
            Command("set", program="Mass General", field="travel", value="2"),
            'set "Mass General" travel 2',
        ),
        (
            Command("set", program="Mayo", field="notes", value="travel is hard"),
            "set Mayo notes travel is hard",
        ),
        (
            Command("status", program="Mayo", value="declined_by_program"),
            "status Mayo declined_by_program",
        ),
        (Command("profile", value="edit"), "profile edit"),
        (Command("profile"), "profile"),
        (Command("forget"), "forget me"),
    ],
)
def test_to_text(command: Command, text: str) -> None:
    assert to_text(command) == text
    assert parse_command(text) == command


@pytest.mark.parametrize(
    "command",
    [
        Command("add"),
        Command("add", program=""),
        Command("set", program="Mayo", field="colour", value="red"),
        Command("set", program="Mayo", field="notes"),
        Command("status", program="Mayo", value="maybe"),
        Command("score", program="Mayo", scores=(5,)),
        Command("add", program="x" * 121),
        Command("launch"),
        # No escaping: a name starting with a quote that holds a closing quote of both
        # families before a space cannot be typed after score.
        Command("score", program='" ‘ ”x'),
    ],
)
def test_to_text_refuses_commands_that_cannot_be_typed(command: Command) -> None:
    with pytest.raises(ValueError, match="cannot be written"):
        to_text(command)


FUZZ_WORDS = [
    "Mayo",
    "Area",
    "51",
    "0",
    "1",
    "2",
    "3",
    "4",
    "-1",
    "2.5",
    "2,",
    '"Mass General"',
    "'St. Mary's'",
    "Women's",
    "“Hôpital”",
    "‘x’",
    "東京大学",
    "travel",
    "notes",
    "t",
    "status",
    "visited",
    "declined",
    "by",
    "program",
    "skip",
    "edit",
    "me",
    'a"',
    "b'",
    '"\'90s x"',
    '""',
    '"Area 51"',
    "interest",
    "secondlook",
    "'a\" b'",
    '"2"',
    "Type",
]
FUZZ_HEADS = [*COMMANDS, *ALIASES, "scroe", "sett", "stauts", "SET", "/secondlook score"]


def fuzz_inputs(count: int) -> list[str]:
    rng = random.Random(20250115)
    texts = []
    for _ in range(count):
        parts = [rng.choice(FUZZ_HEADS), *rng.choices(FUZZ_WORDS, k=rng.randint(0, 6))]
        texts.append("".join(part + rng.choice([" ", "  ", "\t"]) for part in parts))
    return texts


def test_round_trip_and_suggestions_on_many_generated_inputs() -> None:
    parsed = failed = 0
    for text in fuzz_inputs(4000):
        try:
            command = parse_command(text)
        except CommandError as error:
            failed += 1
            if error.suggestion is not None:
                assert parse_command(error.suggestion), (text, error.suggestion)
            continue
        parsed += 1
        assert command.name in COMMANDS
        assert parse_command(to_text(command)) == command, text
    assert parsed > 1000
    assert failed > 1000


# --- check: the message is taken as typed ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("check Where do I stand on your rank list?", "Where do I stand on your rank list?"),
        ("check   Thank you  for a lovely day.  ", "Thank you  for a lovely day."),
        ("CHECK hello", "hello"),
        ("/secondlook check hello", "hello"),
        ("secondlook  Check hello", "hello"),
        ("check I don't know", "I don't know"),
        ('check She said "hi', 'She said "hi'),
        ("check 'unmatched and “curly", "'unmatched and “curly"),
        (
            "check Dear Dr. Lee,\n\nThank you.\n  Best,\nAna\n",
            "Dear Dr. Lee,\n\nThank you.\n  Best,\nAna",
        ),
        ("check\tTabs\tkept", "Tabs\tkept"),
        ("check score Mayo 2 3 1", "score Mayo 2 3 1"),
        ("check to be honest, I loved it", "to be honest, I loved it"),  # no colon: no program
        ("check -- to be honest: I loved it", "to be honest: I loved it"),
        ("check -- --from-program", "--from-program"),
        ("check from programs: x", "from programs: x"),
    ],
)
def test_check_takes_the_message_exactly_as_typed(text: str, value: str) -> None:
    assert parse_command(text) == Command("check", value=value)


@pytest.mark.parametrize(
    "text",
    [
        "check --from-program Where else did you interview?",
        "check --FROM-PROGRAM Where else did you interview?",
        "check from program: Where else did you interview?",
        "check From  Program:Where else did you interview?",
        "check --from-program\nWhere else did you interview?",
    ],
)
def test_check_from_program(text: str) -> None:
    assert parse_command(text) == Command(
        "check", value="Where else did you interview?", topic="program"
    )


@pytest.mark.parametrize(
    ("text", "program", "value"),
    [
        ("check to Mayo: Thank you.", "Mayo", "Thank you."),
        ("check to Mass General:Thank you.", "Mass General", "Thank you."),
        ("check TO  Mass   General :  Thank you.", "Mass General", "Thank you."),
        ('check to "Mass General": Thank you.', "Mass General", "Thank you."),
        ("check to 'St. Mary's': It's great.", "St. Mary's", "It's great."),
        ('check to "Area 51: East" : hi', "Area 51: East", "hi"),
        ("check to Mayo: Dear Dr. Lee:\nThanks!", "Mayo", "Dear Dr. Lee:\nThanks!"),
        ("check to Mayo:\n\nThanks,\nAna", "Mayo", "Thanks,\nAna"),
    ],
)
def test_check_to_a_program(text: str, program: str, value: str) -> None:
    assert parse_command(text) == Command("check", program=program, value=value)


def test_check_to_needs_the_colon_on_the_first_line() -> None:
    command = parse_command("check to my mind\nthe best: Mayo")
    assert command == Command("check", value="to my mind\nthe best: Mayo")


def test_check_with_a_sentence_longer_than_a_name_before_its_colon_is_a_message() -> None:
    text = "to " + "very " * 30 + "honest: I loved it"
    assert parse_command(f"check {text}") == Command("check", value=text)


@pytest.mark.parametrize(
    "text",
    [
        "check",
        "check   ",
        "/secondlook check",
        "check --from-program",
        "check from program:  ",
        "check to Mayo:",
        "check to Mayo:   \n ",
        "check --",
    ],
)
def test_check_without_a_message_gives_usage(text: str) -> None:
    error = error_for(text)
    assert "needs the message" in error.message
    assert USAGE["check"] in error.message


def test_check_to_an_empty_program_name() -> None:
    assert "program name" in error_for("check to : hello").message


def test_check_is_held_to_the_input_limit() -> None:
    head = "check "
    at_limit = head + "x" * (MAX_INPUT - len(head))
    assert parse_command(at_limit).value == "x" * (MAX_INPUT - len(head))
    error = error_for(at_limit + "x")
    assert "2,001" in error.message


def test_quoted_check_word_still_checks() -> None:
    assert parse_command('"check" hello there') == Command("check", value="hello there")


def test_misspelt_check_is_suggested() -> None:
    error = error_for("chekc Where do I stand?")
    assert "Did you mean 'check'" in error.message
    assert error.suggestion == "check Where do I stand?"


# --- sent, replied -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("request", "request"),
        ("confirm", "confirm"),
        ("thank_you", "thank_you"),
        ("thanks", "thank_you"),
        ("thank-you", "thank_you"),
        ("Thank you", "thank_you"),
        ("decline_reply", "decline_reply"),
        ("decline-reply", "decline_reply"),
        ("interest", "interest"),
        ("virtual_request", "virtual_request"),
        ("resident_note", "resident_note"),
        ("follow_up", "follow_up"),
        ("followup", "follow_up"),
        ("follow-up", "follow_up"),
        ("Follow up", "follow_up"),
    ],
)
def test_sent_kinds_and_aliases(word: str, kind: str) -> None:
    assert parse_command(f"sent Mayo Clinic {word}") == Command(
        "sent", program="Mayo Clinic", field=kind
    )
    assert KIND_ALIASES.get(kind) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sent Mayo thanks 2027-01-20",
            Command("sent", "Mayo", field="thank_you", value="2027-01-20"),
        ),
        (
            "sent Mayo interest first-choice",
            Command("sent", "Mayo", field="interest", topic="first_choice"),
        ),
        (
            "sent Mayo interest 2027-01-20 first-choice",
            Command("sent", "Mayo", field="interest", value="2027-01-20", topic="first_choice"),
        ),
        (
            "sent Mayo interest first_choice 2027-01-20",
            Command("sent", "Mayo", field="interest", value="2027-01-20", topic="first_choice"),
        ),
        ('sent "Interest" interest', Command("sent", "Interest", field="interest")),
        ("sent Route 66 request", Command("sent", "Route 66", field="request")),
        ("/secondlook SENT Mayo follow-up", Command("sent", "Mayo", field="follow_up")),
    ],
)
def test_sent(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sent", "Say which program"),
        ("sent Mayo", "Give the kind of message"),
        ("sent thanks", "Give the program name before"),
        ("sent Mayo 2027-01-20", "Give the kind of message"),
        ("sent Mayo thanks 2027-02-30", "YYYY-MM-DD"),
        ("sent Mayo thanks 1/20/2027", "YYYY-MM-DD"),
        ("sent Mayo Clinic letter", "Unknown kind of message 'letter'"),
    ],
)
def test_sent_errors(text: str, expected: str) -> None:
    assert expected in error_for(text).message


def test_sent_unknown_kind_did_you_mean() -> None:
    error = error_for("sent Mayo thnaks 2027-01-20")
    assert "Did you mean 'thanks'" in error.message
    assert error.suggestion == "sent Mayo thanks 2027-01-20"
    assert "follow_up" in error.message  # the kinds are listed


def test_sent_with_the_kind_first_offers_the_right_order() -> None:
    error = error_for("sent thanks Mayo Clinic")
    assert error.suggestion == "sent Mayo Clinic thank_you"


def test_replied() -> None:
    assert parse_command("replied Mass General") == Command("replied", program="Mass General")
    assert "program name" in error_for("replied").message


CHECK_ROUND_TRIP = [
    "check Where do I stand?",
    "check I don't know\n\n  what to say \"",
    "check --from-program Are we your first choice?",
    "check from program: x",
    "check to Mayo: Thanks!",
    "check to Mass General: Thanks!",
    "check to 'St. Mary's': it's",
    'check to "A: B": hi',
    "check -- to be honest: x",
    "check -- --from-program",
    "check -- --",
    "check --from-program to Mayo: hi",
    "check to Mayo: to Rush: hi",
    "sent Mayo thanks",
    "sent Mass General follow-up 2027-01-20 first-choice",
    'sent "Interest" interest',
    "sent Area 51 request 2027-01-02",
    "replied Mayo",
    "replied Area 51",
]


@pytest.mark.parametrize("text", CHECK_ROUND_TRIP)
def test_to_text_round_trips_the_new_commands(text: str) -> None:
    command = parse_command(text)
    assert parse_command(to_text(command)) == command


@pytest.mark.parametrize(
    ("command", "text"),
    [
        (Command("check", value="Where do I stand?"), "check Where do I stand?"),
        (Command("check", value="a\n  b"), "check a\n  b"),
        (Command("check", value="x", topic="program"), "check --from-program x"),
        (Command("check", program="Mayo", value="Thanks"), "check to Mayo: Thanks"),
        (Command("check", program="Mass General", value="Hi"), 'check to "Mass General": Hi'),
        (Command("check", value="to be: x"), "check -- to be: x"),
        (Command("sent", program="Mayo", field="thank_you"), "sent Mayo thank_you"),
        (
            Command("sent", program="Mayo", field="interest", topic="first_choice"),
            "sent Mayo interest first-choice",
        ),
        (
            Command("sent", program="Mayo", field="follow_up", value="2027-01-20"),
            "sent Mayo follow_up 2027-01-20",
        ),
        (Command("replied", program="Mayo"), "replied Mayo"),
    ],
)
def test_to_text_of_the_new_commands(command: Command, text: str) -> None:
    assert to_text(command) == text
    assert parse_command(text) == command


@pytest.mark.parametrize(
    "command",
    [
        Command("check"),
        Command("check", value=""),
        Command("check", value="   "),
        Command("sent", program="Mayo", field="letter"),
        Command("sent", program="Mayo"),
        Command("sent", program="Mayo", field="thank_you", value="soon"),
        Command("replied"),
    ],
)
def test_to_text_refuses_new_commands_that_cannot_be_typed(command: Command) -> None:
    with pytest.raises(ValueError, match="cannot be written"):
        to_text(command)


CHECK_PIECES = [
    "to",
    "Mayo",
    "Mass General",
    ":",
    "--from-program",
    "from program:",
    "--",
    "don't",
    '"',
    "'",
    "“quoted”",
    "\n",
    "  ",
    "Where do I stand?",
    "thanks",
    "first choice",
]


def test_check_round_trips_on_many_generated_messages() -> None:
    rng = random.Random(20270120)
    for _ in range(2000):
        words = rng.choices(CHECK_PIECES, k=rng.randint(1, 8))
        text = "check " + rng.choice([" ", "", "\t"]).join(words)
        try:
            command = parse_command(text)
        except CommandError as error:
            assert "needs" in error.message or "program name" in error.message, text
            continue
        assert command.name == "check"
        assert command.value and command.value == command.value.strip()
        assert parse_command(to_text(command)) == command, text
