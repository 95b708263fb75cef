"""The manifest a user pastes into Slack matches what the app serves and asks for."""

from __future__ import annotations

from pathlib import Path

import yaml

from adapters.slack.app import REDIRECT_PATH
from adapters.slack.listeners import COMMAND
from adapters.slack.server import EVENTS_PATH
from bot.settings import SlackSettings

MANIFEST = Path(__file__).resolve().parents[2] / "config" / "slack-manifest.yml"


def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def test_the_command_events_and_buttons_all_reach_the_one_endpoint() -> None:
    data = manifest()
    [command] = data["features"]["slash_commands"]
    assert command["command"] == COMMAND
    settings = data["settings"]
    urls = [
        command["url"],
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]
    assert all(url.startswith("https://") and url.endswith(EVENTS_PATH) for url in urls)
    assert settings["interactivity"]["is_enabled"] is True
    assert [url.endswith(REDIRECT_PATH) for url in data["oauth_config"]["redirect_urls"]] == [True]


def test_it_subscribes_to_dms_and_the_home_tab_and_nothing_more() -> None:
    data = manifest()
    assert set(data["settings"]["event_subscriptions"]["bot_events"]) == {
        "message.im",
        "app_home_opened",
    }
    home = data["features"]["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"]
    assert not home["messages_tab_read_only_enabled"]  # users must be able to DM the bot


def test_the_scopes_are_the_ones_an_oauth_install_asks_for() -> None:
    scopes = manifest()["oauth_config"]["scopes"]["bot"]
    assert scopes == SlackSettings.model_fields["scopes"].default.split(",")
    assert "channels:history" not in scopes  # it never reads channel messages
