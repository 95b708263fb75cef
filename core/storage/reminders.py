"""Reminders as rows: planned from each user's plan, claimed and delivered once.

``refresh`` turns a user's plan into the reminders it calls for (a visit tomorrow, a
thank-you due, the certification deadline a week and a day ahead) and brings the rows in
line: new ones added, moved ones re-dated, ones no longer called for dropped; delivered
ones are never touched, so nothing is sent twice.

Any number of bot processes may deliver. ``claim_due`` takes due rows in one transaction:
on PostgreSQL with ``FOR UPDATE SKIP LOCKED``, so two processes never take the same row
and never wait on each other; on SQLite the write lock (BEGIN IMMEDIATE) serialises the
claims. A claim not marked delivered within ``STALE_AFTER`` (the process died while
sending) is taken over.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.identity import Tenant
from core.models import MessageKind, Status
from core.storage.database import Database, utc_now
from core.storage.dialogs import _as_utc
from core.storage.store import _user_filter
from core.storage.tables import MessageRow, ProgramRow, ReminderRow, UserRow

log = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 5  # a reminder that failed this often (app removed, DMs closed) is let go
# Reminders go out mid-morning on the US east coast (14:00 UTC), when most people read.
SEND_AT = dt.time(14, 0, tzinfo=dt.UTC)
DEADLINE_DAYS_AHEAD = (7, 1)
THANK_YOU_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class Planned:
    key: str
    kind: str
    program_id: int | None
    due_at: dt.datetime


@dataclass(frozen=True)
class DueReminder:
    """A claimed reminder with what its message needs."""

    id: int
    tenant: Tenant
    kind: str
    program: str | None
    city: str | None
    visit_date: dt.date | None


def _on(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, SEND_AT)


def plan_reminders(
    programs: list[tuple[int, str, dt.date | None]],
    thanked: set[int],
    deadline: dt.date,
    now: dt.datetime,
) -> list[Planned]:
    """The reminders a plan calls for: ``programs`` are (id, status, visit date).

    Only what is still ahead is planned (a reminder due in the past would arrive late and
    confuse), except a thank-you, which stays due until it is logged as sent.
    """
    planned = []
    for program_id, status, visit_date in programs:
        if visit_date is None:
            continue
        if status == Status.scheduled.value:
            due = _on(visit_date - dt.timedelta(days=1))
            if due > now:
                planned.append(Planned(f"visit:{program_id}", "visit_tomorrow", program_id, due))
        elif status == Status.visited.value and program_id not in thanked:
            due = _on(visit_date + THANK_YOU_AFTER)
            planned.append(Planned(f"thank_you:{program_id}", "thank_you", program_id, due))
    for days in DEADLINE_DAYS_AHEAD:
        due = _on(deadline - dt.timedelta(days=days))
        if due > now:
            planned.append(Planned(f"deadline:{days}", "deadline", None, due))
    return planned


class ReminderStore:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.database = database
        self.clock = clock

    async def refresh(self, tenant: Tenant, deadline: dt.date) -> int:
        """Bring the tenant's pending reminders in line with their plan; how many changed."""
        now = self.clock()
        async with self.database.writing() as session:
            user = await session.scalar(select(UserRow.id).where(_user_filter(tenant)))
            if user is None:
                return 0
            wanted = {p.key: p for p in await _wanted(session, user, deadline, now)}
            rows = (
                await session.scalars(select(ReminderRow).where(ReminderRow.user_id == user))
            ).all()
            changed = 0
            have = {row.key: row for row in rows}
            for row in rows:
                if row.delivered_at is not None:
                    continue
                plan = wanted.get(row.key)
                if plan is None:
                    await session.delete(row)
                    changed += 1
                elif _as_utc(row.due_at) != plan.due_at:
                    row.due_at, row.claimed_at, row.claimed_by = plan.due_at, None, None
                    row.attempts = 0
                    changed += 1
            for key, plan in wanted.items():
                if key not in have:
                    session.add(
                        ReminderRow(
                            user_id=user,
                            key=key,
                            kind=plan.kind,
                            program_id=plan.program_id,
                            due_at=plan.due_at,
                            attempts=0,
                        )
                    )
                    changed += 1
            if changed:
                log.info("reminders planned user=%s changed=%s", user, changed)
            return changed

    async def claim_due(
        self, platform: str, worker: str, limit: int = 20, only: Tenant | None = None
    ) -> list[DueReminder]:
        """Take up to ``limit`` due reminders of ``platform``'s users (or of ``only``)."""
        now = self.clock()
        async with self.database.writing() as session:
            free = or_(ReminderRow.claimed_at.is_(None), ReminderRow.claimed_at < now - STALE_AFTER)
            due = (
                select(ReminderRow.id)
                .join(UserRow, UserRow.id == ReminderRow.user_id)
                .where(
                    UserRow.platform == platform,
                    ReminderRow.delivered_at.is_(None),
                    ReminderRow.due_at <= now,
                    ReminderRow.attempts < MAX_ATTEMPTS,
                    free,
                )
                .order_by(ReminderRow.due_at, ReminderRow.id)
                .limit(limit)
            )
            if only is not None:
                due = due.where(_user_filter(only))
            if session.get_bind().dialect.name == "postgresql":
                # Rows another process is claiming are skipped, not waited for.
                due = due.with_for_update(of=ReminderRow, skip_locked=True)
            candidates = list(await session.scalars(due))
            if not candidates:
                return []
            # Claim only what is still free: correct even where the lock above is absent.
            ids = list(
                await session.scalars(
                    update(ReminderRow)
                    .where(ReminderRow.id.in_(candidates), free)
                    .values(claimed_at=now, claimed_by=worker[:64])
                    .returning(ReminderRow.id)
                )
            )
            rows = await session.execute(
                select(ReminderRow, UserRow, ProgramRow)
                .join(UserRow, UserRow.id == ReminderRow.user_id)
                .outerjoin(ProgramRow, ProgramRow.id == ReminderRow.program_id)
                .where(ReminderRow.id.in_(ids))
                .order_by(ReminderRow.due_at, ReminderRow.id)
            )
            claimed = [
                DueReminder(
                    id=reminder.id,
                    tenant=Tenant(user.platform, user.workspace, user.external_id),
                    kind=reminder.kind,
                    program=program.name if program else None,
                    city=program.city if program else None,
                    visit_date=program.visit_date if program else None,
                )
                for reminder, user, program in rows
            ]
        log.info("reminders claimed worker=%s count=%s", worker, len(claimed))
        return claimed

    async def delivered(self, reminder_id: int, worker: str) -> bool:
        """Mark a claimed reminder sent; False when another worker had taken it over."""
        async with self.database.writing() as session:
            done = await session.execute(
                update(ReminderRow)
                .where(ReminderRow.id == reminder_id, ReminderRow.claimed_by == worker[:64])
                .values(delivered_at=self.clock())
            )
            return done.rowcount == 1

    async def release(self, reminder_id: int) -> None:
        """Give a reminder back after a failed send: the next pass tries again, up to
        ``MAX_ATTEMPTS`` sends in all."""
        async with self.database.writing() as session:
            await session.execute(
                update(ReminderRow)
                .where(ReminderRow.id == reminder_id, ReminderRow.delivered_at.is_(None))
                .values(claimed_at=None, claimed_by=None, attempts=ReminderRow.attempts + 1)
            )

    async def pending(self, tenant: Tenant) -> list[tuple[str, dt.datetime, bool]]:
        """The tenant's reminders as (key, due, delivered), soonest first."""
        async with self.database.reading() as session:
            rows = await session.execute(
                select(ReminderRow.key, ReminderRow.due_at, ReminderRow.delivered_at)
                .join(UserRow, UserRow.id == ReminderRow.user_id)
                .where(_user_filter(tenant))
                .order_by(ReminderRow.due_at, ReminderRow.key)
            )
            return [(key, _as_utc(due), sent is not None) for key, due, sent in rows]

    async def prune(self, older_than: dt.timedelta = dt.timedelta(days=30)) -> int:
        async with self.database.writing() as session:
            gone = await session.execute(
                delete(ReminderRow).where(ReminderRow.delivered_at < self.clock() - older_than)
            )
            return gone.rowcount or 0


async def _wanted(
    session: AsyncSession, user: int, deadline: dt.date, now: dt.datetime
) -> list[Planned]:
    programs = await session.execute(
        select(ProgramRow.id, ProgramRow.status, ProgramRow.visit_date).where(
            ProgramRow.user_id == user
        )
    )
    thanked = set(
        await session.scalars(
            select(MessageRow.program_id).where(
                MessageRow.user_id == user, MessageRow.kind == MessageKind.thank_you.value
            )
        )
    )
    return plan_reminders([tuple(row) for row in programs], thanked, deadline, now)
