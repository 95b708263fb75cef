"""Core replies as Discord messages: embeds, a persistent view, attached files.

User text is shown verbatim: markdown and mentions are escaped here, and the client
sends with ``AllowedMentions.none()`` besides. Discord's limits are kept by splitting,
never by dropping: a long reply becomes several embeds, and several messages when one
message would pass 10 embeds or 6,000 characters.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import discord
from discord.utils import escape_markdown, escape_mentions

from adapters.discord.components import (
    MANY_PREFIX,
    PICK_PREFIX,
    AnswerButton,
    ChoiceButton,
    ChoiceSelect,
    ManySelect,
)
from core.replies import Choice, ChoiceMode, ChoiceStyle, Reply, Section

COLOUR = discord.Colour(0x2F6F9F)
MAX_DESCRIPTION = 4096
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FIELDS = 25
MAX_TITLE = 256
MAX_EMBEDS = 10
MAX_MESSAGE_EMBED_CHARS = 6000
MAX_BUTTON_LABEL = 80
MAX_OPTION = 100
MAX_ITEMS = 25  # five rows of five buttons
MAX_OPTIONS = 25  # per menu
EMPTY = "\u200b"

STYLES = {
    ChoiceStyle.default: discord.ButtonStyle.secondary,
    ChoiceStyle.primary: discord.ButtonStyle.primary,
    ChoiceStyle.danger: discord.ButtonStyle.danger,
}


@dataclass
class Outgoing:
    """One Discord message to send."""

    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None
    files: list[discord.File] = field(default_factory=list)
    ephemeral: bool = True

    def kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"embeds": self.embeds}
        if self.view is not None:
            out["view"] = self.view
        if self.files:
            out["files"] = self.files
        return out


def shown(text: str) -> str:
    """Text exactly as written: no markdown effects, no mention (even a harmless one)."""
    return escape_mentions(escape_markdown(text))


def _cut(text: str, limit: int) -> str:
    """Plain text (a button label, a menu option) cut to ``limit`` with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fit(raw: str, limit: int) -> str:
    """``raw`` shown verbatim within ``limit`` characters: cut before escaping, so an
    escape is never separated from the character it protects."""
    out = shown(raw)
    size = len(raw)
    while len(out) > limit and size > 0:
        size = min(size - 1, size - (len(out) - limit))
        out = shown(raw[: max(size, 0)].rstrip()) + "…"
    return out if len(out) <= limit else "…"


