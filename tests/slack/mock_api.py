"""A local stand-in for Slack's side of the network: the Web API and response_urls.

Only the far side is fake: the app under test talks to it through its real
``AsyncWebClient`` (``SLACK_API_URL`` points here). Every call is recorded with its
payload so a test can assert on what the user would have seen.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web


def sign(body: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack signs a request with: v0 HMAC-SHA256 over ``v0:{ts}:{body}``.

    Written out here rather than taken from slack_sdk, so the app's verifier is checked
    against an independent signer."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


BOT_USER = "UBOT"
TEAM = "T1"


@dataclass
class Call:
    method: str  # "chat.postMessage", or "response_url" for a post to a response_url
    payload: dict[str, Any]
    path: str = ""


@dataclass
class MockSlack:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    # method -> how many 429s to answer before answering normally
    rate_limited: dict[str, int] = field(default_factory=dict)
    # method -> the error Slack answers it with ({"ok": false, "error": ...})
    refuse: dict[str, str] = field(default_factory=dict)
    socket_url: str = ""
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/response/{name}"

    def of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """The calls of ``method`` once there are ``count`` of them (fails after ``timeout``)."""

        async def enough() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.of(method)) >= count)

        try:
            await asyncio.wait_for(enough(), timeout)
        except TimeoutError:
            seen = [call.method for call in self.calls]
            raise AssertionError(f"expected {count} {method} call(s); saw {seen}") from None
        return self.of(method)

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if self.rate_limited.get(method, 0) > 0:
            self.rate_limited[method] -= 1
            await self._record(Call(f"{method}#429", {}))
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
            )
        payload = await _payload(request)
        await self._record(Call(method, payload))
        if method in self.refuse:
            return web.json_response({"ok": False, "error": self.refuse[method]})
        return web.json_response(self._answer(method, payload))

    def _answer(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        n = next(self._ids)
        answers: dict[str, dict[str, Any]] = {
            "auth.test": {"user_id": BOT_USER, "bot_id": "BBOT", "team_id": TEAM, "team": "Test"},
            "conversations.open": {"channel": {"id": f"D{payload.get('users', 'X')}"}},
            "chat.postMessage": {"channel": payload.get("channel"), "ts": f"{n}.0001"},
            "views.open": {"view": {"id": f"V{n}"}},
            "views.publish": {"view": {"id": f"V{n}"}},
            "files.getUploadURLExternal": {
                "upload_url": f"{self.url}/upload/F{n}",
                "file_id": f"F{n}",
            },
            "files.completeUploadExternal": {"files": [{"id": "F1", "title": "file"}]},
            "oauth.v2.access": {
                "access_token": "xoxb-installed",
                "token_type": "bot",
                "scope": "commands,chat:write",
                "bot_user_id": "UBOT2",
                "app_id": "A1",
                "team": {"id": "T2", "name": "Second Team"},
                "enterprise": None,
                "authed_user": {"id": "U9"},
                "is_enterprise_install": False,
            },
            "apps.connections.open": {"url": self.socket_url},
        }
        return {"ok": True, **answers.get(method, {})}

    async def _response_url(self, request: web.Request) -> web.Response:
        payload = json.loads(await request.text() or "{}")
        await self._record(Call("response_url", payload, request.path))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        await self._record(Call("upload", {"size": len(data), "data": data}, request.path))
        return web.Response(text="OK - 1")


async def _payload(request: web.Request) -> dict[str, Any]:
    """What the client sent: JSON or a form, plus the query string (slack_sdk puts the
    arguments of some methods, conversations.open for one, there)."""
    text = await request.text()
    if request.content_type == "application/json":
        payload: dict[str, Any] = json.loads(text or "{}")
    else:
        payload = dict(parse_qsl(text))
    payload = {**request.query, **payload}
    for key in ("blocks", "view"):
        if isinstance(payload.get(key), str):
            with contextlib.suppress(json.JSONDecodeError):
                payload[key] = json.loads(payload[key])
    auth = request.headers.get("Authorization", "")
    if auth:
        payload["_token"] = auth.removeprefix("Bearer ")
    return payload


@asynccontextmanager
async def mock_slack() -> AsyncIterator[MockSlack]:
    mock = MockSlack()
    app = web.Application()
    app.add_routes(
        [
            web.post("/api/{method}", mock._api),
            web.post("/response/{name}", mock._response_url),
            web.post("/upload/{name}", mock._upload),
        ]
    )
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    mock.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield mock
    finally:
        await runner.cleanup()
