"""The Slack app served over real HTTP on 127.0.0.1, against a local mock of Slack's Web API.

Requests are signed the way Slack signs them (v0 HMAC-SHA256 over ``v0:{ts}:{body}``)
and sent with aiohttp; the app answers through its real Bolt stack and its real
``AsyncWebClient``, whose base URL points at :mod:`tests.slack.mock_api`.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp import ClientSession

from adapters.slack.app import SlackConfig, build_app
from adapters.slack.listeners import SlackListeners
from adapters.slack.server import EVENTS_PATH, serving
from bot.container import Container
from core.storage.deliveries import DeliveryLedger
from tests.slack.mock_api import TEAM, MockSlack, mock_slack
from tests.slack.mock_api import sign as slack_sign

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    return slack_sign(body, secret, timestamp)


@dataclass
class Sent:
    status: int
    text: str
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.text)


@dataclass
class SlackUser:
    """Sends what Slack would send when this user acts, signed, to the running app."""

    session: ClientSession
    url: str
    mock: MockSlack
    user: str = "U1"
    team: str = TEAM

    async def post(
        self, body: str, content_type: str, headers: dict[str, str] | None = None, **sign_args: Any
    ) -> Sent:
        all_headers = {"Content-Type": content_type, **sign(body, **sign_args), **(headers or {})}
        async with self.session.post(self.url + EVENTS_PATH, data=body, headers=all_headers) as r:
            return Sent(r.status, await r.text(), dict(r.headers))

    async def command(self, text: str, channel: str = "C1", **extra: Any) -> Sent:
        form = {
            "token": "legacy",
            "team_id": self.team,
            "team_domain": "test",
            "channel_id": channel,
            "channel_name": "directmessage" if channel.startswith("D") else "study-group",
            "user_id": self.user,
            "user_name": "alice",
            "command": "/secondlook",
            "text": text,
            "api_app_id": "A1",
            "response_url": self.mock.response_url(f"cmd-{self.user}"),
            "trigger_id": "1337.42.abcd",
            **extra,
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def event(
        self, event: dict[str, Any], event_id: str = "Ev1", retry: int | None = None
    ) -> Sent:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": self.team,
                "api_app_id": "A1",
                "event": event,
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "authorizations": [{"team_id": self.team, "user_id": "UBOT", "is_bot": True}],
            }
        )
        headers = {}
        if retry is not None:
            headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(body, "application/json", headers)

    async def dm(self, text: str, event_id: str, channel: str = "D1") -> Sent:
        return await self.event(
            {
                "type": "message",
                "channel": channel,
                "channel_type": "im",
                "user": self.user,
                "text": text,
                "ts": f"{time.time():.6f}",
                "team": self.team,
            },
            event_id=event_id,
        )

    async def interact(self, payload: dict[str, Any]) -> Sent:
        base = {
            "team": {"id": self.team, "domain": "test"},
            "user": {"id": self.user, "team_id": self.team},
            "api_app_id": "A1",
            "token": "legacy",
            "trigger_id": "1337.43.efgh",
        }
        body = urlencode({"payload": json.dumps({**base, **payload})})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def click(self, value: str, channel: str = "C1", **action: Any) -> Sent:
        """Click a button whose value (the core's choice id) is ``value``."""
        return await self.interact(
            {
                "type": "block_actions",
                "container": {"type": "message", "channel_id": channel, "is_ephemeral": True},
                "channel": {"id": channel, "name": "study-group"},
                "response_url": self.mock.response_url(f"act-{self.user}"),
                "actions": [
                    {
                        "type": "button",
                        "action_id": "sl-btn-0",
                        "block_id": "b1",
                        "value": value,
                        "action_ts": "1.0",
                        **action,
                    }
                ],
            }
        )

    async def submit(self, view: dict[str, Any], values: dict[str, Any]) -> Sent:
        """Submit a modal the app opened (``view`` as views.open received it)."""
        state = {"values": values}
        return await self.interact(
            {
                "type": "view_submission",
                "view": {**view, "id": "V1", "state": state, "team_id": self.team},
            }
        )


@pytest.fixture
async def mock() -> AsyncIterator[MockSlack]:
    async with mock_slack() as running:
        yield running


@pytest.fixture
def slack_config(mock: MockSlack) -> SlackConfig:
    return SlackConfig(signing_secret=SECRET, bot_token="xoxb-test", api_url=mock.api_url)


@pytest.fixture
async def slack(
    container: Container, mock: MockSlack, slack_config: SlackConfig
) -> AsyncIterator[SlackUser]:
    """Alice in workspace T1, talking to the app served on 127.0.0.1."""
    listeners = SlackListeners(container.assistant, DeliveryLedger(container.database))
    async with ClientSession() as session:
        app = await build_app(
            slack_config, listeners, engine=container.database.write_engine, session=session
        )
        async with serving(app, "127.0.0.1", 0) as url:
            yield SlackUser(session, url, mock)
