"""Render one email draft from a program and the applicant's profile (domain.md §5).

Each kind is a Jinja2 file in ``files/`` with a ``subject`` and a ``body`` block. What the
data cannot fill is left as a bracketed placeholder ("[your name]") that the draft lists,
so the user knows what to complete before sending.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from core.models import ApplicantProfile, ContactRole, Program, Status, Visa
from core.templates.kinds import Situation, TemplateKind, ensure_offered
from core.visit.dates import is_workday

FILES = Path(__file__).parent / "files"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

YOUR_NAME = "your name"
VISIT_DETAIL = "a detail from your visit"
VISIT_DATE = "the date of your visit"
RESIDENT_NAME = "the resident's name"


@dataclass(frozen=True)
class Draft:
    """One email, ready to edit.

    ``placeholders`` are the bracketed gaps left in the text, in order of appearance;
    ``missing`` names what the user should add: the contact's name when the greeting fell
    back to a title, then what each placeholder stands for.
    """

    kind: TemplateKind
    subject: str
    body: str
    missing: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Subject and body as one message, as the user would paste it."""
        return f"Subject: {self.subject}\n\n{self.body}"

    @property
    def complete(self) -> bool:
        """Nothing left to fill in."""
        return not self.missing


def month_day(day: dt.date) -> str:
    """ "January 14": locale-independent."""
    return f"{MONTHS[day.month - 1]} {day.day}"


def weekday_month_day(day: dt.date) -> str:
    """ "Tuesday, February 10": how a visit day is written."""
    return f"{WEEKDAYS[day.weekday()]}, {month_day(day)}"


@cache
def environment() -> Environment:
    """The Jinja2 environment for plain-text emails (built once, read-only after)."""
    return Environment(
        loader=FileSystemLoader(FILES),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


class _Gaps:
    """Hands out a value, or a placeholder for it when the value is unknown."""

    def __init__(self) -> None:
        self.used: list[str] = []

    def fill(self, value: str | None, name: str) -> str:
        if value:
            return value
        placeholder = f"[{name}]"
        self.used.append(placeholder)
        return placeholder


def render(
    kind: TemplateKind | str, program: Program, profile: ApplicantProfile, today: dt.date
) -> Draft:
    """Draft one email of ``kind`` to ``program``; raises KindNotOffered when it doesn't fit."""
    kind = TemplateKind(kind)
    ensure_offered(kind, program, today)
    gaps = _Gaps()
    greeting, greeting_gap = _greeting(kind, program, gaps)
    context = _context(kind, program, profile, today, gaps)
    template = environment().get_template(f"{kind.value}.j2")
    variables = template.new_context({**context, "greeting": greeting})
    subject = " ".join("".join(template.blocks["subject"](variables)).split())
    body = _tidy("".join(template.blocks["body"](variables)))
    text = f"{subject}\n{body}"
    placeholders = sorted(
        {gap for gap in gaps.used if gap in text}, key=lambda gap: text.index(gap)
    )
    missing = [greeting_gap] if greeting_gap else []
    missing += [gap[1:-1] for gap in placeholders if gap[1:-1] not in missing]
    return Draft(kind, subject, body, missing, placeholders)


def _greeting(kind: TemplateKind, program: Program, gaps: _Gaps) -> tuple[str, str | None]:
    """The salutation, and the name the user may want to add when it fell back to a title."""
    if kind is TemplateKind.resident_note:
        name = program.contact_name if program.contact_role is ContactRole.resident else None
        return f"Dear {gaps.fill(name, RESIDENT_NAME)},", None
    if program.contact_name:
        return f"Dear {program.contact_name},", None
    if program.contact_role is ContactRole.director:
        return "Dear Program Director,", "the program director's name"
    return "Dear Program Coordinator,", "the coordinator's name"


def _context(
    kind: TemplateKind,
    program: Program,
    profile: ApplicantProfile,
    today: dt.date,
    gaps: _Gaps,
) -> dict[str, Any]:
    """Everything a template may use; every key is always present (StrictUndefined)."""
    arrival = profile.arrival_date if not profile.in_us else None
    usable = sorted(
        {
            day
            for day in program.offered_dates
            if day >= today and (arrival is None or day >= arrival) and is_workday(day)
        }
    )
    visit_date = program.visit_date
    if kind is TemplateKind.confirm and visit_date is None and usable:
        visit_date, usable = usable[0], usable[1:]
    visit_text = weekday_month_day(visit_date) if visit_date else None
    if kind is TemplateKind.confirm:
        visit_text = gaps.fill(visit_text, VISIT_DATE)
    detail = None
    if kind is TemplateKind.thank_you:
        detail = gaps.fill(_clause(program.visit_detail), VISIT_DETAIL)
    return {
        "sender": gaps.fill(profile.name, YOUR_NAME),
        "program": program.name,
        "specialty": program.specialty,
        "specialty_phrase": _unless_named(program.specialty, program.name),
        "city": program.city,
        "interview_date": month_day(program.interview_date) if program.interview_date else None,
        "visit_date": visit_text,
        "scheduled": program.visit_date is not None,
        "alternative": weekday_month_day(usable[0]) if usable else None,
        "detail": detail,
        "img": profile.img,
        "abroad": not profile.in_us,
        "visa_needed": not profile.in_us and profile.visa not in (None, Visa.none),
        "arrival": month_day(arrival) if arrival and arrival >= today else None,
        "blocked": Situation.of(program, today).blocked is not None,
        "asked": program.declined or program.status is Status.declined_by_program,
    }


def _clause(text: str | None) -> str | None:
    """User text set inside a sentence: no closing full stop, and "Morning report" in lower
    case (a capitalised first word with no period or apostrophe, so not "Dr." or "Kim's")."""
    text = (text or "").strip().rstrip(".!?;, ")
    first = text.split(" ", 1)[0]
    if first.isalpha() and first.istitle() and len(first) > 1:
        text = text[0].lower() + text[1:]
    return text or None


def _unless_named(specialty: str | None, name: str) -> str | None:
    """The specialty for the body, unless the program's name already says it."""
    if specialty and specialty.casefold() not in name.casefold():
        return specialty
    return None


_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, no doubled spaces."""
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines))
