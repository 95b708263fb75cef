"""`share`: the one reply meant for everyone in a channel, so it carries no private judgement.

Only visits (asked for, set, or made) with their city and date are shown, sorted by date
and then by name, so the order never hints at the user's rank list. Scores, verdicts,
reasons, notes and debriefs stay private.
"""

from __future__ import annotations

import datetime as dt

from core.incoming import Incoming
from core.models import Program, Status
from core.replies import Reply, Section

SHARED_STATUSES = (Status.requested, Status.scheduled, Status.visited)
STATUS_WORDS = {
    Status.requested: "asked for a visit",
    Status.scheduled: "visit set",
    Status.visited: "visited",
}


def _line(program: Program) -> str:
    place = ", ".join(x for x in (program.city, program.state) if x)
    when = program.visit_date.strftime("%a %d %b") if program.visit_date else None
    details = "; ".join(x for x in (place, when, STATUS_WORDS[program.status]) if x)
    return f"• {program.name} ({details})"


def _order(program: Program) -> tuple[dt.date, str]:
    return program.visit_date or dt.date.max, program.name.lower()


def share_reply(incoming: Incoming, programs: list[Program], who: str) -> Reply:
    if incoming.direct:
        return Reply(
            text="share posts your visit plan to a channel for the people in it. Run it in that"
            " channel: /secondlook share. Here, everything stays between us."
        )
    visits = sorted((p for p in programs if p.status in SHARED_STATUSES), key=_order)
    if not visits:
        return Reply(
            text="Nothing to share yet: share shows visits you have asked for, set or made."
            " Record one with: status <program> requested (or scheduled, visited)."
        )
    return Reply(
        text=f"{who}'s second-look visits ({len(visits)}), shared on request. Scores and"
        " rankings stay private.",
        sections=[Section(text="\n".join(_line(p) for p in visits))],
        ephemeral=False,
    )
