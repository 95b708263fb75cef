"""Reminders in a Discord DM: the bot opens the user's DM channel and posts there."""

from __future__ import annotations

import logging

import discord

from adapters.discord.render import messages
from core.conversation.reminding import Send
from core.identity import Tenant
from core.replies import Reply

log = logging.getLogger(__name__)


def dm_sender(client: discord.Client) -> Send:
    async def send(tenant: Tenant, reply: Reply) -> None:
        user_id = int(tenant.user)
        user = client.get_user(user_id) or await client.fetch_user(user_id)
        for out in messages([reply], private=False):
            await user.send(**out.kwargs())
        log.info("reminder sent user=%s", tenant.user)

    return send
