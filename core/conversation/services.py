"""What the conversation needs from the rest of the core, passed in by the composition root."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from core.framework import FrameworkConfig
from core.storage import ProgramStore
from core.storage.dialogs import DialogStore
from core.storage.groups import GroupStore
from core.storage.messages import MessageLog
from core.storage.reminders import ReminderStore
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
    # Made from the same database as ``programs``, so every caller gets it for free.
    groups: GroupStore = field(init=False)
    reminders: ReminderStore = field(init=False)

    def __post_init__(self) -> None:
        database = self.programs.database
        object.__setattr__(self, "groups", GroupStore(database, self.clock))
        object.__setattr__(self, "reminders", ReminderStore(database, self.clock))

    def today(self) -> dt.date:
        return self.clock().date()
