"""`check`, `sent` and `replied` through the core API, as a user meets them.

The checker's own accuracy is tested on its data sets elsewhere; these tests use only
sentences it plainly gets right, and check what the conversation makes of its answer:
the headline, the span, the rule, the rewrite, the notes, the log and its warnings.
"""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from core.compliance import check
from core.identity import Tenant
from core.storage import Database, MessageLog, ProgramStore
from core.storage.tables import Base
from tests.clock import FakeClock
from tests.test_conversation import (
    ALICE,
    BOB,
    MAYO,
    T0,
    Chat,
    all_choices,
    build_assistant,
    find_choice,
    joined,
)

ASKS_STANDING = "Where do I stand on your rank list?"
THANKS = "Thank you for a lovely day."
TODAY = T0.date().isoformat()  # 2027-01-25


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def chat(database: Database, clock: FakeClock) -> Chat:
    return Chat(build_assistant(database, clock))


@pytest.fixture
def log(database: Database) -> MessageLog:
    return MessageLog(database)


async def _mayo_and_rush(store: ProgramStore, tenant: Tenant = ALICE) -> None:
    await store.add_program(tenant, MAYO)
    await store.add_program(
        tenant, {"name": "Rush", "status": "visited", "visit_date": "2027-01-20"}
    )


# --- check, one message ------------------------------------------------------------------


async def test_a_violation_is_blocked_with_its_span_rule_and_rewrite(chat: Chat) -> None:
    replies = await chat.replies(f"check {ASKS_STANDING}")
    text = joined(replies)
    [finding] = check(ASKS_STANDING).findings

    assert replies[0].text == "Do not send as written: 1 violation."
    assert f'"{ASKS_STANDING}"' in text
    assert finding.rule in text
    assert f"Try instead: {finding.suggestion}" in text
    assert "Asks where you stand (violation)" in text
    assert all_choices(replies) == []  # nothing to mark as sent


async def test_a_safe_message_says_so_and_offers_to_compare_across_programs(chat: Chat) -> None:
    replies = await chat.replies(f"check {THANKS}")
    assert replies[0].text == "Safe to send."
    assert replies[0].sections[-1].text is not None
    assert "check to <program>: <message>" in replies[0].sections[-1].text
    assert all_choices(replies) == []  # no program named: nothing to log


async def test_the_message_is_read_exactly_as_typed(chat: Chat) -> None:
    text = await chat.say(f"check Dear Dr. Lee,\n\nI don't know what \"to say.\n{ASKS_STANDING}\n")
    assert "Do not send as written" in text
    assert f'"{ASKS_STANDING}"' in text


async def test_check_without_a_message_gives_usage(chat: Chat) -> None:
    text = await chat.say("check   ")
    assert "needs the message" in text and "check [--from-program" in text


async def test_a_program_message_is_explained_from_the_applicant_side(chat: Chat) -> None:
    message = "Where else did you interview? You are ranked to match."
    replies = await chat.replies(f"check --from-program {message}")
    text = joined(replies)

    assert replies[0].text == "This message crosses the Match rules: 1 violation."
    assert '"Where else did you interview?"' in text
    assert "Asks where else you applied (violation)" in text
    assert "How to reply:" in text
    assert "NRMP policy office" in text
    assert '"Ranked to match"' in text and '"ranked highly"' in text
    assert all_choices(replies) == []


async def test_a_fair_program_message_still_gets_the_ranked_to_match_note(chat: Chat) -> None:
    replies = await chat.replies(
        "check from program: We enjoyed meeting you. You are ranked highly."
    )
    assert replies[0].text == "Nothing in this message breaks the Match rules."
    assert "ranked highly" in joined(replies) and "Neither is a promise" in joined(replies)


async def test_check_runs_while_a_question_is_open(chat: Chat) -> None:
    await chat.say("score Duke")
    text = await chat.say(f"check {ASKS_STANDING}")
    assert "Do not send as written" in text
    assert "Still open:" in text


