"""What SecondLook does with each Discord interaction and DM.

Acknowledgement (architecture rule 5): Discord drops an interaction that gets no
response within 3 seconds (and later answers fail with 10062 "Unknown interaction").
Each handler gives the core :data:`ACK_BUDGET` seconds, less whatever the interaction
already spent reaching us; a quick answer is the response itself, a slow one is
deferred first ("SecondLook is thinking…") and follows up when ready (the follow-up
token lives 15 minutes). Autocomplete cannot be deferred, so it answers with what it
has when its own budget is spent.

Re-deliveries (rule 7): every interaction and DM is claimed by id in the delivery
ledger, so two processes given the same event answer it once.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import discord
from discord import app_commands
from rapidfuzz import fuzz, process

from adapters.discord import payloads
from adapters.discord.render import Outgoing, messages
from core.conversation.assistant import FAILURE, Assistant
from core.incoming import Incoming
from core.names import name_key
from core.replies import Reply
from core.storage.deliveries import DeliveryLedger

log = logging.getLogger(__name__)

ACK_BUDGET = 1.5  # seconds the core may take before the response is deferred (a busy loop
# may take another second to send the defer: bench/discord_load.py saw 2.1-2.7 s at 2.0)
DEADLINE = 3.0  # Discord's limit for the first response
MARGIN = 0.5  # kept back for the response's own round trip
AUTOCOMPLETE_BUDGET = 1.5
MAX_SUGGESTIONS = 25
MAX_CHOICE = 100
POSTED = "Posted to the channel."


def _budget(interaction: discord.Interaction, budget: float) -> float:
    """``budget``, shortened by the time the interaction spent reaching us (a lagging
    gateway, a slow event loop), so the response still leaves inside Discord's 3 s."""
    age = (datetime.now(UTC) - interaction.created_at).total_seconds()
    return max(0.0, min(budget, DEADLINE - MARGIN - max(age, 0.0)))


