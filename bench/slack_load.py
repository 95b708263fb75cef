"""Latency and throughput of the Slack app under signed ``/secondlook score`` commands.

    python -m bench.slack_load [--requests 300] [--concurrency 1,50]
        [--process-before-response] [--database-url URL]

Serves the real app (Bolt, SecondLook's listeners, the core, a database) over HTTP on
127.0.0.1 with its Web API client pointed at the local mock (tests.slack.mock_api), and
sends it signed slash commands from distinct users, each scoring a new program, so every
request writes to the database. Then does the same against a bare Bolt app that only
acks the command (same signing, server and ack mode), measured in the same process.
Prints p50 and p99 latency, requests per second, and the real/bare ratio of each.
Every answer must be a 200 carrying the verdict in the ack; anything else is an error.

The database is a temporary SQLite file unless ``--database-url`` names another (point
it at a throwaway PostgreSQL database: it is migrated and filled with bench programs).
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from aiohttp import ClientSession, TCPConnector
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.authorization import AuthorizeResult

from adapters.slack.app import SlackConfig, build_app, web_client
from adapters.slack.listeners import ACK_BUDGET, COMMAND, WORKING, SlackListeners
from adapters.slack.server import EVENTS_PATH, serving
from bench.load import WARM_UP, percentile_ms, print_first_errors, timed_run
from bot.container import build
from bot.settings import DatabaseSettings, Settings
from core.conversation.views import VERDICT_TITLES
from core.storage.deliveries import DeliveryLedger
from tests.slack.mock_api import MockSlack, mock_slack, sign

SECRET = "bench-signing-secret"
TEAM = "TBENCH"


async def authorize(team_id: str | None = None) -> AuthorizeResult:
    """Both apps skip auth.test, so neither pays for a Web API round trip."""
    return AuthorizeResult(
        enterprise_id=None, team_id=team_id, bot_token="xoxb-bench", bot_user_id="UBOT"
    )


def signed(body: str) -> dict[str, str]:
    return {"Content-Type": "application/x-www-form-urlencoded", **sign(body, SECRET)}


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)  # seconds, one per counted request
    errors: int = 0  # not a 200, or a 200 without the verdict
    late: int = 0  # of which acked with WORKING: the verdict went to the response_url
    first_error: str = ""
    seconds: float = 0.0

    def percentile(self, q: float) -> float:
        return percentile_ms(self.latencies, q)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else math.nan


class Load:
    """Sends ``/secondlook score <program> 3 3 1`` as a new user and program each time."""

    def __init__(self, session: ClientSession, url: str, mock: MockSlack, verdict: bool) -> None:
        self.session, self.url, self.mock, self.verdict = session, url, mock, verdict
        self.ids = itertools.count()
        self.prefix = uuid.uuid4().hex[:6]  # a rerun on the same database still inserts
        self.late = 0  # acks without the verdict, warm-up included

    async def one(self, run: Run, counted: bool) -> None:
        n = next(self.ids)
        program = f"Load {self.prefix} {n:05d}"
        body = urlencode(
            {
                "token": "legacy",
                "team_id": TEAM,
                "team_domain": "bench",
                "channel_id": "C1",
                "channel_name": "bench",
                "user_id": f"U{self.prefix}{n:05d}",
                "user_name": "bench",
                "command": COMMAND,
                "text": f"score {program} 3 3 1",
                "api_app_id": "A1",
                "response_url": self.mock.response_url(f"bench-{n}"),
                "trigger_id": f"{n}.1.bench",
            }
        )
        start = time.perf_counter()
        async with self.session.post(self.url + EVENTS_PATH, data=body, headers=signed(body)) as r:
            status, text = r.status, await r.text()
        elapsed = time.perf_counter() - start
        problem = self.problem(status, text, program)
        self.late += WORKING in problem
        if counted:
            run.latencies.append(elapsed)
            run.errors += bool(problem)
            run.late += WORKING in problem
            run.first_error = run.first_error or problem

    def problem(self, status: int, text: str, program: str) -> str:
        if status != 200:
            return f"HTTP {status}: {text[:120]}"
        if not self.verdict:
            return ""
        try:
            answer = json.loads(text).get("text", "")
        except json.JSONDecodeError:
            return f"not JSON: {text[:120]}"
        if answer.startswith(f"{program}: ") and any(t in answer for t in VERDICT_TITLES.values()):
            return ""
        return f"no verdict in the ack: {answer[:120]!r}"

    async def run(self, requests: int, concurrency: int) -> Run:
        run = Run()
        run.seconds = await timed_run(lambda counted: self.one(run, counted), requests, concurrency)
        return run


async def bare_app(config: SlackConfig, session: ClientSession) -> AsyncApp:
    app = AsyncApp(
        client=web_client(config, session),
        signing_secret=config.signing_secret,
        process_before_response=config.process_before_response,
        authorize=authorize,
        name="bare",
    )

    async def ack_only(ack: AsyncAck) -> None:
        await ack()

    app.command(COMMAND)(ack_only)
    return app


@asynccontextmanager
async def real_app(
    config: SlackConfig, session: ClientSession, database_url: str
) -> AsyncIterator[AsyncApp]:
    container = await build(Settings(database=DatabaseSettings(url=database_url)), migrate=True)
    try:
        listeners = SlackListeners(container.assistant, DeliveryLedger(container.database))
        yield await build_app(config, listeners, authorize=authorize, session=session)
    finally:
        await container.close()


async def measure(
    app: AsyncApp, mock: MockSlack, verdict: bool, requests: int, levels: list[int]
) -> dict[int, Run]:
    runs = {}
    async with (
        serving(app, "127.0.0.1", 0) as url,
        ClientSession(connector=TCPConnector(limit=max(levels))) as client,
    ):
        load = Load(client, url, mock, verdict)
        for concurrency in levels:
            runs[concurrency] = await load.run(requests, concurrency)
        if load.late:  # every late verdict must still reach the user, by response_url
            await mock.wait_for("response_url", count=load.late, timeout=30)
    return runs


def report(real: dict[int, Run], bare: dict[int, Run]) -> None:
    print(
        f"{'concurrency':>11} {'app':<6} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}"
        f" {'errors':>6} {'late':>5}"
    )
    for concurrency in real:
        rows = (("real", real[concurrency]), ("bare", bare[concurrency]))
        for name, run in rows:
            print(
                f"{concurrency:>11} {name:<6} {run.percentile(0.5):>8.2f}"
                f" {run.percentile(0.99):>8.2f} {run.per_second:>8.0f} {run.errors:>6}"
                f" {run.late:>5}"
            )
        r, b = real[concurrency], bare[concurrency]
        print(
            f"{concurrency:>11} {'ratio':<6} {r.percentile(0.5) / b.percentile(0.5):>8.2f}"
            f" {r.percentile(0.99) / b.percentile(0.99):>8.2f}"
            f" {r.per_second / b.per_second:>8.2f}"
        )
    print_first_errors({"real": real, "bare": bare})


async def bench(args: argparse.Namespace) -> None:
    levels = [int(level) for level in args.concurrency.split(",")]
    async with AsyncExitStack() as stack:
        mock = await stack.enter_async_context(mock_slack())
        config = SlackConfig(
            signing_secret=SECRET,
            api_url=mock.api_url,
            process_before_response=args.process_before_response,
        )
        database_url = args.database_url
        if database_url is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            database_url = f"sqlite+aiosqlite:///{folder / 'slack-load.db'}"
        session = await stack.enter_async_context(ClientSession())
        backend = database_url.split(":", 1)[0]
        print(
            f"process_before_response={args.process_before_response}, database {backend},"
            f" {args.requests} requests per run (+{min(WARM_UP, args.requests)} warm-up)"
        )
        async with real_app(config, session, database_url) as app:
            real = await measure(app, mock, True, args.requests, levels)
        bare = await measure(await bare_app(config, session), mock, False, args.requests, levels)
        report(real, bare)
        if mock.of("response_url"):
            print(
                f"late: acked with {WORKING!r} past the {ACK_BUDGET:.0f} s budget; all"
                f" {len(mock.of('response_url'))} verdicts then came by response_url"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="counted requests per run")
    parser.add_argument("--concurrency", default="1,50", help="comma-separated levels")
    parser.add_argument(
        "--process-before-response",
        action="store_true",
        help="Bolt's FaaS mode: the response waits for the whole listener",
    )
    parser.add_argument("--database-url", help="SQLAlchemy async URL (default: temp SQLite)")
    args = parser.parse_args(argv)
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