async def test_help_explains_check_sent_and_the_match_rules(chat: Chat) -> None:
    overview = await chat.say("help")
    assert "check <message>" in overview and "sent <program>" in overview
    assert "--from-program" in await chat.say("help check")
    assert "never the text" in await chat.say("help sent")
    assert "NRMP policy office" in await chat.say("help match")


# --- check to a program: the log ---------------------------------------------------------


async def test_a_safe_message_to_a_program_can_be_marked_as_sent(
    chat: Chat, store: ProgramStore, log: MessageLog
) -> None:
    await _mayo_and_rush(store)
    replies = await chat.replies(f"check to mayo clinic: {THANKS}")
    assert replies[0].text == "Safe to send."
    button = find_choice(replies, "Mark as sent")
    assert button.id == 'cmd:sent "Mayo Clinic" thank_you'
    assert await log.history(ALICE) == []  # checking logs nothing

    text = await chat.click(button)

    assert f"Logged: thank-you to Mayo Clinic on {TODAY}." in text
    assert "Messages to Mayo Clinic" in text and "no answer yet" in text
    [logged] = await log.history(ALICE)
    assert (logged.program, logged.kind.value, logged.first_choice) == (
        "Mayo Clinic",
        "thank_you",
        False,
    )


async def test_a_violation_to_a_program_offers_no_mark_as_sent(
    chat: Chat, store: ProgramStore
) -> None:
    await _mayo_and_rush(store)
    replies = await chat.replies(f"check to Rush: {ASKS_STANDING}")
    assert "Do not send as written" in replies[0].text
    assert all_choices(replies) == []


async def test_check_to_an_untracked_program_says_did_you_mean(
    chat: Chat, store: ProgramStore
) -> None:
    await _mayo_and_rush(store)
    replies = await chat.replies(f"check to Mayo Clinc: {THANKS}")
    text = joined(replies)
    assert "not tracking a program called 'Mayo Clinc'" in text
    assert "did you mean 'Mayo Clinic'" in text
    assert "check -- <message>" in text
    fixed = find_choice(replies, "Yes:")
    assert "Safe to send." in await chat.click(fixed)


async def test_first_choice_told_to_a_second_program(
    chat: Chat, store: ProgramStore, log: MessageLog
) -> None:
    await _mayo_and_rush(store)
    logged = await chat.say("sent Mayo Clinic interest 2027-01-20 first-choice")
    assert "Logged: letter of interest to Mayo Clinic on 2027-01-20." in logged
    assert "said first choice" in logged

    replies = await chat.replies("check to Rush: You are my first choice.")
    text = joined(replies)
    assert "across your programs" in text
    assert "You told Mayo Clinic it was your first choice on 2027-01-20" in text
    assert "dishonest" in text

    # The button carries the flag, so the log knows Rush heard it too.
    button = find_choice(replies, "Mark as sent")
    assert button.id.endswith(" first-choice")
    await chat.click(button)
    told = [m.program for m in await log.history(ALICE) if m.first_choice]
    assert told == ["Mayo Clinic", "Rush"]
    # Mayo hears it again: now Rush is the other program.
    again = await chat.say("check to Mayo Clinic: You are my first choice.")
    assert f"You told Rush it was your first choice on {TODAY}" in again


async def test_a_second_unanswered_follow_up_until_they_reply(
    chat: Chat, store: ProgramStore, log: MessageLog
) -> None:
    await _mayo_and_rush(store)
    await chat.say("sent Mayo Clinic follow-up 2027-01-18")
    message = "check to Mayo Clinic: Just checking in on my second-look request."

    warned = await chat.say(message)
    assert "second unanswered follow-up" in warned and "2027-01-18" in warned
    assert find_choice(chat.last, "Mark as sent").id == 'cmd:sent "Mayo Clinic" follow_up'

    logged = await chat.say("sent Mayo Clinic follow-up")
    assert "this is a second unanswered follow-up" in logged
    replied = await chat.replies("replied mayo clinic")
    assert joined(replied) == "Noted: Mayo Clinic replied (2 messages answered)."
    assert all(m.answered for m in await log.history(ALICE))

    assert "second unanswered" not in await chat.say(message)
    assert "Nothing to Mayo Clinic was waiting" in await chat.say("replied Mayo Clinic")


