"""Neutral replies: what the core says, before any platform decides how it looks.

Slack renders a :class:`Reply` as Block Kit, Discord as embeds and views, the terminal
as text with numbered choices. Text here is plain (no markup): adapters escape and
style it for their platform.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

# Discord's custom_id allows 100 characters (Slack's action_id 255): the tighter wins.
MAX_ACTION_ID = 100


class InfoField(BaseModel):
    """A label and value shown side by side (a Block Kit field, an embed field)."""

    label: str
    value: str
    inline: bool = True


class Section(BaseModel):
    title: str | None = None
    text: str | None = None
    fields: list[InfoField] = Field(default_factory=list)


class ChoiceStyle(StrEnum):
    default = "default"
    primary = "primary"
    danger = "danger"


class Choice(BaseModel):
    """Something the user can pick: a button, an option of a select.

    ``id`` comes back unchanged as :attr:`Incoming.action` when it is picked.
    ``shortcut`` is what a user may type instead (the terminal prints it: ``[2] label``).
    """

    id: str = Field(max_length=MAX_ACTION_ID)
    label: str
    shortcut: str | None = None
    style: ChoiceStyle = ChoiceStyle.default


class ChoiceMode(StrEnum):
    buttons = "buttons"
    select = "select"
    multi_select = "multi_select"


class FormField(BaseModel):
    id: str
    label: str
    kind: Literal["text", "select", "multi_select"] = "text"
    options: list[Choice] = Field(default_factory=list)
    required: bool = True
    initial: str | list[str] | None = None
    placeholder: str | None = None
    max_length: int | None = None


class Form(BaseModel):
    """Several questions at once: a Slack or Discord modal."""

    id: str = Field(max_length=MAX_ACTION_ID)
    title: str = Field(max_length=24)  # Slack's limit for a modal title
    submit: str = "Submit"
    fields: list[FormField]


class Attachment(BaseModel):
    name: str
    mime: str
    data: bytes


class Reply(BaseModel):
    text: str
    sections: list[Section] = Field(default_factory=list)
    choices: list[Choice] = Field(default_factory=list)
    choice_mode: ChoiceMode = ChoiceMode.buttons
    form: Form | None = None
    # Answers to a submitted form that need another look, by field id: shown under each field.
    form_errors: dict[str, str] = Field(default_factory=dict)
    files: list[Attachment] = Field(default_factory=list)
    # Seen only by the person who asked; a post to the whole channel is an explicit choice.
    ephemeral: bool = True
    # A question answered in the user's own words: a surface that cannot read what people
    # type in a channel (Discord without the message-content intent) offers a text box.
    asks_text: bool = False

    def plain(self) -> str:
        """Everything a reader would see, as plain text (for logs of tests and the terminal)."""
        parts = [self.text]
        for section in self.sections:
            if section.title:
                parts.append(section.title)
            if section.text:
                parts.append(section.text)
            parts.extend(f"{f.label}: {f.value}" for f in section.fields)
        return "\n".join(part for part in parts if part)
