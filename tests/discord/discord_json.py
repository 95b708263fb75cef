"""The JSON Discord sends, built one object at a time for the Discord tests.

discord.py builds its objects (users, members, channels, messages, interactions) from
exactly these dicts, whether a test hands them to a parser, to a constructor, or over the
fake gateway; the fake REST API answers with them too. Each builder fills in every field
Discord always sends, so discord.py never falls back on a default a real payload would
not leave it. The ids are the ones every Discord test uses: one server with one text
channel, Alice's DM channel, two users and our application (whose bot user shares its id).
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import discord

APP_ID = 900000000000000001
GUILD = 700000000000000001
CHANNEL = 700000000000000002
DM_CHANNEL = 700000000000000003
ALICE = 800000000000000001
BOB = 800000000000000002
PERMISSIONS = "2248473465835073"  # what a member and the app may do in the server
JOINED = "2026-09-01T00:00:00+00:00"

_counter = itertools.count(1)


def snowflake(when: datetime | None = None) -> int:
    """A Discord id made at ``when`` (default now), unique within this process."""
    return discord.utils.time_snowflake(when or datetime.now(UTC)) + next(_counter) % 4096


def user(user_id: int = ALICE, name: str = "alice", *, bot: bool = False) -> dict[str, Any]:
    """A user object; people have a display name, bots (flagged ``bot``) have none."""
    data: dict[str, Any] = {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None if bot else name.title(),
        "avatar": None,
    }
    if bot:
        data["bot"] = True
    return data


BOT = user(APP_ID, "SecondLook", bot=True)  # our application's bot user


def member(of: dict[str, Any], permissions: str | None = PERMISSIONS) -> dict[str, Any]:
    """A guild member for the user object ``of``. Interactions carry the member's
    ``permissions`` in the channel; a GUILD_CREATE lists members without (pass None)."""
    data: dict[str, Any] = {
        "user": of,
        "roles": [],
        "joined_at": JOINED,
        "deaf": False,
        "mute": False,
        "flags": 0,
    }
    if permissions is not None:
        data["permissions"] = permissions
    return data


def text_channel(channel_id: int = CHANNEL, guild_id: int | None = GUILD) -> dict[str, Any]:
    """A server text channel, #match-2027. Inside a GUILD_CREATE the channels carry no
    ``guild_id`` (pass None)."""
    data: dict[str, Any] = {"id": str(channel_id), "type": 0}
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    return data | {
        "name": "match-2027",
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
    }


def dm_channel(recipient: dict[str, Any], channel_id: int = DM_CHANNEL) -> dict[str, Any]:
    """The DM channel between our bot and the user object ``recipient``."""
    return {"id": str(channel_id), "type": 1, "recipients": [recipient]}


def message(channel_id: int | str, author: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A message, as MESSAGE_CREATE or a REST answer carries it: by default a plain
    (type 0) message with no text, sent now. ``fields`` replace any of its fields
    (``content``, ``type``, ``embeds``, ``attachments``, ``guild_id``…)."""
    return {
        "id": str(snowflake()),
        "channel_id": str(channel_id),
        "type": 0,
        "content": "",
        "author": author,
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
        **fields,
    }


def bot_message(body: dict[str, Any], channel_id: int | str, **fields: Any) -> dict[str, Any]:
    """The message Discord makes of a message body our bot sent (its text, embeds,
    components and flags), authored by the bot; ``fields`` as for :func:`message`."""
    return message(
        channel_id,
        BOT,
        content=body.get("content") or "",
        embeds=body.get("embeds") or [],
        components=body.get("components") or [],
        flags=body.get("flags") or 0,
        **fields,
    )


_tokens = itertools.count(1)


def interaction(
    kind: int,
    data: dict[str, Any],
    of: dict[str, Any],
    *,
    channel_id: int,
    guild_id: int | None,
    age: float = 0.0,
) -> dict[str, Any]:
    """An INTERACTION_CREATE of ``kind`` (2 command, 3 component, 4 autocomplete,
    5 modal submit) by the user object ``of``: in a server text channel as a member when
    ``guild_id`` is given, else in the DM channel. Its id says it was made ``age`` seconds
    ago, which is what Discord's 3-second deadline for the first response counts from."""
    payload: dict[str, Any] = {
        "id": str(snowflake(datetime.now(UTC) - timedelta(seconds=age))),
        "application_id": str(APP_ID),
        "type": kind,
        "data": data,
        "token": f"itoken-{next(_tokens)}",
        "version": 1,
        "channel_id": str(channel_id),
        "locale": "en-US",
        "app_permissions": PERMISSIONS,
        "entitlements": [],
        "attachment_size_limit": 26214400,
    }
    if guild_id is not None:
        return payload | {
            "guild_id": str(guild_id),
            "guild_locale": "en-US",
            "context": 0,
            "authorizing_integration_owners": {"0": str(guild_id)},
            "channel": text_channel(channel_id, guild_id),
            "member": member(of),
        }
    return payload | {
        "context": 1,
        # Installed to a server, used in the bot's DM: Discord says "0" for no server.
        "authorizing_integration_owners": {"0": "0"},
        "channel": dm_channel(of, channel_id),
        "user": of,
    }
