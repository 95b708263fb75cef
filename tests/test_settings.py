"""Settings and database URLs: what hosts hand out works, what cannot work says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import AliasChoices

from bot.settings import Settings
from core.storage.urls import BadDatabaseUrl, async_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgres://u:p@db.example:5432/app", "postgresql+asyncpg://u:p@db.example:5432/app"),
        ("postgresql://u@localhost/app", "postgresql+asyncpg://u@localhost/app"),
        ("postgresql+asyncpg://u@localhost/app", "postgresql+asyncpg://u@localhost/app"),
        ("sqlite:////tmp/x.db", "sqlite+aiosqlite:////tmp/x.db"),
        ("sqlite+aiosqlite:///rel.db", "sqlite+aiosqlite:///rel.db"),
    ],
)
def test_urls_map_to_async_drivers(raw: str, expected: str) -> None:
    assert async_url(raw).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize("raw", ["mysql://root@localhost/x", "not a url at all", ""])
def test_unusable_urls_are_refused_with_a_reason(raw: str) -> None:
    with pytest.raises(BadDatabaseUrl) as raised:
        async_url(raw)
    assert "DATABASE_URL" in str(raised.value)


def test_default_database_is_a_sqlite_file_in_the_xdg_data_dir(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SECONDLOOK_DATA_DIR")
    url = Settings().database_url
    assert url == f"sqlite+aiosqlite:///{tmp_path / 'xdg' / 'secondlook' / 'secondlook.db'}"


def test_database_url_from_environment_wins(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    assert Settings().database_url == "postgres://u@h/db"


def test_every_variable_is_documented_in_env_example() -> None:
    example = (Path(__file__).resolve().parents[1] / "config" / ".env.example").read_text()
    settings = Settings()
    for section in ("app", "database", "framework", "slack", "discord"):
        model = getattr(settings, section)
        prefix = type(model).model_config["env_prefix"]
        for field, info in type(model).model_fields.items():
            names = [f"{prefix}{field.upper()}"]
            if isinstance(info.validation_alias, AliasChoices):
                names = [str(choice) for choice in info.validation_alias.choices]
            assert any(f"{name}=" in example for name in names), field


def test_slack_port_comes_from_port_as_hosts_set_it(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "hush-8f74")
    slack = Settings().slack
    assert slack.port == 8123
    assert slack.signing_secret is not None
    assert slack.signing_secret.get_secret_value() == "hush-8f74"
    assert "hush" not in repr(slack)  # a secret is never printed whole
