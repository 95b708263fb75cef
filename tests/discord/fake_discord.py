"""A local stand-in for Discord's REST API, served on 127.0.0.1 over real HTTP.

discord.py talks to it through its own HTTP client and webhook adapter (``Route.BASE``
points here), so every response SecondLook gives goes through discord.py's real code:
multipart bodies for files, ``with_response`` callbacks, follow-up webhooks. Like
Discord, it refuses a first response that comes more than 3 seconds after the
interaction was created (10062 "Unknown interaction") and a second one to the same
interaction (40060): a test that sees neither proved the adapter kept the deadline.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import discord
from aiohttp import web

from tests.discord import discord_json
from tests.discord.discord_json import APP_ID, BOT, bot_message, snowflake

TOKEN = "fake-token"
DEADLINE = 3.0
EPHEMERAL = 64
DM_BASE = 900_000_000_000_000_000  # DM channel ids the fake opens: this plus the user id


@dataclass
class Call:
    """One request the bot made: method, route, JSON body, attached files by name."""

    method: str
    path: str
    body: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)

    @property
    def embeds(self) -> list[dict[str, Any]]:
        data = self.body.get("data", self.body)
        return list(data.get("embeds") or [])

    @property
    def text(self) -> str:
        """Everything a reader sees in this message, as one string."""
        data = self.body.get("data", self.body)
        parts = [data.get("content") or ""]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for f in embed.get("fields", []):
                parts += [f["name"], f["value"]]
        return "\n".join(p for p in parts if p)

    @property
    def components(self) -> list[dict[str, Any]]:
        data = self.body.get("data", self.body)
        return [c for row in data.get("components") or [] for c in row.get("components", [])]

    @property
    def flags(self) -> int:
        data = self.body.get("data", self.body)
        return int(data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)


def _json(data: Any, status: int = 200) -> web.Response:
    """JSON as Discord sends it: discord.py parses only an exact ``application/json``."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def _error(status: int, code: int, message: str) -> web.Response:
    return _json({"code": code, "message": message}, status=status)


