"""/secondlook, buttons, menus, modals and DMs, through discord.py's own dispatch.

Each test hands discord.py the JSON Discord would send and reads what reached the fake
Discord over HTTP: the user-visible behaviour, as Discord would show it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import discord
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.discord.client import DiscordConfig, build_client, intents
from adapters.discord.listeners import DiscordListeners
from bot.container import Container
from core.storage.deliveries import DeliveryLedger
from core.storage.tables import ProgramRow
from tests.discord.conftest import DiscordUser, start_client
from tests.discord.discord_json import BOB, DM_CHANNEL
from tests.discord.fake_discord import FakeDiscord


@asynccontextmanager
async def hold_database(container: Container, seconds: float) -> AsyncIterator[None]:
    """Another process's write transaction, held for ``seconds`` on its own connection."""
    if container.database.is_sqlite:
        other = sqlite3.connect(str(container.database.url.database), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the write lock: our writers wait behind it
        release = other.rollback
    else:
        engine = create_async_engine(container.database.url)
        connection = await engine.connect()
        transaction = await connection.begin()
        await connection.execute(text("LOCK TABLE deliveries IN ACCESS EXCLUSIVE MODE"))

        async def release_pg() -> None:
            await transaction.rollback()
            await connection.close()
            await engine.dispose()

    started = asyncio.get_running_loop().time()
    try:
        yield
        await asyncio.sleep(max(0.0, seconds - (asyncio.get_running_loop().time() - started)))
    finally:
        if container.database.is_sqlite:
            release()
            other.close()
        else:
            await release_pg()


def ids(call: Any) -> list[str]:
    return [c.get("custom_id", "") for c in call.components]


def button(call: Any, label_part: str) -> str:
    for component in call.components:
        if component.get("type") == 2 and label_part.lower() in component["label"].lower():
            return str(component["custom_id"])
    raise AssertionError(f"no button like {label_part!r} in {call.components}")


async def answer_in_box(user: DiscordUser, fake: FakeDiscord, message: Any, text: str) -> Any:
    """Click "Type my answer", get the modal, submit ``text``; return the next message."""
    shown = len(fake.messages())
    modals = len([c for c in fake.callbacks() if c.body.get("type") == 9])
    user.click(message.body.get("data", message.body), "sl:answer")
    await fake.wait_for(modals + 1, kind="modals")
    user.submit_modal("sl:answer", {"answer": text})
    return (await fake.wait_for(shown + 1))[-1]


async def click(user: DiscordUser, fake: FakeDiscord, message: Any, custom_id: str) -> Any:
    shown = len(fake.messages())
    user.click(message.body.get("data", message.body), custom_id)
    return (await fake.wait_for(shown + 1))[-1]


async def slash(user: DiscordUser, fake: FakeDiscord, sub: str, **options: Any) -> Any:
    shown = len(fake.messages())
    user.slash(sub, **options)
    return (await fake.wait_for(shown + 1))[-1]


async def test_score_with_every_option_answers_privately_with_the_verdict(
    alice: DiscordUser, fake: FakeDiscord, container: Container
) -> None:
    reply = await slash(
        alice,
        fake,
        "score",
        program="Rush IM",
        uncertainty=3,
        importance=3,
        travel=1,
        program_type="community",
        policy="welcome",
        goal="rank_order",
    )
    assert reply.path.endswith("/callback") and reply.body["type"] == 4  # answered at once
    assert reply.ephemeral
    assert "Rush IM" in reply.text and "Prioritize" in reply.text
    assert reply.body["data"]["allowed_mentions"] == {"parse": []}
    assert "cmd:plan" in ids(reply)
    async with container.database.reading() as session:
        row = (await session.execute(select(ProgramRow))).scalar_one()
    assert (row.name, row.uncertainty, row.importance, row.travel) == ("Rush IM", 3, 3, 1)


async def test_score_without_a_program_walks_through_the_interview_with_boxes_and_buttons(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    question = await slash(alice, fake, "score")
    assert "Which program" in question.text and ids(question) == ["sl:answer"]
    question = await answer_in_box(alice, fake, question, "Rush IM")
    assert "Where is Rush IM" in question.text
    question = await answer_in_box(alice, fake, question, "Chicago, IL")
    assert "kind of program" in question.text.lower() or ids(question)
    question = await click(alice, fake, question, button(question, "Community"))
    question = await click(alice, fake, question, button(question, "Welcomes"))
    # Goals: a pick-any menu; the picks go back as one answer.
    menu = next(c for c in question.components if c["type"] == 3)
    assert menu["custom_id"].startswith("sl:many:dlg:") and menu["min_values"] == 0
    shown = len(fake.messages())
    rank_order = next(o["value"] for o in menu["options"] if "tie" in o["label"])
    alice.pick(question.body["data"], menu["custom_id"], [rank_order])
    question = (await fake.wait_for(shown + 1))[-1]
    for label in ("very uncertain", "dream", "manageable"):
        question = await click(alice, fake, question, button(question, label))
    assert "Rush IM" in question.text and "Prioritize" in question.text
    assert fake.refused == []


async def test_a_dm_conversation_goes_through_message_events(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    me = alice.in_dm()
    me.dm("score Mayo IM")
    posts = await fake.wait_for(1)
    assert posts[-1].path == f"/channels/{DM_CHANNEL}/messages"
    assert "Where is Mayo IM" in posts[-1].text
    assert "sl:answer" not in ids(posts[-1])  # in a DM the user just types
    for count, answer in enumerate(["Rochester, MN", "2", "1", "none", "2", "2", "2"], start=2):
        me.dm(answer)
        posts = await fake.wait_for(count)
    assert "Mayo IM" in posts[-1].text
    assert any(word in posts[-1].text for word in ("Consider", "Prioritize", "Virtual", "Skip"))
    assert all(not post.ephemeral for post in posts)


async def test_bot_messages_and_the_bots_own_posts_are_ignored(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    me = alice.in_dm()
    payload = me.dm("help")
    await fake.wait_for(1)
    payload["author"] = {**payload["author"], "bot": True}
    payload["id"] = str(int(payload["id"]) + 1)
    alice.client._connection.parse_message_create(payload)
    await asyncio.sleep(0.3)
    assert len(fake.messages()) == 1


async def test_a_redelivered_dm_or_interaction_is_answered_once(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    payload = alice.in_dm().dm("help")
    await fake.wait_for(1)
    alice.client._connection.parse_message_create(payload)
    interaction = alice.slash("plan")
    await fake.wait_for(2)
    alice.dispatch(interaction)
    await asyncio.sleep(0.5)
    assert len(fake.messages()) == 2
    assert fake.refused == []  # never a second response to one interaction (40060)


async def test_mentions_in_user_text_never_ping_and_show_verbatim(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    name = "@everyone <@800000000000000002> **Big**"
    reply = await slash(alice, fake, "score", program=name, uncertainty=1, importance=1, travel=1)
    assert reply.body["data"]["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in reply.text.replace("@\u200beveryone", "")
    assert "<@800000000000000002>" not in reply.text.replace("<@\u200b", "")
    assert "\\*\\*Big\\*\\*" in reply.text  # markdown shown, not applied
    me = alice.in_dm()
    me.dm("plan")
    post = (await fake.wait_for(2))[-1]
    assert post.body["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in post.text.replace("@\u200beveryone", "")


async def test_a_slow_answer_is_deferred_and_follows_up(
    container: Container, fake: FakeDiscord
) -> None:
    """With no time to spare the response is a "thinking" defer, then the follow-up
    replaces it: Discord never sees a late first response."""
    client = await start_client(container, ack_budget=0.0)
    try:
        alice = DiscordUser(client, fake)
        alice.slash("score", program="Rush IM", uncertainty=3, importance=3, travel=1)
        calls = await fake.wait_for(1)
        first = fake.callbacks()[0]
        assert first.body["type"] == 5 and first.body["data"]["flags"] == 64  # private thinking
        assert calls[-1].path.startswith("/webhooks/") and "Rush IM" in calls[-1].text
        assert fake.refused == []
    finally:
        await client.close()


async def test_a_database_busy_past_the_deadline_still_gets_an_answer(
    alice: DiscordUser, fake: FakeDiscord, container: Container
) -> None:
    """Another writer holds the database for 3.5 s: the adapter defers inside 3 s, and the
    verdict follows once the database is free. No 10062, nothing lost."""
    async with hold_database(container, seconds=3.5):
        alice.slash("score", program="Rush IM", uncertainty=3, importance=3, travel=1)
        await fake.wait_for(1, kind="callbacks", timeout=3.0)
        assert fake.callbacks()[0].body["type"] == 5  # deferred while the database waits
    verdict = (await fake.wait_for(1, timeout=15.0))[-1]
    assert verdict.path.startswith("/webhooks/") and "Rush IM" in verdict.text
    assert fake.refused == []


async def test_an_interaction_that_arrives_late_is_deferred_at_once(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    """Created 2.7 s ago (a lagging gateway): no time for the core, so defer now."""
    alice.slash("plan", age=2.7)
    await fake.wait_for(1)
    assert fake.callbacks()[0].body["type"] == 5
    assert fake.refused == []


async def test_share_is_the_only_post_to_the_channel(alice: DiscordUser, fake: FakeDiscord) -> None:
    await slash(alice, fake, "score", program="Rush IM", uncertainty=3, importance=3, travel=1)
    await slash(alice, fake, "status", program="Rush IM", status="scheduled")
    shared = await slash(alice, fake, "share")
    assert not shared.ephemeral and "Rush IM" in shared.text
    assert "3 / 3 / 1" not in shared.text and "Priority" not in shared.text
    assert all(call.ephemeral for call in fake.messages()[:-1])


async def test_autocomplete_offers_only_the_users_own_programs(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    for name in ("Rush IM", "Mayo IM", "Brigham IM"):
        await slash(alice, fake, "add", program=name)
    bob = alice.as_other(BOB, "bob")
    await slash(bob, fake, "add", program="Bob's Secret Program")
    alice.autocomplete("show", "program", "ma")
    answer = (await fake.wait_for(1, kind="autocompletes"))[-1]
    names = [choice["name"] for choice in answer.body["data"]["choices"]]
    assert names[0] == "Mayo IM"
    assert "Bob's Secret Program" not in names
    bob.autocomplete("show", "program", "")
    answer = (await fake.wait_for(2, kind="autocompletes"))[-1]
    assert [c["name"] for c in answer.body["data"]["choices"]] == ["Bob's Secret Program"]


async def test_a_user_never_sees_another_users_programs(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    await slash(alice, fake, "add", program="Rush IM")
    bob = alice.as_other(BOB, "bob")
    plan = await slash(bob, fake, "plan")
    assert "Rush IM" not in plan.text
    shown = await slash(bob, fake, "show", program="Rush IM")
    assert "Rush IM" in shown.text and "not" in shown.text.lower()


async def test_export_attaches_files_to_the_private_answer(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    await slash(alice, fake, "score", program="Rush IM", uncertainty=3, importance=3, travel=1)
    exported = await slash(alice, fake, "export")
    assert exported.ephemeral
    assert any(name.endswith(".csv") for name in exported.files)
    csv = next(blob for name, blob in exported.files.items() if name.endswith(".csv"))
    assert b"Rush IM" in csv


async def test_check_without_text_opens_a_modal_and_checks_what_is_pasted(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    alice.slash("check")
    modal = (await fake.wait_for(1, kind="modals"))[-1]
    assert modal.body["data"]["custom_id"] == "sl:check"
    alice.submit_modal(
        "sl:check",
        {"message": "Thanks again! Could you tell me where I stand on your rank list?", "to": ""},
    )
    verdict = (await fake.wait_for(1))[-1]
    assert "rank" in verdict.text.lower() and "violation" in verdict.text.lower()


async def test_incomplete_score_options_are_named_and_nothing_is_stored(
    alice: DiscordUser, fake: FakeDiscord, container: Container
) -> None:
    reply = await slash(alice, fake, "score", program="Rush IM", policy="welcome", travel=2)
    assert "uncertainty" in reply.text.lower() and "importance" in reply.text.lower()
    async with container.database.reading() as session:
        assert (await session.execute(select(ProgramRow))).first() is None


async def test_buttons_still_work_after_a_restart(container: Container, fake: FakeDiscord) -> None:
    """A message sent by one process, clicked after a new process started."""
    first = await start_client(container)
    alice = DiscordUser(first, fake)
    verdict = await slash(
        alice, fake, "score", program="Rush IM", uncertainty=3, importance=3, travel=1
    )
    await first.close()
    second = await start_client(container)
    try:
        alice = DiscordUser(second, fake)
        plan = await click(alice, fake, verdict, "cmd:plan")
        assert "Rush IM" in plan.text and plan.body["type"] == 4
    finally:
        await second.close()


async def test_when_discord_refuses_an_answer_the_user_is_told_not_left_hanging(
    alice: DiscordUser, fake: FakeDiscord
) -> None:
    fake.refuse_next = [400]
    alice.slash("plan")
    told = (await fake.wait_for(2))[-1]
    assert "Something went wrong" in told.text and told.ephemeral
    verdict = await slash(
        alice, fake, "score", program="Rush IM", uncertainty=3, importance=3, travel=1
    )
    fake.refuse_next = [400]
    alice.click(verdict.body["data"], "cmd:plan")
    told = (await fake.wait_for(5))[-1]
    assert "Something went wrong" in told.text
    fake.refuse_next = [400]
    alice.in_dm().dm("plan")
    told = (await fake.wait_for(7))[-1]
    assert told.path == f"/channels/{DM_CHANNEL}/messages" and "Something went wrong" in told.text


def test_a_shard_count_makes_an_auto_sharded_client_with_the_fewest_intents(
    container: Container,
) -> None:
    listeners = DiscordListeners(container.assistant, DeliveryLedger(container.database))
    sharded = build_client(listeners, DiscordConfig(shard_count=3))
    single = build_client(listeners, DiscordConfig())
    assert isinstance(sharded, discord.AutoShardedClient) and sharded.shard_count == 3
    assert not isinstance(single, discord.AutoShardedClient)
    for client in (sharded, single):
        assert client.intents == intents()
        assert client.intents.value == discord.Intents(guilds=True, dm_messages=True).value
        assert not (client.intents.message_content or client.intents.members)
        assert client.allowed_mentions.to_dict() == {"parse": []}


async def test_forget_me_asks_first_then_really_deletes(
    alice: DiscordUser, fake: FakeDiscord, container: Container
) -> None:
    await slash(alice, fake, "score", program="Rush IM", uncertainty=3, importance=3, travel=1)
    question = await slash(alice, fake, "forget")
    assert question.ephemeral and len(question.components) >= 2
    async with container.database.reading() as session:
        assert (await session.execute(select(ProgramRow))).first() is not None  # not yet
    done = await click(alice, fake, question, button(question, "delete"))
    assert "deleted" in done.text.lower() or "forgot" in done.text.lower()
    async with container.database.reading() as session:
        assert (await session.execute(select(ProgramRow))).first() is None
    plan = await slash(alice, fake, "plan")
    assert "Rush IM" not in plan.text
