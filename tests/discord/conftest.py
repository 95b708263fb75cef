"""The real discord.py client, logged in against a local fake of Discord's REST API.

Interactions and DMs are built from the JSON Discord sends and handed to discord.py's
own gateway parsers (``parse_interaction_create``, ``parse_message_create``), so the
CommandTree, the view store and the dynamic items dispatch them exactly as in
production; every answer travels over HTTP to :mod:`tests.discord.fake_discord`.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest

from adapters.discord.client import DiscordConfig, build_client
from adapters.discord.listeners import DiscordListeners
from bot.container import Container
from core.storage.deliveries import DeliveryLedger
from tests.discord.fake_discord import APP_ID, FakeDiscord, fake_discord, snowflake

GUILD = 700000000000000001
CHANNEL = 700000000000000002
DM_CHANNEL = 700000000000000003
ALICE = 800000000000000001
BOB = 800000000000000002
_tokens = itertools.count(1)


def user_json(user_id: int, name: str = "alice") -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
    }


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

    def _base(self, kind: int, data: dict[str, Any], age: float = 0.0) -> dict[str, Any]:
        made = datetime.now(UTC) - timedelta(seconds=age)
        interaction_id = snowflake(made)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "token": f"itoken-{next(_tokens)}",
            "version": 1,
            "channel_id": str(self.channel_id),
            "locale": "en-US",
            "app_permissions": "2248473465835073",
            "entitlements": [],
            "attachment_size_limit": 26214400,
        }
        if self.guild_id is not None:
            payload["guild_id"] = str(self.guild_id)
            payload["guild_locale"] = "en-US"
            payload["context"] = 0
            payload["authorizing_integration_owners"] = {"0": str(self.guild_id)}
            payload["channel"] = {
                "id": str(self.channel_id),
                "type": 0,
                "guild_id": str(self.guild_id),
                "name": "match-2027",
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
            }
            payload["member"] = {
                "user": user_json(self.user_id, self.name),
                "roles": [],
                "joined_at": "2026-09-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": "2248473465835073",
            }
        else:
            payload["context"] = 1
            payload["authorizing_integration_owners"] = {"0": str(APP_ID)}
            payload["channel"] = {
                "id": str(self.channel_id),
                "type": 1,
                "recipients": [user_json(self.user_id, self.name)],
            }
            payload["user"] = user_json(self.user_id, self.name)
        self.sent.append(payload)
        return payload

    def dispatch(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Hand a payload to discord.py as the gateway's INTERACTION_CREATE would."""
        self.client._connection.parse_interaction_create(payload)
        return payload

    def slash(self, sub: str, age: float = 0.0, **options: Any) -> dict[str, Any]:
        """``/secondlook <sub> option:value…``"""
        data = {
            "id": str(APP_ID + 1),
            "name": "secondlook",
            "type": 1,
            "options": [
                {
                    "name": sub,
                    "type": 1,
                    "options": [option(k, v) for k, v in options.items() if v is not None],
                }
            ],
        }
        return self.dispatch(self._base(2, data, age))

    def autocomplete(self, sub: str, focused: str, typed: str, **others: Any) -> dict[str, Any]:
        options = [option(k, v) for k, v in others.items()]
        options.append({**option(focused, typed), "focused": True})
        data = {
            "id": str(APP_ID + 1),
            "name": "secondlook",
            "type": 1,
            "options": [{"name": sub, "type": 1, "options": options}],
        }
        return self.dispatch(self._base(4, data))

    def _message_json(self, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": str(snowflake()),
            "channel_id": str(self.channel_id),
            "type": 20,
            "content": "",
            "author": {
                "id": str(APP_ID),
                "username": "SecondLook",
                "discriminator": "0",
                "avatar": None,
                "bot": True,
            },
            "embeds": message.get("embeds") or [],
            "attachments": [],
            "components": message.get("components") or [],
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "flags": message.get("flags") or 0,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "tts": False,
        }

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
        payload = {
            "id": str(message_id or snowflake()),
            "channel_id": str(DM_CHANNEL),
            "type": 0,
            "content": text,
            "author": user_json(self.user_id, self.name),
            "embeds": [],
            "attachments": [],
            "components": [],
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "flags": 0,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "tts": False,
        }
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
