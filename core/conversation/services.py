"""What the conversation needs from the rest of the core, passed in by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from core.framework import FrameworkConfig
from core.storage import ProgramStore
from core.storage.dialogs import DialogStore


@dataclass(frozen=True)
class Services:
    programs: ProgramStore
    dialogs: DialogStore
    framework: FrameworkConfig
