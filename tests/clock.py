"""A clock tests can set and move: the stores take ``clock=`` so time never needs mocking."""

from __future__ import annotations

import datetime as dt


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, delta: dt.timedelta) -> None:
        self.now += delta
