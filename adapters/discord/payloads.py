"""Discord in, core :class:`Incoming` out: who is asking, where, and what command text.

Pure functions over discord.py objects, so the same translation serves slash commands,
components, modals and DMs.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord

from core.commands import QUOTES, CommandError, Token, tokenize
from core.identity import Tenant
from core.incoming import Incoming

PLATFORM = "discord"
# Discord user ids are global, so a user's programs follow them across servers and DMs;
# every answer about them is ephemeral, and only ``share`` posts to a channel.
WORKSPACE = "users"


def tenant(user: discord.abc.User) -> Tenant:
    return Tenant(PLATFORM, WORKSPACE, str(user.id))


def channel_key(channel_id: int | None, user: discord.abc.User) -> str:
    """Where the conversation is: the channel (one dialog per user per channel)."""
    return str(channel_id) if channel_id is not None else f"user-{user.id}"


def quoted(value: str) -> str:
    """A value as one word of the core's command grammar: bare when it has no spaces or
    quotes, else inside the first family of quotes that the core reads back unchanged."""
    value = " ".join(value.split())
    if value and not any(c.isspace() or c in QUOTES for c in value):
        return value
    for open_, close in (('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’")):
        candidate = f"{open_}{value}{close}"
        try:
            if tokenize(candidate) == [Token(value, quoted=True)]:
                return candidate
        except CommandError:
            continue
    # Every family of quotes closes early inside this name: keep it readable instead.
    return '"' + "".join(c if c not in QUOTES else "'" for c in value) + '"'


def command_text(*words: str | int | None, quote: Iterable[int] = ()) -> str:
    """``score "Rush IM" 2 3 1`` from its parts; ``quote`` names the parts that are names."""
    to_quote = set(quote)
    parts = []
    for index, word in enumerate(words):
        if word is None or word == "":
            continue
        text = str(word)
        parts.append(quoted(text) if index in to_quote else text)
    return " ".join(parts)


def from_interaction(
    interaction: discord.Interaction,
    *,
    text: str = "",
    action: str | None = None,
    form_id: str | None = None,
    form_values: dict[str, str | list[str]] | None = None,
) -> Incoming:
    return Incoming(
        tenant(interaction.user),
        channel_key(interaction.channel_id, interaction.user),
        text=text,
        action=action,
        form_id=form_id,
        form_values=form_values or {},
        direct=interaction.guild_id is None,
        command=bool(text) and action is None,
    )


def wanted_message(message: discord.Message, me: discord.abc.User | None) -> bool:
    """A person's new DM to us with some text: no bots, no server channels, not our own."""
    return (
        message.guild is None
        and isinstance(message.channel, discord.DMChannel | discord.PartialMessageable)
        and not message.author.bot
        and (me is None or message.author.id != me.id)
        and message.type in (discord.MessageType.default, discord.MessageType.reply)
        and bool(message.content.strip())
    )


def from_message(message: discord.Message) -> Incoming:
    return Incoming(
        tenant(message.author),
        channel_key(message.channel.id, message.author),
        text=message.content.strip(),
        direct=True,
    )
