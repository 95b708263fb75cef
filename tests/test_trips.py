"""`trips`: visits grouped by place, dated on workdays before the deadline, priced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.incoming import Incoming
from core.trips import geo
from core.trips.planner import Stop, Trip, cluster, plan_trips, price, schedule, season_window
from core.trips.rates import TRIPS_FILE, TripSettingsError, load_trip_settings, trip_settings
from core.visit.dates import is_workday
from tests.test_conversation import ALICE, Chat, chat, clock

__all__ = ["chat", "clock"]  # fixtures used by name below

CHICAGO = (41.85, -87.65)
EVANSTON = (42.04, -87.69)
BOSTON = (42.36, -71.06)
SF = (37.77, -122.42)
PRESIDENTS_DAY = dt.date(2027, 2, 15)  # the third Monday of February 2027


def stop(name: str, point: tuple[float, float], day: dt.date | None = None) -> Stop:
    return Stop(name, name, None, point, day)


def test_places_come_from_the_offline_city_table() -> None:
    chicago = geo.locate("Chicago", "IL")
    assert chicago is not None and abs(chicago[0] - 41.85) < 0.1
    assert geo.locate("chicgo", "Illinois") == chicago  # misspelt, state by name
    assert geo.locate("Rochester", "MN") != geo.locate("Rochester", "NY")
    assert geo.locate("Tiny Hamlet", "MN") is not None  # not listed: the state's centre
    assert geo.locate("Tiny Hamlet", None) is None and geo.locate(None, None) is None


def test_nearby_visits_make_one_trip() -> None:
    groups = cluster(
        [stop("Rush", CHICAGO), stop("BU", BOSTON), stop("NU", EVANSTON)], within_km=150
    )
    assert sorted(sorted(s.program for s in g) for g in groups) == [["BU"], ["NU", "Rush"]]


def test_dates_are_workdays_skip_holidays_keep_the_buffer_and_never_collide() -> None:
    trips = [
        Trip([stop("A1", CHICAGO), stop("A2", EVANSTON)]),
        Trip([stop("B", BOSTON)]),
        Trip([stop("C", SF, dt.date(2027, 2, 16))]),  # set by the user: kept
    ]
    schedule(trips, dt.date(2027, 2, 12), dt.date(2027, 2, 18))
    days = [day for trip in trips for day in trip.days]
    assert trips[2].days == [dt.date(2027, 2, 16)]
    assert all(is_workday(day) for day in days) and PRESIDENTS_DAY not in days
    assert len(days) == len(set(days)) == 4
    assert all(dt.date(2027, 2, 12) <= day <= dt.date(2027, 2, 18) for day in days)
    # A two-visit trip takes two workdays in a row (Fri 12 and Wed 17 are not: Tue 16
    # lies between), so Wed 17 and Thu 18; the one-visit trip takes Fri 12.
    assert trips[0].days == [dt.date(2027, 2, 17), dt.date(2027, 2, 18)]
    assert trips[1].days == [dt.date(2027, 2, 12)]


def test_no_free_day_left_is_said_not_hidden() -> None:
    trips = [Trip([stop("A", CHICAGO), stop("B", EVANSTON)])]
    schedule(trips, dt.date(2027, 2, 13), dt.date(2027, 2, 16))  # Sat-Tue, Mon a holiday
    assert trips[0].days == [dt.date(2027, 2, 16)] and len(trips[0].unplaced) == 1


def test_the_window_ends_a_buffer_before_certification() -> None:
    settings = trip_settings()
    first, last = season_window(
        dt.date(2027, 1, 20), dt.date(2027, 1, 25), dt.date(2027, 3, 3), settings
    )
    assert first == dt.date(2027, 1, 27)  # a week from today, after the window opens
    assert last == dt.date(2027, 3, 3) - dt.timedelta(days=settings.plan.deadline_buffer_days)


def test_costs_drive_near_fly_far_and_count_the_nights() -> None:
    settings = trip_settings()
    rates = settings.rates
    near = Trip([stop("A", CHICAGO)], days=[dt.date(2027, 2, 9)])
    price(near, (41.0, -87.65), settings)  # about 95 km away
    far = Trip(
        [stop("B", BOSTON), stop("C", BOSTON)], days=[dt.date(2027, 2, 9), dt.date(2027, 2, 10)]
    )
    price(far, CHICAGO, settings)
    assert near.mode == "drive" and far.mode == "fly"
    assert far.nights == 2
    stay = 2 * (rates.hotel_per_night + rates.meals_per_day + rates.local_per_day)
    flight = rates.flight_base + far.km_from_home * rates.flight_per_km  # type: ignore[operator]
    assert far.cost == round(flight + stay)
    assert near.cost < far.cost  # type: ignore[operator]
    scores = settings.travel_scores
    assert scores.score(near.cost) < scores.score(far.cost)  # type: ignore[arg-type]


def test_an_invalid_rates_file_says_which_value(tmp_path: Path) -> None:
    path = tmp_path / "trips.toml"
    text = TRIPS_FILE.read_text().replace("hotel_per_night = 160", "hotel_per_night = -5")
    path.write_text(text)
    with pytest.raises(TripSettingsError, match=r"rates\.hotel_per_night"):
        load_trip_settings(path)
    path.write_text(
        text.replace("hotel_per_night = -5", "hotel_per_night = 160").replace(
            "easy = 150", "easy = 900"
        )
    )
    with pytest.raises(TripSettingsError, match=r"easy < moderate < hard"):
        load_trip_settings(path)


def test_plan_trips_orders_trips_by_date() -> None:
    trips = plan_trips(
        [stop("SF", SF, dt.date(2027, 2, 3)), stop("Rush", CHICAGO), stop("NU", EVANSTON)],
        CHICAGO,
        (dt.date(2027, 2, 1), dt.date(2027, 2, 24)),
        trip_settings(),
    )
    assert [trip.place for trip in trips] == ["Rush", "SF"]
    assert trips[0].days == [dt.date(2027, 2, 1), dt.date(2027, 2, 2)]
    assert [s.program for s in trips[0].stops] == ["Rush", "NU"]  # nearest first from home


async def _say(chat: Chat, text: str) -> str:
    replies = await chat.assistant.handle(
        Incoming(ALICE, "D1", text=text, direct=True, command=True)
    )
    return "\n".join(reply.plain() for reply in replies)


async def test_trips_end_to_end(chat: Chat) -> None:
    await chat.assistant.services.programs.update_profile(
        ALICE, {"home_city": "Chicago", "home_state": "IL"}
    )
    for name, city, state in (
        ("Rush IM", "Chicago", "IL"),
        ("Northwestern IM", "Evanston", "IL"),
        ("UCSF IM", "San Francisco", "CA"),
        ("Nowhere IM", None, None),
    ):
        await _say(chat, f"add {name}")
        if city:
            await _say(chat, f"set {name} city {city}")
            await _say(chat, f"set {name} state {state}")
        await _say(chat, f"status {name} requested")
    await _say(chat, "set UCSF IM travel 1")
    await _say(chat, "set UCSF IM visit 2027-02-17")
    text = await _say(chat, "trips")

    assert text.startswith("2 trip(s) for 3 visit(s)")
    assert "Trip 1: Chicago, IL (drive" in text
    assert "Trip 2: San Francisco, CA (fly" in text
    assert "Wed 17 Feb: UCSF IM (San Francisco, CA), your date" in text
    assert "You scored UCSF IM travel 1" in text and 'set "UCSF IM" travel' in text
    assert "Not placed on the map: Nowhere IM" in text
    assert "Mon 15 Feb" not in text  # Presidents' Day