async def test_the_they_replied_button(chat: Chat, store: ProgramStore, log: MessageLog) -> None:
    await _mayo_and_rush(store)
    await chat.say("sent Rush request 2027-01-02")
    await chat.click(find_choice(chat.last, "They replied"))
    assert [m.answered for m in await log.history(ALICE)] == [True]


async def test_a_late_thank_you_before_and_after_it_goes(chat: Chat, store: ProgramStore) -> None:
    await _mayo_and_rush(store)  # Rush visited on 2027-01-20; today is 2027-01-25
    before = await chat.say(f"check to Rush: {THANKS}")
    assert "5 days after the visit" in before and "send it anyway" in before

    after = await chat.say("sent Rush thanks")
    assert "went 5 days after the visit" in after
    assert "days after the visit" not in await chat.say(f"check to Rush: {THANKS}")


async def test_a_thank_you_on_time_brings_no_warning(
    chat: Chat, store: ProgramStore, clock: FakeClock
) -> None:
    await _mayo_and_rush(store)
    clock.now = clock.now.replace(day=22)
    text = await chat.say(f"check to Rush: {THANKS}")
    assert "across your programs" not in text


async def test_sent_errors_store_nothing(chat: Chat, store: ProgramStore, log: MessageLog) -> None:
    await _mayo_and_rush(store)
    assert "in the future" in await chat.say("sent Rush thanks 2027-03-01")
    assert "did you mean 'Rush'" in await chat.say("sent Rsh thanks")
    assert "Unknown kind of message" in await chat.say("sent Rush postcard")
    assert "not tracking a program called 'Rush'" in await chat.say("replied Rush", tenant=BOB)
    assert await log.history(ALICE) == []


async def test_each_user_has_their_own_log(chat: Chat, store: ProgramStore) -> None:
    await _mayo_and_rush(store)
    await _mayo_and_rush(store, BOB)
    await chat.say("sent Mayo Clinic interest first-choice")
    bob = await chat.say("check to Rush: You are my first choice.", tenant=BOB)
    assert "You told" not in bob
    alice = await chat.say("check to Rush: You are my first choice.")
    assert "You told Mayo Clinic" in alice


# --- Privacy -----------------------------------------------------------------------------


async def test_the_text_of_a_message_is_never_stored_or_logged(
    chat: Chat, store: ProgramStore, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await _mayo_and_rush(store)
    secret = "the quokka exhibit in Zanzibar"
    replies = await chat.replies(f"check to Rush: {THANKS} I loved {secret}.")
    await chat.click(find_choice(replies, "Mark as sent"))
    await chat.say(f"check --from-program Where else did you interview about {secret}?")
    await chat.say(f"check to Nowhere: {secret}")

    async with database.reading() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).all():
                assert "quokka" not in repr(row), table.name
    assert "quokka" not in caplog.text
    assert any("check side=applicant" in record.getMessage() for record in caplog.records)


async def test_export_lists_the_log_and_forget_me_deletes_it(
    chat: Chat, store: ProgramStore, log: MessageLog
) -> None:
    await _mayo_and_rush(store)
    await chat.say("sent Rush thanks 2027-01-21")
    replies = await chat.replies("export")
    assert "1 logged message(s)" in replies[0].text
    document = json.loads(next(f for f in replies[0].files if f.name.endswith(".json")).data)
    assert document["messages"] == [
        {
            "program": "Rush",
            "kind": "thank_you",
            "sent_on": "2027-01-21",
            "first_choice": False,
            "answered": False,
        }
    ]

    await chat.say("forget me")
    done = await chat.say("delete")
    assert "message log" in done
    assert await log.history(ALICE) == []
