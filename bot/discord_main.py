"""``secondlook discord``: the composition root for Discord.

discord.py is an extra (``pip install 'secondlook[discord]'``), imported only here, so the
terminal and the other commands run without it.
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

from bot.container import build
from bot.settings import DiscordSettings, Settings

log = logging.getLogger(__name__)

NOT_INSTALLED = "Discord support is not installed: pip install 'secondlook[discord]'"


class DiscordSetupError(Exception):
    """Settings or packages missing, or Discord refused the token: the message says what."""


def add_parser(commands: Any) -> None:
    commands.add_parser(
        "discord",
        help="run the Discord bot (DISCORD_TOKEN)",
        description="Connect to Discord's gateway with DISCORD_TOKEN and answer /secondlook"
        " and DMs. DISCORD_GUILD_ID syncs the commands to one server (instant); unset, they"
        " are synced globally. DISCORD_SHARD_COUNT runs an AutoShardedClient.",
    )


def check_settings(discord_settings: DiscordSettings) -> str:
    if discord_settings.token is None or not discord_settings.token.get_secret_value().strip():
        raise DiscordSetupError(
            "Set DISCORD_TOKEN to the bot's token (Developer Portal -> your application -> Bot"
            " -> Reset Token)."
        )
    return discord_settings.token.get_secret_value().strip()


async def run(args: argparse.Namespace, settings: Settings) -> str:
    token = check_settings(settings.discord)
    try:
        import discord

        from adapters.discord.client import DiscordConfig, build_client
        from adapters.discord.listeners import DiscordListeners
    except ImportError as missing:
        raise DiscordSetupError(NOT_INSTALLED) from missing
    from core.storage.deliveries import DeliveryLedger

    discord.http.Route.BASE = settings.discord.api_url.rstrip("/")
    container = await build(settings)
    try:
        ledger = DeliveryLedger(container.database)
        await ledger.prune()
        config = DiscordConfig(
            guild_id=settings.discord.guild_id,
            sync_commands=settings.discord.sync_commands,
            shard_count=settings.discord.shard_count,
        )
        client = build_client(DiscordListeners(container.assistant, ledger), config)
        try:
            async with client:
                await client.start(token)
        except discord.LoginFailure:
            raise DiscordSetupError(
                "Discord refused DISCORD_TOKEN: copy the token again from the Bot page."
            ) from None
        except discord.PrivilegedIntentsRequired:
            raise DiscordSetupError("Discord refused the gateway intents.") from None
    finally:
        await container.close()
    return ""
