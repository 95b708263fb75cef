"""Slack payloads in, core :class:`Incoming` out (pure functions, tested on recorded JSON)."""

from __future__ import annotations

import json
import re
from typing import Any

from adapters.slack.blocks import MULTI_BLOCK, MULTI_DONE, MULTI_PICK, form_values
from core.identity import Tenant
from core.incoming import Incoming

Body = dict[str, Any]

# <https://x.org|x.org>, <mailto:a@b.org|a@b.org>, <#C123|general>, <@U123>, <!here>
_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
FORM_CALLBACK = re.compile(r"^sl-form:(?P<form>[\w-]+)$")


def _shown(match: re.Match[str]) -> str:
    """One ``<…>`` as the user saw it: #general, @here, @name, a link's label or address."""
    target, label = match.group(1), match.group(2)
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("@"):
        return "@" + (label or target[1:])
    if target in ("!here", "!channel", "!everyone"):
        return "@" + target[1:]
    if label:
        return label
    return target.removeprefix("mailto:")


def unescape(text: str) -> str:
    """What the user typed, from Slack's escaped form: links and mentions as they are
    shown, then ``&lt;`` ``&gt;`` ``&amp;`` back to characters (in that order, so
    ``&amp;lt;`` stays ``&lt;``)."""
    text = _LINK.sub(_shown, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def tenant(body: Body) -> Tenant:
    """The user as this workspace knows them (an Enterprise Grid org counts as one)."""
    team = (
        body.get("team_id")
        or (body.get("team") or {}).get("id")
        or (body.get("user") or {}).get("team_id")
        or body.get("enterprise_id")
        or (body.get("enterprise") or {}).get("id")
    )
    user = (
        body.get("user_id")
        or (body.get("user") or {}).get("id")
        or body.get("event", {}).get("user")
    )
    return Tenant("slack", str(team), str(user))


def from_command(body: Body) -> Incoming:
    """``/secondlook <text>`` in any channel: a command, answered where it was typed."""
    channel = body.get("channel_id") or "unknown"
    return Incoming(
        tenant(body),
        channel,
        text=unescape(body.get("text", "")).strip(),
        direct=channel.startswith("D") or body.get("channel_name") == "directmessage",
        command=True,
        forms="trigger_id" in body,
    )


def wanted_message(event: dict[str, Any]) -> bool:
    """A person's new message in a DM with us: no edits, joins, bots or our own posts."""
    return (
        event.get("channel_type") == "im"
        and event.get("subtype") in (None, "file_share")
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool((event.get("text") or "").strip())
    )


def from_message(body: Body) -> Incoming:
    event = body["event"]
    who = Tenant("slack", str(body.get("team_id") or event.get("team")), str(event["user"]))
    return Incoming(
        who, event["channel"], text=unescape(event.get("text", "")).strip(), direct=True
    )


def picked_action(body: Body) -> str | None:
    """The core action id a click or a pick carries, or None for an element we did not draw."""
    action = (body.get("actions") or [{}])[0]
    action_id = action.get("action_id", "")
    if action_id == MULTI_DONE:
        state = body.get("state", {}).get("values", {}).get(MULTI_BLOCK, {}).get(MULTI_PICK, {})
        picked = [o["value"].rsplit(":", 1)[-1] for o in state.get("selected_options") or []]
        return action.get("value", "") + (",".join(picked) or "none")
    if "selected_option" in action:
        return (action.get("selected_option") or {}).get("value")
    return action.get("value")


def action_channel(body: Body) -> str | None:
    """Where the clicked message lives; None for the App Home tab (answers go to the DM)."""
    if (body.get("container") or {}).get("type") == "view":
        return None
    return (body.get("channel") or {}).get("id")


def from_action(body: Body, channel: str, direct: bool) -> Incoming | None:
    action = picked_action(body)
    if not action:
        return None
    return Incoming(tenant(body), channel, action=action, direct=direct, forms="trigger_id" in body)


def from_view(body: Body) -> tuple[Incoming, dict[str, str]] | None:
    """A submitted modal: the core form it showed, and where to answer (private_metadata)."""
    view = body.get("view") or {}
    match = FORM_CALLBACK.match(view.get("callback_id", ""))
    if match is None:
        return None
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        meta = {}
    channel = meta.get("channel") or "home"
    incoming = Incoming(
        tenant(body),
        channel,
        form_id=match.group("form"),
        form_values=form_values(view),
        direct=bool(meta.get("direct")),
        forms=True,
    )
    return incoming, meta
