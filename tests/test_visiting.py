"""template, questions, dates and debrief in the chat, as a user meets them.

Every test drives the real ``Assistant`` on a real database (SQLite, and PostgreSQL when
SECONDLOOK_TEST_DATABASE_URL is set) with a clock fixed on Thursday, December 10, 2026, a
few weeks before the 2027 second-look window (Mon Jan 25 to Fri Feb 26, 7 days' notice).
Nothing of ours is mocked: what is checked is what a user reads, clicks and ends up with.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence

import holidays
import pytest

from core.commands import parse_command
from core.compliance import Severity, check
from core.models import Movement, Status
from core.replies import Reply
from core.storage import Database, ProgramStore
from core.storage.messages import MessageLog
from core.visit.dates import load_season
from core.visit.questions import Theme
from tests.clock import FakeClock
from tests.test_conversation import (
    ALICE,
    BOB,
    MAYO,
    Chat,
    all_choices,
    build_assistant,
    find_choice,
    joined,
)

D = dt.date
NOW = dt.datetime(2026, 12, 10, 15, 0, tzinfo=dt.UTC)  # a Thursday, before the window
SEASON = load_season()
WINDOW_START, WINDOW_END = D(2027, 1, 25), D(2027, 2, 26)
US_HOLIDAYS = holidays.country_holidays("US", years=[2026, 2027])

LAKESIDE = {  # a program that does not offer second looks
    "name": "Lakeside Hospital",
    "city": "Duluth",
    "state": "MN",
    "program_type": "community",
    "policy": "not_offered",
    "goals": ["training"],
    "uncertainty": 2,
    "importance": 2,
    "travel": 1,
}
NOT_FOUND_MAYO = "You are not tracking a program called 'Mayo Clinic'."
# A detail the checker flags once it sits in the thank-you (verified in the test itself).
BARGAIN = "I will rank you first if you rank me to match"
GOOD_DETAIL = "the ICU handoff with Dr. Ruiz"
THEMES = {theme.label for theme in Theme}
FAILURE = "Something went wrong"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def chat(database: Database, clock: FakeClock) -> Chat:
    return Chat(build_assistant(database, clock))


@pytest.fixture
def messages(database: Database) -> MessageLog:
    return MessageLog(database)


# --- What the replies show ----------------------------------------------------------------


def section(replies: Sequence[Reply], title: str) -> str | None:
    """The text of the one section called ``title``, or None when there is none."""
    found = [s for reply in replies for s in reply.sections if s.title == title]
    assert len(found) <= 1, joined(replies)
    return (found[0].text or "") if found else None


def draft(replies: Sequence[Reply]) -> tuple[str, str]:
    """The (subject, body) of the one draft among ``replies``."""
    found = [
        s
        for reply in replies
        for s in reply.sections
        if s.title and s.title.startswith("Subject: ")
    ]
    assert len(found) == 1, joined(replies)
    return found[0].title.removeprefix("Subject: "), found[0].text or ""  # type: ignore[union-attr]


def as_sent(replies: Sequence[Reply]) -> str:
    """The draft as the user would paste it into an email."""
    subject, body = draft(replies)
    return f"Subject: {subject}\n\n{body}"


def template_kinds(replies: Sequence[Reply]) -> list[str]:
    """The kinds of email the choices draft, in order; every choice must be a template."""
    kinds = []
    for choice in all_choices(replies):
        assert choice.id.startswith("cmd:"), choice
        command = parse_command(choice.id.removeprefix("cmd:"))
        assert command.name == "template", choice
        assert command.field is not None, choice
        kinds.append(command.field)
    return kinds


def proposed(replies: Sequence[Reply]) -> list[dt.date]:
    """The dates listed in a dates reply ("• Tuesday, January 26, 2027")."""
    days = []
    for reply in replies:
        for s in reply.sections:
            if s.title is None and s.text:
                for line in s.text.splitlines():
                    days.append(dt.datetime.strptime(line.removeprefix("• "), "%A, %B %d, %Y"))
    return [day.date() for day in days]


def questions(replies: Sequence[Reply]) -> list[tuple[str, str, str]]:
    """(theme, question, reason) for every question listed under a theme."""
    found = []
    for reply in replies:
        for s in reply.sections:
            if s.title not in THEMES:
                continue
            lines = (s.text or "").splitlines()
            for asked, why in zip(lines[::2], lines[1::2], strict=True):
                assert asked.startswith("• ") and why.strip().startswith("("), s.text
                found.append((s.title, asked[2:], why.strip()[1:-1]))
    return found


def bullets(text: str | None) -> list[str]:
    assert text is not None
    return [line[2:] for line in text.splitlines() if line.startswith("• ")]


# --- template: which emails fit -----------------------------------------------------------


async def test_a_welcome_program_offers_the_request_first_and_no_thank_you_yet(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    replies = await chat.replies('template "Mayo Clinic"')

    assert "Emails that fit Mayo Clinic now (policy welcome, status considering)" in joined(replies)
    kinds = template_kinds(replies)
    assert kinds[0] == "request"
    assert find_choice(replies, "Ask for a second look").style == "primary"
    assert "thank_you" not in kinds
    assert "decline_reply" not in kinds
    assert "confirm" not in kinds  # nothing offered or requested yet


async def test_a_program_that_offers_no_second_looks_gets_no_request(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, LAKESIDE)

    replies = await chat.replies('template "Lakeside Hospital"')

    assert "policy not_offered" in joined(replies)
    assert template_kinds(replies) == ["decline_reply", "interest", "resident_note"]
    labels = [choice.label for choice in all_choices(replies)]
    assert labels == [
        "Reply to a program that does not offer visits",
        "Interest without a visit",
        "Note to a current resident",
    ]


async def test_asking_a_not_offered_program_for_a_visit_is_refused_with_the_reason(
    chat: Chat, store: ProgramStore, messages: MessageLog
) -> None:
    await store.add_program(ALICE, LAKESIDE)

    replies = await chat.replies('template request "Lakeside Hospital"')

    text = joined(replies)
    assert text.startswith("No request email for Lakeside Hospital:")
    assert "the program does not offer second looks" in text
    assert "Subject:" not in text  # no draft at all
    assert template_kinds(replies) == ["decline_reply", "interest", "resident_note"]
    # the alternatives are one click away and give a draft
    reply = await chat.click(find_choice(replies, "does not offer visits"))
    assert "Draft for Lakeside Hospital (reply to a program that does not offer visits)" in reply
    assert "second looks are not part of your process" in draft(chat.last)[1]
    assert await messages.history(ALICE) == []


async def test_no_thank_you_before_the_visit_and_it_says_why(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    replies = await chat.replies('template thanks "Mayo Clinic"')

    assert "No thank_you email for Mayo Clinic: there is no visit to thank them for yet." in (
        joined(replies)
    )
    assert template_kinds(replies)[0] == "request"


async def test_after_status_visited_the_thank_you_is_offered_and_the_request_is_gone(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    started = await chat.say('status "Mayo Clinic" visited')
    assert "Mayo Clinic is now visited." in started
    assert "Cancelled" in await chat.say("cancel")  # the debrief can wait
    replies = await chat.replies('template "Mayo Clinic"')

    assert "status visited" in joined(replies)
    kinds = template_kinds(replies)
    assert kinds[0] == "thank_you"
    assert "request" not in kinds
    assert (await store.get_program(ALICE, "Mayo Clinic")).status is Status.visited


async def test_a_misspelt_program_offers_the_same_draft_for_the_right_one(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    replies = await chat.replies("template request mayo clinc")

    assert "not tracking a program called 'mayo clinc'; did you mean 'Mayo Clinic'?" in (
        joined(replies)
    )
    fixed = await chat.click(find_choice(replies, "Yes:"))
    assert "Draft for Mayo Clinic (ask for a second look)" in fixed


# --- template: the draft ------------------------------------------------------------------


async def test_a_bare_draft_shows_placeholders_and_says_what_to_fill_in(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    replies = await chat.replies('template request "Mayo Clinic"')

    text = joined(replies)
    assert "Draft for Mayo Clinic (ask for a second look)" in text
    subject, body = draft(replies)
    assert subject == "Second look request – [your name]"
    assert body.startswith("Dear Program Coordinator,")
    assert body.endswith("[your name]")
    assert "Mayo Clinic" in body
    fill_in = bullets(section(replies, "Fill in before sending"))
    assert any(line.startswith("your name") for line in fill_in), fill_in
    assert any(line.startswith("the coordinator's name") for line in fill_in), fill_in
    assert section(replies, "Check before sending") is None
    assert [c.label for c in all_choices(replies)] == ["I sent it", "Questions for the visit"]


async def test_the_contact_and_profile_name_fill_the_draft_and_it_passes_the_checker(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    updated = await chat.say('set "Mayo Clinic" contact "Dr. Lee"')
    assert "Updated Mayo Clinic: contact_name is now Dr. Lee." in updated
    await store.update_profile(ALICE, {"name": "Adaeze Okafor"})
    replies = await chat.replies('template request "Mayo Clinic"')

    subject, body = draft(replies)
    assert subject == "Second look request – Adaeze Okafor"
    assert body.startswith("Dear Dr. Lee,")
    assert body.endswith("Best regards,\nAdaeze Okafor")
    assert "[" not in subject + body
    assert section(replies, "Fill in before sending") is None
    assert section(replies, "Check before sending") is None
    result = check(as_sent(replies))
    assert result.verdict is Severity.ok, result.findings


async def test_the_fill_in_hint_is_a_command_that_fills_the_gap(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)
    replies = await chat.replies('template request "Mayo Clinic"')
    fill_in = bullets(section(replies, "Fill in before sending"))
    hint = next(line for line in fill_in if line.startswith("the coordinator's name"))
    command = re.fullmatch(r".*\(or: (.+)\)", hint)
    assert command is not None, hint

    assert "Updated Mayo Clinic" in await chat.say(command.group(1))

    _, body = draft(await chat.replies('template request "Mayo Clinic"'))
    assert body.startswith("Dear Ms. Ortiz,")


async def test_i_sent_it_logs_the_message_and_export_shows_it(
    chat: Chat, store: ProgramStore, messages: MessageLog
) -> None:
    await store.add_program(ALICE, MAYO)
    replies = await chat.replies('template request "Mayo Clinic"')

    logged = await chat.click(find_choice(replies, "I sent it"))

    assert "Logged: second-look request to Mayo Clinic on 2026-12-10." in logged
    history = await messages.history(ALICE)
    assert [(m.program, m.kind.value, m.sent_on) for m in history] == [
        ("Mayo Clinic", "request", D(2026, 12, 10))
    ]
    exported = await chat.replies("export")
    assert "1 logged message(s)" in joined(exported)
    document = next(f for reply in exported for f in reply.files if f.name.endswith(".json"))
    assert [m["kind"] for m in json.loads(document.data)["messages"]] == ["request"]
    assert await messages.history(BOB) == []


@pytest.mark.parametrize(
    ("detail", "flagged"), [(BARGAIN, True), (GOOD_DETAIL, False)], ids=["bargain", "clean"]
)
async def test_a_visit_detail_the_checker_flags_brings_a_check_before_sending_section(
    chat: Chat, store: ProgramStore, detail: str, flagged: bool
) -> None:
    await store.add_program(ALICE, {**MAYO, "status": "visited"})

    assert "Updated Mayo Clinic" in await chat.say(f'set "Mayo Clinic" detail "{detail}"')
    replies = await chat.replies('template thank_you "Mayo Clinic"')

    _, body = draft(replies)
    assert detail in body
    result = check(as_sent(replies))
    assert (result.verdict is not Severity.ok) is flagged, result.findings
    warned = section(replies, "Check before sending")
    if flagged:
        assert warned is not None
        assert detail in warned  # the words that need rewording are quoted
        assert len(bullets(warned)) == len(result.findings)
    else:
        assert warned is None


# --- questions ----------------------------------------------------------------------------


async def test_questions_aim_at_the_concern_and_list_what_to_watch_for(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)
    assert "concerns is now call schedule" in await chat.say(
        'set "Mayo Clinic" concerns call schedule'
    )

    replies = await chat.replies('questions "Mayo Clinic"')

    asked = questions(replies)
    assert 5 <= len(asked) <= 8, asked
    assert joined(replies).startswith(f"{len(asked)} questions to bring to Mayo Clinic.")
    assert any("call schedule" in reason for _, _, reason in asked), asked
    assert len({text for _, text, _ in asked}) == len(asked)  # no question twice
    assert bullets(section(replies, "Watch for on the day"))
    assert bullets(section(replies, "Leave out"))
    assert section(replies, Theme.img_visa.label) is None  # not an IMG
    for _, text, _ in asked:
        assert check(text).verdict is Severity.ok, text


async def test_an_img_on_a_j1_visa_gets_a_visa_question(chat: Chat, store: ProgramStore) -> None:
    await store.add_program(ALICE, MAYO)
    await store.update_profile(ALICE, {"img": True, "visa": "j1"})

    replies = await chat.replies('questions "Mayo Clinic"')

    asked = questions(replies)
    assert 5 <= len(asked) <= 8, asked
    visa = [(text, reason) for theme, text, reason in asked if theme == Theme.img_visa.label]
    assert visa, asked
    assert any("J-1" in reason for _, reason in visa), visa


# --- dates --------------------------------------------------------------------------------


async def test_dates_are_weekdays_in_the_window_never_a_federal_holiday_with_sources(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    replies = await chat.replies('dates "Mayo Clinic"')

    assert joined(replies).startswith("Dates to propose to Mayo Clinic:")
    days = proposed(replies)
    assert 2 <= len(days) <= 3, days
    assert days == sorted(set(days))
    for day in days:
        assert day.weekday() < 5, day
        assert WINDOW_START <= day <= WINDOW_END, day
        assert day not in US_HOLIDAYS, (day, US_HOLIDAYS.get(day))
    why = bullets(section(replies, "Why these"))
    assert "Skips Presidents' Day (Mon Feb 15), a federal holiday." in why
    sources = bullets(section(replies, "Sources"))
    for source in SEASON.window_sources:
        assert source in sources
    assert any("holidays" in source for source in sources), sources
    request = find_choice(replies, "Ask for a second look")
    assert parse_command(request.id.removeprefix("cmd:")).field == "request"


async def test_an_applicant_abroad_gets_no_date_before_arrival(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)
    await store.update_profile(ALICE, {"img": True, "in_us": False, "arrival_date": "2027-02-08"})

    replies = await chat.replies('dates "Mayo Clinic"')

    days = proposed(replies)
    assert 2 <= len(days) <= 3, days
    assert min(days) >= D(2027, 2, 8)
    assert all(day.weekday() < 5 and day not in US_HOLIDAYS for day in days)
    assert "Nothing before your arrival in the US on Mon Feb 8." in bullets(
        section(replies, "Why these")
    )


async def test_offered_dates_come_before_suggestions_and_a_saturday_is_skipped(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)
    # Set through the store: the chat's own `set ... offered` is covered below (it crashes).
    await store.update_program(ALICE, "Mayo Clinic", {"offered_dates": "2027-02-09, 2027-02-13"})

    replies = await chat.replies('dates "Mayo Clinic"')

    days = proposed(replies)
    assert D(2027, 2, 9) in days
    assert D(2027, 2, 13) not in days
    assert all(day.weekday() < 5 for day in days)
    why = bullets(section(replies, "Why these"))
    assert "Skips the offered Sat Feb 13: a weekend." in why
    offered = why.index("Tue Feb 9: the date the program offered.")
    suggested = next(i for i, line in enumerate(why) if "suggested to complete the list" in line)
    assert offered < suggested
    # a visit is being arranged: confirm it, do not ask again
    assert template_kinds(replies) == ["confirm"]


async def test_setting_offered_dates_in_the_chat_confirms_them(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    answer = await chat.say('set "Mayo Clinic" offered 2027-02-09, 2027-02-13')

    assert FAILURE not in answer
    assert "Updated Mayo Clinic: offered_dates is now" in answer
    assert "2027-02-09" in answer


async def test_the_confirm_draft_from_dates_proposes_no_day_that_dates_skipped(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)
    await store.update_program(ALICE, "Mayo Clinic", {"offered_dates": "2027-02-09, 2027-02-13"})
    replies = await chat.replies('dates "Mayo Clinic"')
    assert "Skips the offered Sat Feb 13: a weekend." in joined(replies)

    await chat.click(find_choice(replies, "Accept and confirm a visit"))

    _, body = draft(chat.last)
    assert "Tuesday, February 9" in body
    assert "February 13" not in body


async def test_after_the_window_there_is_a_sentence_and_no_date(
    chat: Chat, store: ProgramStore, clock: FakeClock
) -> None:
    await store.add_program(ALICE, MAYO)
    clock.now = dt.datetime(2027, 3, 1, 15, 0, tzinfo=dt.UTC)

    replies = await chat.replies('dates "Mayo Clinic"')

    text = joined(replies)
    assert "second-look window of the 2027 Main Residency Match ended on Fri Feb 26" in text
    assert "virtual visit" in text
    assert proposed(replies) == []
    assert "Dates to propose" not in text
    assert all_choices(replies) == []
    assert bullets(section(replies, "Sources"))


# --- privacy ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        'template request "Mayo Clinic"',
        'template "Mayo Clinic"',
        'questions "Mayo Clinic"',
        'dates "Mayo Clinic"',
        'debrief "Mayo Clinic"',
    ],
)
async def test_another_user_cannot_reach_a_program_they_do_not_track(
    chat: Chat, store: ProgramStore, command: str
) -> None:
    await store.add_program(ALICE, {**MAYO, "contact_name": "Dr. Lee", "concerns": "call schedule"})

    replies = await chat.replies(command, tenant=BOB)

    assert joined(replies) == NOT_FOUND_MAYO
    assert all_choices(replies) == []
    # nothing was opened for Bob: his next words are a command again, not an answer
    assert "Unknown command" in await chat.say("It answered my questions", tenant=BOB)
    mine = await store.get_program(ALICE, "Mayo Clinic")
    assert (mine.debrief, mine.contact_name) == (None, "Dr. Lee")


async def test_alices_contact_never_appears_in_bobs_replies(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, {**MAYO, "contact_name": "Dr. Lee"})
    await store.add_program(BOB, MAYO)  # Bob's own Mayo Clinic, no contact yet

    said = []
    for command in (
        'template "Mayo Clinic"',
        'template request "Mayo Clinic"',
        'template resident_note "Mayo Clinic"',
        'questions "Mayo Clinic"',
        'dates "Mayo Clinic"',
        'show "Mayo Clinic"',
        "plan",
        "export",
    ):
        replies = await chat.replies(command, tenant=BOB)
        files = " ".join(f.data.decode() for reply in replies for f in reply.files)
        said.append(joined(replies) + files)

    assert not any("Dr. Lee" in text for text in said)
    assert "Dear Program Coordinator," in said[1]
    _, alices = draft(await chat.replies('template request "Mayo Clinic"'))
    assert alices.startswith("Dear Dr. Lee,")


# --- debrief ------------------------------------------------------------------------------


async def test_visited_then_debrief_then_the_thank_you_carries_the_detail(
    chat: Chat, store: ProgramStore, messages: MessageLog
) -> None:
    await store.add_program(ALICE, {**MAYO, "contact_name": "Dr. Lee"})
    await store.update_profile(ALICE, {"name": "Adaeze Okafor"})

    first = await chat.say('status "Mayo Clinic" visited')
    assert "Mayo Clinic is now visited." in first
    assert "What did the visit to Mayo Clinic answer for you?" in first
    assert "Did it move Mayo Clinic on your own list?" in await chat.say(
        "Call is home call and rarely busy; that settled it."
    )
    assert "One concrete detail" in await chat.click(find_choice(chat.last, "Up"))
    done = await chat.replies("Morning report run by the chief residents.")

    assert "Saved your debrief for Mayo Clinic; it moved up on your list." in joined(done)
    stored = await store.get_program(ALICE, "Mayo Clinic")
    assert stored.moved is Movement.up
    assert stored.debrief == "Call is home call and rarely busy; that settled it."

    written = await chat.click(find_choice(done, "Write the thank-you"))

    assert "Draft for Mayo Clinic (thank-you after the visit)" in written
    subject, body = draft(chat.last)
    assert subject == "Thank you for the second look – Adaeze Okafor"
    assert body.startswith("Dear Dr. Lee,")
    assert "I especially valued morning report run by the chief residents;" in body
    assert "[" not in body
    assert section(chat.last, "Fill in before sending") is None
    assert check(as_sent(chat.last)).verdict is Severity.ok

    logged = await chat.click(find_choice(chat.last, "I sent it"))
    assert "Logged: thank-you to Mayo Clinic on 2026-12-10." in logged
    assert [m.kind.value for m in await messages.history(ALICE)] == ["thank_you"]


async def test_a_debrief_of_a_program_bob_does_not_track_is_not_found_and_saves_nothing(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, {**MAYO, "status": "visited"})
    before = await store.get_program(ALICE, "Mayo Clinic")

    assert await chat.say('debrief "Mayo Clinic"', tenant=BOB) == NOT_FOUND_MAYO
    for answer in ("It settled everything.", "up", "The pizza."):
        await chat.say(answer, tenant=BOB)

    assert await store.get_program(ALICE, "Mayo Clinic") == before
    assert await store.list_programs(BOB) == []


async def test_every_thank_you_button_after_a_debrief_gives_a_draft(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)  # status: considering

    await chat.script('debrief "Mayo Clinic"', "It settled the call question.", "up")
    done = await chat.replies("Morning report run by the chief residents.")
    assert "Saved your debrief for Mayo Clinic" in joined(done)

    buttons = [c for c in all_choices(done) if "thank-you" in c.label.lower()]
    for button in buttons:
        answer = await chat.click(button)
        assert "No thank_you email" not in answer
        assert "Draft for Mayo Clinic (thank-you after the visit)" in answer


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("template", "template needs a program name. Usage: template [<kind>] <program>"),
        ("template thank_you", "Give the program after thank_you. Usage: template [<kind>]"),
        ("questions", "questions needs a program name. Usage: questions <program>"),
        ("dates", "dates needs a program name. Usage: dates <program>"),
        ("debrief", "debrief needs a program name. Usage: debrief <program>"),
    ],
)
async def test_a_command_without_its_program_says_what_is_missing(
    chat: Chat, store: ProgramStore, messages: MessageLog, command: str, expected: str
) -> None:
    await store.add_program(ALICE, MAYO)
    before = await store.get_program(ALICE, "Mayo Clinic")

    replies = await chat.replies(command)

    assert expected in joined(replies)
    assert all_choices(replies) == []
    assert await store.get_program(ALICE, "Mayo Clinic") == before
    assert await messages.history(ALICE) == []
    assert "Unknown command" in await chat.say("Mayo Clinic")  # no question was opened


@pytest.mark.parametrize("value", ["tomorrow", "2027-02-30", "Feb 9", "2027-02-09 next week"])
async def test_an_offered_date_that_is_no_date_is_refused_and_nothing_is_stored(
    chat: Chat, store: ProgramStore, value: str
) -> None:
    await store.add_program(ALICE, {**MAYO, "offered_dates": ["2027-02-10"]})
    before = await store.get_program(ALICE, "Mayo Clinic")

    answer = await chat.say(f'set "Mayo Clinic" offered {value}')

    assert "offered_dates" in answer.lower()
    assert "date" in answer.removeprefix("Offered_dates")
    assert "Updated" not in answer and FAILURE not in answer
    assert await store.get_program(ALICE, "Mayo Clinic") == before


async def test_a_bad_offered_date_is_answered_with_the_format_to_use(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    answer = await chat.say('set "Mayo Clinic" offered tomorrow')

    assert "YYYY-MM-DD" in answer
    assert "'tomorrow'" in answer
