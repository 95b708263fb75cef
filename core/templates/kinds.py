"""Which emails make sense for a program right now (domain.md §5), and why the others do not.

The program's policy and status decide. Three facts about the program drive every rule:

- *blocked*: the policy is ``not_offered``, or the program already said no (``declined`` or
  status ``declined_by_program``). Asking again is the professionalism test an applicant
  fails, so no request of any kind; a graceful reply and a note of interest instead.
- *visited*: status ``visited``, or a ``visit_date`` before ``today``. Time for a thank-you.
- *arranged*: a visit is on its way (status ``requested``/``scheduled``, an upcoming
  ``visit_date`` or upcoming offered dates). Confirm it rather than ask again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core.models import Policy, Program, Status


class TemplateKind(StrEnum):
    """The emails SecondLook drafts; values match ``core.models.MessageKind``."""

    request = "request"
    confirm = "confirm"
    thank_you = "thank_you"
    decline_reply = "decline_reply"
    interest = "interest"
    virtual_request = "virtual_request"
    resident_note = "resident_note"

    @property
    def label(self) -> str:
        """A short description for menus and messages."""
        return LABELS[self]


LABELS: dict[TemplateKind, str] = {
    TemplateKind.request: "ask for a second look",
    TemplateKind.confirm: "accept and confirm a visit",
    TemplateKind.thank_you: "thank-you after the visit",
    TemplateKind.decline_reply: "reply to a program that does not offer visits",
    TemplateKind.interest: "interest without a visit",
    TemplateKind.virtual_request: "ask for a virtual second look",
    TemplateKind.resident_note: "note to a current resident",
}


class KindNotOffered(ValueError):
    """A draft was asked for that the program's policy or status rules out."""

    def __init__(
        self, kind: TemplateKind, program: str, reason: str, available: list[TemplateKind]
    ) -> None:
        self.kind = kind
        self.program = program
        self.reason = reason
        self.available = available
        choices = ", ".join(available) if available else "none"
        super().__init__(f"No {kind.value} email for {program}: {reason}. Available: {choices}.")


@dataclass(frozen=True)
class Situation:
    """Where the applicant is with one program, as the template rules read it."""

    blocked: str | None  # why the program is closed to requests, or None
    visited: bool
    arranged: bool
    skipped: bool
    discouraged: bool

    @classmethod
    def of(cls, program: Program, today: dt.date | None = None) -> Situation:
        """Read the situation from the program; ``today`` dates past visits and offers."""
        blocked = None
        if program.declined or program.status is Status.declined_by_program:
            blocked = "the program already said no to a visit"
        elif program.policy is Policy.not_offered:
            blocked = "the program does not offer second looks"
        visit = program.visit_date
        past_visit = visit is not None and today is not None and visit < today
        upcoming_visit = visit is not None and not past_visit
        upcoming_offers = any(today is None or day >= today for day in program.offered_dates)
        return cls(
            blocked=blocked,
            visited=program.status is Status.visited or past_visit,
            arranged=program.status in (Status.requested, Status.scheduled)
            or upcoming_visit
            or upcoming_offers,
            skipped=program.status is Status.skipped,
            discouraged=program.policy is Policy.discouraged,
        )


def why_not(kind: TemplateKind, situation: Situation) -> str | None:
    """Why ``kind`` does not fit the situation, or None when it does."""
    if kind is TemplateKind.resident_note:
        return None
    if kind is TemplateKind.thank_you:
        return None if situation.visited else "there is no visit to thank them for yet"
    if situation.visited:
        return "the visit already happened; a thank-you is what fits now"
    if kind is TemplateKind.decline_reply:
        return None if situation.blocked else "the program has not said visits are not offered"
    if kind is TemplateKind.interest:
        if situation.blocked or not situation.arranged:
            return None
        return "a visit is already being arranged"
    if situation.blocked:
        return situation.blocked
    if kind is TemplateKind.confirm:
        if situation.arranged:
            return None
        return "no dates were offered and no visit is requested or scheduled"
    if situation.arranged:
        return "a visit is already being arranged; confirm it instead"
    if kind is TemplateKind.virtual_request:
        return None
    if situation.discouraged:
        return (
            "the program discourages second looks; ask for a virtual one or say you're interested"
        )
    if situation.skipped:
        return "you marked this program as skipped; set it back to considering first"
    return None


def offered_kinds(program: Program, today: dt.date | None = None) -> list[TemplateKind]:
    """The emails that fit this program now, in a fixed order.

    Without ``today`` only the status tells whether a visit happened, and every offered
    date and visit date counts as upcoming.
    """
    situation = Situation.of(program, today)
    return [kind for kind in TemplateKind if why_not(kind, situation) is None]


def ensure_offered(kind: TemplateKind, program: Program, today: dt.date | None = None) -> None:
    """Raise :class:`KindNotOffered` when ``kind`` does not fit the program now."""
    reason = why_not(kind, Situation.of(program, today))
    if reason is not None:
        raise KindNotOffered(kind, program.name, reason, offered_kinds(program, today))
