"""Reminders: planned from the plan, due at frozen times, delivered once by any process."""

from __future__ import annotations

import asyncio
import datetime as dt

from core.conversation.reminding import ReminderLoop, deliver_due
from core.conversation.services import Services
from core.identity import Tenant
from core.incoming import Incoming
from core.replies import Reply
from core.storage import Database, ProgramStore
from core.storage.reminders import MAX_ATTEMPTS, SEND_AT, plan_reminders
from tests.test_conversation import ALICE, BOB, Chat, build_assistant, chat, clock

__all__ = ["chat", "clock"]  # fixtures used by name below

DEADLINE = dt.date(2027, 3, 3)
ALICE_DISCORD = Tenant("discord", "users", "U1")


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, SEND_AT)


class Inbox:
    """The far side of the platform: what each user received in their DMs."""

    def __init__(self, fail: int = 0) -> None:
        self.got: list[tuple[Tenant, Reply]] = []
        self.fail = fail

    async def send(self, tenant: Tenant, reply: Reply) -> None:
        if self.fail:
            self.fail -= 1
            raise ConnectionError("the platform refused the message")
        self.got.append((tenant, reply))

    def texts(self, tenant: Tenant = ALICE) -> list[str]:
        return [reply.plain() for who, reply in self.got if who == tenant]


def services_of(chat: Chat) -> Services:
    return chat.assistant.services


def test_the_plan_calls_for_a_visit_eve_a_thank_you_and_the_deadline() -> None:
    now = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    programs = [
        (1, "scheduled", dt.date(2027, 2, 9)),
        (2, "visited", dt.date(2027, 1, 28)),
        (3, "visited", dt.date(2027, 1, 20)),  # thanked already
        (4, "scheduled", dt.date(2027, 2, 1)),  # its eve is past: too late to remind
        (5, "considering", None),
    ]
    planned = {p.key: p.due_at for p in plan_reminders(programs, {3}, DEADLINE, now)}
    assert planned == {
        "visit:1": at(dt.date(2027, 2, 8)),
        "thank_you:2": at(dt.date(2027, 1, 29)),  # overdue, still wanted until it is sent
        "deadline:7": at(dt.date(2027, 2, 24)),
        "deadline:1": at(dt.date(2027, 3, 2)),
    }


async def run(chat: Chat, text: str, tenant: Tenant = ALICE) -> str:
    """A slash command: always a command, even while a dialog (the debrief) is open."""
    replies = await chat.assistant.handle(Incoming(tenant, "C1", text=text, command=True))
    return "\n".join(reply.plain() for reply in replies)


async def _plan_visit(chat: Chat, name: str = "Rush IM", day: str = "2027-02-09") -> None:
    for text in (f"add {name}", f"set {name} city Chicago", f"set {name} visit {day}"):
        await run(chat, text)
    await run(chat, f"status {name} scheduled")


async def test_the_eve_of_a_visit_is_reminded_once_with_its_questions(
    chat: Chat, clock: object
) -> None:
    await _plan_visit(chat)
    services = services_of(chat)
    keys = [key for key, _, _ in await services.reminders.pending(ALICE)]
    assert keys[0].startswith("visit:") and "deadline:7" in keys

    inbox = Inbox()
    assert await deliver_due(services, "slack", inbox.send, "w1") == 0  # not due yet
    clock.now = at(dt.date(2027, 2, 8)) + dt.timedelta(minutes=1)  # type: ignore[attr-defined]
    assert await deliver_due(services, "slack", inbox.send, "w1") == 1
    assert await deliver_due(services, "slack", inbox.send, "w1") == 0  # once only
    [text] = inbox.texts()
    assert text.startswith("Tomorrow (Tue 09 Feb): your second look at Rush IM in Chicago.")
    assert "questions to bring to Rush IM" in text


