"""The discord.py client: the fewest intents, no pings, the command tree, persistent items.

Intents: ``guilds`` (discord.py needs it to know the servers its commands run in) and
``dm_messages`` (the DM conversation). DM text arrives without the privileged
message-content intent, and nothing here reads server messages, so no privileged intent
is asked for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

import discord
from discord import app_commands

from adapters.discord import payloads
from adapters.discord.commands import CHECK_MESSAGE, CHECK_MODAL, CHECK_TO, SecondLook, check_text
from adapters.discord.components import ANSWER, ANSWER_FIELD, DYNAMIC_ITEMS
from adapters.discord.listeners import DiscordListeners
from adapters.discord.reminders import dm_sender
from core.conversation.reminding import ReminderLoop

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DiscordConfig:
    guild_id: int | None = None  # sync the commands to one server (instant) or globally
    sync_commands: bool = True
    shard_count: int | None = None


def intents() -> discord.Intents:
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.dm_messages = True
    return wanted


def modal_values(data: dict[str, Any]) -> dict[str, str]:
    """Text inputs of a submitted modal by custom id (rows, or labels, hold them)."""
    values: dict[str, str] = {}
    for row in data.get("components", []):
        for component in row.get("components", []) or [row.get("component", {})]:
            if "custom_id" in component:
                values[component["custom_id"]] = component.get("value") or ""
    return values


class SecondLookTree(app_commands.CommandTree[Any]):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await self.client.listeners.on_error(interaction, error)  # type: ignore[attr-defined]


def _base(config: DiscordConfig) -> type[discord.Client]:
    return discord.AutoShardedClient if config.shard_count else discord.Client


def build_client(listeners: DiscordListeners, config: DiscordConfig, **options: Any) -> Any:
    """A ready-to-start client. ``options`` go to discord.py (a test passes ``http_trace``…)."""

    class SecondLookClient(_base(config)):  # type: ignore[misc,valid-type]
        def __init__(self) -> None:
            kwargs: dict[str, Any] = {
                "intents": intents(),
                "allowed_mentions": discord.AllowedMentions.none(),
                **options,
            }
            if config.shard_count:
                kwargs["shard_count"] = config.shard_count
            super().__init__(**kwargs)
            self.listeners = listeners
            self.config = config
            self.tree = SecondLookTree(self)
            self.tree.add_command(SecondLook(listeners))
            services = listeners.assistant.services
            self.reminders = ReminderLoop(services, payloads.PLATFORM, dm_sender(self))

        async def close(self) -> None:
            await self.reminders.stop()
            await super().close()

        async def setup_hook(self) -> None:
            self.add_dynamic_items(*DYNAMIC_ITEMS)
            self.reminders.start()
            if not config.sync_commands:
                return
            if config.guild_id:
                guild = discord.Object(id=config.guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
            else:
                synced = await self.tree.sync()
            log.info("commands synced count=%d guild=%s", len(synced), config.guild_id)

        async def on_ready(self) -> None:
            log.info(
                "discord ready user_id=%s guilds=%d", self.user and self.user.id, len(self.guilds)
            )

        async def on_message(self, message: discord.Message) -> None:
            await listeners.on_message(message, self.user)

        async def on_interaction(self, interaction: discord.Interaction) -> None:
            """Modal submissions, by custom id (the modals themselves keep no state)."""
            data = dict(interaction.data or {})
            if interaction.type is not discord.InteractionType.modal_submit:
                return
            values = modal_values(data)
            if data.get("custom_id") == CHECK_MODAL:
                text = check_text(values.get(CHECK_MESSAGE, ""), to=values.get(CHECK_TO) or None)
                await listeners.command(interaction, text)
            elif data.get("custom_id") == ANSWER:
                answer = payloads.from_interaction(interaction, text=values.get(ANSWER_FIELD, ""))
                await listeners.run(interaction, replace(answer, command=False))

    return SecondLookClient()
