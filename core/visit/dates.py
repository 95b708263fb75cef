"""The Match season (config/season.toml) and the visit dates a second-look request proposes.

domain.md §3: visits fall after interviews end and before the rank-list certification
deadline, on weekdays when residents are on normal rotations (Tuesday to Thursday
preferred), away from federal holidays. Everything here is pure and deterministic: the
caller passes ``today``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated

import holidays
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

import config
from core.models import ApplicantProfile, Program
from core.validation import InputProblem, describe_errors, read_toml

log = logging.getLogger(__name__)

DEFAULT_SEASON_FILE = config.path("season.toml")

# Monday is 0: Tuesday to Thursday, when residents are on their normal rotations.
PREFERRED_WEEKDAYS = frozenset({1, 2, 3})
# Spacing tried in order, widest first; 8 days walks Tue → Wed → Thu across the weeks.
GAPS = (8, 7, 6, 5, 4, 3, 2)
HOLIDAY_SOURCE = "US federal holidays: the python-holidays package (holidays.US)"
HOLIDAY_NAMES = {"Washington's Birthday": "Presidents' Day"}

Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SeasonDate(_Section):
    """One dated entry of the season file, with where the date comes from."""

    date: dt.date
    source: Source
    time: str | None = None


class MatchCalendar(_Section):
    """``[match]``: the NRMP dates of the season."""

    name: Source
    verified: bool = False
    rol_opens: SeasonDate
    certification_deadline: SeasonDate
    match_day: SeasonDate


class VisitWindow(_Section):
    """``[visits]``: when second looks happen and how a request proposes dates."""

    window_start: SeasonDate
    window_end: SeasonDate
    proposals: int = Field(3, ge=2, le=3)
    lead_days: int = Field(7, ge=0, le=60)


class Season(_Section):
    """The whole season file; dates must come in the order the season runs."""

    match: MatchCalendar
    visits: VisitWindow

    @model_validator(mode="after")
    def _in_order(self) -> Season:
        order = [
            ("visits.window_start", self.visits.window_start.date),
            ("visits.window_end", self.visits.window_end.date),
            ("match.certification_deadline", self.match.certification_deadline.date),
            ("match.match_day", self.match.match_day.date),
        ]
        problems = [
            f"{first} ({early}) must come before {second} ({late})"
            for (first, early), (second, late) in itertools.pairwise(order)
            if early > late or (early == late and first != "visits.window_start")
        ]
        if self.match.rol_opens.date >= self.match.certification_deadline.date:
            problems.append(
                f"match.rol_opens ({self.match.rol_opens.date}) must come before"
                f" match.certification_deadline ({self.match.certification_deadline.date})"
            )
        if problems:
            raise PydanticCustomError("season_order", "; ".join(problems))
        return self

    @property
    def window_start(self) -> dt.date:
        return self.visits.window_start.date

    @property
    def window_end(self) -> dt.date:
        return self.visits.window_end.date

    @property
    def window_sources(self) -> list[str]:
        return _unique([self.visits.window_start.source, self.visits.window_end.source])


KNOWN_SEASON_FIELDS = (
    *Season.model_fields,
    *MatchCalendar.model_fields,
    *VisitWindow.model_fields,
    *SeasonDate.model_fields,
)


def load_season(path: Path | str | None = None) -> Season:
    """Read ``path`` (SECONDLOOK_SEASON_FILE, via bot.settings), else config/season.toml.

    A missing or broken file is an :class:`InputProblem` naming the file and the key.
    """
    source = Path(path or DEFAULT_SEASON_FILE)
    data = read_toml(source, "season file")
    try:
        return Season.model_validate(data)
    except ValidationError as error:
        # The order check runs only once every field is valid, so it never mixes with them.
        problems = [item["msg"] for item in error.errors() if not item["loc"]]
        problems = problems or describe_errors(error, data, known=KNOWN_SEASON_FIELDS)
        raise InputProblem([f"season file {source}: {problem}" for problem in problems]) from None


class DateProposal(BaseModel):
    """Dates to propose to a program, why these, and where the window comes from.

    ``problem`` is a sentence when no date fits; ``dates`` is then empty.
    """

    dates: list[dt.date] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    problem: str | None = None


def propose_dates(
    season: Season,
    profile: ApplicantProfile,
    program: Program,
    today: dt.date,
    count: int | None = None,
) -> DateProposal:
    """Two or three spread-out weekdays in the visit window, the program's offers first."""
    wanted = season.visits.proposals if count is None else count
    if not 2 <= wanted <= 3:
        raise ValueError(f"count must be 2 or 3, got {wanted}")
    rules = _Rules(season, profile, program, today)
    candidates = [day for day in _days(rules.earliest, rules.end) if rules.why_not(day) is None]
    sources = season.window_sources
    if not candidates:
        problem, explained = rules.problem()
        notes = [] if explained else rules.context_notes()
        return DateProposal(notes=notes, sources=sources, problem=problem)

    notes: list[str] = []
    offered = sorted(set(program.offered_dates))
    usable_offered = [day for day in offered if rules.why_not(day) is None]
    for day in offered:
        why = rules.why_not(day)
        if why is not None:
            notes.append(f"Skips the offered {_day(day)}: {why}.")

    chosen = _pick(usable_offered, [], wanted)
    if chosen:
        what = "the date" if len(chosen) == 1 else "the dates"
        notes.append(f"{_days_text(chosen)}: {what} the program offered.")
        spare = [day for day in usable_offered if day not in chosen]
        if spare:
            notes.append(f"The program also offered {_days_text(spare)}; any of those works too.")
    elif offered:
        if len(offered) == 1:
            notes.append("The date the program offered does not fit, so these are suggestions.")
        else:
            notes.append("None of the dates the program offered fits, so these are suggestions.")

    suggested: list[dt.date] = []
    if len(chosen) < wanted:
        rest = [day for day in candidates if day not in chosen]
        spread = _pick(rest, chosen, wanted)
        suggested = [day for day in spread if day not in chosen]
        chosen = spread
    if suggested:
        notes.append(_suggested_note(suggested, offered=bool(usable_offered)))

    notes.extend(rules.context_notes())
    notes.extend(rules.holiday_notes())
    if any("federal holiday" in note for note in notes):
        sources = [*sources, HOLIDAY_SOURCE]
    pairs = itertools.pairwise(chosen)
    if any((b - a).days < 2 and {a, b} & set(suggested) for a, b in pairs):
        notes.append("The usable window is short, so the two dates are on consecutive days.")
    if len(chosen) < wanted:
        verb = "fits" if len(chosen) == 1 else "fit"
        found = _count(len(chosen), "spaced-out date")
        notes.append(f"Only {found} {verb} between {_day(rules.earliest)} and {_day(rules.end)}.")
    log.debug("proposed %d dates (%d offered usable)", len(chosen), len(usable_offered))
    return DateProposal(dates=chosen, notes=notes, sources=sources)


