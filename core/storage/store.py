"""Each user's profile and programs, always read and written through their :class:`Tenant`.

Every query starts from the tenant's own user row, so one user can never reach another's
programs: isolation holds by construction, not by a filter someone might forget.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.identity import Tenant
from core.models import ApplicantProfile, Program
from core.names import closest, name_key
from core.storage.database import Database
from core.storage.tables import (
    CrowdPolicyRow,
    MessageRow,
    ProgramRow,
    ReminderRow,
    ShareRow,
    UserRow,
)
from core.validation import InputProblem, parse

log = logging.getLogger(__name__)

PROFILE_FIELDS = tuple(ApplicantProfile.model_fields)
PROGRAM_FIELDS = tuple(Program.model_fields)


class ProgramNotFound(LookupError):
    """No program of that name; ``suggestion`` is the closest tracked name, if any."""

    def __init__(self, name: str, suggestion: str | None) -> None:
        self.name = name
        self.suggestion = suggestion
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"you are not tracking a program called '{name}'{hint}")


class ProgramExists(ValueError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"you already track '{name}'")


def _user_filter(tenant: Tenant) -> Any:
    return (
        (UserRow.platform == tenant.platform)
        & (UserRow.workspace == tenant.workspace)
        & (UserRow.external_id == tenant.user)
    )


def _dialect_insert(session: AsyncSession) -> Any:
    """INSERT with ON CONFLICT support: both our backends have it, under their own module."""
    name = session.get_bind().dialect.name
    return postgresql.insert if name == "postgresql" else sqlite.insert


async def program_row(session: AsyncSession, tenant: Tenant, name: str) -> ProgramRow:
    """The tenant's program called ``name`` (any spelling with the same key), or
    :class:`ProgramNotFound` with the closest name they track."""
    owned = select(ProgramRow).join(UserRow, ProgramRow.user_id == UserRow.id)
    owned = owned.where(_user_filter(tenant))
    row = await session.scalar(owned.where(ProgramRow.name_key == name_key(name)))
    if row is not None:
        return row
    # Only a miss needs the other names, for "did you mean".
    names = await session.scalars(
        select(ProgramRow.name)
        .join(UserRow, ProgramRow.user_id == UserRow.id)
        .where(_user_filter(tenant))
    )
    raise ProgramNotFound(name, closest(name, list(names)))


async def user_for_write(session: AsyncSession, tenant: Tenant) -> UserRow:
    """The tenant's user row, created if needed; safe when two first writes race."""
    find = select(UserRow).where(_user_filter(tenant))
    user = await session.scalar(find)
    if user is not None:
        return user
    upsert = _dialect_insert(session)(UserRow).values(
        platform=tenant.platform, workspace=tenant.workspace, external_id=tenant.user
    )
    await session.execute(
        upsert.on_conflict_do_nothing(index_elements=["platform", "workspace", "external_id"])
    )
    user = await session.scalar(find)
    assert user is not None  # inserted just now, or by the writer that won the race
    log.info("user ready id=%s platform=%s", user.id, tenant.platform)
    return user


def _to_program(row: ProgramRow) -> Program:
    return Program.model_validate({field: getattr(row, field) for field in PROGRAM_FIELDS})


def _row_values(program: Program) -> dict[str, Any]:
    values = program.model_dump(mode="python")
    values["goals"] = [goal.value for goal in program.goals]
    for field in ("program_type", "policy", "interest_signal", "status", "contact_role", "moved"):
        member = getattr(program, field)
        values[field] = member.value if member is not None else None
    values["offered_dates"] = [day.isoformat() for day in program.offered_dates]
    values["name_key"] = name_key(program.name)
    return values


