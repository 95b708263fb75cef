"""Wiring: settings → database → stores → framework. Every entry point starts here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.settings import Settings
from core.conversation.assistant import Assistant
from core.conversation.services import Services
from core.framework import FrameworkConfig, load_config
from core.storage import Database, ProgramStore
from core.storage.dialogs import DialogStore
from core.storage.messages import MessageLog
from core.storage.migrate import upgrade
from core.visit.dates import load_season

log = logging.getLogger(__name__)


@dataclass
class Container:
    settings: Settings
    database: Database
    programs: ProgramStore
    dialogs: DialogStore
    messages: MessageLog
    framework: FrameworkConfig
    assistant: Assistant

    async def close(self) -> None:
        await self.database.dispose()


async def build(settings: Settings, *, migrate: bool | None = None) -> Container:
    """Build the app's objects. SQLite is migrated on start unless ``migrate`` says otherwise;
    PostgreSQL is migrated by ``secondlook db upgrade`` (a release step), never implicitly.
    """
    framework = load_config(settings.framework.rules_file)
    database = Database(settings.database_url, echo=settings.database.echo)
    try:
        if migrate if migrate is not None else database.is_sqlite:
            await upgrade(database)
    except BaseException:
        await database.dispose()
        raise
    log.info("database ready backend=%s", database.url.get_backend_name())
    programs = ProgramStore(database)
    dialogs = DialogStore(database, ttl=timedelta(hours=settings.app.dialog_ttl_hours))
    messages = MessageLog(database)
    season = load_season(settings.app.season_file)
    assistant = Assistant(Services(programs, dialogs, framework, messages, season))
    return Container(settings, database, programs, dialogs, messages, framework, assistant)
