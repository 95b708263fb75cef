"""The async engine and its session factories, with SQLite set up for several writers.

SQLite follows SQLAlchemy's documented recipe: the driver's own transaction handling is
switched off on connect and we emit BEGIN ourselves, ``BEGIN IMMEDIATE`` for sessions
that write, so two writers queue on ``busy_timeout`` instead of failing half-way with
"database is locked". WAL lets readers run beside the writer.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from core.storage.urls import async_url, is_sqlite

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "secondlook_write"


def _install_sqlite_recipe(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def utc_now() -> dt.datetime:
    """The time stores stamp rows with, unless a test hands them a clock."""
    return dt.datetime.now(dt.UTC)


class Database:
    """One database: a reading and a writing session factory over one connection pool."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = async_url(url)
        self.is_sqlite = is_sqlite(self.url)
        options: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        else:
            options["pool_pre_ping"] = True
        self.engine = create_async_engine(self.url, **options)
        if self.is_sqlite:
            _install_sqlite_recipe(self.engine)
        self.write_engine = self.engine.execution_options(**{WRITE_OPTION: True})
        self._read = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write = async_sessionmaker(self.write_engine, expire_on_commit=False)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        async with self._read() as session:
            yield session

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed on success, rolled back on any error."""
        async with self._write() as session, session.begin():
            yield session

    def describe(self) -> str:
        """The URL without its password, safe for logs and error messages."""
        return self.url.render_as_string(hide_password=True)

    async def dispose(self) -> None:
        await self.engine.dispose()
