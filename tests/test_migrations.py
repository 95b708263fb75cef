"""Migrations from an empty database, both ways, and in step with the table definitions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from core.storage import Database
from core.storage.migrate import current_revision, downgrade, head_revision, upgrade
from core.storage.tables import Base

APP_TABLES = {
    "users",
    "programs",
    "dialogs",
    "messages",
    "deliveries",
    "shares",
    "crowd_policies",
    "reminders",
}


async def _tables(database: Database) -> set[str]:
    async with database.engine.connect() as connection:
        return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))


async def test_upgrade_creates_every_table_on_an_empty_database(empty_database: Database) -> None:
    assert await _tables(empty_database) == set()
    await upgrade(empty_database)
    assert APP_TABLES | {"alembic_version"} <= await _tables(empty_database)
    assert await current_revision(empty_database) == head_revision()


async def test_upgrade_twice_is_harmless_and_downgrade_removes_everything(
    empty_database: Database,
) -> None:
    await upgrade(empty_database)
    await upgrade(empty_database)
    await downgrade(empty_database, "base")
    assert not APP_TABLES & await _tables(empty_database)
    assert await current_revision(empty_database) is None
    await upgrade(empty_database)
    assert await current_revision(empty_database) == head_revision()


async def test_migrations_match_the_table_definitions(database: Database) -> None:
    """A change to tables.py without a migration fails here."""

    def diff(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)

    async with database.engine.connect() as connection:
        assert await connection.run_sync(diff) == []


def test_db_upgrade_command_on_an_empty_sqlite_file(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "fresh.db"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade"],
        env={"DATABASE_URL": f"sqlite:///{target}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert f"revision {head_revision()}" in result.stdout
    assert target.exists()
