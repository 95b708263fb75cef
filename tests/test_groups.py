"""Study groups: share, unshare, group (plans and overlapping trips) and crowd-kept policies."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import CommandError, parse_command, to_text
from core.identity import Tenant
from core.incoming import Incoming
from core.models import Verdict
from core.replies import Reply
from core.storage import ProgramStore
from core.visit.overlap import Stop, distance_km, find_overlaps
from tests.test_conversation import ALICE, ALICE_OTHER_WORKSPACE, BOB, Chat, chat, clock

__all__ = ["chat", "clock"]  # fixtures used by name below

CAROL = Tenant("slack", "T1", "U3")
ALICE_DISCORD = Tenant("discord", "users", "U1")


async def _visit(
    store: ProgramStore, who: Tenant, name: str, city: str, state: str, day: dt.date | None
) -> None:
    await store.add_program(
        who,
        {
            "name": name,
            "city": city,
            "state": state,
            "uncertainty": 3,
            "importance": 3,
            "travel": 2,
            "status": "scheduled" if day else "requested",
            "visit_date": day,
            "notes": f"private note about {name}",
        },
    )


async def _ask(chat: Chat, who: Tenant, text: str, channel: str = "C1") -> Reply:
    [reply] = await chat.assistant.handle(
        Incoming(who, channel, text=text, command=True, direct=channel.startswith("D"))
    )
    return reply


@pytest.fixture
async def members(store: ProgramStore) -> ProgramStore:
    await store.update_profile(ALICE, {"name": "Alice"})
    await store.update_profile(BOB, {"name": "Bob"})
    await store.update_profile(CAROL, {"name": "Carol"})
    await _visit(store, ALICE, "Rush IM", "Chicago", "IL", dt.date(2027, 2, 9))
    await _visit(store, ALICE, "Mayo IM", "Rochester", "MN", None)
    await _visit(store, BOB, "Northwestern IM", "Evanston", "IL", dt.date(2027, 2, 10))
    await _visit(store, BOB, "UCSF IM", "San Francisco", "CA", dt.date(2027, 2, 9))
    await _visit(store, CAROL, "Loyola IM", "Chicago", "IL", dt.date(2027, 2, 11))
    return store


async def test_group_shows_only_plans_shared_in_this_channel(chat: Chat, members: object) -> None:
    shared = await _ask(chat, ALICE, "share")
    assert shared.ephemeral is False and "unshare" in shared.plain()
    await _ask(chat, BOB, "share")
    # Carol has visits too, but never shared: she does not exist for the group.
    view = (await _ask(chat, CAROL, "group")).plain()

    assert "2 member(s) share their plans here" in view
    assert "Rush IM: Chicago, IL; Tue 09 Feb; visit set" in view
    assert "Mayo IM: Rochester, MN; date not set; asked for a visit" in view
    assert "Northwestern IM" in view and "UCSF IM" in view
    assert "Carol" not in view and "Loyola" not in view
    for private in ("private note", "3 / 3 / 2", "Prioritize", "priority"):
        assert private.lower() not in view.lower()


async def test_overlapping_trips_are_found_by_place_and_date(chat: Chat, members: object) -> None:
    for who in (ALICE, BOB, CAROL):
        await _ask(chat, who, "share")
    view = (await _ask(chat, ALICE, "group")).plain()

    # Chicago (9 Feb), Evanston 19 km away (10 Feb) and Chicago again (11 Feb): one trip.
    assert "1 overlap(s)" in view
    [line] = [line for line in view.splitlines() if line.startswith("• Around")]
    assert "Chicago, IL" in line and "Tue 09 Feb to Thu 11 Feb" in line
    assert "Alice and Bob and Carol" in line
    assert "UCSF" not in line and "Mayo" not in line  # elsewhere, or not dated


async def test_unshare_and_other_workspaces_and_channels_see_nothing(
    chat: Chat, members: object
) -> None:
    await _ask(chat, ALICE, "share")
    await _ask(chat, BOB, "share")

    other_channel = (await _ask(chat, BOB, "group", channel="C2")).plain()
    assert "No one has shared a plan in this channel yet" in other_channel
    # Same channel id, another Slack workspace: a different group.
    other_team = (await _ask(chat, ALICE_OTHER_WORKSPACE, "group")).plain()
    assert "No one has shared" in other_team and "Rush IM" not in other_team

    left = await _ask(chat, ALICE, "unshare")
    assert "no longer shared in this channel" in left.text
    view = (await _ask(chat, BOB, "group")).plain()
    assert "Rush IM" not in view and "Alice" not in view and "1 member(s)" in view
    again = await _ask(chat, ALICE, "unshare")
    assert "not shared in this channel" in again.text


async def test_unshare_in_a_dm_leaves_every_group(chat: Chat, members: object) -> None:
    await _ask(chat, ALICE, "share")
    await _ask(chat, ALICE, "share", channel="C2")
    left = await _ask(chat, ALICE, "unshare", channel="D1")
    assert "(2 withdrawn)" in left.text
    for channel in ("C1", "C2"):
        assert "Rush IM" not in (await _ask(chat, BOB, "group", channel=channel)).plain()
    assert "channel" in (await _ask(chat, ALICE, "group", channel="D1")).text


async def test_share_with_no_visits_joins_the_group(chat: Chat, store: ProgramStore) -> None:
    joined = await _ask(chat, ALICE, "share")
    assert joined.ephemeral and "you joined this channel's study group" in joined.text
    await _visit(store, ALICE, "Rush IM", "Chicago", "IL", dt.date(2027, 2, 9))
    assert "Rush IM" in (await _ask(chat, BOB, "group")).plain()


async def test_a_reported_policy_is_shown_and_used_unless_the_user_answered(
    chat: Chat, members: ProgramStore
) -> None:
    await _ask(chat, ALICE, "share")
    await members.add_program(
        ALICE, {"name": "Quiet Valley IM", "uncertainty": 3, "importance": 3, "travel": 1}
    )
    await members.add_program(
        ALICE,
        {"name": "Hill IM", "uncertainty": 3, "importance": 3, "travel": 1, "policy": "welcome"},
    )
    before = (await _ask(chat, ALICE, "show Quiet Valley IM")).plain()
    assert "Do not request" not in before

    noted = await _ask(chat, BOB, "policy quiet valley im not offered coordinator email, 12 Jan")
    assert "Noted for this channel's group" in noted.text
    await _ask(chat, BOB, "policy Hill IM not_offered")

    view = (await _ask(chat, CAROL, "group")).plain()
    assert "quiet valley im does not offer second looks: said by Bob on 25 Jan." in view
    assert "Source: coordinator email, 12 Jan." in view

    after = await _ask(chat, ALICE, "show Quiet Valley IM")
    assert Verdict.do_not_request.value.replace("_", " ") in after.plain().lower()
    assert "Policy from your study group: Bob reported not_offered" in after.plain()
    # Alice said Hill IM welcomes visits: her own answer wins over the group's.
    hill = (await _ask(chat, ALICE, "show Hill IM")).plain()
    assert "study group" not in hill and "do not request" not in hill.lower()


async def test_policy_updates_the_reporters_own_program(chat: Chat, members: object) -> None:
    reply = await _ask(chat, ALICE, "policy Rush IM discouraged", channel="D1")
    assert "Your own Rush IM now says discouraged" in reply.text
    shown = (await _ask(chat, ALICE, "show Rush IM")).plain()
    assert "discouraged" in shown
    nowhere = await _ask(chat, BOB, "policy Nowhere IM welcome", channel="D1")
    assert "Nothing recorded" in nowhere.text


async def test_forget_me_removes_shares_and_reports(chat: Chat, members: object) -> None:
    await _ask(chat, BOB, "share")
    await _ask(chat, BOB, "policy Mayo IM welcome residents said so")
    assert "Bob" in (await _ask(chat, ALICE, "group")).plain()
    await chat.say("forget me", channel="D1", tenant=BOB)
    await chat.say("yes", channel="D1", tenant=BOB)
    view = (await _ask(chat, ALICE, "group")).plain()
    assert "Bob" not in view and "Mayo IM welcomes" not in view


@pytest.mark.parametrize(
    ("text", "program", "policy", "source"),
    [
        ("policy Mayo welcome", "Mayo", "welcome", None),
        (
            "policy Mayo Clinic IM not offered email from coordinator",
            "Mayo Clinic IM",
            "not_offered",
            "email from coordinator",
        ),
        ('policy "Neutral Bay IM" neutral', "Neutral Bay IM", "neutral", None),
        ("policy Rush discourages per PD at dinner", "Rush", "discouraged", "per PD at dinner"),
    ],
)
def test_policy_parses_program_policy_and_source(
    text: str, program: str, policy: str, source: str | None
) -> None:
    command = parse_command(text)
    assert (command.program, command.value, command.topic) == (program, policy, source)
    assert parse_command(to_text(command)) == command


@pytest.mark.parametrize("text", ["policy", "policy Mayo", "policy Mayo maybe later"])
def test_policy_without_a_policy_word_says_what_is_expected(text: str) -> None:
    with pytest.raises(CommandError) as error:
        parse_command(text)
    assert "welcome, neutral, discouraged or not_offered" in error.value.message


def test_overlaps_need_two_members_near_in_place_and_time() -> None:
    places = {"Chicago": (41.88, -87.63), "Evanston": (42.04, -87.69), "Boston": (42.36, -71.06)}

    def locate(city: str | None, state: str | None) -> tuple[float, float] | None:
        return places.get(city or "")

    day = dt.date(2027, 2, 9)
    stops = [
        Stop("Ana", "A", "Chicago", "IL", day),
        Stop("Ana", "B", "Evanston", "IL", day),  # one member alone is no overlap
        Stop("Ben", "C", "Boston", "MA", day),
        Stop("Cy", "D", "Boston", "MA", day + dt.timedelta(days=4)),  # too far apart in time
        Stop("Di", "E", "Springfield", "IL", day),  # not on the map: same city and state only
        Stop("Ed", "F", "springfield", "il", day + dt.timedelta(days=1)),
    ]
    overlaps = find_overlaps(stops, locate)
    assert [(o.place, o.members) for o in overlaps] == [("Springfield, IL", ["Di", "Ed"])]
    assert 15 < distance_km(places["Chicago"], places["Evanston"]) < 25
