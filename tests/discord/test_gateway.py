"""The real discord.py client over a real websocket: fake gateway plus fake REST, no network.

``secondlook discord`` runs ``client.start(token)``: log in over REST (syncing the commands),
connect to the gateway, IDENTIFY, wait for READY, then handle whatever Discord dispatches.
These tests run exactly that against :mod:`tests.discord.fake_gateway` on 127.0.0.1, so the
intents, the handshake, the command tree and the listeners meet Discord's protocols as in
production: an interaction arrives as an ``INTERACTION_CREATE`` frame and is answered on the
callback route, a DM arrives as ``MESSAGE_CREATE`` and is answered with a channel post.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.ui.view import BaseView

from adapters.discord.client import DiscordConfig, build_client
from adapters.discord.components import DYNAMIC_ITEMS
from adapters.discord.listeners import DiscordListeners
from bot.container import Container
from core.storage.deliveries import DeliveryLedger
from tests.discord.conftest import DiscordUser
from tests.discord.discord_json import APP_ID, CHANNEL, DM_CHANNEL, GUILD
from tests.discord.fake_gateway import FakeGateway, fake_gateway, guild_json

TOKEN = "fake-token"
STEP = 10.0  # the longest any one step may take before the test fails on its own
# discord.py fires on_ready once no GUILD_CREATE came for this long (2 s by default).
GUILD_READY_TIMEOUT = 0.3
FEWEST_INTENTS = discord.Intents(guilds=True, dm_messages=True)
VERDICTS = ("Prioritize", "Consider", "Virtual", "Skip")


@pytest.fixture
async def gateway(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeGateway]:
    """Fake REST and gateway on one local port, with discord.py pointed at both."""
    async with fake_gateway(
        token=TOKEN, guilds=[guild_json(GUILD, CHANNEL)], heartbeat_interval_ms=200
    ) as running:
        monkeypatch.setattr(discord.http.Route, "BASE", running.api_url)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(running.ws_url))
        yield running


class OverTheGateway:
    """Stands in for the client inside :class:`DiscordUser`: the parser calls it makes
    become gateway dispatches, so the same JSON reaches the real client over the socket."""

    def __init__(self, gateway: FakeGateway) -> None:
        self._connection = self
        self.gateway = gateway

    def parse_interaction_create(self, data: dict[str, Any]) -> None:
        self.gateway.dispatch("INTERACTION_CREATE", data)

    def parse_message_create(self, data: dict[str, Any]) -> None:
        self.gateway.dispatch("MESSAGE_CREATE", data)


def user(gateway: FakeGateway) -> DiscordUser:
    return DiscordUser(OverTheGateway(gateway), gateway)


def is_view_timer(task: asyncio.Task[Any]) -> bool:
    """discord.py's timer for one stored view (15 minutes for every private reply with
    components). ``Client.close()`` leaves these running; they are harmless (see
    :func:`test_buttons_keep_working_after_a_private_replys_view_times_out`) and stopped here."""
    return task.get_coro().__qualname__ == "BaseView.__timeout_task_impl"  # type: ignore[union-attr]


async def settled(before: set[asyncio.Task[Any]]) -> None:
    """Everything the client started has finished: tasks, and discord.py's heartbeat thread."""
    current = asyncio.current_task()
    started = {t for t in asyncio.all_tasks() if t not in before and t is not current}
    for timer in filter(is_view_timer, started):
        timer.cancel()
    if started:
        _, running = await asyncio.wait(started, timeout=STEP)
        assert not running, f"tasks left running: {running}"
    for thread in threading.enumerate():
        if thread.name.startswith("keep-alive-handler"):
            thread.join(STEP)
            assert not thread.is_alive(), f"{thread.name} still beating"


@asynccontextmanager
async def connected(
    container: Container, config: DiscordConfig | None = None
) -> AsyncIterator[Any]:
    """The client as ``secondlook discord`` runs it (``async with client: await
    client.start(token)``), started in the background; yields once ``on_ready`` has fired,
    then closes it and checks that ``start`` returned and nothing was left running."""
    before = asyncio.all_tasks()
    listeners = DiscordListeners(container.assistant, DeliveryLedger(container.database))
    config = config or DiscordConfig(sync_commands=False)
    client = build_client(listeners, config, guild_ready_timeout=GUILD_READY_TIMEOUT)
    async with client:
        started = asyncio.create_task(client.start(TOKEN))
        ready = asyncio.create_task(client.wait_until_ready())
        try:
            done, _ = await asyncio.wait(
                {started, ready}, timeout=STEP, return_when=asyncio.FIRST_COMPLETED
            )
            if started in done:
                started.result()  # raises what stopped it
                raise AssertionError("client.start returned before READY")
            assert ready in done, "no on_ready within the time allowed"
            yield client
        finally:
            ready.cancel()
            await client.close()
            await asyncio.wait_for(started, STEP)  # a clean close ends start() quietly
    await settled(before)


