"""Where members' trips overlap: visits in one metro area within a few days of each other.

Pure: the caller gives the visits and a way to place a city on the map. Two visits share
a trip when both are dated, at most ``window_days`` apart, and either their places lie
within ``metro_km`` of each other or, where a place is not on the map, they name the same
city and state.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.names import name_key

METRO_KM = 80.0
WINDOW_DAYS = 3
EARTH_KM = 6371.0

Locate = Callable[[str | None, str | None], tuple[float, float] | None]


@dataclass(frozen=True)
class Stop:
    """One member's dated visit somewhere."""

    member: str
    program: str
    city: str | None
    state: str | None
    day: dt.date


@dataclass(frozen=True)
class Overlap:
    """Visits by two or more members that one trip could cover."""

    place: str
    first: dt.date
    last: dt.date
    stops: tuple[Stop, ...]

    @property
    def members(self) -> list[str]:
        return sorted({stop.member for stop in self.stops}, key=str.lower)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))


def _place(stop: Stop) -> str:
    return ", ".join(part for part in (stop.city, stop.state) if part) or "somewhere"


def find_overlaps(
    stops: Sequence[Stop],
    locate: Locate,
    *,
    metro_km: float = METRO_KM,
    window_days: int = WINDOW_DAYS,
) -> list[Overlap]:
    """Groups of stops, two members or more, near each other in place and time.

    Stops are joined transitively (single linkage), so a chain of nearby visits becomes
    one group; a group is reported only when more than one member is in it.
    """
    points = [locate(stop.city, stop.state) for stop in stops]
    parent = list(range(len(stops)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(stops)), 2):
        a, b = stops[i], stops[j]
        if abs((a.day - b.day).days) > window_days:
            continue
        if _near(a, b, points[i], points[j], metro_km):
            parent[root(j)] = root(i)
    groups: dict[int, list[Stop]] = {}
    for i, stop in enumerate(stops):
        groups.setdefault(root(i), []).append(stop)
    overlaps = []
    for members in groups.values():
        if len({stop.member for stop in members}) < 2:
            continue
        members.sort(key=lambda s: (s.day, s.member.lower(), s.program.lower()))
        overlaps.append(
            Overlap(_place(members[0]), members[0].day, members[-1].day, tuple(members))
        )
    return sorted(overlaps, key=lambda o: (o.first, o.place))


def _near(
    a: Stop,
    b: Stop,
    pa: tuple[float, float] | None,
    pb: tuple[float, float] | None,
    metro_km: float,
) -> bool:
    if pa is not None and pb is not None:
        return distance_km(pa, pb) <= metro_km
    return (
        bool(a.city)
        and name_key(a.city or "") == name_key(b.city or "")
        and (name_key(a.state or "") == name_key(b.state or ""))
    )
