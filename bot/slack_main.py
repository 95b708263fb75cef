"""``secondlook slack --http | --socket``: the composition root for Slack.

Slack's packages are an extra (``pip install 'secondlook[slack]'``), imported only here,
so the terminal and the other commands run without them.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from typing import Any

from bot.container import build
from bot.settings import Settings, SlackSettings

log = logging.getLogger(__name__)

NOT_INSTALLED = "Slack support is not installed: pip install 'secondlook[slack]'"


class SlackSetupError(Exception):
    """Settings or packages missing: the message names what to set or install."""


def add_parser(commands: Any) -> None:
    slack = commands.add_parser(
        "slack",
        help="run the Slack app (HTTP endpoint or Socket Mode)",
        description="Serve Slack over HTTP at /slack/events (SLACK_SIGNING_SECRET, PORT) or"
        " connect with Socket Mode (SLACK_APP_TOKEN). One workspace: SLACK_BOT_TOKEN; many:"
        " SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (install at /slack/install).",
    )
    mode = slack.add_mutually_exclusive_group(required=True)
    mode.add_argument("--http", action="store_true", help="serve the Events/Commands endpoint")
    mode.add_argument("--socket", action="store_true", help="connect with Socket Mode")
    slack.add_argument("--port", type=int, help="HTTP port (default: $PORT, else 3000)")
    slack.add_argument("--host", help="HTTP interface (default 0.0.0.0)")


def _secret(value: Any) -> str | None:
    return value.get_secret_value() if value is not None else None


def check_settings(slack: SlackSettings, socket: bool) -> None:
    problems = []
    if not slack.bot_token and not slack.client_id:
        problems.append(
            "set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET"
            " (installs through OAuth)"
        )
    if socket and not slack.app_token:
        problems.append("Socket Mode needs SLACK_APP_TOKEN (an xapp- token with connections:write)")
    if socket and slack.client_id:
        problems.append("OAuth installs need --http (Slack redirects the browser to this server)")
    if not socket and not slack.signing_secret:
        problems.append(
            "HTTP mode needs SLACK_SIGNING_SECRET (Basic Information in the app's page)"
        )
    if problems:
        raise SlackSetupError("; ".join(problems) + ".")


async def run(args: argparse.Namespace, settings: Settings) -> str:
    slack = settings.slack
    check_settings(slack, args.socket)
    try:
        from aiohttp import ClientSession

        from adapters.slack.app import SlackConfig, SlackConfigError, build_app
        from adapters.slack.listeners import SlackListeners
        from adapters.slack.reminders import dm_sender
        from adapters.slack.server import SocketModeRefused, serve_forever, socket_mode
    except ImportError as missing:
        raise SlackSetupError(NOT_INSTALLED) from missing
    from core.conversation.reminding import ReminderLoop
    from core.storage.deliveries import DeliveryLedger

    config = SlackConfig(
        signing_secret=_secret(slack.signing_secret) or "",
        bot_token=_secret(slack.bot_token),
        client_id=slack.client_id,
        client_secret=_secret(slack.client_secret),
        scopes=tuple(s.strip() for s in slack.scopes.split(",") if s.strip()),
        api_url=slack.api_url,
        rate_limit_retries=slack.rate_limit_retries,
    )
    container = await build(settings)
    try:
        ledger = DeliveryLedger(container.database)
        await ledger.prune()
        listeners = SlackListeners(
            container.assistant, ledger, rate_limit_retries=slack.rate_limit_retries
        )
        async with ClientSession() as session:
            try:
                app = await build_app(
                    config, listeners, engine=container.database.write_engine, session=session
                )
            except SlackConfigError as problem:
                raise SlackSetupError(str(problem)) from None
            reminders = ReminderLoop(container.assistant.services, "slack", dm_sender(app))
            reminders.start()
            try:
                if args.socket:
                    try:
                        async with socket_mode(app, _secret(slack.app_token) or ""):
                            await asyncio.Event().wait()
                    except SocketModeRefused as refused:
                        raise SlackSetupError(str(refused)) from None
                else:
                    port = args.port or slack.port
                    await serve_forever(app, args.host or slack.host, port)
            finally:
                await reminders.stop()
    finally:
        await container.close()
    return ""
