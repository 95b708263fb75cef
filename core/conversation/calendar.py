"""`calendar`: an ICS file of the visits, the thank-yous due and the Match dates.

Events carry program names, cities and dates, never scores or notes: a calendar is often
shared. UIDs are stable (user-independent content, the same program gives the same UID),
so importing the file again updates events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from core.conversation.services import Services
from core.identity import Tenant
from core.models import MessageKind, Program, Status
from core.replies import Attachment, Reply
from core.visit.dates import SeasonDate

PRODID = "-//SecondLook//second-look visits//EN"
UID_DOMAIN = "secondlook.invalid"
THANK_YOU_AFTER = dt.timedelta(days=1)
ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver"}
ZONES["PT"] = "America/Los_Angeles"
_TIME = re.compile(r"(\d{1,2}):(\d{2})\s*([A-Z]{2})?")


def _uid(tenant: Tenant, *parts: str) -> str:
    whole = (tenant.platform, tenant.workspace, tenant.user, *parts)
    digest = hashlib.sha256("|".join(whole).encode()).hexdigest()[:24]
    return f"{digest}@{UID_DOMAIN}"


def _all_day(summary: str, day: dt.date, uid: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event


def _timed(entry: SeasonDate) -> dt.datetime | None:
    """The entry's date and time ("21:00 ET") as an aware datetime, if it has a time."""
    match = _TIME.fullmatch(entry.time.strip()) if entry.time else None
    if match is None:
        return None
    zone = ZoneInfo(ZONES.get(match.group(3) or "ET", "America/New_York"))
    return dt.datetime.combine(
        entry.date, dt.time(int(match.group(1)), int(match.group(2))), tzinfo=zone
    )


def _season_event(
    tenant: Tenant, key: str, summary: str, entry: SeasonDate, stamp: dt.datetime
) -> Event:
    event = _all_day(summary, entry.date, _uid(tenant, "season", key), stamp)
    at = _timed(entry)
    if at is not None:
        event.pop("dtstart")
        event.pop("dtend")
        event.pop("transp")
        event.add("dtstart", at)
        event.add("dtend", at + dt.timedelta(minutes=30))
    event.add("description", f"Source: {entry.source}")
    return event


def build_calendar(
    tenant: Tenant,
    programs: list[Program],
    thanked: set[str],
    services: Services,
) -> tuple[bytes, int, int]:
    """The ICS bytes, with how many visits and thank-yous it holds."""
    stamp = services.clock().astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "SecondLook: second looks")
    visits = thanks = 0
    for program in sorted(programs, key=lambda p: (p.visit_date or dt.date.max, p.name)):
        if program.visit_date is None or program.status not in (
            Status.scheduled,
            Status.visited,
        ):
            continue
        visits += 1
        event = _all_day(
            f"Second look: {program.name}",
            program.visit_date,
            _uid(tenant, "visit", program.name.casefold()),
            stamp,
        )
        place = ", ".join(x for x in (program.city, program.state) if x)
        if place:
            event.add("location", place)
        calendar.add_component(event)
        if program.name.casefold() not in thanked:
            thanks += 1
            due = program.visit_date + THANK_YOU_AFTER
            calendar.add_component(
                _all_day(
                    f"Thank-you due: {program.name}",
                    due,
                    _uid(tenant, "thank_you", program.name.casefold()),
                    stamp,
                )
            )
    match = services.season.match
    for key, summary, entry in (
        ("rol_opens", "Rank order list opens (NRMP)", match.rol_opens),
        (
            "certification_deadline",
            "Rank list certification deadline (NRMP)",
            match.certification_deadline,
        ),
        ("match_day", "Match Day", match.match_day),
    ):
        calendar.add_component(_season_event(tenant, key, summary, entry, stamp))
    return calendar.to_ical(), visits, thanks


async def calendar_reply(services: Services, tenant: Tenant) -> Reply:
    programs = await services.programs.list_programs(tenant)
    sent = await services.messages.history(tenant)
    thanked = {m.program.casefold() for m in sent if m.kind is MessageKind.thank_you}
    data, visits, thanks = build_calendar(tenant, programs, thanked, services)
    deadline = services.season.match.certification_deadline
    if visits:
        what = f"{visits} visit(s), {thanks} thank-you(s) still due"
    else:
        what = "no visit dates yet (set Rush visit 2027-02-09 and status Rush scheduled)"
    return Reply(
        text=f"Your calendar: {what}, and the Match dates (certification deadline"
        f" {deadline.date:%a %d %b}). Import secondlook.ics into any calendar app; importing"
        " it again updates the same events.",
        files=[Attachment(name="secondlook.ics", mime="text/calendar", data=data)],
    )
