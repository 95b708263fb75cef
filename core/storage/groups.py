"""Study groups: whose plans are shared into which channel, and the crowd-kept policy list.

A group is one channel on one platform (a Slack channel of one workspace, a Discord
channel). Nothing here reads a program's scores, verdict, notes or order: a member's
shared plan is only the visits (name, city, state, date, status), and only for members who
shared into that very group.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.identity import Tenant
from core.models import Policy, Status
from core.names import name_key
from core.storage.database import Database, utc_now
from core.storage.dialogs import _as_utc
from core.storage.store import _dialect_insert, _user_filter, user_for_write
from core.storage.tables import CrowdPolicyRow, ProgramRow, ShareRow, UserRow

log = logging.getLogger(__name__)

VISIT_STATUSES = (Status.requested.value, Status.scheduled.value, Status.visited.value)
MAX_SOURCE = 300


@dataclass(frozen=True)
class Group:
    """One channel on one platform: what ``share`` opts a plan into."""

    platform: str
    workspace: str
    channel: str

    @classmethod
    def of(cls, tenant: Tenant, channel: str) -> Group:
        return cls(tenant.platform, tenant.workspace, channel)

    def where(self, table: type[ShareRow] | type[CrowdPolicyRow]) -> tuple:
        return (
            table.platform == self.platform,
            table.workspace == self.workspace,
            table.channel == self.channel,
        )


@dataclass(frozen=True)
class SharedVisit:
    program: str
    city: str | None
    state: str | None
    visit_date: dt.date | None
    status: Status


@dataclass(frozen=True)
class SharedPlan:
    """One member's shared visits; ``member`` is the name they gave, or None."""

    user_id: int
    member: str | None
    shared_at: dt.datetime
    visits: list[SharedVisit]


@dataclass(frozen=True)
class CrowdReport:
    program: str
    policy: Policy
    source: str | None
    member: str | None
    reported_at: dt.datetime


