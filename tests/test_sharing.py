"""`share` is the one reply meant for a whole channel: visits only, nothing that ranks."""

from __future__ import annotations

import datetime as dt

from core.incoming import Incoming
from core.models import Program
from core.storage import ProgramStore
from tests.test_conversation import ALICE, BOB, Chat, chat, clock, find_choice, joined

__all__ = ["chat", "clock"]  # fixtures used by name below


async def _program(store: ProgramStore, name: str, **fields: object) -> None:
    data = {"name": name, "uncertainty": 3, "importance": 3, "travel": 1, **fields}
    await store.add_program(ALICE, data)


async def test_share_posts_visits_with_city_and_date_but_no_scores_or_verdicts(
    chat: Chat, store: ProgramStore
) -> None:
    await _program(
        store,
        "Rush IM",
        city="Chicago",
        state="IL",
        status="scheduled",
        visit_date=dt.date(2027, 2, 9),
        notes="my secret favourite",
    )
    await _program(store, "Mayo", city="Rochester", state="MN", status="requested")
    await _program(store, "Quiet Valley", status="considering")

    [reply] = await chat.assistant.handle(Incoming(ALICE, "C1", text="share", command=True))

    assert reply.ephemeral is False  # the only reply that goes to everyone
    text = reply.plain()
    assert "Rush IM (Chicago, IL; Tue 09 Feb; visit set)" in text
    assert "Mayo (Rochester, MN; asked for a visit)" in text
    assert "Quiet Valley" not in text  # not a visit: stays private
    for private in ("3 / 3 / 1", "Prioritize", "secret favourite", "priority"):
        assert private.lower() not in text.lower()
    # Dated visits first, by date; then by name: never the user's rank order.
    assert text.index("Rush IM") < text.index("Mayo")


async def test_share_with_nothing_to_share_or_in_a_dm_stays_private(
    chat: Chat, store: ProgramStore
) -> None:
    [empty] = await chat.assistant.handle(Incoming(ALICE, "C1", text="share", command=True))
    assert empty.ephemeral and "Nothing to share yet" in empty.text

    await _program(store, "Rush IM", status="scheduled")
    [dm] = await chat.assistant.handle(Incoming(ALICE, "D1", text="share", direct=True))
    assert dm.ephemeral and "Run it in that channel" in dm.text


async def test_share_shows_only_the_asking_users_visits(chat: Chat, store: ProgramStore) -> None:
    await _program(store, "Rush IM", status="scheduled")
    [reply] = await chat.assistant.handle(Incoming(BOB, "C1", text="share", command=True))
    assert "Rush IM" not in reply.plain()


async def test_a_slash_answer_that_is_not_a_command_answers_the_open_question(
    chat: Chat,
) -> None:
    await chat.say("score Mayo")  # asks for the city
    replies = await chat.assistant.handle(Incoming(ALICE, "C1", text="Rochester, MN", command=True))
    assert "What kind of program" in joined(replies)


async def test_a_verdict_worth_a_visit_offers_the_email(chat: Chat, store: ProgramStore) -> None:
    await _program(store, "Rush", goals=["rank_order"], program_type="mid_academic")
    await chat.say("score Rush 3 3 1")
    email = find_choice(chat.last, "Get the email")
    assert email.id == "cmd:template Rush"
    replies = await chat.assistant.handle(Incoming(ALICE, "C1", action=email.id))
    assert "Emails that fit Rush" in joined(replies)
    assert "cmd:template request Rush" in [c.id for r in replies for c in r.choices]


async def test_a_verdict_to_skip_offers_no_email(chat: Chat, store: ProgramStore) -> None:
    await chat.say("score Nearby 0 0 3")
    assert "Get the email" not in [c.label for r in chat.last for c in r.choices]
    assert isinstance(await store.get_program(ALICE, "Nearby"), Program)
