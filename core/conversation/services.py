"""What the conversation needs from the rest of the core, passed in by the composition root."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from core.framework import FrameworkConfig
from core.storage import ProgramStore
from core.storage.dialogs import DialogStore
from core.storage.messages import MessageLog
from core.visit.dates import Season


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Services:
    programs: ProgramStore
    dialogs: DialogStore
    framework: FrameworkConfig
    messages: MessageLog
    season: Season
    clock: Callable[[], dt.datetime] = _utc_now

    def today(self) -> dt.date:
        return self.clock().date()