class FakeDiscord:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.answered: dict[str, int] = {}  # interaction id -> response type
        self.refused: list[tuple[str, int]] = []  # (path, Discord error code)
        self.url = ""
        self._changed = asyncio.Condition()
        self.commands: dict[str, list[dict[str, Any]]] = {}
        # Refuse the next message-carrying requests with these HTTP statuses (one each).
        self.refuse_next: list[int] = []

    # --- What tests look at ---------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v10"

    def messages(self) -> list[Call]:
        """Everything shown to a user: responses with a message, follow-ups, channel posts."""
        return [
            c
            for c in self.calls
            if (c.path.endswith("/callback") and c.body.get("type") in (4, 7))
            or (c.path.startswith("/webhooks/") and c.method in ("POST", "PATCH"))
            or (c.path.startswith("/channels/") and c.path.endswith("/messages"))
        ]

    def callbacks(self) -> list[Call]:
        return [c for c in self.calls if c.path.endswith("/callback")]

    def modals(self) -> list[Call]:
        return [c for c in self.callbacks() if c.body.get("type") == 9]

    def autocompletes(self) -> list[Call]:
        return [c for c in self.callbacks() if c.body.get("type") == 8]

    async def wait_for(
        self, count: int, *, kind: str = "messages", timeout: float = 8.0
    ) -> list[Call]:
        """Wait until the bot has made ``count`` calls of a kind; fail loudly if it doesn't."""
        select = getattr(self, kind)

        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: len(select()) >= count), timeout
                )
            except TimeoutError:
                raise AssertionError(
                    f"wanted {count} {kind}, got {[(c.method, c.path) for c in self.calls]}"
                ) from None
        return select()

    # --- Serving --------------------------------------------------------------------

    async def _record(self, request: web.Request) -> Call:
        files: dict[str, bytes] = {}
        body: dict[str, Any] = {}
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    body = json.loads(await part.text())
                else:
                    files[part.filename or part.name or "?"] = await part.read()
        elif request.can_read_body:
            body = await request.json()
        path = request.path.removeprefix("/api/v10")
        call = Call(request.method, path, body, files)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return call

    def _message(self, call: Call, channel_id: str = "0") -> dict[str, Any]:
        """The message Discord makes of what the bot sent, its files as attachments."""
        attachments = [
            {
                "id": str(snowflake()),
                "filename": name,
                "size": len(blob),
                "url": "https://cdn.invalid/" + name,
                "proxy_url": "https://cdn.invalid/" + name,
            }
            for name, blob in call.files.items()
        ]
        return bot_message(call.body.get("data", call.body), channel_id, attachments=attachments)

    def _refusal(self, call: Call) -> web.Response | None:
        if not self.refuse_next:
            return None
        status = self.refuse_next.pop(0)
        self.refused.append((call.path, 50035))
        return _error(status, 50035, "Invalid Form Body")

    async def callback(self, request: web.Request) -> web.Response:
        call = await self._record(request)
        if (refusal := self._refusal(call)) is not None:
            return refusal
        interaction_id = request.match_info["id"]
        made = discord.utils.snowflake_time(int(interaction_id)).timestamp()
        if interaction_id in self.answered:
            self.refused.append((call.path, 40060))
            return _error(400, 40060, "Interaction has already been acknowledged.")
        if time.time() - made > DEADLINE:
            self.refused.append((call.path, 10062))
            return _error(404, 10062, "Unknown interaction")
        kind = int(call.body.get("type", 0))
        self.answered[interaction_id] = kind
        flags = int((call.body.get("data") or {}).get("flags") or 0)
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 7):
            resource["message"] = self._message(call)
        return _json(
            {
                "interaction": {
                    "id": interaction_id,
                    "type": 2,
                    "response_message_id": resource.get("message", {}).get("id"),
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(flags & EPHEMERAL),
                },
                "resource": resource,
            }
        )

    async def webhook(self, request: web.Request) -> web.Response:
        call = await self._record(request)
        return _json(self._message(call))

    async def channel_message(self, request: web.Request) -> web.Response:
        call = await self._record(request)
        if (refusal := self._refusal(call)) is not None:
            return refusal
        return _json(self._message(call, request.match_info["channel"]))

    async def me(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bot {TOKEN}":
            return _json({"code": 0, "message": "401: Unauthorized"}, 401)
        return _json(BOT)

    async def user(self, request: web.Request) -> web.Response:
        await self._record(request)
        return _json(discord_json.user(int(request.match_info["user"]), "someone"))

    async def open_dm(self, request: web.Request) -> web.Response:
        call = await self._record(request)
        recipient = int(call.body["recipient_id"])  # type: ignore[index]
        return _json(
            {
                "id": str(DM_BASE + recipient % 1_000_000),
                "type": 1,
                "recipients": [discord_json.user(recipient, "someone")],
            }
        )

    async def application(self, request: web.Request) -> web.Response:
        return _json(
            {
                "id": str(APP_ID),
                "name": "SecondLook",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "flags": 0,
                "owner": {**BOT, "id": "900000000000000002", "bot": False},
            }
        )

    async def put_commands(self, request: web.Request) -> web.Response:
        call = await self._record(request)
        scope = request.match_info.get("guild", "global")
        registered = [
            {
                **command,
                "id": str(snowflake()),
                "application_id": str(APP_ID),
                "version": "1",
                **({"guild_id": scope} if scope != "global" else {}),
            }
            for command in call.body  # type: ignore[union-attr]
        ]
        self.commands[scope] = registered
        return _json(registered)

    def app(self) -> web.Application:
        app = web.Application()
        base = "/api/v10"
        app.router.add_post(base + "/interactions/{id}/{token}/callback", self.callback)
        app.router.add_post(base + "/webhooks/{app}/{token}", self.webhook)
        app.router.add_patch(base + "/webhooks/{app}/{token}/messages/{message}", self.webhook)
        app.router.add_post(base + "/channels/{channel}/messages", self.channel_message)
        app.router.add_get(base + "/users/@me", self.me)
        app.router.add_post(base + "/users/@me/channels", self.open_dm)
        app.router.add_get(base + "/users/{user}", self.user)
        app.router.add_get(base + "/oauth2/applications/@me", self.application)
        app.router.add_get(base + "/applications/@me", self.application)
        app.router.add_put(base + "/applications/{app}/commands", self.put_commands)
        app.router.add_put(base + "/applications/{app}/guilds/{guild}/commands", self.put_commands)
        return app


Fake = TypeVar("Fake", bound=FakeDiscord)


@asynccontextmanager
async def fake_discord(
    cls: type[Fake] = FakeDiscord,  # type: ignore[assignment]
    **options: Any,
) -> AsyncIterator[Fake]:
    """Serve ``cls(**options)`` (:class:`FakeDiscord` or a subclass that adds routes) on a
    free 127.0.0.1 port for the duration of the block; its ``url`` says where."""
    fake = cls(**options)
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    fake.url = f"http://127.0.0.1:{port}"
    try:
        yield fake
    finally:
        await runner.cleanup()
