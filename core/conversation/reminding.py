"""Reminders, written when they are sent and handed to the platform to deliver in a DM.

Each surface runs :class:`ReminderLoop` with its own ``send`` (a Slack DM, a Discord DM,
a line in the terminal). The text is composed from the plan as it stands at that moment,
so a visit moved since the reminder was planned is never announced at its old date.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
from collections.abc import Awaitable, Callable

from core.conversation import visiting
from core.conversation.services import Services
from core.identity import Tenant
from core.replies import Reply
from core.storage import ProgramNotFound
from core.storage.reminders import DueReminder

log = logging.getLogger(__name__)

Send = Callable[[Tenant, Reply], Awaitable[None]]
INTERVAL_SECONDS = 60.0


def worker_name() -> str:
    """Who claimed a reminder: host and process, so logs tell processes apart."""
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


async def reminder_reply(services: Services, reminder: DueReminder) -> Reply:
    deadline = services.season.match.certification_deadline
    if reminder.kind == "deadline":
        days = (deadline.date - services.today()).days
        when = f"{deadline.date:%A %d %B}" + (f" at {deadline.time}" if deadline.time else "")
        left = "tomorrow" if days == 1 else f"in {days} days"
        return Reply(
            text=f"Reminder: rank lists must be certified by {when}, {left}. Certify early:"
            " you can still change and re-certify it until the deadline. plan shows where"
            " your visits stand."
        )
    name = reminder.program or "a program"
    day = f"{reminder.visit_date:%a %d %b}" if reminder.visit_date else "soon"
    quoted = f'"{name}"' if " " in name else name
    if reminder.kind == "thank_you":
        return Reply(
            text=f"Reminder: your thank-you to {name} (visit on {day}) is due. A short note"
            f" within a day or two reads best. template thank_you {quoted} writes one;"
            f" then tell me: sent {quoted} thank_you."
        )
    intro = f"Tomorrow ({day}): your second look at {name}" + (
        f" in {reminder.city}." if reminder.city else "."
    )
    try:
        questions = await visiting.questions_reply(services, reminder.tenant, name)
    except ProgramNotFound:
        return Reply(text=intro)
    return questions.model_copy(update={"text": f"{intro} {questions.text}"})


async def deliver_due(
    services: Services,
    platform: str,
    send: Send,
    worker: str,
    only: Tenant | None = None,
    limit: int = 20,
) -> int:
    """One pass: claim what is due for ``platform``'s users (or ``only``), send it, mark it;
    how many went."""
    sent = 0
    for reminder in await services.reminders.claim_due(platform, worker, limit, only):
        try:
            await send(reminder.tenant, await reminder_reply(services, reminder))
        except Exception:
            log.exception("reminder not delivered id=%s", reminder.id)
            await services.reminders.release(reminder.id)
            continue
        if await services.reminders.delivered(reminder.id, worker):
            sent += 1
    return sent


class ReminderLoop:
    """Delivers due reminders every ``interval`` seconds until stopped."""

    def __init__(
        self,
        services: Services,
        platform: str,
        send: Send,
        interval: float = INTERVAL_SECONDS,
        worker: str | None = None,
        only: Tenant | None = None,
    ) -> None:
        self.services = services
        self.platform = platform
        self.send = send
        self.interval = interval
        self.worker = worker or worker_name()
        self.only = only
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="secondlook-reminders")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await deliver_due(self.services, self.platform, self.send, self.worker, self.only)
            except Exception:  # the database may be briefly away: try again next round
                log.exception("reminder pass failed platform=%s", self.platform)
            await asyncio.sleep(self.interval)


def deadline_of(services: Services) -> dt.date:
    return services.season.match.certification_deadline.date
