"""Core replies as Block Kit: messages, the scoring modal, the App Home tab.

All text from the core is plain. It is escaped here (``&``, ``<``, ``>``) before any
markup is added, so a program called ``<!channel>`` is shown, never obeyed, and text
objects are ``verbatim`` so Slack does not turn bare names into links or mentions.
Limits are Slack's: 3,000 characters a section, 10 fields, 75 a button label, 50 blocks.
"""

from __future__ import annotations

import json
from typing import Any

from core.replies import Choice, ChoiceMode, ChoiceStyle, Form, FormField, Reply

Block = dict[str, Any]

ACTION_PREFIX = "sl"  # every interactive element's action_id starts with this
MULTI_BLOCK = "sl-multi"
MULTI_PICK = "sl-multi-pick"
MULTI_DONE = "sl-multi-done"
MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_FIELDS = 10
MAX_LABEL = 75
MAX_OPTION_TEXT = 75
MAX_FALLBACK = 3000


def escape(text: str) -> str:
    """Slack's three control characters, as its docs ask: the rest is shown as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _safe_end(text: str, limit: int) -> int:
    """Where to cut escaped ``text`` to at most ``limit`` characters without splitting
    an entity: a cut inside ``&amp;`` would show the user ``&am``."""
    if len(text) <= limit:
        return len(text)
    amp = text.rfind("&", max(0, limit - 4), limit)
    if amp > 0 and ";" not in text[amp:limit]:
        return amp
    return limit


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: _safe_end(text, limit - 1)] + "…"


def _chunks(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Escaped text in pieces of at most ``limit``, split at line ends where it can be."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines():
        while len(line) > limit:
            end = _safe_end(line, limit)
            chunks.append(line[:end])
            line = line[end:]
        if current and len(current) + 1 + len(line) > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current.strip():
        chunks.append(current)
    return chunks


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def plain(text: str, limit: int = MAX_LABEL) -> dict[str, Any]:
    return {"type": "plain_text", "text": _cut(text, limit) or " ", "emoji": True}


def _text_sections(text: str) -> list[Block]:
    return [{"type": "section", "text": mrkdwn(chunk)} for chunk in _chunks(escape(text))]


def _button(choice: Choice, index: int) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": f"{ACTION_PREFIX}-btn-{index}",
        "text": plain(choice.label),
        "value": choice.id,
    }
    if choice.style is not ChoiceStyle.default:
        button["style"] = choice.style.value
    return button


def _option(choice: Choice) -> dict[str, Any]:
    return {"text": plain(choice.label, MAX_OPTION_TEXT), "value": choice.id}


def _choice_blocks(reply: Reply) -> list[Block]:
    if not reply.choices:
        return []
    if reply.choice_mode is ChoiceMode.multi_select:
        # An input block holds the picks until Done: a bare menu would fire on every tick.
        prefix = reply.choices[0].id.rsplit(":", 1)[0] + ":"
        return [
            {
                "type": "input",
                "block_id": MULTI_BLOCK,
                "optional": True,
                "label": plain("Pick any"),
                "element": {
                    "type": "multi_static_select",
                    "action_id": MULTI_PICK,
                    "placeholder": plain("Choose…"),
                    "options": [_option(c) for c in reply.choices[:100]],
                },
            },
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": MULTI_DONE,
                        "text": plain("Done"),
                        "style": "primary",
                        "value": prefix,
                    }
                ],
            },
        ]
    if reply.choice_mode is ChoiceMode.select:
        return [
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "static_select",
                        "action_id": f"{ACTION_PREFIX}-select",
                        "placeholder": plain("Choose…"),
                        "options": [_option(c) for c in reply.choices[:100]],
                    }
                ],
            }
        ]
    rows = [reply.choices[i : i + 25] for i in range(0, len(reply.choices), 25)]
    return [
        {"type": "actions", "elements": [_button(c, n * 25 + i) for i, c in enumerate(row)]}
        for n, row in enumerate(rows)
    ]


def reply_blocks(reply: Reply) -> list[Block]:
    blocks = _text_sections(reply.text)
    for section in reply.sections:
        lines = []
        if section.title:
            lines.append(f"*{escape(section.title)}*")
        if section.text:
            lines.append(escape(section.text))
        if lines:
            blocks.extend(
                {"type": "section", "text": mrkdwn(chunk)} for chunk in _chunks("\n".join(lines))
            )
        for start in range(0, len(section.fields), MAX_FIELDS):
            chunk = section.fields[start : start + MAX_FIELDS]
            blocks.append(
                {
                    "type": "section",
                    "fields": [
                        mrkdwn(_cut(f"*{escape(f.label)}*\n{escape(f.value)}", MAX_FIELD))
                        for f in chunk
                    ],
                }
            )
    if reply.files:
        names = ", ".join(escape(f.name) for f in reply.files)
        blocks.append({"type": "context", "elements": [mrkdwn(f"Files: {names} (sent to our DM)")]})
    choice_blocks = _choice_blocks(reply)
    room = MAX_BLOCKS - len(choice_blocks)
    if len(blocks) > room:
        blocks = [*blocks[: room - 1], {"type": "section", "text": mrkdwn("… (cut to fit)")}]
    return blocks + choice_blocks


def fallback_text(reply: Reply) -> str:
    """The notification text: what a phone shows when the blocks cannot be."""
    return _cut(escape(reply.text), MAX_FALLBACK)


def message(replies: list[Reply]) -> dict[str, Any]:
    """Several core replies as one Slack message (a divider between them)."""
    blocks: list[Block] = []
    for reply in replies:
        if blocks:
            blocks.append({"type": "divider"})
        blocks.extend(reply_blocks(reply))
    if len(blocks) > MAX_BLOCKS:
        blocks = [*blocks[: MAX_BLOCKS - 1], {"type": "section", "text": mrkdwn("…")}]
    text = "\n".join(fallback_text(r) for r in replies)
    return {"text": _cut(text, MAX_FALLBACK), "blocks": blocks}


# --- Modals -----------------------------------------------------------------------------


def _input_element(field: FormField) -> dict[str, Any]:
    if field.kind == "text":
        element: dict[str, Any] = {"type": "plain_text_input", "action_id": field.id}
        if field.max_length:
            element["max_length"] = field.max_length
        if isinstance(field.initial, str) and field.initial:
            element["initial_value"] = field.initial
        if field.placeholder:
            element["placeholder"] = plain(field.placeholder, 150)
        return element
    options = [_option(c) for c in field.options]
    by_value = {o["value"]: o for o in options}
    kind = "static_select" if field.kind == "select" else "multi_static_select"
    element = {"type": kind, "action_id": field.id, "options": options}
    if field.kind == "select" and isinstance(field.initial, str) and field.initial in by_value:
        element["initial_option"] = by_value[field.initial]
    if field.kind == "multi_select" and isinstance(field.initial, list):
        chosen = [by_value[v] for v in field.initial if v in by_value]
        if chosen:
            element["initial_options"] = chosen
    return element


def modal(form: Form, metadata: dict[str, str]) -> dict[str, Any]:
    """A form as a modal view; ``metadata`` (where to answer) rides in private_metadata."""
    return {
        "type": "modal",
        "callback_id": f"{ACTION_PREFIX}-form:{form.id}",
        "title": plain(form.title, 24),
        "submit": plain(form.submit, 24),
        "close": plain("Cancel", 24),
        "private_metadata": json.dumps(metadata),
        "blocks": [
            {
                "type": "input",
                "block_id": field.id,
                "optional": not field.required,
                "label": plain(field.label, 2000),
                "element": _input_element(field),
            }
            for field in form.fields
        ],
    }


def form_values(view: dict[str, Any]) -> dict[str, str | list[str]]:
    """A submitted modal's answers by field id, as the core reads them."""
    values: dict[str, str | list[str]] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        for state in actions.values():
            kind = state.get("type")
            if kind == "static_select":
                picked = state.get("selected_option") or {}
                values[block_id] = picked.get("value", "")
            elif kind == "multi_static_select":
                values[block_id] = [o["value"] for o in state.get("selected_options") or []]
            else:
                values[block_id] = state.get("value") or ""
    return values


def home_view(replies: list[Reply]) -> dict[str, Any]:
    """The App Home tab: the user's plan, with the same buttons as in a message."""
    header = {"type": "header", "text": plain("Your second-look plan", 150)}
    body = message(replies)["blocks"]
    return {"type": "home", "blocks": [header, *body[: MAX_BLOCKS * 2 - 1]]}
