"""Reminders in a Slack DM: the app opens the conversation with the user and posts there.

With one bot token (one workspace) the app's client already holds it; with OAuth (many
workspaces) the token of the user's workspace comes from the installation store.
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp

from adapters.slack.blocks import message
from core.conversation.reminding import Send
from core.identity import Tenant
from core.replies import Reply

log = logging.getLogger(__name__)


class NotInstalled(LookupError):
    """The user's workspace no longer has the app installed."""


def dm_sender(app: AsyncApp) -> Send:
    async def send(tenant: Tenant, reply: Reply) -> None:
        token = await _token(app, tenant.workspace)
        opened = await app.client.conversations_open(users=tenant.user, token=token)
        channel = str(opened["channel"]["id"])
        await app.client.chat_postMessage(channel=channel, token=token, **message([reply]))
        log.info("reminder sent user=%s", tenant.user)

    return send


async def _token(app: AsyncApp, team: str) -> str | None:
    """None: the client's own token. Otherwise the bot token installed in ``team``."""
    store = app.installation_store
    if app.client.token or store is None:
        return None
    bot = await store.async_find_bot(enterprise_id=None, team_id=team)
    if bot is None or not bot.bot_token:
        raise NotInstalled(team)
    return bot.bot_token
