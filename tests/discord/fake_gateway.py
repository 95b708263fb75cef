"""A local stand-in for Discord's gateway, served next to the fake REST API on 127.0.0.1.

discord.py's real client connects to it over a websocket and goes through its own
handshake, as with Discord: HELLO (op 10) → a heartbeat (op 1, acknowledged with op 11)
→ IDENTIFY (op 2, recorded with its token and intents) → READY naming the test guild as
unavailable → GUILD_CREATE for it, after which discord.py fires ``on_ready``. From then on
a test pushes dispatches (``INTERACTION_CREATE``, ``MESSAGE_CREATE``…) with increasing
sequence numbers, and every answer comes back over HTTP to :class:`FakeDiscord`'s routes.

Like Discord, it closes the socket with 4004 for a wrong token and with 4014 when IDENTIFY
asks for a privileged intent the application was not granted (none, by default). Frames
are plain JSON text: discord.py asks for ``compress=zlib-stream`` but reads text frames as
they come (``DiscordWebSocket.received_message`` decompresses only binary ones).

The plain ``discord.Client`` does not ask ``GET /gateway/bot`` where to connect: it uses
``DiscordWebSocket.DEFAULT_GATEWAY``, which a test points at :attr:`FakeGateway.ws_url`.
The two discovery routes are served anyway, for clients that do ask.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from contextlib import AbstractAsyncContextManager, suppress
from dataclasses import dataclass, field
from typing import Any

import discord
from aiohttp import WSMsgType, web

from tests.discord.discord_json import APP_ID, BOT, JOINED, member, text_channel
from tests.discord.fake_discord import FakeDiscord, _json, fake_discord

HELLO, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HEARTBEAT_ACK = 10, 1, 2, 6, 9, 11
DISPATCH = 0
PRIVILEGED = discord.Intents(members=True, presences=True, message_content=True).value
AUTHENTICATION_FAILED = 4004
DISALLOWED_INTENTS = 4014
_sessions = itertools.count(1)


def guild_json(guild_id: int, channel_id: int, name: str = "Match 2027") -> dict[str, Any]:
    """A GUILD_CREATE as a bot without the members intent gets it: one text channel, the
    @everyone role, and only the bot itself among the members."""
    return {
        "id": str(guild_id),
        "name": name,
        "unavailable": False,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": "800000000000000009",
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": "en-US",
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "application_id": None,
        "max_members": 500000,
        "features": [],
        "emojis": [],
        "stickers": [],
        "large": False,
        "member_count": 2,
        "joined_at": JOINED,
        "roles": [
            {
                "id": str(guild_id),
                "name": "@everyone",
                "permissions": "2248473465835073",
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "channels": [
            text_channel(channel_id, guild_id=None)
            | {"topic": None, "rate_limit_per_user": 0, "last_message_id": None}
        ],
        "members": [member(BOT, permissions=None)],
        "threads": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
    }


@dataclass
class Frame:
    """One gateway message, either way: opcode, payload, and for dispatches event and seq."""

    op: int
    d: Any
    t: str | None = None
    s: int | None = None
    at: float = field(default_factory=time.monotonic)

    def encode(self) -> str:
        return json.dumps({"op": self.op, "d": self.d, "s": self.s, "t": self.t})


class FakeGateway(FakeDiscord):
    """:class:`FakeDiscord`'s REST routes plus the gateway: ``GET /gateway``,
    ``GET /gateway/bot`` and the websocket at ``/gateway``."""

    def __init__(
        self,
        *,
        token: str = "fake-token",
        guilds: list[dict[str, Any]] | None = None,
        heartbeat_interval_ms: int = 41250,
        granted_intents: int = 0,
    ) -> None:
        super().__init__()
        self.token = token
        self.guilds = list(guilds or [])
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.granted_intents = granted_intents  # privileged intents enabled in the portal
        self.connections: list[dict[str, str]] = []  # query string of each websocket
        self.identifies: list[dict[str, Any]] = []  # IDENTIFY payloads ("d")
        self.received: list[Frame] = []  # everything the client sent
        self.sent: list[Frame] = []  # everything the gateway sent
        self.closed_with: list[int] = []  # close codes the gateway chose
        self.sequence = 0
        self.session_id = ""
        self._outbox: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        self._sockets: set[web.WebSocketResponse] = set()

    # --- What tests use ---------------------------------------------------------------

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://", 1) + "/gateway"

    def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Queue a dispatch for the client; it goes out in order, after READY, with the
        next sequence number."""
        self._outbox.put_nowait((event, data))

    def heartbeats(self) -> list[Frame]:
        return [f for f in self.received if f.op == HEARTBEAT]

    def acks(self) -> list[Frame]:
        return [f for f in self.sent if f.op == HEARTBEAT_ACK]

    def dispatches(self, event: str | None = None) -> list[Frame]:
        return [f for f in self.sent if f.op == DISPATCH and event in (None, f.t)]

    # --- Serving ----------------------------------------------------------------------

    async def gateway_info(self, request: web.Request) -> web.Response:
        return _json({"url": self.ws_url})

    async def gateway_bot(self, request: web.Request) -> web.Response:
        return _json(
            {
                "url": self.ws_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 14400000,
                    "max_concurrency": 1,
                },
            }
        )

    def _ready(self, identify: dict[str, Any]) -> dict[str, Any]:
        ready: dict[str, Any] = {
            "v": 10,
            "user": {**BOT, "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": g["id"], "unavailable": True} for g in self.guilds],
            "session_id": self.session_id,
            "resume_gateway_url": self.ws_url,
            "application": {"id": str(APP_ID), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["us-central"],
            "user_settings": {},
        }
        if "shard" in identify:
            ready["shard"] = identify["shard"]
        return ready

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.connections.append(dict(request.query))
        self._sockets.add(ws)
        lock = asyncio.Lock()
        writer: asyncio.Task[None] | None = None

        async def send(frame: Frame) -> None:
            async with lock:
                if frame.op == DISPATCH:
                    self.sequence += 1
                    frame.s = self.sequence
                await ws.send_str(frame.encode())
                self.sent.append(frame)

        async def drain() -> None:
            while True:
                event, data = await self._outbox.get()
                await send(Frame(DISPATCH, data, event))

        async def refuse(code: int, reason: str) -> None:
            self.closed_with.append(code)
            await ws.close(code=code, message=reason.encode())

        try:
            await send(Frame(HELLO, {"heartbeat_interval": self.heartbeat_interval_ms}))
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    continue
                raw = json.loads(message.data)
                frame = Frame(raw["op"], raw.get("d"))
                async with self._changed:
                    self.received.append(frame)
                    self._changed.notify_all()
                if frame.op == HEARTBEAT:
                    await send(Frame(HEARTBEAT_ACK, None))
                elif frame.op == IDENTIFY:
                    self.identifies.append(frame.d)
                    if frame.d.get("token") != self.token:
                        await refuse(AUTHENTICATION_FAILED, "Authentication failed.")
                    elif int(frame.d.get("intents", 0)) & PRIVILEGED & ~self.granted_intents:
                        await refuse(DISALLOWED_INTENTS, "Disallowed intent(s).")
                    else:
                        self.session_id = f"session-{next(_sessions)}"
                        self.sequence = 0
                        await send(Frame(DISPATCH, self._ready(frame.d), "READY"))
                        for guild in self.guilds:
                            await send(Frame(DISPATCH, guild, "GUILD_CREATE"))
                        writer = asyncio.create_task(drain())
                elif frame.op == RESUME:
                    await send(Frame(INVALID_SESSION, False))  # start over with IDENTIFY
        finally:
            if writer is not None:
                writer.cancel()
                with suppress(asyncio.CancelledError):
                    await writer
            self._sockets.discard(ws)
        return ws

    async def _close_sockets(self, app: web.Application) -> None:
        """On shutdown, close what is still open (aiohttp would wait for it otherwise)."""
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"Server shutdown")

    def app(self) -> web.Application:
        app = super().app()
        app.router.add_get("/api/v10/gateway", self.gateway_info)
        app.router.add_get("/api/v10/gateway/bot", self.gateway_bot)
        app.router.add_get("/gateway", self.websocket)
        app.on_shutdown.append(self._close_sockets)
        return app


def fake_gateway(**options: Any) -> AbstractAsyncContextManager[FakeGateway]:
    """Fake REST and gateway on one 127.0.0.1 port, served as :func:`fake_discord` serves
    REST; ``options`` go to :class:`FakeGateway`."""
    return fake_discord(FakeGateway, **options)
