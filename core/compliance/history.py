"""Across the user's programs: what their message log says about one more message.

The checker reads one message alone; this reads it against what already went out:
"first choice" told to a second program, a second follow-up while the first waits for
an answer, a thank-you long after the visit. :func:`warnings_for` is pure (the log and
the program in, sentences out); :func:`warnings` fetches them for a tenant.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.compliance.lexicon import FIRST_CHOICE, normalise
from core.models import MessageKind, Program, SentMessage, Status
from core.names import name_key

if TYPE_CHECKING:
    from core.identity import Tenant
    from core.storage import ProgramStore
    from core.storage.messages import MessageLog

LATE_THANK_YOU_DAYS = 3

FOLLOW_UP = re.compile(
    r"\b(follow(ing)?[ -]?up|check(ing)? in|circl(e|ing) back|touch(ing)? base"
    r"|any (update|news|word)s?)\b"
)
THANKS = re.compile(r"\bthank(s| you)\b")


@dataclass(frozen=True, slots=True)
class Signals:
    """What a message is, as far as the log cares."""

    first_choice: bool = False
    follow_up: bool = False
    thank_you: bool = False

    @classmethod
    def of_text(cls, text: str) -> Signals:
        """Read from the text. A follow-up that says thanks is a follow-up, not a thank-you."""
        plain = normalise(text)
        follow_up = bool(FOLLOW_UP.search(plain))
        return cls(
            first_choice=bool(FIRST_CHOICE.search(plain)),
            follow_up=follow_up,
            thank_you=not follow_up and bool(THANKS.search(plain)),
        )

    @classmethod
    def of_kind(cls, kind: MessageKind, first_choice: bool = False) -> Signals:
        return cls(
            first_choice=first_choice,
            follow_up=kind is MessageKind.follow_up,
            thank_you=kind is MessageKind.thank_you,
        )

    @property
    def kind(self) -> MessageKind:
        """The kind to log the message as: follow-up, thank-you, else a letter of interest."""
        if self.follow_up:
            return MessageKind.follow_up
        if self.thank_you:
            return MessageKind.thank_you
        return MessageKind.interest


def warnings_for(
    history: Sequence[SentMessage],
    program: Program,
    signals: Signals,
    on: dt.date,
    *,
    sent: bool = False,
) -> list[str]:
    """Warnings for a message to ``program`` going out ``on`` that date, given the log
    before it; ``sent`` when it has gone already (the user is logging it)."""
    key = name_key(program.name)
    here = [message for message in history if name_key(message.program) == key]
    found = []
    if signals.first_choice:
        told: dict[str, SentMessage] = {}
        for message in history:
            if message.first_choice and name_key(message.program) != key:
                told[name_key(message.program)] = message  # oldest first: the latest stays
        for message in told.values():
            found.append(
                f"You told {message.program} it was your first choice on"
                f" {message.sent_on.isoformat()}. Saying it to two programs is dishonest, and"
                ' programs talk: to any other program, say "I will rank you highly".'
            )
    if signals.follow_up:
        waiting = [m for m in here if m.kind is MessageKind.follow_up and not m.answered]
        if waiting:
            last = f"Your follow-up of {waiting[-1].sent_on.isoformat()} to {program.name}"
            found.append(
                f"{last} had no answer yet: this is a second unanswered follow-up. Write nothing"
                f" more until they reply (then type: replied {program.name})."
                if sent
                else f"{last} has no answer yet: this would be a second unanswered follow-up,"
                " and that reads as pressure. Wait for their reply (then type:"
                f" replied {program.name})."
            )
    if signals.thank_you and program.status is Status.visited and program.visit_date:
        days = (on - program.visit_date).days
        thanked = any(m.kind is MessageKind.thank_you for m in here)
        if days > LATE_THANK_YOU_DAYS and not thanked:
            found.append(
                f"This thank-you went {days} days after the visit. Late is still better than"
                " never; no need to apologise for it."
                if sent
                else f"This thank-you comes {days} days after the visit: send it anyway, short,"
                " with no apology paragraph."
            )
    return found


async def warnings(
    log: MessageLog,
    programs: ProgramStore,
    tenant: Tenant,
    program_name: str | None,
    text: str,
    today: dt.date,
) -> list[str]:
    """Warnings for ``text`` about to go to the tenant's program (none when no program is
    named); ProgramNotFound when they do not track it."""
    if program_name is None:
        return []
    program = await programs.get_program(tenant, program_name)
    return warnings_for(await log.history(tenant), program, Signals.of_text(text), today)
