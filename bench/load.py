"""What the load benchmarks share: a closed loop of concurrent workers, and percentiles."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any

WARM_UP = 10  # requests per run not counted: connections, first queries, caches

# One request; ``counted`` False during the warm-up.
Request = Callable[[bool], Awaitable[None]]


def percentile_ms(values: list[float], q: float) -> float:
    """The ``q`` quantile (nearest rank) of ``values`` in seconds, in milliseconds."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000 if ordered else math.nan


async def closed_loop(request: Request, count: int, concurrency: int, counted: bool) -> None:
    """``count`` requests, ``concurrency`` in flight: a worker sends its next request only
    when its last one is answered, as a fixed group of clients would."""
    left = iter(range(count))

    async def worker() -> None:
        for _ in left:
            await request(counted)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def timed_run(request: Request, count: int, concurrency: int) -> float:
    """Warm up uncounted, then run ``count`` counted requests; the counted run's seconds."""
    await closed_loop(request, min(WARM_UP, count), concurrency, counted=False)
    start = time.perf_counter()
    await closed_loop(request, count, concurrency, counted=True)
    return time.perf_counter() - start


def print_first_errors(runs_by_mode: dict[str, dict[int, Any]]) -> None:
    """Each run's first error, if it had one: the first thing to read when a run fails."""
    for name, runs in runs_by_mode.items():
        for concurrency, run in runs.items():
            if run.first_error:
                print(f"first error ({name}, concurrency {concurrency}): {run.first_error}")
