"""Reminders reach a Slack user in a DM, over the real Web API client, to the mock Slack."""

from __future__ import annotations

import datetime as dt

from aiohttp import ClientSession

from adapters.slack.app import SlackConfig, build_app
from adapters.slack.listeners import SlackListeners
from adapters.slack.reminders import dm_sender
from bot.container import Container
from core.conversation.reminding import Send, deliver_due
from core.identity import Tenant
from core.incoming import Incoming
from core.replies import Reply
from core.storage.deliveries import DeliveryLedger
from tests.slack.mock_api import TEAM, MockSlack

ALICE = Tenant("slack", TEAM, "U1")


async def _sender(container: Container, config: SlackConfig, session: ClientSession) -> Send:
    listeners = SlackListeners(container.assistant, DeliveryLedger(container.database))
    app = await build_app(
        config, listeners, engine=container.database.write_engine, session=session
    )
    return dm_sender(app)


async def test_a_reminder_is_posted_in_the_users_dm(
    container: Container, mock: MockSlack, slack_config: SlackConfig
) -> None:
    async with ClientSession() as session:
        send = await _sender(container, slack_config, session)
        await send(ALICE, Reply(text="Reminder: <!channel> & <b>due</b>"))
    [opened] = mock.of("conversations.open")
    assert opened.payload["users"] == "U1"
    [posted] = mock.of("chat.postMessage")
    assert posted.payload["channel"] == "DU1"
    shown = str(posted.payload["blocks"])
    assert "&lt;!channel&gt; &amp; &lt;b&gt;due&lt;/b&gt;" in shown  # never a live mention


async def test_a_due_thank_you_goes_out_once(
    container: Container, mock: MockSlack, slack_config: SlackConfig
) -> None:
    visited = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    for text in ("add Rush IM", f"set Rush IM visit {visited}", "status Rush IM visited"):
        await container.assistant.handle(Incoming(ALICE, "D1", text=text, direct=True))
    async with ClientSession() as session:
        send = await _sender(container, slack_config, session)
        services = container.assistant.services
        assert await deliver_due(services, "slack", send, "w1") == 1
        assert await deliver_due(services, "slack", send, "w1") == 0
    [posted] = mock.of("chat.postMessage")
    assert "your thank-you to Rush IM" in str(posted.payload["blocks"])
