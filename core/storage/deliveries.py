"""Once-only processing of platform deliveries that may be retried.

Slack retries an event it thinks went unanswered (``X-Slack-Retry-Num``); with several
bot processes behind one database, the first to claim an id processes it and every
other copy is acknowledged and dropped. A claim that failed is released so the next
retry gets a fresh chance; a claim left by a process that died goes stale and is taken
over.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from sqlalchemy import delete, select, update

from core.storage.database import Database
from core.storage.dialogs import _as_utc
from core.storage.store import _dialect_insert
from core.storage.tables import DeliveryRow

log = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(seconds=60)
KEEP_FOR = dt.timedelta(days=2)  # Slack gives up retrying after about an hour


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DeliveryLedger:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self.database = database
        self.clock = clock

    async def claim(self, platform: str, delivery_id: str) -> bool:
        """True when this process should handle the delivery now; False for a duplicate."""
        now = self.clock()
        delivery_id = delivery_id[:64]
        key = (DeliveryRow.platform == platform, DeliveryRow.delivery_id == delivery_id)
        async with self.database.writing() as session:
            insert = _dialect_insert(session)(DeliveryRow).values(
                platform=platform, delivery_id=delivery_id, claimed_at=now, done=False
            )
            inserted = await session.execute(
                insert.on_conflict_do_nothing(index_elements=["platform", "delivery_id"])
            )
            if inserted.rowcount == 1:
                return True
            row = await session.scalar(select(DeliveryRow).where(*key))
            if row is None or row.done or _as_utc(row.claimed_at) > now - STALE_AFTER:
                return False
            taken = await session.execute(
                update(DeliveryRow)
                .where(*key, DeliveryRow.claimed_at == row.claimed_at)
                .values(claimed_at=now)
            )
            log.info("stale delivery taken over platform=%s", platform)
            return taken.rowcount == 1

    async def finish(self, platform: str, delivery_id: str) -> None:
        delivery_id = delivery_id[:64]
        async with self.database.writing() as session:
            await session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.platform == platform, DeliveryRow.delivery_id == delivery_id)
                .values(done=True)
            )

    async def release(self, platform: str, delivery_id: str) -> None:
        """Forget a claim whose handling failed, so a retry of it is processed."""
        delivery_id = delivery_id[:64]
        async with self.database.writing() as session:
            await session.execute(
                delete(DeliveryRow).where(
                    DeliveryRow.platform == platform,
                    DeliveryRow.delivery_id == delivery_id,
                    DeliveryRow.done.is_(False),
                )
            )

    async def prune(self) -> int:
        """Drop ids too old to be retried; returns how many went."""
        async with self.database.writing() as session:
            gone = await session.execute(
                delete(DeliveryRow).where(DeliveryRow.claimed_at < self.clock() - KEEP_FOR)
            )
            return gone.rowcount or 0
