"""Database URLs: accept what hosts hand out and map it to an async driver."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

ASYNC_DRIVERS = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+psycopg2": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}


class BadDatabaseUrl(ValueError):
    pass


def async_url(raw: str) -> URL:
    """``postgres://…`` (Heroku style) → ``postgresql+asyncpg://…``; async URLs pass unchanged."""
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise BadDatabaseUrl(
            "DATABASE_URL is not a database URL (expected e.g."
            " postgresql+asyncpg://user@host/db or sqlite+aiosqlite:///path.db)"
        ) from None
    driver = ASYNC_DRIVERS.get(url.drivername, url.drivername)
    if driver not in {"postgresql+asyncpg", "sqlite+aiosqlite"}:
        raise BadDatabaseUrl(
            f"DATABASE_URL uses {url.drivername!r}; SecondLook speaks"
            " postgresql+asyncpg and sqlite+aiosqlite"
        )
    return url.set(drivername=driver)


def sqlite_file_url(path: Path) -> URL:
    return URL.create("sqlite+aiosqlite", database=str(path))


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"
