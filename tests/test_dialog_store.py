"""Dialog state on a real database: per conversation, expiring, surviving a restart."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.identity import Tenant
from core.storage import Database, DialogState, DialogStore
from core.storage.tables import DialogRow
from tests.clock import FakeClock

ALICE = Tenant("slack", "T0001", "U0001")
BOB = Tenant("slack", "T0001", "U0002")
ALICE_OTHER_WORKSPACE = Tenant("slack", "T0002", "U0001")
ALICE_DISCORD = Tenant("discord", "T0001", "U0001")  # same ids, another platform

TTL = dt.timedelta(hours=72)
T0 = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)
TICK = dt.timedelta(microseconds=1)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def dialogs(database: Database, clock: FakeClock) -> DialogStore:
    return DialogStore(database, ttl=TTL, clock=clock)


async def _rows(database: Database) -> int:
    async with database.reading() as session:
        return int(await session.scalar(select(func.count()).select_from(DialogRow)) or 0)


def _interview(step: str = "uncertainty", **data: Any) -> DialogState:
    return DialogState.start("interview", step, data or {"program": "Mayo Clinic"})


def test_start_gives_each_dialog_its_own_token_and_no_history() -> None:
    answers = {"program": "Mayo"}
    first = DialogState.start("profile", "visa", answers)
    second = DialogState.start("profile", "visa")
    assert (first.kind, first.step, first.history, first.expires_at) == (
        "profile",
        "visa",
        [],
        None,
    )
    assert first.data == answers and first.data is not answers
    assert second.data == {}
    assert first.token != second.token
    assert len(first.token) == 8 and int(first.token, 16) >= 0


async def test_round_trip_keeps_nested_unicode_data(dialogs: DialogStore) -> None:
    state = DialogState(
        kind="interview",
        step="travel",
        data={
            "program": "Hôpital Saint-Éloi — médecine interne ☕",
            "scores": {"uncertainty": 2, "importance": 3, "ratio": 0.5},
            "goals": ["training", "relocation"],
            "declined": False,
            "note": None,
            "nested": [{"城市": "東京", "emoji": "🩺"}],
        },
        history=["program", "uncertainty", "importance"],
        token="a1b2c3d4",
    )
    saved = await dialogs.save(ALICE, "D0001", state)
    assert saved.expires_at == T0 + TTL
    assert state.expires_at is None  # the caller's object is left alone

    loaded = await dialogs.load(ALICE, "D0001")
    assert loaded == saved
    assert loaded is not None and loaded.expires_at is not None
    assert loaded.expires_at.utcoffset() == dt.timedelta(0)


async def test_one_user_in_two_channels_has_two_independent_dialogs(
    dialogs: DialogStore,
) -> None:
    in_dm = await dialogs.save(ALICE, "D0001", _interview("importance"))
    in_channel = await dialogs.save(ALICE, "C0001", DialogState.start("confirm_forget", "sure"))
    assert await dialogs.load(ALICE, "D0001") == in_dm
    assert await dialogs.load(ALICE, "C0001") == in_channel

    await dialogs.clear(ALICE, "D0001")
    assert await dialogs.load(ALICE, "D0001") is None
    assert await dialogs.load(ALICE, "C0001") == in_channel


async def test_same_channel_id_is_private_to_user_workspace_and_platform(
    dialogs: DialogStore,
) -> None:
    mine = await dialogs.save(ALICE, "C0001", _interview())
    for other in (BOB, ALICE_OTHER_WORKSPACE, ALICE_DISCORD):
        assert await dialogs.load(other, "C0001") is None
    theirs = {
        other: await dialogs.save(other, "C0001", DialogState.start("profile", other.platform))
        for other in (BOB, ALICE_OTHER_WORKSPACE, ALICE_DISCORD)
    }
    assert await dialogs.load(ALICE, "C0001") == mine
    for other, state in theirs.items():
        assert await dialogs.load(other, "C0001") == state


async def test_saving_again_replaces_the_row_and_refreshes_the_expiry(
    dialogs: DialogStore, database: Database, clock: FakeClock
) -> None:
    first = await dialogs.save(ALICE, "D0001", _interview("uncertainty"))
    clock.advance(dt.timedelta(hours=10))
    second = DialogState(
        kind=first.kind,
        step="importance",
        data={**first.data, "uncertainty": 2},
        history=["uncertainty"],
        token=first.token,
    )
    saved = await dialogs.save(ALICE, "D0001", second)
    assert saved.expires_at == T0 + dt.timedelta(hours=10) + TTL
    assert await _rows(database) == 1

    clock.now = T0 + TTL + dt.timedelta(seconds=1)  # past the first save's expiry
    loaded = await dialogs.load(ALICE, "D0001")
    assert loaded == saved
    assert loaded is not None and loaded.history == ["uncertainty"]
    assert loaded.data["uncertainty"] == 2


async def test_a_dialog_expires_after_the_ttl_and_its_row_is_deleted(
    dialogs: DialogStore, database: Database, clock: FakeClock
) -> None:
    saved = await dialogs.save(ALICE, "D0001", _interview())
    clock.now = T0 + TTL - TICK
    assert await dialogs.load(ALICE, "D0001") == saved
    assert await _rows(database) == 1

    clock.now = T0 + TTL + TICK
    assert await dialogs.load(ALICE, "D0001") is None
    assert await _rows(database) == 0


async def test_expiry_is_exactly_at_the_ttl(
    dialogs: DialogStore, database: Database, clock: FakeClock
) -> None:
    await dialogs.save(ALICE, "D0001", _interview())
    clock.now = T0 + TTL
    assert await dialogs.load(ALICE, "D0001") is None
    assert await _rows(database) == 0


class _SaveAfterRead:
    """A Database stand-in whose reads are followed by another writer's save (a race)."""

    def __init__(self, real: Database, after_read: Callable[[], Awaitable[object]]) -> None:
        self.real = real
        self.after_read = after_read

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        async with self.real.reading() as session:
            yield session
        await self.after_read()

    def writing(self) -> Any:
        return self.real.writing()