async def test_the_client_identifies_with_the_fewest_intents_and_gets_ready(
    container: Container, gateway: FakeGateway
) -> None:
    """IDENTIFY carries the token and exactly guilds + dm_messages: no privileged intent
    (message content, members, presences), so Discord accepts it without portal switches.
    The handshake completes: READY, the guild from GUILD_CREATE, heartbeats acknowledged."""
    async with connected(container) as client:
        [identify] = gateway.identifies
        assert identify["token"] == TOKEN
        intents = discord.Intents._from_value(identify["intents"])
        assert intents == FEWEST_INTENTS
        assert not (intents.message_content or intents.members or intents.presences)
        assert gateway.closed_with == []  # not refused with 4014 (disallowed intents)
        assert len(gateway.connections) == 1 and gateway.connections[0]["v"] == "10"

        assert client.user is not None and client.user.id == APP_ID
        guild = client.get_guild(GUILD)
        assert guild is not None and not guild.unavailable
        assert guild.get_channel(CHANNEL) is not None

        await gateway.wait_for(2, kind="heartbeats", timeout=STEP)
        assert gateway.acks() and client.latency < STEP  # an ACK reached the client
        assert gateway.heartbeats()[-1].d == gateway.sequence  # it tracks the sequence
    assert len(gateway.connections) == 1  # never had to reconnect


async def test_a_slash_command_from_the_gateway_is_answered_on_the_callback_route(
    container: Container, gateway: FakeGateway
) -> None:
    """``/secondlook score program:"Rush IM" uncertainty:3 importance:3 travel:1`` in a
    server channel, as an INTERACTION_CREATE frame: the answer is the interaction's own
    response, private, an embed naming the program and its verdict, inside 3 seconds."""
    async with connected(container) as client:
        sent = user(gateway).slash(
            "score", program="Rush IM", uncertainty=3, importance=3, travel=1
        )
        reply = (await gateway.wait_for(1, timeout=STEP))[-1]

        assert reply.path == f"/interactions/{sent['id']}/{sent['token']}/callback"
        assert reply.body["type"] == 4  # CHANNEL_MESSAGE_WITH_SOURCE: answered, not deferred
        assert reply.ephemeral
        headline = reply.embeds[0].get("title") or reply.embeds[0].get("description") or ""
        assert "Rush IM" in headline
        assert any(verdict in headline for verdict in VERDICTS)
        assert reply.body["data"]["allowed_mentions"] == {"parse": []}
        assert gateway.refused == []  # no 10062 (late) or 40060 (answered twice)

        [frame] = gateway.dispatches("INTERACTION_CREATE")
        assert frame.s == 3  # after READY (1) and GUILD_CREATE (2)
        assert client.ws.sequence == gateway.sequence


async def test_a_dm_from_the_gateway_is_answered_in_the_dm_channel(
    container: Container, gateway: FakeGateway
) -> None:
    """A DM ("help") as a MESSAGE_CREATE frame, read without the message-content intent:
    the bot answers with a POST to the DM channel's messages, pinging no one."""
    async with connected(container):
        user(gateway).in_dm().dm("help")
        post = (await gateway.wait_for(1, timeout=STEP))[-1]

        assert (post.method, post.path) == ("POST", f"/channels/{DM_CHANNEL}/messages")
        assert "score" in post.text.lower()
        assert not post.ephemeral
        assert post.body["allowed_mentions"] == {"parse": []}
        assert len(gateway.messages()) == 1


def assert_secondlook_registered(client: Any, registered: list[dict[str, Any]]) -> None:
    """One ``/secondlook`` chat command whose options are every subcommand the client's
    tree holds; ``score`` offers 0-3 as choices for its three scales."""
    [command] = registered
    assert (command["name"], command.get("type", 1)) == ("secondlook", 1)
    subcommands = {option["name"]: option for option in command["options"]}
    assert all(option["type"] == 1 for option in subcommands.values())  # SUB_COMMAND
    local = client.tree.get_command("secondlook")
    assert set(subcommands) == {sub.name for sub in local.commands}
    assert {"score", "plan", "check", "share", "help"} <= set(subcommands)
    score = {option["name"]: option for option in subcommands["score"]["options"]}
    for scale in ("uncertainty", "importance", "travel"):
        assert score[scale]["type"] == 4  # INTEGER
        assert [choice["value"] for choice in score[scale]["choices"]] == [0, 1, 2, 3]
    assert score["program"].get("autocomplete") is True


