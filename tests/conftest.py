"""Shared fixtures: a real database per test (SQLite file, or PostgreSQL when asked).

Set SECONDLOOK_TEST_DATABASE_URL to run every storage test on PostgreSQL as well; the
database it names is emptied before each test, so point it at a throwaway one.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.container import Container, build
from bot.settings import DatabaseSettings, Settings
from core.storage import Database, ProgramStore
from core.storage.migrate import upgrade

POSTGRES_URL = os.environ.get("SECONDLOOK_TEST_DATABASE_URL")

BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


async def reset_postgres(url: str) -> None:
    """Drop everything in the throwaway test database, alembic's version table included."""
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await database.dispose()


def sqlite_url(directory: Path) -> str:
    return f"sqlite+aiosqlite:///{directory / 'secondlook-test.db'}"


@pytest.fixture(params=BACKENDS)
async def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A database with no tables at all."""
    if request.param == "postgresql":
        assert POSTGRES_URL
        await reset_postgres(POSTGRES_URL)
        database = Database(POSTGRES_URL)
    else:
        database = Database(sqlite_url(tmp_path))
    yield database
    await database.dispose()


@pytest.fixture
async def database(empty_database: Database) -> Database:
    """A database migrated to the newest schema."""
    await upgrade(empty_database)
    return empty_database


@pytest.fixture
async def container(database: Database) -> AsyncIterator[Container]:
    """The app's objects on the test database, as ``bot.container.build`` wires them."""
    url = database.url.render_as_string(hide_password=False)
    built = await build(Settings(database=DatabaseSettings(url=url)), migrate=False)
    yield built
    await built.close()


@pytest.fixture
def store(database: Database) -> ProgramStore:
    return ProgramStore(database)


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the CLI's data directory at a fresh folder and clear settings from the host."""
    slack = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID")
    slack += ("DISCORD_TOKEN", "DISCORD_GUILD_ID", "DISCORD_SHARD_COUNT", "DISCORD_API_URL")
    for name in ("DATABASE_URL", "FRAMEWORK_RULES_FILE", "SECONDLOOK_LOG_LEVEL", "PORT", *slack):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("SECONDLOOK_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    return data