def _split(text: str, size: int) -> list[str]:
    """Raw text in pieces of at most ``size``, cut at a line break, else a space."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        if cut <= 0:
            cut = text.rfind(" ", 0, size)
        if cut <= 0:
            cut = size
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n ")
    if text:
        pieces.append(text)
    return pieces


def _pieces(text: str, limit: int, size: int | None = None) -> list[str]:
    """``text`` shown verbatim in pieces of at most ``limit`` escaped characters; nothing
    is lost. Split first, escape each piece after, so a piece never starts with live
    markdown (a heading, a quote) or ends on half an escape."""
    out: list[str] = []
    for raw in _split(text, size or limit):
        piece = shown(raw)
        if len(piece) <= limit or len(raw) == 1:
            out.append(piece)
        else:  # escaping made it longer: split it finer, in proportion
            finer = min(len(raw) - 1, max(1, len(raw) * limit // len(piece) - 1))
            out.extend(_pieces(raw, limit, finer))
    return out


def _size(embed: discord.Embed) -> int:
    return len(embed)


class _Embeds:
    """Builds embeds for one reply, opening a new one when a limit would be passed."""

    def __init__(self) -> None:
        self.embeds: list[discord.Embed] = []

    def new(self, title: str | None = None, description: str | None = None) -> discord.Embed:
        embed = discord.Embed(
            title=_fit(title, MAX_TITLE) if title else None,
            description=description,
            colour=COLOUR,
        )
        self.embeds.append(embed)
        return embed

    def text(self, text: str, title: str | None = None) -> None:
        for index, piece in enumerate(_pieces(text, MAX_DESCRIPTION)):
            self.new(title if index == 0 else None, piece)

    def add_field(self, name: str, value: str, inline: bool) -> None:
        embed = self.embeds[-1] if self.embeds else self.new()
        if len(embed.fields) >= MAX_FIELDS or _size(embed) + len(name) + len(value) > 5500:
            embed = self.new()
        embed.add_field(name=name, value=value, inline=inline)

    def section(self, section: Section) -> None:
        text = section.text or ""
        if text and len(shown(text)) > MAX_FIELD_VALUE:
            self.text(text, section.title)
        elif section.title or text:
            name = _fit(section.title, MAX_FIELD_NAME) if section.title else EMPTY
            self.add_field(name, shown(text) or EMPTY, inline=False)
        for info in section.fields:
            self.add_field(
                _fit(info.label, MAX_FIELD_NAME) or EMPTY,
                _fit(info.value, MAX_FIELD_VALUE) or "—",
                info.inline,
            )


def embeds(reply: Reply) -> list[discord.Embed]:
    builder = _Embeds()
    builder.text(reply.text or EMPTY)
    for section in reply.sections:
        builder.section(section)
    if reply.form_errors:
        for key, problem in reply.form_errors.items():
            builder.add_field(
                _fit(key.replace("_", " "), MAX_FIELD_NAME), _fit(problem, MAX_FIELD_VALUE), False
            )
    return builder.embeds


def _option(choice: Choice) -> discord.SelectOption:
    return discord.SelectOption(label=_cut(choice.label, MAX_OPTION) or "…", value=choice.id)


def view(reply: Reply, *, text_box: bool = False) -> discord.ui.View | None:
    """The reply's choices as persistent components (no timeout; see components.py).
    ``text_box``: a question in words gets a button that opens a box to type the answer."""
    unique = list({choice.id: choice for choice in reply.choices}.values())
    if not unique:
        if text_box and reply.asks_text:
            out = discord.ui.View(timeout=None)
            out.add_item(AnswerButton())
            return out
        return None
    out = discord.ui.View(timeout=None)
    if reply.choice_mode is ChoiceMode.multi_select:
        prefix = unique[0].id.rsplit(":", 1)[0] + ":"
        options = unique[:MAX_OPTIONS]
        select: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=MANY_PREFIX + prefix,
            placeholder="Pick any, then close the menu",
            min_values=0,
            max_values=len(options),
            options=[_option(c) for c in options],
        )
        out.add_item(ManySelect(select, prefix))
        out.add_item(ChoiceButton(prefix + "none", "None of these"))
        return out
    if reply.choice_mode is ChoiceMode.select or len(unique) > MAX_ITEMS:
        for index in range(0, min(len(unique), MAX_OPTIONS * 5), MAX_OPTIONS):
            options = unique[index : index + MAX_OPTIONS]
            menu: discord.ui.Select[Any] = discord.ui.Select(
                custom_id=f"{PICK_PREFIX}{index // MAX_OPTIONS}",
                placeholder="Choose…",
                options=[_option(c) for c in options],
            )
            out.add_item(ChoiceSelect(menu))
        return out
    for choice in unique:
        out.add_item(
            ChoiceButton(
                choice.id, _cut(choice.label, MAX_BUTTON_LABEL) or "…", STYLES[choice.style]
            )
        )
    return out


def files(reply: Reply) -> list[discord.File]:
    return [discord.File(io.BytesIO(f.data), filename=f.name) for f in reply.files]


def messages(replies: list[Reply], *, private: bool = True) -> list[Outgoing]:
    """Each reply as one or more messages; its view and files ride on its last message.

    ``private`` False (a DM, where everything is private anyway) sends nothing ephemeral
    and offers no text box: in a DM the user simply types.
    """
    out: list[Outgoing] = []
    for reply in replies:
        if reply.form is not None:
            continue  # Discord asks its questions in the dialog, never in a core form
        chunk: list[discord.Embed] = []
        size = 0
        for embed in embeds(reply):
            if chunk and (
                len(chunk) == MAX_EMBEDS or size + _size(embed) > MAX_MESSAGE_EMBED_CHARS
            ):
                out.append(Outgoing(chunk, ephemeral=private and reply.ephemeral))
                chunk, size = [], 0
            chunk.append(embed)
            size += _size(embed)
        out.append(
            Outgoing(
                chunk,
                view(reply, text_box=private),
                files(reply),
                ephemeral=private and reply.ephemeral,
            )
        )
    return out
