"""`calendar`: an ICS file that any calendar app reads back the same."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from core.incoming import Incoming
from core.replies import Reply
from tests.test_conversation import ALICE, BOB, Chat, chat, clock

__all__ = ["chat", "clock"]  # fixtures used by name below


async def _calendar(chat: Chat, tenant: object = ALICE) -> tuple[Reply, Calendar]:
    [reply] = await chat.assistant.handle(Incoming(tenant, "D1", text="calendar", direct=True))  # type: ignore[arg-type]
    [ics] = reply.files
    assert (ics.name, ics.mime) == ("secondlook.ics", "text/calendar")
    return reply, Calendar.from_ical(ics.data)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


async def test_visits_thank_yous_and_the_deadline_parse_back(chat: Chat) -> None:
    await chat.script(
        "add Rush IM",
        "set Rush IM city Chicago",
        "set Rush IM state IL",
        "set Rush IM uncertainty 3",
        "set Rush IM visit 2027-02-09",
        "status Rush IM scheduled",
        "add Mayo IM",
        "set Mayo IM visit 2027-02-02",
        "status Mayo IM visited",
        "sent Mayo IM thank_you",  # today: it went
        "add Quiet IM",  # no date: not in the calendar
    )
    reply, calendar = await _calendar(chat)
    assert "2 visit(s), 1 thank-you(s) still due" in reply.text
    events = _events(calendar)
    rush = events["Second look: Rush IM"]
    assert rush.decoded("dtstart") == dt.date(2027, 2, 9)  # type: ignore[attr-defined]
    assert str(rush["location"]) == "Chicago, IL"  # type: ignore[index]
    thank = events["Thank-you due: Rush IM"]
    assert thank.decoded("dtstart") == dt.date(2027, 2, 10)  # type: ignore[attr-defined]
    assert "Thank-you due: Mayo IM" not in events  # already sent
    assert "Second look: Mayo IM" in events and not any("Quiet" in s for s in events)
    deadline = events["Rank list certification deadline (NRMP)"]
    start = deadline.decoded("dtstart")  # type: ignore[attr-defined]
    assert start.date() == dt.date(2027, 3, 3) and start.hour == 21
    assert start.utcoffset() == dt.timedelta(hours=-5)  # Eastern time in March
    assert "Match Day" in events
    text = calendar.to_ical().decode()
    assert "uncertainty" not in text.lower() and "3 / " not in text


async def test_uids_are_stable_and_private_to_the_user(chat: Chat) -> None:
    for who in (ALICE, BOB):
        await chat.say("add Rush IM", tenant=who)
        await chat.say("set Rush IM visit 2027-02-09", tenant=who)
        await chat.say("status Rush IM scheduled", tenant=who)
    _, first = await _calendar(chat)
    _, again = await _calendar(chat)
    _, bobs = await _calendar(chat, BOB)
    uid = lambda cal: str(_events(cal)["Second look: Rush IM"]["uid"])  # noqa: E731
    assert uid(first) == uid(again) != uid(bobs)


async def test_an_empty_plan_still_gives_the_match_dates(chat: Chat) -> None:
    reply, calendar = await _calendar(chat)
    assert "no visit dates yet" in reply.text
    assert len(_events(calendar)) == 3
