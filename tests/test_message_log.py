"""The message log on a real database, and the warnings it gives across the user's programs.

The checker's accuracy is tested elsewhere; here a message's wording matters only for
the three log signals (first choice, follow-up, thank-you).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, func, select

from core.compliance.history import Signals, warnings, warnings_for
from core.identity import Tenant
from core.models import MessageKind, Program, SentMessage, Status
from core.storage import Database, MessageLog, ProgramNotFound, ProgramStore
from core.storage.tables import MessageRow, ProgramRow
from core.validation import InputProblem

ALICE = Tenant("slack", "T1", "U1")
BOB = Tenant("slack", "T1", "U2")
ALICE_ON_DISCORD = Tenant("discord", "T1", "U1")

JAN = {day: dt.date(2027, 1, day) for day in range(1, 32)}


@pytest.fixture
def log(database: Database) -> MessageLog:
    return MessageLog(database)


async def _track(store: ProgramStore, tenant: Tenant, *names: str, **fields: object) -> None:
    for name in names:
        await store.add_program(tenant, {"name": name, **fields})


async def _count(database: Database) -> int:
    async with database.reading() as session:
        return await session.scalar(select(func.count()).select_from(MessageRow)) or 0


# --- The store ---------------------------------------------------------------------------


async def test_record_history_and_answers(store: ProgramStore, log: MessageLog) -> None:
    await _track(store, ALICE, "Mayo Clinic", "Rush")
    first = await log.record(ALICE, "mayo clinic", "request", JAN[10])
    assert first == SentMessage(
        program="Mayo Clinic", kind=MessageKind.request, sent_on=JAN[10], answered=False
    )
    await log.record(ALICE, "Rush", MessageKind.interest, JAN[12], first_choice=True)
    await log.record(ALICE, "Mayo Clinic", "follow_up", JAN[5])

    everything = await log.history(ALICE)
    assert [(m.program, m.kind.value, m.sent_on.day) for m in everything] == [
        ("Mayo Clinic", "follow_up", 5),
        ("Mayo Clinic", "request", 10),
        ("Rush", "interest", 12),
    ]
    assert [m.first_choice for m in everything] == [False, False, True]
    assert [m.kind for m in await log.history(ALICE, "RUSH")] == [MessageKind.interest]

    assert await log.mark_answered(ALICE, "Mayo Clinic") == 2
    assert await log.mark_answered(ALICE, "Mayo Clinic") == 0
    answered = {m.program: m.answered for m in await log.history(ALICE)}
    assert answered == {"Mayo Clinic": True, "Rush": False}


async def test_unknown_program_and_kind(store: ProgramStore, log: MessageLog) -> None:
    await _track(store, ALICE, "Mayo Clinic")
    with pytest.raises(ProgramNotFound) as missing:
        await log.record(ALICE, "Mayo Clinc", "request", JAN[1])
    assert missing.value.suggestion == "Mayo Clinic"
    with pytest.raises(ProgramNotFound):
        await log.history(ALICE, "Rush")
    with pytest.raises(ProgramNotFound):
        await log.mark_answered(ALICE, "Rush")
    with pytest.raises(InputProblem, match="follow_up"):
        await log.record(ALICE, "Mayo Clinic", "letter", JAN[1])
    assert await log.history(ALICE) == []


async def test_messages_are_per_tenant(store: ProgramStore, log: MessageLog) -> None:
    for tenant in (ALICE, BOB, ALICE_ON_DISCORD):
        await _track(store, tenant, "Mayo")
    await log.record(ALICE, "Mayo", "follow_up", JAN[3], first_choice=True)
    assert await log.history(BOB) == []
    assert await log.history(ALICE_ON_DISCORD) == []
    assert await log.mark_answered(BOB, "Mayo") == 0
    assert [m.answered for m in await log.history(ALICE)] == [False]

    # Bob telling his own Rush "first choice" is no concern of Alice's log, and back.
    await _track(store, BOB, "Rush")
    bob = await warnings(log, store, BOB, "Rush", "You are my first choice.", JAN[4])
    assert bob == []
    with pytest.raises(ProgramNotFound):
        await log.record(BOB, "Rush Medical", "request", JAN[1])
    with pytest.raises(ProgramNotFound):
        await warnings(log, store, ALICE, "Rush", "Thanks!", JAN[4])


async def test_removing_a_program_deletes_its_messages(
    store: ProgramStore, log: MessageLog, database: Database
) -> None:
    await _track(store, ALICE, "Mayo", "Rush")
    await log.record(ALICE, "Mayo", "request", JAN[1])
    await log.record(ALICE, "Rush", "request", JAN[1])
    await store.remove_program(ALICE, "Mayo")
    assert [m.program for m in await log.history(ALICE)] == ["Rush"]
    assert await _count(database) == 1


async def test_forget_deletes_every_message(
    store: ProgramStore, log: MessageLog, database: Database
) -> None:
    await _track(store, ALICE, "Mayo", "Rush")
    await _track(store, BOB, "Mayo")
    for name in ("Mayo", "Rush"):
        await log.record(ALICE, name, "thank_you", JAN[2], first_choice=True)
    await log.record(BOB, "Mayo", "request", JAN[2])
    assert await store.forget(ALICE) == 2
    assert await log.history(ALICE) == []
    assert await _count(database) == 1  # Bob's
    assert len(await log.history(BOB)) == 1


async def test_the_foreign_key_cascades_on_its_own(
    store: ProgramStore, log: MessageLog, database: Database
) -> None:
    """A program row deleted by anyone (not only through the store) takes its messages."""
    await _track(store, ALICE, "Mayo")
    await log.record(ALICE, "Mayo", "request", JAN[1])
    async with database.writing() as session:
        await session.execute(delete(ProgramRow))
    assert await _count(database) == 0


# --- The warnings, pure ------------------------------------------------------------------


def sent(program: str, kind: str, day: int, **flags: bool) -> SentMessage:
    return SentMessage(program=program, kind=MessageKind(kind), sent_on=JAN[day], **flags)


VISITED = Program(name="Rush", status=Status.visited, visit_date=JAN[20])


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        ("You are my first choice.", Signals(first_choice=True)),
        ("I plan to rank your program first.", Signals(first_choice=True)),
        ("Just checking in on my request.", Signals(follow_up=True)),
        ("I wanted to follow up on my email. Thank you!", Signals(follow_up=True)),
        ("Circling back on the second look.", Signals(follow_up=True)),
        ("Is there any update on visits?", Signals(follow_up=True)),
        ("Thank you for a lovely day.", Signals(thank_you=True)),
        ("Thanks again, you are my #1 choice", Signals(first_choice=True, thank_you=True)),
        ("I remain very interested.", Signals()),
    ],
)
def test_signals_of_text(text: str, signals: Signals) -> None:
    assert Signals.of_text(text) == signals


def test_the_kind_a_text_is_logged_as() -> None:
    assert Signals.of_text("Thank you for a lovely day.").kind is MessageKind.thank_you
    assert Signals.of_text("Following up, thanks!").kind is MessageKind.follow_up
    assert Signals.of_text("I remain very interested.").kind is MessageKind.interest


def test_first_choice_told_to_another_program() -> None:
    history = [sent("Mayo", "interest", 18, first_choice=True), sent("Rush", "thank_you", 21)]
    signals = Signals(first_choice=True)
    [warning] = warnings_for(history, VISITED, signals, JAN[25])
    assert "Mayo" in warning and "2027-01-18" in warning and "first choice" in warning
    # Saying it again to the same program is no news to anyone.
    mayo = Program(name="mayo")
    assert warnings_for(history, mayo, signals, JAN[25]) == []
    assert warnings_for(history, VISITED, Signals(), JAN[25]) == []


def test_first_choice_told_to_two_others_names_both_with_their_latest_date() -> None:
    history = [
        sent("Mayo", "interest", 10, first_choice=True),
        sent("Duke", "interest", 12, first_choice=True),
        sent("Mayo", "follow_up", 15, first_choice=True),
    ]
    found = warnings_for(history, VISITED, Signals(first_choice=True), JAN[25])
    assert len(found) == 2
    assert "Mayo" in found[0] and "2027-01-15" in found[0]
    assert "Duke" in found[1] and "2027-01-12" in found[1]


def test_second_unanswered_follow_up() -> None:
    history = [sent("Rush", "follow_up", 10), sent("Mayo", "follow_up", 11)]
    [warning] = warnings_for(history, VISITED, Signals(follow_up=True), JAN[25])
    assert "second unanswered follow-up" in warning and "2027-01-10" in warning
    answered = [sent("Rush", "follow_up", 10, answered=True)]
    assert warnings_for(answered, VISITED, Signals(follow_up=True), JAN[25]) == []
    assert warnings_for(history, Program(name="Duke"), Signals(follow_up=True), JAN[25]) == []


@pytest.mark.parametrize(("day", "late"), [(22, False), (23, False), (24, True), (31, True)])
def test_late_thank_you(day: int, late: bool) -> None:
    found = warnings_for([], VISITED, Signals(thank_you=True), JAN[day])
    if late:
        [warning] = found
        assert f"{day - 20} days after the visit" in warning
        assert "send it anyway" in warning
    else:
        assert found == []


def test_no_late_thank_you_warning_once_thanked_or_without_a_visit() -> None:
    thanked = [sent("Rush", "thank_you", 21)]
    assert warnings_for(thanked, VISITED, Signals(thank_you=True), JAN[30]) == []
    scheduled = Program(name="Rush", status=Status.scheduled, visit_date=JAN[20])
    assert warnings_for([], scheduled, Signals(thank_you=True), JAN[30]) == []
    no_date = Program(name="Rush", status=Status.visited)
    assert warnings_for([], no_date, Signals(thank_you=True), JAN[30]) == []


def test_warnings_after_the_fact_speak_in_the_past() -> None:
    history = [sent("Rush", "follow_up", 10)]
    found = warnings_for(history, VISITED, Signals(follow_up=True), JAN[25], sent=True)
    assert "this is a second unanswered follow-up" in found[0]
    [late] = warnings_for([], VISITED, Signals(thank_you=True), JAN[26], sent=True)
    assert "went 6 days after the visit" in late


# --- The warnings, through the log -------------------------------------------------------


async def test_warnings_through_the_log(store: ProgramStore, log: MessageLog) -> None:
    await _track(store, ALICE, "Mayo Clinic")
    await _track(store, ALICE, "Rush", status="visited", visit_date="2027-01-20")
    await log.record(ALICE, "Mayo Clinic", "interest", JAN[18], first_choice=True)
    await log.record(ALICE, "Rush", "follow_up", JAN[21])

    found = await warnings(log, store, ALICE, "rush", "You are my first choice.", JAN[25])
    assert len(found) == 1 and "You told Mayo Clinic" in found[0] and "2027-01-18" in found[0]
    assert (
        await warnings(log, store, ALICE, "Mayo Clinic", "You are my first choice.", JAN[25]) == []
    )

    found = await warnings(log, store, ALICE, "Rush", "Just checking in again.", JAN[25])
    assert len(found) == 1 and "second unanswered follow-up" in found[0]
    await log.mark_answered(ALICE, "Rush")
    assert await warnings(log, store, ALICE, "Rush", "Just checking in again.", JAN[25]) == []

    found = await warnings(log, store, ALICE, "Rush", "Thank you for a lovely day.", JAN[25])
    assert len(found) == 1 and "5 days after the visit" in found[0]
    await log.record(ALICE, "Rush", "thank_you", JAN[25])
    assert await warnings(log, store, ALICE, "Rush", "Thank you for a lovely day.", JAN[26]) == []

    assert await warnings(log, store, ALICE, None, "You are my first choice.", JAN[25]) == []
