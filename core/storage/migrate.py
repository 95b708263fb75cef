"""Schema migrations through Alembic's API, on the same engine recipe the app uses."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from core.storage.database import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _run_command(connection: Connection, name: str, revision: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    getattr(command, name)(cfg, revision)


async def upgrade(database: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision``; two processes doing this at once queue safely."""
    async with database.write_engine.begin() as connection:
        await connection.run_sync(_run_command, "upgrade", revision)


async def downgrade(database: Database, revision: str = "base") -> None:
    async with database.write_engine.begin() as connection:
        await connection.run_sync(_run_command, "downgrade", revision)


async def current_revision(database: Database) -> str | None:
    def _current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with database.engine.connect() as connection:
        return await connection.run_sync(_current)
