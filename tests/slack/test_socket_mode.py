"""Socket Mode end to end: the real slack_sdk client against a local Slack websocket.

``adapters.slack.server.socket_mode`` connects the way it does in production: Bolt's
``AsyncSocketModeHandler`` asks the Web API (the local mock) for a websocket URL with
``apps.connections.open``, and slack_sdk's aiohttp client connects to it. Here that URL
is a websocket served on 127.0.0.1 that plays Slack's part: it says hello, sends
envelopes, and records the acks the app sends back.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import ClientSession, WSMsgType, web
from slack_bolt.async_app import AsyncApp
from sqlalchemy import select

from adapters.slack.app import SlackConfig, build_app
from adapters.slack.listeners import SlackListeners
from adapters.slack.server import SocketModeRefused, socket_mode
from bot.container import Container
from core.conversation.views import VERDICT_TITLES
from core.identity import Tenant
from core.models import Verdict
from core.storage.deliveries import DeliveryLedger
from core.storage.tables import DeliveryRow
from tests.slack.mock_api import TEAM, MockSlack

ALICE = Tenant("slack", TEAM, "U1")
APP_TOKEN = "xapp-test"
SOCKET_PATH = "/link"
# Names slack_sdk's Socket Mode client gives its background work; none may outlive close.
CLIENT_TASKS = ("process_messages", "receive_messages", "monitor_current_session")
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")
_envelope_ids = itertools.count(1)


class SlackSocket:
    """Slack's end of one Socket Mode connection: hello first, then envelopes; acks recorded."""

    def __init__(self) -> None:
        self.url = ""
        self.acks: list[dict[str, Any]] = []
        self.connected = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._changed = asyncio.Condition()

    async def link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()  # autoping: answers the client's pings as Slack does
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "applink-local", "approximate_connection_time": 18060},
                "connection_info": {"app_id": "A1"},
            }
        )
        self.connected.set()
        async for message in ws:
            if message.type is WSMsgType.TEXT:
                async with self._changed:
                    self.acks.append(json.loads(message.data))
                    self._changed.notify_all()
        return ws

    async def send(self, kind: str, payload: dict[str, Any], **extra: Any) -> str:
        """Send one envelope once the app is connected; returns its envelope_id."""
        await asyncio.wait_for(self.connected.wait(), 5)
        assert self._ws is not None
        envelope_id = f"env-{next(_envelope_ids)}"
        await self._ws.send_json(
            {"envelope_id": envelope_id, "type": kind, "payload": payload, **extra}
        )
        return envelope_id

    async def ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """The app's ack of one envelope (fails after ``timeout``, Slack allows 3 seconds)."""

        def found() -> list[dict[str, Any]]:
            return [ack for ack in self.acks if ack.get("envelope_id") == envelope_id]

        async def arrived() -> None:
            async with self._changed:
                await self._changed.wait_for(found)

        try:
            await asyncio.wait_for(arrived(), timeout)
        except TimeoutError:
            raise AssertionError(f"no ack for {envelope_id}; acks: {self.acks}") from None
        [ack] = found()
        return ack

    async def close(self) -> None:
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()