def is_workday(day: dt.date) -> bool:
    """A weekday that is not a US federal holiday: a day residents work a usual routine."""
    return day.weekday() < 5 and day not in holidays.country_holidays("US", years=day.year)


class _Rules:
    """The filters every proposed date passes, and the sentences that explain them."""

    def __init__(
        self,
        season: Season,
        profile: ApplicantProfile,
        program: Program,
        today: dt.date,
    ) -> None:
        self.season = season
        self.program = program
        self.today = today
        self.start = season.window_start
        self.end = season.window_end
        self.lead = season.visits.lead_days
        self.soonest = today + dt.timedelta(days=self.lead)
        self.abroad = not profile.in_us
        self.arrival = profile.arrival_date if self.abroad else None
        self.earliest = max(self.start, self.soonest, self.arrival or self.start)
        years = {self.start.year, self.end.year, *(d.year for d in program.offered_dates)}
        self.holidays = holidays.country_holidays("US", years=sorted(years))

    def holiday_name(self, day: dt.date) -> str | None:
        names = self.holidays.get_list(day)
        if not names:
            return None
        shown = []
        for name in names:
            for original, common in HOLIDAY_NAMES.items():
                name = name.replace(original, common)
            shown.append(name)
        return "; ".join(shown)

    def why_not(self, day: dt.date) -> str | None:
        """Why ``day`` cannot be proposed, or None when it can."""
        if day < self.today:
            return "already past"
        if not self.start <= day <= self.end:
            return f"outside the second-look window ({_day(self.start)} to {_day(self.end)})"
        if self.arrival and day < self.arrival:
            return f"before your arrival in the US on {_day(self.arrival)}"
        if day < self.soonest:
            return (
                f"too soon, the program needs about {self.lead} days to answer"
                f" (first usable day {_day(self.soonest)})"
            )
        if day.weekday() >= 5:
            return "a weekend"
        holiday = self.holiday_name(day)
        if holiday:
            return f"{holiday}, a federal holiday"
        if day == self.program.interview_date:
            return "your interview day there"
        return None

    def context_notes(self) -> list[str]:
        """Arrival and lead time, when they move the first possible date."""
        notes = []
        if self.arrival:
            notes.append(f"Nothing before your arrival in the US on {_day(self.arrival)}.")
        elif self.abroad:
            notes.append(
                "You are abroad and gave no arrival date: add one (arrival_date) so no"
                " proposed date falls before you land."
            )
        if self.soonest > self.start and self.earliest == self.soonest:
            notes.append(
                f"Nothing before {_day(self.soonest)}: the program needs about"
                f" {self.lead} days to answer a request."
            )
        interview = self.program.interview_date
        if interview and self.earliest <= interview <= self.end and interview.weekday() < 5:
            notes.append(f"Avoids {_day(interview)}, your interview day at {self.program.name}.")
        return notes

    def holiday_notes(self) -> list[str]:
        """Weekday federal holidays in the usable range, which no proposal lands on."""
        return [
            f"Skips {self.holiday_name(day)} ({_day(day)}), a federal holiday."
            for day in _days(self.earliest, self.end)
            if day.weekday() < 5 and day in self.holidays
        ]

    def problem(self) -> tuple[str, bool]:
        """The sentence for an empty proposal, and whether it already says everything."""
        window = f"between {_day(self.start)} and {_day(self.end)}"
        deadline = self.season.match.certification_deadline.date
        name = self.season.match.name
        if self.end < self.today:
            text = (
                f"The second-look window of the {name} ended on {_day(self.end)}: visits fit"
                f" {window}, before the rank-list certification deadline ({_day(deadline)})."
                " There is no date left to propose; if a question is still open, ask the"
                " program for a call or a virtual visit instead."
            )
            return text, True
        if self.arrival and self.arrival > self.end:
            text = (
                f"You arrive in the US on {_day(self.arrival)}, after the second-look window"
                f" ends ({_day(self.end)}): visits need to happen {window}. Ask the program"
                " about a virtual visit, or plan to arrive earlier."
            )
            return text, True
        if self.soonest > self.end:
            text = (
                f"With about {self.lead} days for the program to answer, the earliest date"
                f" would be {_day(self.soonest)}, after the second-look window ends"
                f" ({_day(self.end)}). Ask the program directly whether a short-notice or"
                " virtual visit is possible."
            )
            return text, True
        text = (
            f"No weekday {window} is free from {_day(self.earliest)} on: each is a"
            " weekend, a federal holiday or your interview day. Expected at least one"
            " Monday-to-Friday date in the second-look window."
        )
        return text, False


