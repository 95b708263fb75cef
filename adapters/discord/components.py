"""Buttons and menus that keep working after a restart.

Every component is a :class:`discord.ui.DynamicItem`: its ``custom_id`` carries the core
action it stands for, and the classes are registered with the client at start
(``Client.add_dynamic_items``), so a click on a message sent before a restart still
reaches :meth:`DiscordListeners.on_choice`. Nothing about a component lives in memory.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import discord

# Custom ids are the core's choice ids ("cmd:…", "dlg:…"; at most 100 characters) for
# buttons; menus carry their index, or the dialog step's prefix for a pick-any menu.
# (?s): an id may hold a line break (a "did you mean" button carrying a pasted message).
BUTTON_TEMPLATE = r"(?s)(?P<action>(?:cmd|dlg):.+)"
PICK_PREFIX = "sl:pick:"
MANY_PREFIX = "sl:many:"
ANSWER = "sl:answer"
ANSWER_FIELD = "answer"


class AnswerModal(discord.ui.Modal, title="Your answer"):
    """A text box for a question asked in a server channel, where the bot cannot read
    what people type. Its submission is handled by the client's interaction listener by
    custom id (so one left open across a restart still works)."""

    answer: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Your answer (or skip, back, cancel)", custom_id=ANSWER_FIELD, max_length=500
    )

    def __init__(self, question: str = "") -> None:
        super().__init__(custom_id=ANSWER, timeout=600)
        if question:
            self.answer.placeholder = question[:100]


class ChoiceHandler(Protocol):
    async def on_choice(self, interaction: discord.Interaction, action: str) -> None: ...


def handler(interaction: discord.Interaction) -> ChoiceHandler:
    """The listeners the running client was built with (see ``adapters.discord.client``)."""
    return interaction.client.listeners  # type: ignore[attr-defined,no-any-return]


class ChoiceButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON_TEMPLATE):
    def __init__(
        self,
        action: str,
        label: str = "Choose",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    ) -> None:
        super().__init__(discord.ui.Button(custom_id=action, label=label, style=style))
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> ChoiceButton:
        assert isinstance(item, discord.ui.Button)
        return cls(match["action"], item.label or "Choose", item.style)

    async def callback(self, interaction: discord.Interaction) -> None:
        await handler(interaction).on_choice(interaction, self.action)


class ChoiceSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]], template=PICK_PREFIX + r"(?P<index>\d+)"
):
    """A menu of one-pick choices: each option's value is a core action id."""

    def __init__(self, select: discord.ui.Select[Any]) -> None:
        super().__init__(select)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> ChoiceSelect:
        assert isinstance(item, discord.ui.Select)
        return cls(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        values = self.item.values
        if values:
            await handler(interaction).on_choice(interaction, values[0])


class ManySelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"(?s)" + MANY_PREFIX + r"(?P<prefix>.+)",
):
    """A pick-any menu for a dialog step: the picks go back as one answer ("2,4")."""

    def __init__(self, select: discord.ui.Select[Any], prefix: str) -> None:
        super().__init__(select)
        self.prefix = prefix

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> ManySelect:
        assert isinstance(item, discord.ui.Select)
        return cls(item, match["prefix"])

    async def callback(self, interaction: discord.Interaction) -> None:
        picked = [value.rsplit(":", 1)[-1] for value in self.item.values]
        await handler(interaction).on_choice(
            interaction, self.prefix + (",".join(picked) or "none")
        )


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ANSWER):
    """Opens the text box for the question on its message."""

    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=ANSWER, label="Type my answer", style=discord.ButtonStyle.primary
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any
    ) -> AnswerButton:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        question = ""
        if interaction.message is not None and interaction.message.embeds:
            question = interaction.message.embeds[0].description or ""
        # The embed holds the question escaped for markdown; a placeholder shows it raw.
        first_line = re.sub(r"\\(.)", r"\1", question.split("\n")[0]).replace("\u200b", "")
        await interaction.response.send_modal(AnswerModal(first_line))


DYNAMIC_ITEMS = (ChoiceButton, ChoiceSelect, ManySelect, AnswerButton)