async def test_an_expired_dialog_saved_again_meanwhile_is_not_deleted(
    dialogs: DialogStore, database: Database, clock: FakeClock
) -> None:
    await dialogs.save(ALICE, "D0001", _interview("old"))
    later = T0 + TTL + dt.timedelta(minutes=1)
    other_process = DialogStore(database, ttl=TTL, clock=lambda: later)
    fresh_state = DialogState.start("profile", "fresh")

    async def other_process_saves() -> None:
        await other_process.save(ALICE, "D0001", fresh_state)

    racing_database: Any = _SaveAfterRead(database, other_process_saves)
    racing = DialogStore(racing_database, ttl=TTL, clock=lambda: later)
    loaded = await racing.load(ALICE, "D0001")
    assert loaded is not None and loaded.step == "fresh"
    assert await _rows(database) == 1
    assert await dialogs.load(ALICE, "D0001") == loaded


async def test_a_restarted_process_continues_the_dialog(
    dialogs: DialogStore, database: Database, clock: FakeClock
) -> None:
    saved = await dialogs.save(ALICE, "D0001", _interview("travel", program="Zürich Spital"))
    restarted = Database(database.url.render_as_string(hide_password=False))
    try:
        loaded = await DialogStore(restarted, ttl=TTL, clock=clock).load(ALICE, "D0001")
    finally:
        await restarted.dispose()
    assert loaded == saved


async def test_clear_ends_only_that_conversation(dialogs: DialogStore, database: Database) -> None:
    await dialogs.save(ALICE, "D0001", _interview())
    await dialogs.save(ALICE, "C0001", _interview())
    await dialogs.save(BOB, "D0001", _interview())
    await dialogs.clear(ALICE, "D0001")
    await dialogs.clear(ALICE, "C9999")  # nothing there: no error
    assert await dialogs.load(ALICE, "D0001") is None
    assert await dialogs.load(ALICE, "C0001") is not None
    assert await dialogs.load(BOB, "D0001") is not None
    assert await _rows(database) == 2