async def test_a_moved_visit_moves_its_reminder_and_a_removed_one_drops_it(
    chat: Chat, clock: object
) -> None:
    await _plan_visit(chat)
    await run(chat, "set Rush IM visit 2027-02-16")
    services = services_of(chat)
    [visit] = [(k, due) for k, due, _ in await services.reminders.pending(ALICE) if "visit" in k]
    assert visit[1] == at(dt.date(2027, 2, 15))
    await run(chat, "remove Rush IM")
    keys = [key for key, _, _ in await services.reminders.pending(ALICE)]
    assert not [key for key in keys if key.startswith("visit:")]


async def test_a_thank_you_is_due_after_the_visit_until_it_is_sent(
    chat: Chat, clock: object
) -> None:
    await _plan_visit(chat, day="2027-01-27")
    await _plan_visit(chat, name="Mayo IM", day="2027-01-27")
    await run(chat, "status Rush IM visited")
    await run(chat, "status Mayo IM visited")
    services = services_of(chat)
    clock.now = at(dt.date(2027, 1, 28))  # type: ignore[attr-defined]  # the day after
    assert "Logged:" in await run(chat, "sent Mayo IM thank_you")
    inbox = Inbox()
    await deliver_due(services, "slack", inbox.send, "w1")
    [text] = inbox.texts()  # Rush only: Mayo's thank-you went
    assert "your thank-you to Rush IM (visit on Wed 27 Jan) is due" in text
    assert 'template thank_you "Rush IM"' in text
    keys = [key for key, _, _ in await services.reminders.pending(ALICE)]
    assert len([key for key in keys if key.startswith("thank_you:")]) == 1


async def test_the_deadline_is_reminded_a_week_and_a_day_ahead(chat: Chat, clock: object) -> None:
    await _plan_visit(chat)
    services = services_of(chat)
    deadline = services.season.match.certification_deadline.date
    inbox = Inbox()
    clock.now = at(deadline - dt.timedelta(days=7))  # type: ignore[attr-defined]
    await deliver_due(services, "slack", inbox.send, "w1")
    clock.now = at(deadline - dt.timedelta(days=1))  # type: ignore[attr-defined]
    await deliver_due(services, "slack", inbox.send, "w1")
    deadline_texts = [t for t in inbox.texts() if "certified" in t]
    assert len(deadline_texts) == 2
    assert "in 7 days" in deadline_texts[0] and "tomorrow" in deadline_texts[1]


async def test_reminders_survive_a_restart_and_stay_with_their_platform(
    chat: Chat, clock: object, database: Database
) -> None:
    await _plan_visit(chat)
    for text in ("add Quiet IM", "set Quiet IM visit 2027-02-09", "status Quiet IM scheduled"):
        await run(chat, text, ALICE_DISCORD)
    clock.now = at(dt.date(2027, 2, 8))  # type: ignore[attr-defined]

    restarted = build_assistant(database, clock).services  # type: ignore[arg-type]
    slack_inbox, discord_inbox = Inbox(), Inbox()
    await deliver_due(restarted, "discord", discord_inbox.send, "w2")
    await deliver_due(restarted, "slack", slack_inbox.send, "w2")
    assert [who for who, _ in discord_inbox.got] == [ALICE_DISCORD]
    assert [who for who, _ in slack_inbox.got] == [ALICE]
    assert "Quiet IM" in discord_inbox.texts(ALICE_DISCORD)[0]


async def test_a_failed_send_is_tried_again_next_pass(chat: Chat, clock: object) -> None:
    await _plan_visit(chat)
    clock.now = at(dt.date(2027, 2, 8))  # type: ignore[attr-defined]
    services = services_of(chat)
    inbox = Inbox(fail=1)
    assert await deliver_due(services, "slack", inbox.send, "w1") == 0
    assert await deliver_due(services, "slack", inbox.send, "w1") == 1
    assert len(inbox.texts()) == 1