async def test_commands_are_synced_to_the_configured_guild_before_the_gateway_session(
    container: Container, gateway: FakeGateway
) -> None:
    """With DISCORD_GUILD_ID set, start() PUTs the /secondlook group to that guild's
    commands (instant for testers), and nothing globally; it happens during login, so the
    commands are in place before IDENTIFY."""
    config = DiscordConfig(sync_commands=True, guild_id=GUILD)
    async with connected(container, config) as client:
        [put] = [call for call in gateway.calls if call.method == "PUT"]
        assert put.path == f"/applications/{APP_ID}/guilds/{GUILD}/commands"
        assert set(gateway.commands) == {str(GUILD)}
        assert_secondlook_registered(client, gateway.commands[str(GUILD)])
        identify = next(frame for frame in gateway.received if frame.op == 2)
        assert put.at < identify.at


async def test_without_a_guild_commands_are_synced_globally(
    container: Container, gateway: FakeGateway
) -> None:
    """With no guild configured, start() PUTs the same group to the global route."""
    async with connected(container, DiscordConfig(sync_commands=True, guild_id=None)) as client:
        [put] = [call for call in gateway.calls if call.method == "PUT"]
        assert put.path == f"/applications/{APP_ID}/commands"
        assert set(gateway.commands) == {"global"}
        assert_secondlook_registered(client, gateway.commands["global"])


async def test_a_sharded_client_identifies_its_shard_and_answers(
    container: Container, gateway: FakeGateway
) -> None:
    """DISCORD_SHARD_COUNT=1 runs an AutoShardedClient: IDENTIFY names shard [0, 1] with the
    same intents, and interactions on that shard are answered as on the plain client."""
    async with connected(container, DiscordConfig(sync_commands=False, shard_count=1)) as client:
        assert isinstance(client, discord.AutoShardedClient)
        [identify] = gateway.identifies
        assert identify["shard"] == [0, 1]
        assert identify["intents"] == FEWEST_INTENTS.value
        user(gateway).slash("plan")
        reply = (await gateway.wait_for(1, timeout=STEP))[-1]
        assert reply.path.endswith("/callback") and reply.body["type"] == 4
        assert gateway.refused == []


async def test_buttons_keep_working_after_a_private_replys_view_times_out(
    container: Container, gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Buttons are dynamic items registered once at start, meant to work on any message at
    any time. discord.py gives the view of every private (ephemeral) reply a 15-minute
    timer; when it runs out the view leaves the store, and a view that also held an
    ordinary (non-dynamic) item takes the dynamic-item patterns it used with it, which
    would silence every SecondLook button on every message. The adapter's views are wholly
    dynamic, so nothing is lost: here the 15 minutes pass in 0.2 s and a click on the
    verdict's "plan" button is still answered."""
    original = BaseView._start_listening_from_store

    def quarter_hour_passes_quickly(view: BaseView, store: Any) -> None:
        if view.timeout == 15 * 60:
            view.timeout = 0.2
        original(view, store)

    monkeypatch.setattr(BaseView, "_start_listening_from_store", quarter_hour_passes_quickly)
    async with connected(container) as client:
        alice = user(gateway)
        alice.slash("score", program="Rush IM", uncertainty=3, importance=3, travel=1)
        verdict = (await gateway.wait_for(1, timeout=STEP))[-1]
        assert verdict.ephemeral and "cmd:plan" in [c.get("custom_id") for c in verdict.components]
        await asyncio.sleep(0.5)  # the verdict's view times out

        assert len(client._connection._view_store._dynamic_items) == len(DYNAMIC_ITEMS)
        alice.click(verdict.body["data"], "cmd:plan")
        plan = (await gateway.wait_for(2, timeout=STEP))[-1]
        assert plan.path.endswith("/callback") and plan.body["type"] == 4


async def test_a_privileged_intent_would_be_refused_as_discord_refuses_it(
    container: Container, gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fake gateway is as strict as Discord for an application with no privileged
    intent switched on: asking for message content closes the socket with 4014 and
    ``start()`` fails with PrivilegedIntentsRequired. So the READY above is real proof."""
    greedy = discord.Intents(guilds=True, dm_messages=True, message_content=True)
    monkeypatch.setattr("adapters.discord.client.intents", lambda: greedy)
    with pytest.raises(discord.PrivilegedIntentsRequired):
        async with connected(container):
            pass
    assert gateway.closed_with == [4014]
