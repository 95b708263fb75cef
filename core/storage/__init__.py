"""Storage: SQLAlchemy 2 async over SQLite (embedded default) or PostgreSQL."""

from core.storage.database import Database
from core.storage.dialogs import DialogState, DialogStore
from core.storage.messages import MessageLog
from core.storage.store import ProgramExists, ProgramNotFound, ProgramStore

__all__ = [
    "Database",
    "DialogState",
    "DialogStore",
    "MessageLog",
    "ProgramExists",
    "ProgramNotFound",
    "ProgramStore",
]
