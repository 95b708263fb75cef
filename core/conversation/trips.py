"""`trips`: the visits in view, grouped into trips with dates, an order and a cost."""

from __future__ import annotations

from core.conversation.services import Services
from core.conversation.verdicts import current_plan
from core.identity import Tenant
from core.models import Program, Recommendation, Status, Verdict
from core.replies import Reply, Section
from core.trips import geo
from core.trips.planner import Stop, Trip, plan_trips, season_window
from core.trips.rates import TravelScores, trip_settings

IN_VIEW = (Status.requested, Status.scheduled)
WORTH_A_TRIP = (Verdict.prioritize, Verdict.consider)
MODE_WORDS = {"drive": "drive", "fly": "fly", "unknown": "from home: set profile home"}


def _in_view(program: Program, rec: Recommendation | None) -> bool:
    """Visits asked for or set, and programs whose verdict says to go."""
    if program.status in IN_VIEW:
        return True
    return program.status is Status.considering and rec is not None and rec.verdict in WORTH_A_TRIP


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


async def trips_reply(services: Services, tenant: Tenant) -> Reply:
    plan = await current_plan(services, tenant)
    settings = trip_settings()
    stops, unknown = [], []
    for program in plan.programs:
        if not _in_view(program, plan.recommendations.get(program.name)):
            continue
        point = geo.locate(program.city, program.state)
        if point is None:
            unknown.append(program.name)
            continue
        stops.append(
            Stop(
                program.name, program.city, program.state, point, program.visit_date, program.travel
            )
        )
    if not stops and not unknown:
        return Reply(
            text="No visits to plan yet. trips groups the programs you asked to visit or"
            " scheduled (status <program> requested) and those whose verdict is prioritize or"
            " consider."
        )
    season = services.season
    deadline = season.match.certification_deadline.date
    first, last = season_window(
        services.today(), season.visits.window_start.date, deadline, settings
    )
    profile = plan.profile
    home = geo.locate(profile.home_city, profile.home_state)
    trips = plan_trips(stops, home, (first, last), settings) if stops else []
    notes = []
    if unknown:
        notes.append(
            f"Not placed on the map: {', '.join(unknown)}. Give each a city and state, e.g."
            f" set {_quoted(unknown[0])} city Chicago, then set {_quoted(unknown[0])} state IL."
        )
    if home is None:
        notes.append(
            "Costs leave out getting there: set your home city and state (profile edit) and"
            " I'll price the travel too."
        )
    if first > last:
        notes.append(
            f"The visit window has closed: visits should end by {last:%a %d %b}, a week before"
            " the certification deadline. Dates below fall after it."
        )
    total = sum(trip.cost or 0 for trip in trips)
    text = (
        f"{len(trips)} trip(s) for {len(stops)} visit(s), about ${total:,.0f} in all. Dates are"
        f" weekdays without federal holidays, from {first:%a %d %b} to {last:%a %d %b}, ending"
        f" {settings.plan.deadline_buffer_days} days before the {deadline:%d %b} certification"
        " deadline; dates you set are kept."
    )
    sections = [_trip_section(n, trip, settings.travel_scores) for n, trip in enumerate(trips, 1)]
    if notes:
        sections.append(Section(text="\n".join(notes)))
    return Reply(text=text, sections=sections)


def _trip_section(number: int, trip: Trip, scores: TravelScores) -> Section:
    mode = MODE_WORDS[trip.mode]
    distance = f", {trip.km_from_home:,.0f} km from home" if trip.km_from_home is not None else ""
    cost = f"about ${trip.cost:,.0f}"
    title = f"Trip {number}: {trip.place} ({mode}{distance}, {trip.nights} day(s), {cost})"
    lines = []
    set_dates = {stop.program for stop in trip.stops if stop.visit_date}
    for day, stop in zip(trip.days, trip.stops, strict=False):
        place = ", ".join(x for x in (stop.city, stop.state) if x)
        whose = "your date" if stop.program in set_dates else "proposed"
        lines.append(f"• {day:%a %d %b}: {stop.program} ({place}), {whose}")
    for name in trip.unplaced:
        lines.append(f"• {name}: no free weekday left in the window")
    share = (trip.cost or 0) / len(trip.stops)
    suggested = scores.score(share)
    for stop in trip.stops:
        if trip.km_from_home is not None and stop.travel is not None and stop.travel != suggested:
            lines.append(
                f"You scored {stop.program} travel {stop.travel}; at about ${share:,.0f} a"
                f" program this trip looks like a {suggested}: set {_quoted(stop.program)}"
                f" travel {suggested}"
            )
    return Section(title=title, text="\n".join(lines))