class DiscordListeners:
    """Translate, call the core, render: no business rule lives here (architecture rule 2)."""

    def __init__(
        self, assistant: Assistant, ledger: DeliveryLedger, *, ack_budget: float = ACK_BUDGET
    ) -> None:
        self.assistant = assistant
        self.ledger = ledger
        self.ack_budget = ack_budget

    # --- Interactions: slash commands, clicks, picks, modals ---------------------------

    async def command(
        self, interaction: discord.Interaction, text: str, *, public: bool = False
    ) -> None:
        """A subcommand as the core's command text (``public``: it may post to the channel)."""
        await self.run(interaction, payloads.from_interaction(interaction, text=text), public)

    async def form(
        self, interaction: discord.Interaction, form_id: str, values: dict[str, str | list[str]]
    ) -> None:
        incoming = payloads.from_interaction(interaction, form_id=form_id, form_values=values)
        await self.run(interaction, incoming)

    async def on_choice(self, interaction: discord.Interaction, action: str) -> None:
        await self.run(interaction, payloads.from_interaction(interaction, action=action))

    async def run(
        self, interaction: discord.Interaction, incoming: Incoming, public: bool = False
    ) -> None:
        """Answer one interaction once: at once when the core is quick, else defer first.
        Whatever fails on the way (Discord refusing a message, say), the user is told."""
        try:
            await self._run(interaction, incoming, public)
        except Exception as error:
            await self.on_error(interaction, error)

    async def _run(
        self, interaction: discord.Interaction, incoming: Incoming, public: bool
    ) -> None:
        hidden = interaction.guild_id is not None and not public
        work = asyncio.ensure_future(self._claimed(interaction, incoming))
        done, _ = await asyncio.wait({work}, timeout=_budget(interaction, self.ack_budget))
        if not done:
            await interaction.response.defer(ephemeral=hidden, thinking=True)
            log.info("interaction deferred id=%s", interaction.id)
        replies = await work
        if replies is None:
            return
        await self.deliver(interaction, replies, deferred_hidden=hidden)

    async def _claimed(
        self, interaction: discord.Interaction, incoming: Incoming
    ) -> list[Reply] | None:
        if not await self.ledger.claim(payloads.PLATFORM, f"i{interaction.id}"):
            log.info("duplicate interaction dropped id=%s", interaction.id)
            return None
        try:
            replies = await self.assistant.handle(incoming)
        except BaseException:
            await self.ledger.release(payloads.PLATFORM, f"i{interaction.id}")
            raise
        await self.ledger.finish(payloads.PLATFORM, f"i{interaction.id}")
        return replies

    async def deliver(
        self, interaction: discord.Interaction, replies: list[Reply], *, deferred_hidden: bool
    ) -> None:
        """The response, then follow-ups. After a defer, the first follow-up replaces the
        "thinking" message and keeps its visibility, so a post meant for the channel is
        preceded by a private note when the defer was private."""
        outgoing = messages(replies, private=interaction.guild_id is not None)
        if not outgoing:
            outgoing = [Outgoing(embeds=[discord.Embed(description="Done.")])]
        if interaction.response.is_done() and deferred_hidden and not outgoing[0].ephemeral:
            await interaction.followup.send(content=POSTED, ephemeral=True)
        for index, out in enumerate(outgoing):
            if index == 0 and not interaction.response.is_done():
                await interaction.response.send_message(**out.kwargs(), ephemeral=out.ephemeral)
            else:
                await interaction.followup.send(**out.kwargs(), ephemeral=out.ephemeral)
        log.info("interaction answered id=%s messages=%d", interaction.id, len(outgoing))

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        """Whatever broke, the user gets a sentence, never a trace."""
        log.error(
            "discord interaction failed id=%s error=%s",
            interaction.id,
            type(error).__name__,
            exc_info=error,
        )
        try:
            if interaction.response.is_done():
                await interaction.followup.send(content=FAILURE, ephemeral=True)
            else:
                await interaction.response.send_message(content=FAILURE, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not tell the user about a failure id=%s", interaction.id)

    # --- Autocomplete ------------------------------------------------------------------

    async def program_names(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The user's own program names that fit what they typed so far (never anyone
        else's): prefix and substring matches first, then close spellings."""
        try:
            programs = await asyncio.wait_for(
                self.assistant.services.programs.list_programs(payloads.tenant(interaction.user)),
                timeout=_budget(interaction, AUTOCOMPLETE_BUDGET),
            )
        except TimeoutError:
            log.warning("autocomplete timed out id=%s", interaction.id)
            return []
        names = [program.name for program in programs]
        return [
            app_commands.Choice(name=name[:MAX_CHOICE], value=name[:MAX_CHOICE])
            for name in suggest(current, names)
        ]

    # --- DMs -----------------------------------------------------------------------------

    async def on_message(self, message: discord.Message, me: discord.abc.User | None) -> None:
        if not payloads.wanted_message(message, me):
            return
        if not await self.ledger.claim(payloads.PLATFORM, f"m{message.id}"):
            log.info("duplicate message dropped id=%s", message.id)
            return
        try:
            replies = await self.assistant.handle(payloads.from_message(message))
            for out in messages(replies, private=False):
                await message.channel.send(**out.kwargs())
        except Exception as error:
            # Finished all the same: a retry would fail the same way, and the user is told.
            log.error("discord dm failed id=%s error=%s", message.id, type(error).__name__)
            try:
                await message.channel.send(content=FAILURE)
            except discord.HTTPException:
                log.warning("could not tell the user about a failure id=%s", message.id)
        await self.ledger.finish(payloads.PLATFORM, f"m{message.id}")


def suggest(current: str, names: list[str]) -> list[str]:
    typed = name_key(current)
    if not typed:
        return sorted(names, key=str.casefold)[:MAX_SUGGESTIONS]
    keys = {name: name_key(name) for name in names}
    starts = [n for n in names if keys[n].startswith(typed)]
    inside = [n for n in names if typed in keys[n] and n not in starts]
    close = [
        names[index]
        for _, _, index in process.extract(
            typed, [keys[n] for n in names], scorer=fuzz.WRatio, score_cutoff=60, limit=None
        )
        if names[index] not in starts and names[index] not in inside
    ]
    ordered = sorted(starts, key=str.casefold) + sorted(inside, key=str.casefold) + close
    return ordered[:MAX_SUGGESTIONS]
