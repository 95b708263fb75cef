"""Several processes writing one SQLite file queue on BEGIN IMMEDIATE instead of failing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from core.identity import Tenant
from core.storage import Database, ProgramStore
from core.storage.migrate import upgrade

WRITER = """
import asyncio, sys
from core.identity import Tenant
from core.storage import Database, ProgramStore

async def main(url, who, count):
    database = Database(url)
    store = ProgramStore(database)
    tenant = Tenant("slack", "T1", who)
    for n in range(count):
        await store.add_program(tenant, {"name": f"{who} program {n}", "travel": n % 4})
        await store.update_program(tenant, f"{who} program {n}", {"importance": 2})
    await database.dispose()

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""


@pytest.fixture
async def sqlite_file(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    database = Database(url)
    await upgrade(database)
    await database.dispose()
    return url


async def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_file: str) -> None:
    database = Database(sqlite_file)
    async with database.engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await connection.execute(text("PRAGMA busy_timeout"))).scalar() >= 5000
        assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    await database.dispose()


async def test_three_processes_write_one_file_without_losing_a_row(sqlite_file: str) -> None:
    count = 40
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, sqlite_file, who, str(count)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("U1", "U2", "U3")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    database = Database(sqlite_file)
    store = ProgramStore(database)
    for who in ("U1", "U2", "U3"):
        programs = await store.list_programs(Tenant("slack", "T1", who))
        assert len(programs) == count
        assert all(p.importance == 2 for p in programs)
    await database.dispose()
