"""Trips from visits: group by place, order, date in the season, price. Pure and deterministic.

- Visits within ``cluster_km`` of one another (single linkage) make one trip.
- Within a trip the stops go nearest-first from home (or from the westmost stop).
- Each stop gets one workday (a weekday that is no US federal holiday): a date the user
  set is kept; the others take the free workdays next to it, or the earliest run of free
  workdays in the window, which ends ``deadline_buffer_days`` before certification.
- Cost: there and back (driven up to ``drive_max_km``, flown beyond), driving between
  stops, one night per visit day, meals and local transport per day.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.trips.rates import TripSettings
from core.visit.dates import is_workday
from core.visit.overlap import distance_km

Point = tuple[float, float]


@dataclass(frozen=True)
class Stop:
    program: str
    city: str | None
    state: str | None
    point: Point
    visit_date: dt.date | None = None  # set by the user: kept
    travel: int | None = None  # the user's own travel score


@dataclass
class Trip:
    stops: list[Stop]
    days: list[dt.date] = field(default_factory=list)  # one per stop, in stop order
    mode: str = "drive"
    km_from_home: float | None = None
    cost: float | None = None
    unplaced: list[str] = field(default_factory=list)  # stops no free day was found for

    @property
    def place(self) -> str:
        first = self.stops[0]
        return ", ".join(x for x in (first.city, first.state) if x) or first.program

    @property
    def nights(self) -> int:
        return (max(self.days) - min(self.days)).days + 1 if self.days else len(self.stops)


def cluster(stops: Sequence[Stop], within_km: float) -> list[list[Stop]]:
    """Stops joined when within ``within_km`` of any stop already in the group."""
    groups: list[list[Stop]] = []
    for stop in stops:
        near = [g for g in groups if any(distance_km(stop.point, s.point) <= within_km for s in g)]
        merged = [stop] + [s for g in near for s in g]
        groups = [g for g in groups if g not in near] + [merged]
    return groups


def order(stops: list[Stop], home: Point | None) -> list[Stop]:
    """Nearest stop first from home (or from the westmost stop), then nearest next."""
    left = sorted(stops, key=lambda s: (s.point[1], s.program))
    here = home or left[0].point
    ordered = []
    while left:
        nearest = min(left, key=lambda s: (distance_km(here, s.point), s.program))
        ordered.append(nearest)
        left.remove(nearest)
        here = nearest.point
    return ordered


def _workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
    return [day for day in days if is_workday(day)]


def schedule(trips: list[Trip], first: dt.date, last: dt.date) -> None:
    """Give each stop a day in [first, last]: kept dates stay, trips never share a day.

    Trips with a date already set are placed first, around that date; the rest take the
    earliest run of consecutive free workdays, in the order they come.
    """
    taken = {s.visit_date for t in trips for s in t.stops if s.visit_date}
    pool = [day for day in _workdays(first, last) if day not in taken]
    anchored = sorted(
        (t for t in trips if any(s.visit_date for s in t.stops)),
        key=lambda t: min(s.visit_date for s in t.stops if s.visit_date),  # type: ignore[type-var]
    )
    for trip in [*anchored, *(t for t in trips if t not in anchored)]:
        anchor = min((s.visit_date for s in trip.stops if s.visit_date), default=None)
        need = sum(1 for s in trip.stops if s.visit_date is None)
        run = _near(pool, anchor, need) if anchor else _first_run(pool, need)
        free = iter(run)
        placed: list[tuple[dt.date, Stop]] = []
        for stop in trip.stops:
            day = stop.visit_date or next(free, None)
            if day is None:
                trip.unplaced.append(stop.program)
            else:
                placed.append((day, stop))
        for day in run:
            pool.remove(day)
        placed.sort(key=lambda pair: pair[0])
        trip.days = [day for day, _ in placed]
        trip.stops = [stop for _, stop in placed] + [
            s for s in trip.stops if s.program in trip.unplaced
        ]


def _first_run(pool: list[dt.date], need: int) -> list[dt.date]:
    """The earliest ``need`` free workdays with no free workday skipped between them."""
    for start in range(len(pool) - need + 1):
        run = pool[start : start + need]
        if all(_adjacent(a, b) for a, b in itertools.pairwise(run)):
            return run
    return pool[:need]


def _adjacent(a: dt.date, b: dt.date) -> bool:
    """Next workdays: consecutive, or across a weekend or a holiday only."""
    return all(not is_workday(a + dt.timedelta(days=n)) for n in range(1, (b - a).days))


def _near(pool: list[dt.date], anchor: dt.date, need: int) -> list[dt.date]:
    return sorted(sorted(pool, key=lambda day: (abs((day - anchor).days), day))[:need])


def price(trip: Trip, home: Point | None, settings: TripSettings) -> None:
    """Mode, distance from home and estimated cost of the trip."""
    rates = settings.rates
    between = sum(distance_km(a.point, b.point) for a, b in itertools.pairwise(trip.stops))
    days = max(trip.nights, 1)
    stay = days * (rates.hotel_per_night + rates.meals_per_day + rates.local_per_day)
    between_cost = between * rates.drive_per_km
    if home is None:
        trip.mode, trip.km_from_home = "unknown", None
        trip.cost = round(stay + between_cost)
        return
    far = max(distance_km(home, trip.stops[0].point), distance_km(home, trip.stops[-1].point))
    trip.km_from_home = far
    if far <= rates.drive_max_km:
        trip.mode = "drive"
        there = 2 * far * rates.drive_per_km
        if far < 80:  # a day trip from home: no hotel
            stay = days * (rates.meals_per_day + rates.local_per_day)
    else:
        trip.mode = "fly"
        there = rates.flight_base + far * rates.flight_per_km
    trip.cost = round(there + between_cost + stay)


def plan_trips(
    stops: Sequence[Stop],
    home: Point | None,
    window: tuple[dt.date, dt.date],
    settings: TripSettings,
) -> list[Trip]:
    """Trips for these stops, dated in ``window`` and priced, soonest first."""
    trips = [Trip(order(group, home)) for group in cluster(stops, settings.plan.cluster_km)]
    schedule(trips, *window)
    for trip in trips:
        price(trip, home, settings)
    return sorted(trips, key=lambda t: (min(t.days, default=dt.date.max), t.place))


def season_window(
    today: dt.date,
    window_start: dt.date,
    deadline: dt.date,
    settings: TripSettings,
) -> tuple[dt.date, dt.date]:
    """From the later of the window's start and ``lead_days`` after today, to the buffer."""
    first = max(window_start, today + dt.timedelta(days=settings.plan.lead_days))
    last = deadline - dt.timedelta(days=settings.plan.deadline_buffer_days)
    return first, last
