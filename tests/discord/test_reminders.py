"""Reminders reach a Discord user in their DM, through discord.py against the fake REST API."""

from __future__ import annotations

import datetime as dt

from adapters.discord.reminders import dm_sender
from bot.container import Container
from core.conversation.reminding import ReminderLoop, deliver_due
from core.identity import Tenant
from core.incoming import Incoming
from core.replies import Reply
from tests.discord.conftest import start_client
from tests.discord.discord_json import ALICE
from tests.discord.fake_discord import DM_BASE, FakeDiscord

TENANT = Tenant("discord", "users", str(ALICE))


async def test_a_reminder_opens_the_dm_and_pings_no_one(
    container: Container, fake: FakeDiscord
) -> None:
    client = await start_client(container)
    try:
        assert isinstance(client.reminders, ReminderLoop)  # started with the bot
        await dm_sender(client)(TENANT, Reply(text="Reminder: @everyone **due** today"))
    finally:
        await client.close()
    [opened] = [c for c in fake.calls if c.path.endswith("/users/@me/channels")]
    assert opened.body == {"recipient_id": ALICE}
    [sent] = fake.messages()
    assert sent.path == f"/channels/{DM_BASE + ALICE % 1_000_000}/messages"
    description = sent.body["embeds"][0]["description"]  # type: ignore[index]
    assert "\\*\\*due\\*\\*" in description  # markdown shown as typed
    assert "@everyone" not in description and "@\u200beveryone" in description
    assert sent.body["allowed_mentions"] == {"parse": []}  # type: ignore[index]


async def test_a_due_thank_you_is_delivered_once(container: Container, fake: FakeDiscord) -> None:
    visited = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    for text in ("add Rush IM", f"set Rush IM visit {visited}", "status Rush IM visited"):
        await container.assistant.handle(Incoming(TENANT, "D1", text=text, direct=True))
    client = await start_client(container)
    try:
        services = container.assistant.services
        assert await deliver_due(services, "discord", dm_sender(client), "w1") == 1
        assert await deliver_due(services, "discord", dm_sender(client), "w1") == 0
    finally:
        await client.close()
    [sent] = fake.messages()
    assert "your thank-you to Rush IM" in sent.body["embeds"][0]["description"]  # type: ignore[index]
