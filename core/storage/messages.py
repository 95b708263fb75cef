"""The log of messages a user marked as sent to their programs, per :class:`Tenant`.

Only what and when is kept (kind, date, "first choice" said, answered yet): never the
text of a message. Rows hang off the user's program, so removing the program or
forgetting the user deletes them (the foreign keys cascade, and the program store
deletes them explicitly as well).
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select, update

from core.identity import Tenant
from core.models import MessageKind, SentMessage
from core.storage.database import Database
from core.storage.store import _user_filter, program_row
from core.storage.tables import MessageRow, ProgramRow, UserRow
from core.validation import InputProblem

log = logging.getLogger(__name__)


def _to_message(row: MessageRow, program: str) -> SentMessage:
    return SentMessage(
        program=program,
        kind=MessageKind(row.kind),
        sent_on=row.sent_on,
        first_choice=row.first_choice,
        answered=row.answered,
    )


def _kind(kind: MessageKind | str) -> MessageKind:
    try:
        return MessageKind(kind)
    except ValueError:
        known = ", ".join(member.value for member in MessageKind)
        raise InputProblem([f"kind: '{kind}' is not one of {known}"]) from None


class MessageLog:
    """Messages per tenant and program, oldest first."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def record(
        self,
        tenant: Tenant,
        program_name: str,
        kind: MessageKind | str,
        sent_on: dt.date,
        first_choice: bool = False,
    ) -> SentMessage:
        """Log one message to the tenant's program; ProgramNotFound when they don't track it."""
        member = _kind(kind)
        async with self.database.writing() as session:
            program = await program_row(session, tenant, program_name)
            row = MessageRow(
                user_id=program.user_id,
                program_id=program.id,
                kind=member.value,
                sent_on=sent_on,
                first_choice=first_choice,
                answered=False,
            )
            session.add(row)
            await session.flush()
            log.info(
                "message logged user=%s program=%s message=%s kind=%s",
                program.user_id,
                program.id,
                row.id,
                member.value,
            )
            return _to_message(row, program.name)

    async def history(self, tenant: Tenant, program_name: str | None = None) -> list[SentMessage]:
        """The tenant's messages, to one program or to all, oldest first."""
        async with self.database.reading() as session:
            query = (
                select(MessageRow, ProgramRow.name)
                .join(ProgramRow, MessageRow.program_id == ProgramRow.id)
                .join(UserRow, MessageRow.user_id == UserRow.id)
                .where(_user_filter(tenant))
                .order_by(MessageRow.sent_on, MessageRow.id)
            )
            if program_name is not None:
                program = await program_row(session, tenant, program_name)
                query = query.where(MessageRow.program_id == program.id)
            rows = await session.execute(query)
            return [_to_message(row, name) for row, name in rows]

    async def mark_answered(self, tenant: Tenant, program_name: str) -> int:
        """Every unanswered message to the program is answered now; returns how many."""
        async with self.database.writing() as session:
            program = await program_row(session, tenant, program_name)
            result = await session.execute(
                update(MessageRow)
                .where((MessageRow.program_id == program.id) & MessageRow.answered.is_(False))
                .values(answered=True)
            )
            count = result.rowcount or 0
            log.info(
                "messages answered user=%s program=%s count=%d", program.user_id, program.id, count
            )
            return count


__all__ = ["MessageLog"]
