"""`secondlook chat`: the conversation in a terminal, interactive or driven through a pipe.

The terminal is one more platform: the local user is a tenant of its own and the
terminal is one channel, so a dialog left with `quit` or Ctrl-D is waiting next time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from adapters.terminal.render import render, save_files
from core.conversation.assistant import Assistant
from core.conversation.flow import question
from core.conversation.reminding import ReminderLoop
from core.identity import Tenant
from core.incoming import Incoming
from core.replies import Reply

CHANNEL = "terminal"
QUIT_WORDS = {"quit", "exit", "bye", ":q", "q"}
GREETING = (
    "SecondLook: which programs deserve a second look, and how to ask.\n"
    "Type score <program> to weigh one, plan to see them all, help for everything else,"
    " quit to leave."
)
FAREWELL = "Bye. Anything you were answering is kept: run secondlook chat to pick it up."


class TerminalChat:
    def __init__(
        self,
        assistant: Assistant,
        tenant: Tenant,
        files_dir: Path,
        stdin: TextIO,
        stdout: TextIO,
        interactive: bool,
    ) -> None:
        self.assistant = assistant
        self.tenant = tenant
        self.files_dir = files_dir
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive

    def say(self, text: str) -> None:
        self.stdout.write(text.rstrip("\n") + "\n\n")
        self.stdout.flush()

    async def _welcome(self) -> None:
        incoming = Incoming(self.tenant, CHANNEL, direct=True)
        state = await self.assistant.dialogs.active(incoming)
        if state is None:
            self.say(GREETING)
            return
        spec = self.assistant.dialogs.specs[state.kind]
        self.say(render(question(spec, state, "Welcome back. We were in the middle of this:")))

    def _read_line(self) -> str | None:
        if self.interactive:
            try:
                return input("you> ")
            except EOFError:
                return None
        line = self.stdin.readline()
        return None if line == "" else line.rstrip("\n")

    async def run(self, read: Callable[[], str | None] | None = None) -> int:
        read = read or self._read_line
        await self._welcome()
        # Reminders due while the chat is open are printed between turns.
        reminders = ReminderLoop(
            self.assistant.services, self.tenant.platform, self._remind, only=self.tenant
        )
        reminders.start()
        try:
            return await self._converse(read)
        finally:
            await reminders.stop()

    async def _converse(self, read: Callable[[], str | None]) -> int:
        while True:
            line = await asyncio.to_thread(read)
            if line is None or line.strip().lower() in QUIT_WORDS:
                self.say(FAREWELL)
                return 0
            if not line.strip():
                continue
            incoming = Incoming(self.tenant, CHANNEL, text=line, direct=True)
            for reply in await self.assistant.handle(incoming):
                saved = save_files(reply.files, self.files_dir)
                self.say(render(reply, saved))

    async def _remind(self, tenant: Tenant, reply: Reply) -> None:
        self.say(render(reply))
