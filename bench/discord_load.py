"""Latency and throughput of the Discord adapter under ``/secondlook score`` interactions.

    python -m bench.discord_load [--n 300] [--concurrency 1,50] [--database-url URL]

Logs the real client (SecondLook's command tree and listeners, the core, a database) in
against the local fake of Discord's REST API (tests.discord.fake_discord) on 127.0.0.1,
and hands it the INTERACTION_CREATE payloads of ``/secondlook score program:"Bench <i>"
uncertainty:3 importance:3 travel:1`` through discord.py's own gateway parser, each from
a new user scoring a new program, so every interaction writes to the database. Then does
the same against a bare discord.py client whose command tree has one ``/secondlook
score`` that answers "ok" at once, against the same fake, in the same process.

Per interaction: *first response* is the time from the dispatch to the fake receiving
the interaction's callback: the answer itself (type 4), or a defer (type 5) when the core
took longer than the adapter's ack budget; *final answer* is the type 4 answer, or the
follow-up after a defer. An interaction is in flight until its final answer; up to C are
in flight at once. Every final answer must carry the verdict ("ok" for the bare client),
and the fake must refuse nothing: 10062 for a callback after Discord's 3 s, 40060 for a
second one.

The database is a temporary SQLite file unless ``--database-url`` names another (point
it at a throwaway PostgreSQL database: it is migrated and filled with bench programs).
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import math
import random
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
from aiohttp import web
from discord import app_commands

from adapters.discord.client import DiscordConfig, build_client
from adapters.discord.listeners import ACK_BUDGET, DiscordListeners
from bench.load import WARM_UP, closed_loop, percentile_ms, print_first_errors
from bot.container import build
from bot.settings import DatabaseSettings, Settings
from core.conversation.views import VERDICT_TITLES
from core.storage.deliveries import DeliveryLedger
from tests.discord import discord_json
from tests.discord.discord_json import APP_ID, CHANNEL, GUILD
from tests.discord.fake_discord import TOKEN, Call, FakeDiscord, fake_discord

ANSWER_TIMEOUT = 30.0  # seconds an interaction may take to get its final answer
USERS = 810000000000000000  # bench users' ids start here (plus a random offset per run)
ANSWERED, DEFERRED = 4, 5  # interaction callback types


@dataclass
class Exchange:
    """One interaction: when it was dispatched and when its answers reached the fake."""

    dispatched: float
    first: float | None = None  # the callback
    kind: int = 0  # the callback's type
    final: float | None = None  # the answer: the type 4 callback, or the first follow-up
    text: str = ""  # what the answer shows
    done: asyncio.Event = field(default_factory=asyncio.Event)


class BenchDiscord(FakeDiscord):
    """The fake, noting when each watched interaction's callback and follow-up arrive."""

    def __init__(self) -> None:
        super().__init__()
        self.watched: dict[str, Exchange] = {}  # by interaction token

    async def _record(self, request: web.Request) -> Call:
        arrived = time.perf_counter()  # the request's headers are in; its body is next
        call = await super()._record(request)
        # /interactions/{id}/{token}/callback, /webhooks/{app}/{token}[/messages/{id}]
        route, _, token, *_ = [*call.path.strip("/").split("/"), "", "", ""]
        exchange = self.watched.get(token)
        if exchange is None:
            return call
        if route == "interactions" and exchange.first is None:
            exchange.first, exchange.kind = arrived, int(call.body.get("type") or 0)
            if exchange.kind != DEFERRED:
                self._answered(exchange, arrived, call)
        elif route == "webhooks" and exchange.final is None:
            self._answered(exchange, arrived, call)
        return call

    @staticmethod
    def _answered(exchange: Exchange, at: float, call: Call) -> None:
        exchange.final, exchange.text = at, call.text
        exchange.done.set()