class GroupStore:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.database = database
        self.clock = clock

    async def share(self, tenant: Tenant, group: Group) -> bool:
        """Opt the tenant's plan into ``group``; False when it already was."""
        async with self.database.writing() as session:
            user = await _user_id(session, tenant, create=True)
            insert = _dialect_insert(session)(ShareRow).values(
                user_id=user,
                platform=group.platform,
                workspace=group.workspace,
                channel=group.channel,
                shared_at=self.clock(),
            )
            done = await session.execute(
                insert.on_conflict_do_nothing(
                    index_elements=["user_id", "platform", "workspace", "channel"]
                )
            )
            log.info("plan shared user=%s new=%s", user, done.rowcount == 1)
            return done.rowcount == 1

    async def unshare(self, tenant: Tenant, group: Group | None) -> int:
        """Withdraw the plan from ``group``, or from every group when None; how many."""
        async with self.database.writing() as session:
            user = await _user_id(session, tenant, create=False)
            if user is None:
                return 0
            where = [ShareRow.user_id == user]
            if group is not None:
                where += group.where(ShareRow)
            gone = await session.execute(delete(ShareRow).where(*where))
            return gone.rowcount or 0

    async def is_shared(self, tenant: Tenant, group: Group) -> bool:
        async with self.database.reading() as session:
            user = await _user_id(session, tenant, create=False)
            if user is None:
                return False
            found = await session.scalar(
                select(ShareRow.id).where(ShareRow.user_id == user, *group.where(ShareRow))
            )
            return found is not None

    async def groups_of(self, tenant: Tenant) -> list[Group]:
        """The groups the tenant shares with."""
        async with self.database.reading() as session:
            user = await _user_id(session, tenant, create=False)
            if user is None:
                return []
            rows = await session.execute(
                select(ShareRow.platform, ShareRow.workspace, ShareRow.channel)
                .where(ShareRow.user_id == user)
                .order_by(ShareRow.id)
            )
            return [Group(*row) for row in rows]

    async def shared_plans(self, group: Group) -> list[SharedPlan]:
        """Every plan shared into ``group``, oldest share first: visits only."""
        async with self.database.reading() as session:
            members = (
                await session.execute(
                    select(ShareRow.user_id, ShareRow.shared_at, UserRow.name)
                    .join(UserRow, UserRow.id == ShareRow.user_id)
                    .where(*group.where(ShareRow))
                    .order_by(ShareRow.shared_at, ShareRow.id)
                )
            ).all()
            if not members:
                return []
            rows = await session.execute(
                select(
                    ProgramRow.user_id,
                    ProgramRow.name,
                    ProgramRow.city,
                    ProgramRow.state,
                    ProgramRow.visit_date,
                    ProgramRow.status,
                ).where(
                    ProgramRow.user_id.in_([m.user_id for m in members]),
                    ProgramRow.status.in_(VISIT_STATUSES),
                )
            )
            visits: dict[int, list[SharedVisit]] = {}
            for user_id, name, city, state, visit_date, status in rows:
                visits.setdefault(user_id, []).append(
                    SharedVisit(name, city, state, visit_date, Status(status))
                )
        return [
            SharedPlan(
                m.user_id,
                m.name,
                _as_utc(m.shared_at),
                sorted(
                    visits.get(m.user_id, []),
                    key=lambda v: (v.visit_date or dt.date.max, v.program.lower()),
                ),
            )
            for m in members
        ]

    async def report_policy(
        self, tenant: Tenant, group: Group, program: str, policy: Policy, source: str | None
    ) -> CrowdReport:
        """Record what the tenant says ``program`` told them; their earlier report is replaced."""
        now = self.clock()
        source = " ".join(source.split())[:MAX_SOURCE] if source else None
        async with self.database.writing() as session:
            user = await _user_id(session, tenant, create=True)
            key = name_key(program)
            await session.execute(
                delete(CrowdPolicyRow).where(
                    CrowdPolicyRow.user_id == user,
                    CrowdPolicyRow.name_key == key,
                    *group.where(CrowdPolicyRow),
                )
            )
            session.add(
                CrowdPolicyRow(
                    user_id=user,
                    platform=group.platform,
                    workspace=group.workspace,
                    channel=group.channel,
                    name_key=key,
                    program=program,
                    policy=policy.value,
                    source=source,
                    reported_at=now,
                )
            )
            name = await session.scalar(select(UserRow.name).where(UserRow.id == user))
        log.info("policy reported user=%s", user)
        return CrowdReport(program, policy, source, name, now)

    async def reports(self, group: Group) -> list[CrowdReport]:
        """The group's policy list, newest first."""
        async with self.database.reading() as session:
            rows = await session.execute(
                select(CrowdPolicyRow, UserRow.name)
                .join(UserRow, UserRow.id == CrowdPolicyRow.user_id)
                .where(*group.where(CrowdPolicyRow))
                .order_by(CrowdPolicyRow.reported_at.desc(), CrowdPolicyRow.id.desc())
            )
            return [_report(row, name) for row, name in rows]

    async def crowd_policies(self, tenant: Tenant) -> dict[str, CrowdReport]:
        """The newest report per program (by name key) in the groups the tenant shares with."""
        found: dict[str, CrowdReport] = {}
        for group in await self.groups_of(tenant):
            for report in await self.reports(group):
                key = name_key(report.program)
                if key not in found or report.reported_at > found[key].reported_at:
                    found[key] = report
        return found


def _report(row: CrowdPolicyRow, name: str | None) -> CrowdReport:
    return CrowdReport(row.program, Policy(row.policy), row.source, name, _as_utc(row.reported_at))


async def _user_id(session: AsyncSession, tenant: Tenant, *, create: bool) -> int | None:
    if create:
        return (await user_for_write(session, tenant)).id
    return await session.scalar(select(UserRow.id).where(_user_filter(tenant)))