@pytest.fixture
async def slack_socket(
    mock: MockSlack, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[SlackSocket]:
    """The websocket Slack would hand out, on 127.0.0.1; apps.connections.open returns it."""
    for name in PROXY_VARIABLES:  # slack_sdk would send the websocket through a proxy
        monkeypatch.delenv(name, raising=False)
    socket = SlackSocket()
    server = web.Application()
    server.add_routes([web.get(SOCKET_PATH, socket.link)])
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        socket.url = f"ws://127.0.0.1:{runner.addresses[0][1]}{SOCKET_PATH}"
        mock.socket_url = socket.url
        yield socket
    finally:
        await socket.close()
        await runner.cleanup()


@pytest.fixture
async def app(container: Container, slack_config: SlackConfig) -> AsyncIterator[AsyncApp]:
    """The real app; its Web API client talks to the mock (socket mode checks no signature)."""
    listeners = SlackListeners(container.assistant, DeliveryLedger(container.database))
    async with ClientSession() as session:
        yield await build_app(
            slack_config, listeners, engine=container.database.write_engine, session=session
        )


def command_payload(text: str, mock: MockSlack, channel: str = "C1") -> dict[str, Any]:
    """What Slack puts in a slash_commands envelope (the HTTP form's fields, as JSON)."""
    return {
        "token": "legacy",
        "team_id": TEAM,
        "team_domain": "test",
        "channel_id": channel,
        "channel_name": "study-group",
        "user_id": ALICE.user,
        "user_name": "alice",
        "command": "/secondlook",
        "text": text,
        "api_app_id": "A1",
        "is_enterprise_install": "false",
        "response_url": mock.response_url("cmd-U1"),
        "trigger_id": "1337.42.abcd",
    }


def dm_payload(text: str, event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": TEAM,
        "api_app_id": "A1",
        "event": {
            "type": "message",
            "channel": "D1",
            "channel_type": "im",
            "user": ALICE.user,
            "text": text,
            "ts": "1700000000.000100",
            "team": TEAM,
        },
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1700000000,
        "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}],
    }


async def processed(container: Container, event_id: str) -> bool:
    """Whether the delivery ledger has marked this event done (read only: no claim)."""
    async with container.database.reading() as session:
        row = await session.scalar(select(DeliveryRow).where(DeliveryRow.delivery_id == event_id))
        return row is not None and row.done


async def client_tasks_left() -> list[str]:
    """The Socket Mode client's tasks still alive once cancellations have run."""
    await asyncio.sleep(0.05)
    names = []
    for task in asyncio.all_tasks():
        name = getattr(task.get_coro(), "__qualname__", "")
        if any(part in name for part in CLIENT_TASKS):
            names.append(name)
    return names


async def test_a_slash_command_envelope_is_acked_with_the_verdict_and_the_program_is_stored(
    app: AsyncApp, slack_socket: SlackSocket, mock: MockSlack, container: Container
) -> None:
    async with socket_mode(app, APP_TOKEN):
        opened = mock.of("apps.connections.open")  # once to check the token, once to connect
        assert len(opened) == 2
        assert all(call.payload["_token"] == APP_TOKEN for call in opened)  # never the bot's
        envelope_id = await slack_socket.send(
            "slash_commands",
            command_payload("score Rush IM 3 3 1", mock),
            accepts_response_payload=True,
        )

        ack = await slack_socket.ack(envelope_id, timeout=3.0)

    assert set(ack) == {"envelope_id", "payload"}
    payload = ack["payload"]
    assert payload["response_type"] == "ephemeral"
    assert payload["text"].startswith(f"Rush IM: {VERDICT_TITLES[Verdict.skip]}.")
    assert "3 / 3 / 1" in json.dumps(payload["blocks"])
    programs = await container.programs.list_programs(ALICE)
    assert [(p.name, p.uncertainty, p.importance, p.travel) for p in programs] == [
        ("Rush IM", 3, 3, 1)
    ]
    assert mock.of("response_url") == [] and mock.of("chat.postMessage") == []
    assert await client_tasks_left() == []


async def test_a_dm_event_envelope_is_acked_empty_and_answered_with_chat_post_message(
    app: AsyncApp, slack_socket: SlackSocket, mock: MockSlack, container: Container
) -> None:
    async with socket_mode(app, APP_TOKEN):
        envelope_id = await slack_socket.send(
            "events_api",
            dm_payload("add Mayo", "EvSocketMayo"),
            accepts_response_payload=False,
            retry_attempt=0,
            retry_reason="",
        )

        ack = await slack_socket.ack(envelope_id, timeout=3.0)
        [reply] = await mock.wait_for("chat.postMessage", timeout=5.0)
        for _ in range(50):  # the ledger marks the event done just after the reply
            if await processed(container, "EvSocketMayo"):
                break
            await asyncio.sleep(0.05)

    assert ack == {"envelope_id": envelope_id}  # events carry no response payload
    assert reply.payload["channel"] == "D1"
    assert reply.payload["_token"] == "xoxb-test"
    assert "Now tracking Mayo" in reply.payload["text"]
    assert [p.name for p in await container.programs.list_programs(ALICE)] == ["Mayo"]
    assert await processed(container, "EvSocketMayo")
    assert await client_tasks_left() == []


async def test_a_refused_app_token_stops_with_a_message_instead_of_retrying_forever(
    app: AsyncApp, mock: MockSlack
) -> None:
    mock.refuse["apps.connections.open"] = "invalid_auth"
    with pytest.raises(SocketModeRefused, match=r"SLACK_APP_TOKEN \(invalid_auth\)"):
        async with socket_mode(app, APP_TOKEN):
            pytest.fail("connected with a refused token")