class ProgramStore:
    """Profiles and programs per tenant. Methods validate before they write anything."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def _user(self, session: AsyncSession, tenant: Tenant) -> UserRow | None:
        return await session.scalar(select(UserRow).where(_user_filter(tenant)))

    async def _user_for_write(self, session: AsyncSession, tenant: Tenant) -> UserRow:
        return await user_for_write(session, tenant)

    async def get_profile(self, tenant: Tenant) -> ApplicantProfile:
        async with self.database.reading() as session:
            user = await self._user(session, tenant)
            if user is None:
                return ApplicantProfile()
            return ApplicantProfile.model_validate(
                {field: getattr(user, field) for field in PROFILE_FIELDS}
            )

    async def update_profile(self, tenant: Tenant, changes: dict[str, Any]) -> ApplicantProfile:
        """Merge ``changes`` into the stored profile; invalid changes store nothing."""
        current = await self.get_profile(tenant)
        profile = parse(ApplicantProfile, {**current.model_dump(), **changes})
        async with self.database.writing() as session:
            user = await self._user_for_write(session, tenant)
            for field, value in profile.model_dump(mode="python").items():
                setattr(user, field, value.value if hasattr(value, "value") else value)
        return profile

    async def list_programs(self, tenant: Tenant) -> list[Program]:
        async with self.database.reading() as session:
            rows = await session.scalars(
                select(ProgramRow)
                .join(UserRow, ProgramRow.user_id == UserRow.id)
                .where(_user_filter(tenant))
                .order_by(ProgramRow.id)
            )
            return [_to_program(row) for row in rows]

    async def _program_row(self, session: AsyncSession, tenant: Tenant, name: str) -> ProgramRow:
        return await program_row(session, tenant, name)

    async def get_program(self, tenant: Tenant, name: str) -> Program:
        async with self.database.reading() as session:
            return _to_program(await self._program_row(session, tenant, name))

    async def add_program(self, tenant: Tenant, data: Program | dict[str, Any]) -> Program:
        program = data if isinstance(data, Program) else parse(Program, data)
        values = _row_values(program)
        try:
            async with self.database.writing() as session:
                user = await self._user_for_write(session, tenant)
                existing = await session.scalar(
                    select(ProgramRow.name).where(
                        (ProgramRow.user_id == user.id)
                        & (ProgramRow.name_key == values["name_key"])
                    )
                )
                if existing is not None:
                    raise ProgramExists(existing)
                row = ProgramRow(user_id=user.id, **values)
                session.add(row)
                await session.flush()
                log.info("program added user=%s program=%s", user.id, row.id)
        except IntegrityError:
            raise ProgramExists(program.name) from None
        return program

    async def update_program(self, tenant: Tenant, name: str, changes: dict[str, Any]) -> Program:
        """Apply ``changes`` to the named program; invalid changes store nothing."""
        async with self.database.writing() as session:
            row = await self._program_row(session, tenant, name)
            merged = {**_to_program(row).model_dump(), **changes}
            program = parse(Program, merged)
            new_key = name_key(program.name)
            if new_key != row.name_key:
                clash = await session.scalar(
                    select(ProgramRow.id).where(
                        (ProgramRow.user_id == row.user_id) & (ProgramRow.name_key == new_key)
                    )
                )
                if clash is not None:
                    raise ProgramExists(program.name)
            for field, value in _row_values(program).items():
                setattr(row, field, value)
            log.info("program updated user=%s program=%s", row.user_id, row.id)
        return program

    async def remove_program(self, tenant: Tenant, name: str) -> Program:
        async with self.database.writing() as session:
            row = await self._program_row(session, tenant, name)
            program = _to_program(row)
            # The foreign key cascades too; deleting here keeps it so on any connection.
            await session.execute(delete(MessageRow).where(MessageRow.program_id == row.id))
            await session.delete(row)
            log.info("program removed user=%s program=%s", row.user_id, row.id)
        return program

    async def forget(self, tenant: Tenant) -> int:
        """Delete the user and everything they stored; returns how many programs went."""
        async with self.database.writing() as session:
            user = await self._user(session, tenant)
            if user is None:
                return 0
            count = len(
                list(
                    await session.scalars(
                        select(ProgramRow.id).where(ProgramRow.user_id == user.id)
                    )
                )
            )
            # The foreign keys cascade too; deleting here keeps it so on any connection.
            for table in (ReminderRow, ShareRow, CrowdPolicyRow, MessageRow, ProgramRow):
                await session.execute(delete(table).where(table.user_id == user.id))
            await session.execute(delete(UserRow).where(UserRow.id == user.id))
            log.info("user forgotten user=%s programs=%d", user.id, count)
            return count


__all__ = ["InputProblem", "ProgramExists", "ProgramNotFound", "ProgramStore"]
