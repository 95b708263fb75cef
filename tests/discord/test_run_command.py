"""``secondlook discord``: what a person starting the bot sees when something is missing."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import discord
import pytest

from bot import cli, discord_main
from bot.settings import Settings
from tests.discord.fake_discord import FakeDiscord


def run_cli(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdin=io.StringIO(), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_without_a_token_it_exits_2_saying_where_to_get_one(isolated_env: Path) -> None:
    code, _out, err = run_cli("discord")
    assert code == 2
    assert "DISCORD_TOKEN" in err and "Reset Token" in err
    assert "Traceback" not in err


async def test_a_token_discord_refuses_ends_with_a_message_not_a_retry_loop(
    isolated_env: Path, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "not-the-token")
    monkeypatch.setenv("DISCORD_API_URL", fake.api_url)
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)  # restored after
    with pytest.raises(discord_main.DiscordSetupError, match="refused DISCORD_TOKEN"):
        await discord_main.run(argparse.Namespace(command="discord"), Settings())
    assert [call.path for call in fake.calls] == []  # nothing sent but the login attempt