@dataclass
class Run:
    first: list[float] = field(default_factory=list)  # seconds, one per counted interaction
    final: list[float] = field(default_factory=list)
    deferred: int = 0
    refused: int = 0  # callbacks the fake refused (10062, 40060, …)
    errors: int = 0  # no final answer in time, or one without the expected text
    first_error: str = ""
    seconds: float = 0.0

    percentile = staticmethod(percentile_ms)

    @property
    def per_second(self) -> float:
        return len(self.first) / self.seconds if self.seconds else math.nan


def score_data(program: str) -> dict[str, Any]:
    """The data of ``/secondlook score program:<program> uncertainty:3 importance:3 travel:1``."""
    options = [
        {"name": "program", "type": 3, "value": program},
        {"name": "uncertainty", "type": 4, "value": 3},
        {"name": "importance", "type": 4, "value": 3},
        {"name": "travel", "type": 4, "value": 1},
    ]
    return {
        "id": str(APP_ID + 1),
        "name": "secondlook",
        "type": 1,
        "options": [{"name": "score", "type": 1, "options": options}],
    }


def verdict_for(program: str, text: str) -> bool:
    return f"{program}: " in text and any(title in text for title in VERDICT_TITLES.values())


def says_ok(program: str, text: str) -> bool:
    return text == "ok"


class Load:
    """Dispatches ``/secondlook score`` as a new user and a new program each time."""

    def __init__(
        self, client: discord.Client, fake: BenchDiscord, expected: Callable[[str, str], bool]
    ) -> None:
        self.client, self.fake, self.expected = client, fake, expected
        self.ids = itertools.count()
        # New users on every run, so a rerun on the same database still inserts.
        self.users = USERS + random.randrange(10**8) * 10**4

    async def one(self, run: Run, counted: bool) -> None:
        n = next(self.ids)
        program = f"Bench {n}"
        user = discord_json.user(self.users + n, f"bench{n}")
        payload = discord_json.interaction(
            2, score_data(program), user, channel_id=CHANNEL, guild_id=GUILD
        )
        exchange = Exchange(dispatched=time.perf_counter())
        self.fake.watched[payload["token"]] = exchange
        self.client._connection.parse_interaction_create(payload)  # as the gateway would
        try:
            await asyncio.wait_for(exchange.done.wait(), ANSWER_TIMEOUT)
        except TimeoutError:
            pass
        finally:
            del self.fake.watched[payload["token"]]
        if counted:
            self.count(run, exchange, program)

    def count(self, run: Run, exchange: Exchange, program: str) -> None:
        problem = ""
        if exchange.first is None or exchange.final is None:
            problem = f"no answer within {ANSWER_TIMEOUT:.0f} s (callback type {exchange.kind})"
        elif exchange.kind not in (ANSWERED, DEFERRED):
            problem = f"callback of type {exchange.kind}"
        elif not self.expected(program, exchange.text):
            problem = f"unexpected answer: {exchange.text[:120]!r}"
        if exchange.first is not None:
            run.first.append(exchange.first - exchange.dispatched)
            run.deferred += exchange.kind == DEFERRED
        if exchange.final is not None:
            run.final.append(exchange.final - exchange.dispatched)
        run.errors += bool(problem)
        run.first_error = run.first_error or problem

    async def run(self, interactions: int, concurrency: int) -> Run:
        run = Run()
        await closed_loop(
            lambda counted: self.one(run, counted), min(WARM_UP, interactions), concurrency, False
        )
        refused = len(self.fake.refused)
        start = time.perf_counter()
        await closed_loop(lambda counted: self.one(run, counted), interactions, concurrency, True)
        run.seconds = time.perf_counter() - start
        run.refused = len(self.fake.refused) - refused
        return run


@contextmanager
def discord_api_at(url: str) -> Iterator[None]:
    """Point discord.py's REST and webhook routes at ``url`` for the block."""
    saved = discord.http.Route.BASE
    discord.http.Route.BASE = url
    try:
        yield
    finally:
        discord.http.Route.BASE = saved


@asynccontextmanager
async def logged_in(client: discord.Client) -> AsyncIterator[discord.Client]:
    """Logged in against the fake (setup hook run); no gateway: the bench dispatches."""
    await client.login(TOKEN)
    try:
        yield client
    finally:
        await client.close()


