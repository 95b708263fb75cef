"""The real discord.py client, logged in against a local fake of Discord's REST API.

Interactions and DMs are built from the JSON Discord sends and handed to discord.py's
own gateway parsers (``parse_interaction_create``, ``parse_message_create``), so the
CommandTree, the view store and the dynamic items dispatch them exactly as in
production; every answer travels over HTTP to :mod:`tests.discord.fake_discord`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import discord
import pytest

from adapters.discord.client import DiscordConfig, build_client
from adapters.discord.listeners import DiscordListeners
from bot.container import Container
from core.storage.deliveries import DeliveryLedger
from tests.discord import discord_json
from tests.discord.discord_json import ALICE, APP_ID, CHANNEL, DM_CHANNEL, GUILD
from tests.discord.fake_discord import FakeDiscord, fake_discord


def option(name: str, value: Any) -> dict[str, Any]:
    kind = {bool: 5, int: 4, str: 3}[type(value)]
    return {"name": name, "type": kind, "value": value}


@dataclass
class DiscordUser:
    """Sends what Discord would send when this user acts, through the client's parsers."""

    client: Any
    fake: FakeDiscord
    user_id: int = ALICE
    name: str = "alice"
    guild_id: int | None = GUILD
    channel_id: int = CHANNEL
    sent: list[dict[str, Any]] = field(default_factory=list)

    def as_other(self, user_id: int, name: str) -> DiscordUser:
        return DiscordUser(self.client, self.fake, user_id, name, self.guild_id, self.channel_id)

    def in_dm(self) -> DiscordUser:
        return DiscordUser(self.client, self.fake, self.user_id, self.name, None, DM_CHANNEL)

    def _user(self) -> dict[str, Any]:
        return discord_json.user(self.user_id, self.name)

    def _base(self, kind: int, data: dict[str, Any], age: float = 0.0) -> dict[str, Any]:
        payload = discord_json.interaction(
            kind, data, self._user(), channel_id=self.channel_id, guild_id=self.guild_id, age=age
        )
        self.sent.append(payload)
        return payload

    def dispatch(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Hand a payload to discord.py as the gateway's INTERACTION_CREATE would."""
        self.client._connection.parse_interaction_create(payload)
        return payload

    @staticmethod
    def _command(sub: str, options: list[dict[str, Any]]) -> dict[str, Any]:
        """The data of ``/secondlook <sub>`` with these options."""
        return {
            "id": str(APP_ID + 1),
            "name": "secondlook",
            "type": 1,
            "options": [{"name": sub, "type": 1, "options": options}],
        }

    def slash(self, sub: str, age: float = 0.0, **options: Any) -> dict[str, Any]:
        """``/secondlook <sub> option:value…``"""
        given = [option(k, v) for k, v in options.items() if v is not None]
        return self.dispatch(self._base(2, self._command(sub, given), age))

    def autocomplete(self, sub: str, focused: str, typed: str, **others: Any) -> dict[str, Any]:
        options = [option(k, v) for k, v in others.items()]
        options.append({**option(focused, typed), "focused": True})
        return self.dispatch(self._base(4, self._command(sub, options)))

    def _message_json(self, message: dict[str, Any]) -> dict[str, Any]:
        """The bot's message a click or pick comes from: its answer to a command (type 20)."""
        return discord_json.bot_message(message, self.channel_id, type=20)

    def click(self, message: dict[str, Any], custom_id: str) -> dict[str, Any]:
        """Click the button ``custom_id`` on a message the bot sent (its JSON body)."""
        data = {"custom_id": custom_id, "component_type": 2}
        payload = self._base(3, data)
        payload["message"] = self._message_json(message)
        return self.dispatch(payload)

    def pick(self, message: dict[str, Any], custom_id: str, values: list[str]) -> dict[str, Any]:
        """Pick ``values`` in the menu ``custom_id`` on a message the bot sent."""
        data = {"custom_id": custom_id, "component_type": 3, "values": values}
        payload = self._base(3, data)
        payload["message"] = self._message_json(message)
        return self.dispatch(payload)

    def submit_modal(self, custom_id: str, values: dict[str, str]) -> dict[str, Any]:
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
            for key, value in values.items()
        ]
        return self.dispatch(self._base(5, {"custom_id": custom_id, "components": rows}))

    def dm(self, text: str, message_id: int | None = None) -> dict[str, Any]:
        """A DM from this user, as the gateway's MESSAGE_CREATE carries it."""
        payload = discord_json.message(
            DM_CHANNEL,
            self._user(),
            id=str(message_id or discord_json.snowflake()),
            content=text,
        )
        self.client._connection.parse_message_create(payload)
        return payload


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with fake_discord() as running:
        monkeypatch.setattr(discord.http.Route, "BASE", running.api_url)
        yield running


async def start_client(
    container: Container, config: DiscordConfig | None = None, **listener_options: Any
) -> Any:
    """A client as ``secondlook discord`` builds it, logged in (setup_hook run) against the
    fake REST API; the gateway is not needed to dispatch what a test hands it."""
    listeners = DiscordListeners(
        container.assistant, DeliveryLedger(container.database), **listener_options
    )
    client = build_client(listeners, config or DiscordConfig(sync_commands=False))
    await client.login("fake-token")
    return client


@pytest.fixture
async def alice(container: Container, fake: FakeDiscord) -> AsyncIterator[DiscordUser]:
    client = await start_client(container)
    yield DiscordUser(client, fake)
    await client.close()