def _pick(candidates: Sequence[dt.date], fixed: list[dt.date], wanted: int) -> list[dt.date]:
    """Up to ``wanted`` dates (``fixed`` included), Tuesday-Thursday and widely spaced first.

    Tries the preferred weekdays at each spacing, then any weekday; the first try that
    reaches ``wanted`` wins, else the one with the most dates. Dates are never on
    consecutive days unless that is the only way to get two.
    """
    if len(fixed) >= wanted or not candidates:
        return sorted(fixed)[:wanted]
    preferred = [day for day in candidates if day.weekday() in PREFERRED_WEEKDAYS]
    tries = [(preferred, gap) for gap in GAPS] + [(list(candidates), gap) for gap in GAPS]
    best = sorted(fixed)
    for pool, gap in tries:
        chosen = _spread(pool, fixed, wanted, gap)
        if len(chosen) == wanted:
            return chosen
        if len(chosen) > len(best):
            best = chosen
    if len(best) < 2:
        close = _spread(candidates, fixed, 2, 1)
        if len(close) > len(best):
            best = close
    return best


def _spread(pool: Iterable[dt.date], fixed: list[dt.date], wanted: int, gap: int) -> list[dt.date]:
    """Earliest-first: take a day when it is at least ``gap`` days from every chosen one."""
    chosen = list(fixed)
    for day in sorted(pool):
        if len(chosen) >= wanted:
            break
        if all(abs((day - other).days) >= gap for other in chosen):
            chosen.append(day)
    return sorted(chosen)


def _suggested_note(suggested: list[dt.date], *, offered: bool) -> str:
    text = f"{_days_text(suggested)}: "
    if offered:
        text += "suggested to complete the list; ask the program whether they work. "
    edge = [day for day in suggested if day.weekday() not in PREFERRED_WEEKDAYS]
    if not edge:
        return text + "Tuesday to Thursday, when residents are on their normal rotations."
    return (
        text + "Tuesday to Thursday where possible, when residents are on their normal"
        f" rotations; {_days_text(edge)} only because too few of those days fit."
    )


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _day(day: dt.date) -> str:
    """``Mon Feb 15``, the same on every platform."""
    return f"{day:%a %b} {day.day}"


def _days_text(days: Sequence[dt.date]) -> str:
    shown = [_day(day) for day in days]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