def bare_client() -> discord.Client:
    client = discord.Client(intents=discord.Intents.none())
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)
    group = app_commands.Group(name="secondlook", description="Bare")

    @group.command(description="Answers at once")
    async def score(
        interaction: discord.Interaction,
        program: str,
        uncertainty: int,
        importance: int,
        travel: int,
    ) -> None:
        await interaction.response.send_message("ok", ephemeral=True)

    tree.add_command(group)
    return client


@asynccontextmanager
async def real_client(database_url: str) -> AsyncIterator[discord.Client]:
    container = await build(Settings(database=DatabaseSettings(url=database_url)), migrate=True)
    try:
        listeners = DiscordListeners(container.assistant, DeliveryLedger(container.database))
        async with logged_in(build_client(listeners, DiscordConfig(sync_commands=False))) as c:
            yield c
    finally:
        await container.close()


async def measure(
    client: discord.Client,
    fake: BenchDiscord,
    expected: Callable[[str, str], bool],
    interactions: int,
    levels: list[int],
) -> dict[int, Run]:
    load = Load(client, fake, expected)
    return {level: await load.run(interactions, level) for level in levels}


COLUMNS = ("first p50", "first p99", "first max", "final p50", "final p99")


def times(run: Run) -> list[float]:
    """The run's times in ms, one per column of :data:`COLUMNS`."""
    first = [run.percentile(run.first, q) for q in (0.5, 0.99, 1.0)]
    return first + [run.percentile(run.final, q) for q in (0.5, 0.99)]


def report(real: dict[int, Run], bare: dict[int, Run]) -> None:
    print(
        f"{'mode':<6} {'conc':>4} "
        + " ".join(f"{column:>9}" for column in COLUMNS)
        + f" {'int/s':>7} {'deferred':>8} {'refused':>7} {'errors':>6}"
    )
    for concurrency in real:
        r, b = real[concurrency], bare[concurrency]
        for name, run in (("real", r), ("bare", b)):
            print(
                f"{name:<6} {concurrency:>4} "
                + " ".join(f"{ms:>9.2f}" for ms in times(run))
                + f" {run.per_second:>7.1f} {run.deferred:>8} {run.refused:>7} {run.errors:>6}"
            )
        ratios = [x / y for x, y in zip(times(r), times(b), strict=True)]
        print(
            f"{'ratio':<6} {concurrency:>4} "
            + " ".join(f"{ratio:>9.2f}" for ratio in ratios)
            + f" {r.per_second / b.per_second:>7.2f}"
        )
    print_first_errors({"real": real, "bare": bare})


async def bench(args: argparse.Namespace) -> None:
    levels = [int(level) for level in args.concurrency.split(",")]
    async with AsyncExitStack() as stack:
        fake = await stack.enter_async_context(fake_discord(BenchDiscord))
        stack.enter_context(discord_api_at(fake.api_url))
        database_url = args.database_url
        if database_url is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            database_url = f"sqlite+aiosqlite:///{folder / 'discord-load.db'}"
        backend = database_url.split(":", 1)[0]
        print(
            f"database {backend}, {args.n} interactions per run"
            f" (+{min(WARM_UP, args.n)} warm-up), ack budget {ACK_BUDGET:.1f} s;"
            " times in ms from dispatch to the fake"
        )
        async with real_client(database_url) as client:
            real = await measure(client, fake, verdict_for, args.n, levels)
        async with logged_in(bare_client()) as client:
            bare = await measure(client, fake, says_ok, args.n, levels)
        report(real, bare)
        if fake.refused:
            codes = sorted({code for _, code in fake.refused})
            print(f"refused by the fake: {len(fake.refused)} (codes {codes})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="counted interactions per run")
    parser.add_argument("--concurrency", default="1,50", help="comma-separated levels")
    parser.add_argument("--database-url", help="SQLAlchemy async URL (default: temp SQLite)")
    args = parser.parse_args(argv)
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
