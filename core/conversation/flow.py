"""The dialog engine: one question at a time, state in the database, back / skip / cancel.

A dialog is a list of :class:`Step` and a ``finish`` coroutine. The engine keeps the
answers in :class:`DialogState` (a database row keyed by platform, workspace, channel
and user), so a restarted process asks exactly the question it would have asked.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.conversation.answers import Option, Reask, pick, pick_many
from core.incoming import Incoming
from core.replies import Choice, ChoiceMode, Reply
from core.storage.dialogs import DialogState, DialogStore

log = logging.getLogger(__name__)

BACK_WORDS = {"back", "go back", "previous", "undo"}
SKIP_WORDS = {"skip", "pass", "don't know", "dont know", "idk"}
CANCEL_WORDS = {"cancel", "stop", "abort", "never mind", "nevermind"}
ACTION_PREFIX = "dlg"

Data = dict[str, Any]


@dataclass(frozen=True)
class Step:
    """One question. ``read`` turns the answer text into values merged into the dialog data."""

    key: str
    prompt: Callable[[Data], str]
    read: Callable[[Incoming, str, Data], Data | Awaitable[Data]]
    options: Callable[[Data], Sequence[Option]] = lambda data: ()
    multi: bool = False
    can_skip: bool = True
    applies: Callable[[Data], bool] = lambda data: True
    skip_note: str = "Skipped."


Finish = Callable[[Incoming, Data], Awaitable[list[Reply]]]


@dataclass(frozen=True)
class DialogSpec:
    kind: str
    steps: tuple[Step, ...]
    finish: Finish
    cancelled: str = "Cancelled. Nothing was saved."
    title: Callable[[Data], str] = field(default=lambda data: "")

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def next_after(self, key: str | None, data: Data) -> Step | None:
        keys = [step.key for step in self.steps]
        start = keys.index(key) + 1 if key is not None else 0
        for step in self.steps[start:]:
            if step.applies(data):
                return step
        return None


def action_id(state: DialogState, value: str) -> str:
    return f"{ACTION_PREFIX}:{state.token}:{state.step}:{value}"[:100]


def parse_action(action: str) -> tuple[str, str, str] | None:
    parts = action.split(":", 3)
    if len(parts) != 4 or parts[0] != ACTION_PREFIX:
        return None
    return parts[1], parts[2], parts[3]


def question(spec: DialogSpec, state: DialogState, note: str | None = None) -> Reply:
    """The current step as a Reply: the prompt, its choices, how to move around."""
    step = spec.step(state.step)
    options = list(step.options(state.data))
    controls = "back" if state.history else ""
    if step.can_skip:
        controls = ", ".join(filter(None, [controls, "skip"]))
    controls = ", ".join(filter(None, [controls, "cancel"]))
    lines = [line for line in (note, step.prompt(state.data)) if line]
    if options and step.multi:
        lines.append("Pick any (e.g. 1, 3), or none.")
    lines.append(f"(You can also type: {controls}.)")
    choices = [
        Choice(id=action_id(state, option.value), label=option.label, shortcut=option.shortcut)
        for option in options
    ]
    mode = (
        ChoiceMode.multi_select
        if step.multi
        else (ChoiceMode.select if len(options) > 5 else ChoiceMode.buttons)
    )
    return Reply(text="\n".join(lines), choices=choices, choice_mode=mode, asks_text=not options)


class DialogEngine:
    """Runs every kind of dialog; which kinds exist is decided by whoever registers them."""

    def __init__(self, store: DialogStore, specs: Sequence[DialogSpec]) -> None:
        self.store = store
        self.specs = {spec.kind: spec for spec in specs}

    async def active(self, incoming: Incoming) -> DialogState | None:
        state = await self.store.load(incoming.tenant, incoming.channel)
        if state is not None and state.kind not in self.specs:
            await self.store.clear(incoming.tenant, incoming.channel)
            return None
        return state

    async def start(
        self, incoming: Incoming, kind: str, data: Data | None = None, note: str | None = None
    ) -> list[Reply]:
        spec = self.specs[kind]
        data = dict(data or {})
        first = spec.next_after(None, data)
        if first is None:
            return await spec.finish(incoming, data)
        state = DialogState.start(kind, first.key, data)
        await self.store.save(incoming.tenant, incoming.channel, state)
        log.info("dialog started kind=%s step=%s", kind, first.key)
        return [question(spec, state, note)]

    def picks_a_choice(self, state: DialogState, text: str) -> bool:
        """Whether ``text`` names one of the current question's choices ("show interest")."""
        step = self.specs[state.kind].step(state.step)
        options = list(step.options(state.data))
        if not options:
            return False
        try:
            (pick_many if step.multi else pick)(text, options)
        except Reask:
            return False
        return True

    async def cancel(self, incoming: Incoming, state: DialogState) -> list[Reply]:
        await self.store.clear(incoming.tenant, incoming.channel)
        return [Reply(text=self.specs[state.kind].cancelled)]

    async def repeat(self, incoming: Incoming, state: DialogState, note: str) -> list[Reply]:
        return [question(self.specs[state.kind], state, note)]

    async def answer(self, incoming: Incoming, state: DialogState, text: str) -> list[Reply]:
        """Apply one answer (typed, or a button's value) to the open dialog."""
        spec = self.specs[state.kind]
        step = spec.step(state.step)
        word = " ".join(text.lower().split()).strip(" .!")
        if word in CANCEL_WORDS:
            return await self.cancel(incoming, state)
        if word in BACK_WORDS:
            return await self._back(incoming, spec, state)
        if word in SKIP_WORDS:
            if not step.can_skip:
                return [question(spec, state, "This one can't be skipped.")]
            return await self._advance(incoming, spec, state, {}, step.skip_note)
        try:
            values = step.read(incoming, text, state.data)
            if inspect.isawaitable(values):
                values = await values
        except Reask as problem:
            return [question(spec, state, str(problem))]
        return await self._advance(incoming, spec, state, values, None)

    async def _back(self, incoming: Incoming, spec: DialogSpec, state: DialogState) -> list[Reply]:
        if not state.history:
            return [
                question(spec, state, "This is the first question; there is nothing before it.")
            ]
        state.step = state.history.pop()
        await self.store.save(incoming.tenant, incoming.channel, state)
        return [question(spec, state, "Going back.")]

    async def _advance(
        self,
        incoming: Incoming,
        spec: DialogSpec,
        state: DialogState,
        values: Data,
        note: str | None,
    ) -> list[Reply]:
        state.data.update(values)
        following = spec.next_after(state.step, state.data)
        if following is None:
            # Finish first: if it fails, the dialog is still there to answer again.
            replies = await spec.finish(incoming, state.data)
            await self.store.clear(incoming.tenant, incoming.channel)
            log.info("dialog finished kind=%s", state.kind)
            return replies
        state.history.append(state.step)
        state.step = following.key
        await self.store.save(incoming.tenant, incoming.channel, state)
        return [question(spec, state, note)]