async def test_a_reminder_that_never_goes_out_is_let_go(chat: Chat, clock: object) -> None:
    await _plan_visit(chat)
    clock.now = at(dt.date(2027, 2, 8))  # type: ignore[attr-defined]
    services = services_of(chat)
    inbox = Inbox(fail=100)  # say, the user closed their DMs
    for _ in range(MAX_ATTEMPTS + 3):
        await deliver_due(services, "slack", inbox.send, "w1")
    assert inbox.fail == 100 - MAX_ATTEMPTS and inbox.got == []
    await run(chat, "set Rush IM visit 2027-02-10")  # a new date: a fresh start
    clock.now = at(dt.date(2027, 2, 9))  # type: ignore[attr-defined]
    inbox.fail = 0
    assert await deliver_due(services, "slack", inbox.send, "w1") == 1


async def test_two_processes_deliver_each_reminder_exactly_once(
    database: Database, clock: object
) -> None:
    """Two bot processes: two engines on one database, claiming at the same moment."""
    url = database.url.render_as_string(hide_password=False)
    first = build_assistant(database, clock).services  # type: ignore[arg-type]
    users = [Tenant("slack", "T1", f"U{n}") for n in range(12)]
    store = ProgramStore(database)
    for n, tenant in enumerate(users):
        day = dt.date(2027, 2, 9)
        await store.add_program(
            tenant,
            {"name": f"P{n}", "status": "scheduled", "visit_date": day, "city": "Chicago"},
        )
        await first.reminders.refresh(tenant, DEADLINE)
    clock.now = at(DEADLINE)  # type: ignore[attr-defined]  # everything is due

    # Four processes, each claiming two at a time: their claims interleave.
    others = [Database(url) for _ in range(3)]
    try:
        processes = [first] + [
            build_assistant(other, clock).services  # type: ignore[arg-type]
            for other in others
        ]
        inbox = Inbox()

        async def drain(services: Services, worker: str) -> int:
            total = 0
            while sent := await deliver_due(services, "slack", inbox.send, worker, limit=2):
                total += sent
            return total

        counts = await asyncio.gather(
            *(drain(services, f"w{n}") for n, services in enumerate(processes))
        )
    finally:
        for other in others:
            await other.dispose()
    expected = len(users) * 3  # each: the visit's eve, the deadline a week and a day ahead
    assert sum(counts) == expected == len(inbox.got)
    # A reminder claimed by both would have been sent twice: each user got exactly three.
    assert all(len(inbox.texts(tenant)) == 3 for tenant in users)


async def test_the_loop_delivers_while_the_bot_runs(chat: Chat, clock: object) -> None:
    await _plan_visit(chat)
    clock.now = at(dt.date(2027, 2, 8))  # type: ignore[attr-defined]
    inbox = Inbox()
    loop = ReminderLoop(services_of(chat), "slack", inbox.send, interval=0.01)
    loop.start()
    try:
        for _ in range(200):
            if inbox.got:
                break
            await asyncio.sleep(0.01)
    finally:
        await loop.stop()
    assert len(inbox.texts()) == 1 and "Rush IM" in inbox.texts()[0]


async def test_another_users_reminders_never_reach_this_user(chat: Chat, clock: object) -> None:
    await _plan_visit(chat)
    clock.now = at(dt.date(2027, 2, 8))  # type: ignore[attr-defined]
    inbox = Inbox()
    await deliver_due(services_of(chat), "slack", inbox.send, "w1")
    assert inbox.texts(BOB) == [] and len(inbox.texts(ALICE)) == 1


async def test_forget_me_deletes_the_reminders(chat: Chat, clock: object) -> None:
    await _plan_visit(chat)
    services = services_of(chat)
    assert await services.reminders.pending(ALICE)
    await chat.say("forget me", channel="D1")
    await chat.say("yes", channel="D1")
    assert await services.reminders.pending(ALICE) == []
    clock.now = at(dt.date(2027, 2, 8))  # type: ignore[attr-defined]
    inbox = Inbox()
    assert await deliver_due(services, "slack", inbox.send, "w1") == 0