async def test_clear_all_ends_every_channel_of_that_tenant_only(
    dialogs: DialogStore, database: Database
) -> None:
    for channel in ("D0001", "C0001", "C0002"):
        await dialogs.save(ALICE, channel, _interview())
    for other in (BOB, ALICE_OTHER_WORKSPACE, ALICE_DISCORD):
        await dialogs.save(other, "C0001", _interview())

    assert await dialogs.clear_all(ALICE) == 3
    for channel in ("D0001", "C0001", "C0002"):
        assert await dialogs.load(ALICE, channel) is None
    for other in (BOB, ALICE_OTHER_WORKSPACE, ALICE_DISCORD):
        assert await dialogs.load(other, "C0001") is not None
    assert await _rows(database) == 3
    assert await dialogs.clear_all(ALICE) == 0


async def test_purge_expired_deletes_only_expired_dialogs(
    database: Database, clock: FakeClock
) -> None:
    dialogs = DialogStore(database, ttl=dt.timedelta(hours=3), clock=clock)
    await dialogs.save(ALICE, "D0001", _interview("a"))
    await dialogs.save(BOB, "D0001", _interview("b"))
    clock.advance(dt.timedelta(hours=2))
    kept = await dialogs.save(ALICE, "C0001", _interview("c"))

    assert await dialogs.purge_expired() == 0
    clock.advance(dt.timedelta(hours=1))  # the first two reach their expiry
    assert await dialogs.purge_expired() == 2
    assert await _rows(database) == 1
    assert await dialogs.load(ALICE, "C0001") == kept
    assert await dialogs.purge_expired() == 0


async def test_concurrent_saves_to_one_conversation_leave_one_row(
    dialogs: DialogStore, database: Database
) -> None:
    states = [_interview(f"step{i}") for i in range(10)]
    await asyncio.gather(*(dialogs.save(ALICE, "D0001", state) for state in states))
    assert await _rows(database) == 1
    loaded = await dialogs.load(ALICE, "D0001")
    assert loaded is not None
    winner = next(state for state in states if state.step == loaded.step)
    assert loaded.token == winner.token


async def test_concurrent_saves_from_two_processes_leave_one_row(
    dialogs: DialogStore, database: Database, clock: FakeClock
) -> None:
    second = Database(database.url.render_as_string(hide_password=False))
    try:
        stores = [dialogs, DialogStore(second, ttl=TTL, clock=clock)]
        states = [_interview(f"step{i}") for i in range(10)]
        await asyncio.gather(
            *(stores[i % 2].save(ALICE, "D0001", state) for i, state in enumerate(states))
        )
    finally:
        await second.dispose()
    assert await _rows(database) == 1
    loaded = await dialogs.load(ALICE, "D0001")
    assert loaded is not None and loaded.step in {state.step for state in states}


@pytest.mark.parametrize("channel", ["", "C" * 65])
async def test_bad_channel_ids_are_refused(
    dialogs: DialogStore, database: Database, channel: str
) -> None:
    with pytest.raises(ValueError, match="channel"):
        await dialogs.save(ALICE, channel, _interview())
    with pytest.raises(ValueError, match="channel"):
        await dialogs.load(ALICE, channel)
    with pytest.raises(ValueError, match="channel"):
        await dialogs.clear(ALICE, channel)
    assert await _rows(database) == 0


async def test_longest_channel_id_is_accepted(dialogs: DialogStore) -> None:
    saved = await dialogs.save(ALICE, "C" * 64, _interview())
    assert await dialogs.load(ALICE, "C" * 64) == saved


async def test_unstorable_states_are_refused_before_writing(
    dialogs: DialogStore, database: Database
) -> None:
    bad = [
        DialogState.start("k" * 33, "step"),
        DialogState.start("interview", ""),
        DialogState("interview", "step", {}, [], token="t" * 17),
        DialogState.start("interview", "step", {"when": dt.date(2026, 11, 2)}),
    ]
    for state in bad:
        with pytest.raises(ValueError):
            await dialogs.save(ALICE, "D0001", state)
    assert await _rows(database) == 0


async def test_a_naive_clock_is_refused(database: Database) -> None:
    dialogs = DialogStore(database, clock=lambda: dt.datetime(2026, 11, 24, 9, 30))
    with pytest.raises(ValueError, match="timezone-aware"):
        await dialogs.save(ALICE, "D0001", _interview())
