"""HTTP mode on Bolt's own aiohttp server, and Socket Mode on slack_sdk's aiohttp client."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)


class SocketModeRefused(ValueError):
    """Slack would not open a Socket Mode connection with this app token."""


EVENTS_PATH = "/slack/events"  # slash commands, events and interactivity all come here
HEALTH_PATH = "/healthz"


async def _health(_request: web.Request) -> web.Response:
    return web.Response(text="ok")


def web_application(app: AsyncApp) -> web.Application:
    """Bolt's aiohttp application (events, and install/redirect under OAuth) plus a health check."""
    server = AsyncSlackAppServer(port=0, path=EVENTS_PATH, app=app)
    server.web_app.add_routes([web.get(HEALTH_PATH, _health)])
    return server.web_app


@asynccontextmanager
async def serving(app: AsyncApp, host: str, port: int) -> AsyncIterator[str]:
    """Serve until the block ends; yields the base URL (port 0 picks a free one)."""
    runner = web.AppRunner(web_application(app), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = runner.addresses[0][1]
        log.info("slack http listening host=%s port=%s path=%s", host, bound, EVENTS_PATH)
        yield f"http://{host}:{bound}"
    finally:
        await runner.cleanup()


async def serve_forever(app: AsyncApp, host: str, port: int) -> None:
    async with serving(app, host, port):
        await asyncio.Event().wait()


@asynccontextmanager
async def socket_mode(app: AsyncApp, app_token: str) -> AsyncIterator[AsyncSocketModeHandler]:
    """Connected to Slack over a websocket until the block ends (no public URL needed)."""
    try:
        # Asked once up front: slack_sdk's own connect retries a refused token forever.
        await app.client.apps_connections_open(app_token=app_token)
    except SlackApiError as refused:
        error = refused.response.get("error", "refused")
        raise SocketModeRefused(f"Slack refused SLACK_APP_TOKEN ({error}).") from None
    handler = AsyncSocketModeHandler(app, app_token)
    await handler.connect_async()
    log.info("slack socket mode connected")
    try:
        yield handler
    finally:
        await handler.close_async()
