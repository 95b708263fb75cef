"""Dialog state in the database, so a restarted process (or another one) continues a dialog.

One row per conversation: (platform, workspace, channel, user). Each row carries an
expiry; an expired dialog is as good as absent and is deleted when met. Saves are
upserts (INSERT … ON CONFLICT DO UPDATE), so two writers racing on the same
conversation leave one row, the last save's, and neither fails.

Datetimes are timezone-aware UTC throughout. SQLite hands ``DateTime(timezone=True)``
columns back naive (stored as UTC by us), so values read are normalised to aware UTC.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.identity import Tenant
from core.storage.database import Database
from core.storage.store import _dialect_insert
from core.storage.tables import DialogRow

log = logging.getLogger(__name__)

DEFAULT_TTL = dt.timedelta(hours=72)
CONVERSATION = ["platform", "workspace", "channel", "external_id"]
_LIMITS = {"channel": 64, "kind": 32, "step": 64, "token": 16}


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _as_utc(value: dt.datetime) -> dt.datetime:
    """Aware UTC; a naive value (SQLite's way of returning them) is taken to be UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _check_text(name: str, value: object) -> str:
    limit = _LIMITS[name]
    if not isinstance(value, str) or not value or len(value) > limit:
        raise ValueError(f"{name} must be 1 to {limit} characters")
    return value


def new_token() -> str:
    """A short random id for one dialog instance (8 hex characters)."""
    return secrets.token_hex(4)


@dataclass
class DialogState:
    """Where one user stands in one multi-step dialog."""

    kind: str  # e.g. "interview", "profile", "confirm_forget"
    step: str  # the step now being asked
    data: dict[str, Any]  # answers so far (JSON-serializable)
    history: list[str]  # steps asked before this one, for "back"
    token: str  # short random id of this instance, so a stale button can be recognised
    expires_at: dt.datetime | None = None  # set by the store

    @classmethod
    def start(cls, kind: str, step: str, data: dict[str, Any] | None = None) -> DialogState:
        """A fresh dialog: new token, empty history."""
        return cls(kind=kind, step=step, data=dict(data or {}), history=[], token=new_token())


class DialogStore:
    """Dialog state per (tenant, channel), each with an expiry of ``ttl`` from its last save."""

    def __init__(
        self,
        database: Database,
        ttl: dt.timedelta = DEFAULT_TTL,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        if ttl <= dt.timedelta(0):
            raise ValueError("ttl must be positive")
        self.database = database
        self.ttl = ttl
        self._clock = clock

    def _now(self) -> dt.datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return timezone-aware datetimes")
        return now.astimezone(dt.UTC)

    @staticmethod
    def _conversation(tenant: Tenant, channel: str) -> Any:
        _check_text("channel", channel)
        return (
            (DialogRow.platform == tenant.platform)
            & (DialogRow.workspace == tenant.workspace)
            & (DialogRow.channel == channel)
            & (DialogRow.external_id == tenant.user)
        )

    async def load(self, tenant: Tenant, channel: str) -> DialogState | None:
        """The dialog in progress, or None when there is none or it has expired."""
        where = self._conversation(tenant, channel)
        async with self.database.reading() as session:
            row = await session.scalar(select(DialogRow).where(where))
            state = None if row is None else _to_state(row)
        if state is None:
            return None
        now = self._now()
        assert state.expires_at is not None
        if state.expires_at > now:
            return state
        async with self.database.writing() as session:
            # Only if still expired: another process may have saved it again meanwhile.
            result = await session.execute(
                delete(DialogRow).where(where & (DialogRow.expires_at <= now))
            )
            if not result.rowcount:
                row = await session.scalar(select(DialogRow).where(where))
                fresh = None if row is None else _to_state(row)
                if fresh is not None and fresh.expires_at and fresh.expires_at > now:
                    return fresh
                return None
        log.info("dialog expired platform=%s kind=%s", tenant.platform, state.kind)
        return None

    async def save(self, tenant: Tenant, channel: str, state: DialogState) -> DialogState:
        """Store ``state`` as this conversation's dialog (replacing any) for another ``ttl``."""
        _check_text("channel", channel)
        for name in ("kind", "step", "token"):
            _check_text(name, getattr(state, name))
        if not isinstance(state.data, dict):
            raise ValueError("dialog data must be a dict")
        if not all(isinstance(step, str) for step in state.history):
            raise ValueError("dialog history must be a list of step names")
        try:
            json.dumps(state.data)
        except (TypeError, ValueError) as problem:
            raise ValueError(f"dialog data must be JSON-serializable: {problem}") from None
        now = self._now()
        expires_at = now + self.ttl
        values = {
            "kind": state.kind,
            "step": state.step,
            "data": state.data,
            "history": list(state.history),
            "token": state.token,
            "expires_at": expires_at,
            "updated_at": now,
        }
        async with self.database.writing() as session:
            await self._upsert(session, tenant, channel, values, created_at=now)
        return replace(state, expires_at=expires_at)

    @staticmethod
    async def _upsert(
        session: AsyncSession,
        tenant: Tenant,
        channel: str,
        values: dict[str, Any],
        created_at: dt.datetime,
    ) -> None:
        insert = _dialect_insert(session)(DialogRow).values(
            platform=tenant.platform,
            workspace=tenant.workspace,
            channel=channel,
            external_id=tenant.user,
            created_at=created_at,
            **values,
        )
        # ON CONFLICT's SET ignores Column.onupdate, hence updated_at among the values.
        upsert = insert.on_conflict_do_update(index_elements=CONVERSATION, set_=values)
        await session.execute(upsert)

    async def clear(self, tenant: Tenant, channel: str) -> None:
        """End this conversation's dialog, if any."""
        where = self._conversation(tenant, channel)
        async with self.database.writing() as session:
            await session.execute(delete(DialogRow).where(where))

    async def clear_all(self, tenant: Tenant) -> int:
        """End this user's dialogs in every channel; returns how many rows went."""
        async with self.database.writing() as session:
            result = await session.execute(
                delete(DialogRow).where(
                    (DialogRow.platform == tenant.platform)
                    & (DialogRow.workspace == tenant.workspace)
                    & (DialogRow.external_id == tenant.user)
                )
            )
            count = result.rowcount or 0
        log.info("dialogs cleared platform=%s count=%d", tenant.platform, count)
        return count

    async def purge_expired(self) -> int:
        """Delete every expired dialog, whoever it belongs to; returns how many went."""
        now = self._now()
        async with self.database.writing() as session:
            result = await session.execute(delete(DialogRow).where(DialogRow.expires_at <= now))
            count = result.rowcount or 0
        if count:
            log.info("expired dialogs purged count=%d", count)
        return count


def _to_state(row: DialogRow) -> DialogState:
    return DialogState(
        kind=row.kind,
        step=row.step,
        data=dict(row.data),
        history=list(row.history),
        token=row.token,
        expires_at=_as_utc(row.expires_at),
    )


__all__ = ["DEFAULT_TTL", "DialogState", "DialogStore", "new_token"]
