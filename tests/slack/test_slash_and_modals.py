"""Slash commands, the scoring modal, buttons and menus, App Home, share and export:
what a Slack user does, sent over real HTTP to the Bolt app, and what they then see.

Every request is signed the way Slack signs it and goes through the real Bolt stack
(see ``conftest.py``); what the app sends back is read from the HTTP answer (the ack)
and from the local mock of Slack's side (``views.open``, ``response_url`` posts, DMs).
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import time
from collections.abc import Iterator
from typing import Any

from bot.container import Container
from core.conversation.views import VERDICT_TITLES
from core.identity import Tenant
from core.models import MAX_NAME_LENGTH, Verdict
from tests.slack.conftest import Sent, SlackUser
from tests.slack.mock_api import Call, MockSlack

ALICE = Tenant("slack", "T1", "U1")
BOB = Tenant("slack", "T1", "U2")
ALICE_ELSEWHERE = Tenant("slack", "T2", "U1")
SLACK_DEADLINE = 3.0  # seconds Slack waits for the HTTP answer to a command
SETTLE = 0.3  # after the last expected call, how long to watch for an unexpected one
FORM_FIELDS = [
    "name",
    "location",
    "program_type",
    "policy",
    "goals",
    "uncertainty",
    "importance",
    "travel",
]
COMMAND_TRIGGER = "1337.42.abcd"  # what conftest's SlackUser.command sends
ACTION_TRIGGER = "1337.43.efgh"  # what conftest's SlackUser.interact sends
_event_ids = itertools.count(1)


# --- Reading what the user sees ----------------------------------------------------------


def readable(payload: dict[str, Any]) -> str:
    """Every piece of text a person reads in a message, modal or home view payload,
    with Slack's three entities turned back into characters."""
    parts = [str(payload.get("text") or "")]
    blocks = payload.get("blocks") or (payload.get("view") or {}).get("blocks") or []
    for block in blocks:
        for key in ("text", "label"):
            part = block.get(key)
            if isinstance(part, dict):
                parts.append(part.get("text", ""))
        parts.extend(part.get("text", "") for part in block.get("fields") or [])
        for element in block.get("elements") or []:
            label = element.get("text")
            if isinstance(label, dict):
                parts.append(label.get("text", ""))
            elif isinstance(label, str):
                parts.append(label)
    joined = "\n".join(parts)
    return joined.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def ack_body(sent: Sent) -> dict[str, Any]:
    assert sent.status == 200, sent.text
    assert sent.text, "the ack carried no answer"
    body: dict[str, Any] = sent.json()
    return body


def buttons(payload: dict[str, Any]) -> dict[str, str]:
    """Button label -> value, for every button in a message's blocks."""
    return {
        element["text"]["text"]: element["value"]
        for block in payload.get("blocks") or []
        if block.get("type") == "actions"
        for element in block.get("elements", [])
        if element.get("type") == "button"
    }


def element_of(payload: dict[str, Any], kind: str) -> dict[str, Any]:
    """The first interactive element of ``kind`` in a message's blocks."""
    for block in payload.get("blocks") or []:
        candidates = [block.get("element"), *(block.get("elements") or [])]
        for element in candidates:
            if isinstance(element, dict) and element.get("type") == kind:
                return element
    raise AssertionError(f"no {kind} in {json.dumps(payload)[:500]}")


def option(element: dict[str, Any], label: str) -> dict[str, Any]:
    for candidate in element["options"]:
        if candidate["text"]["text"] == label:
            return dict(candidate)
    labels = [o["text"]["text"] for o in element["options"]]
    raise AssertionError(f"no option {label!r} in {labels}")


def strings(value: Any, key: str = "") -> Iterator[str]:
    """Every string in a payload that Slack may show; a button's or an option's ``value``
    comes back to the app and is never rendered, so it is left out."""
    if key in ("value", "_token"):
        return
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from strings(inner, inner_key)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner, key)
    elif isinstance(value, str):
        yield value


# --- Acting as the user ----------------------------------------------------------------


def as_user(slack: SlackUser, user: str = "U1", team: str = "T1") -> SlackUser:
    return dataclasses.replace(slack, user=user, team=team)


async def timed_command(user: SlackUser, text: str, **extra: Any) -> Sent:
    """A slash command, checked against Slack's 3-second deadline for its HTTP answer."""
    started = time.perf_counter()
    sent = await user.command(text, **extra)
    elapsed = time.perf_counter() - started
    assert elapsed < SLACK_DEADLINE, f"/secondlook {text} answered after {elapsed:.2f} s"
    assert sent.status == 200, sent.text
    return sent


async def next_call(mock: MockSlack, method: str, before: int) -> Call:
    """The first ``method`` call after the ``before`` already seen."""
    calls = await mock.wait_for(method, count=before + 1)
    return calls[before]


async def click_and_wait(
    slack: SlackUser, mock: MockSlack, value: str, channel: str = "C1", **action: Any
) -> Call:
    """Click a button in a channel message; the answer the app posts to its response_url."""
    before = len(mock.of("response_url"))
    sent = await slack.click(value, channel=channel, **action)
    assert sent.status == 200
    assert sent.text == ""  # acked at once, the answer follows at the response_url
    return await next_call(mock, "response_url", before)


async def block_action(
    slack: SlackUser,
    action: dict[str, Any],
    channel: str = "C1",
    state: dict[str, Any] | None = None,
) -> Sent:
    """Slack's block_actions payload for one element (a menu pick, the multi-select Done)."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "container": {"type": "message", "channel_id": channel, "is_ephemeral": True},
        "channel": {"id": channel, "name": "directmessage" if channel[0] == "D" else "study"},
        "response_url": slack.mock.response_url(f"act-{slack.user}"),
        "actions": [{"block_id": "b1", "action_ts": "1.0", **action}],
    }
    if state is not None:
        payload["state"] = {"values": state}
    return await slack.interact(payload)


async def dm_and_wait(slack: SlackUser, mock: MockSlack, text: str) -> Call:
    before = len(mock.of("chat.postMessage"))
    sent = await slack.dm(text, event_id=f"EvSlash{next(_event_ids)}")
    assert sent.status == 200
    return await next_call(mock, "chat.postMessage", before)


async def open_score_form(slack: SlackUser, mock: MockSlack, text: str = "score") -> Call:
    before = len(mock.of("views.open"))
    sent = await timed_command(slack, text)
    assert sent.text == ""  # nothing to show in the channel: the modal is the answer
    return await next_call(mock, "views.open", before)


def state_values(view: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """What Slack sends as ``view.state.values`` for these answers (field id -> answer),
    built from the modal the app opened: an answer its menus do not offer fails here."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        kind = element["type"]
        answer = answers.get(block["block_id"])
        offered = {o["value"]: o for o in element.get("options", [])}
        if kind == "plain_text_input":
            state: dict[str, Any] = {"type": kind, "value": answer}
        elif kind == "static_select":
            assert answer is None or answer in offered, (block["block_id"], answer)
            state = {"type": kind, "selected_option": offered.get(answer)}
        else:
            assert all(value in offered for value in answer or []), (block["block_id"], answer)
            state = {"type": kind, "selected_options": [offered[v] for v in answer or []]}
        values[block["block_id"]] = {element["action_id"]: state}
    return values


RUSH_FORM = {
    "name": "Rush Internal Medicine",
    "location": "Chicago, IL",
    "program_type": "mid_academic",
    "policy": "welcome",
    "goals": ["rank_order", "training"],
    "uncertainty": "3",
    "importance": "3",
    "travel": "1",
}


async def score_rush(slack: SlackUser) -> dict[str, Any]:
    """``/secondlook score Rush IM 3 3 1`` (no goal, so the verdict is Skip); the ack body."""
    return ack_body(await timed_command(slack, "score Rush IM 3 3 1"))


# --- 1. Slash commands answered in the ack -----------------------------------------------


async def test_score_with_three_numbers_answers_privately_in_the_ack_and_stores_the_program(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    body = await score_rush(slack)

    assert body["response_type"] == "ephemeral"
    seen = readable(body)
    assert f"Rush IM: {VERDICT_TITLES[Verdict.skip]}." in seen
    assert "3 / 3 / 1" in seen
    assert body["text"].startswith("Rush IM: Skip the visit.")  # the notification text
    assert {"Score another", "See my plan"} <= set(buttons(body))
    programs = await container.programs.list_programs(ALICE)
    assert [(p.name, p.uncertainty, p.importance, p.travel) for p in programs] == [
        ("Rush IM", 3, 3, 1)
    ]
    await asyncio.sleep(SETTLE)
    assert mock.of("response_url") == []  # the answer came once, in the ack
    assert mock.of("chat.postMessage") == []  # and never to the channel


async def test_plan_lists_the_users_programs_in_the_ack(slack: SlackUser) -> None:
    await score_rush(slack)

    body = ack_body(await timed_command(slack, "plan"))

    assert body["response_type"] == "ephemeral"
    seen = readable(body)
    assert "Your plan: 1 program(s)" in seen
    assert "Rush IM — skip" in seen
    assert "Export my data" in buttons(body)


async def test_help_lists_the_commands(slack: SlackUser) -> None:
    body = ack_body(await timed_command(slack, "help"))

    assert body["response_type"] == "ephemeral"
    seen = readable(body)
    for usage in ("score <program>", "plan —", "share —", "export —", "forget me"):
        assert usage in seen


async def test_an_unknown_command_gets_a_sentence_naming_the_commands_not_a_traceback(
    slack: SlackUser, mock: MockSlack
) -> None:
    sent = await timed_command(slack, "frobnicate the list")

    body = ack_body(sent)
    assert body["response_type"] == "ephemeral"
    seen = readable(body)
    assert "Unknown command 'frobnicate'" in seen
    assert "score" in seen and "plan" in seen
    assert "Traceback" not in sent.text and "Error" not in sent.text
    assert "went wrong" not in seen
    await asyncio.sleep(SETTLE)
    assert mock.of("response_url") == []  # no failure notice followed


async def test_the_bare_command_answers_with_help(slack: SlackUser) -> None:
    body = ack_body(await timed_command(slack, ""))

    assert body["response_type"] == "ephemeral"
    seen = readable(body)
    assert "SecondLook helps you decide" in seen
    assert "Start with: score <program name>" in seen


# --- 2. The scoring modal ----------------------------------------------------------------


async def test_score_without_numbers_opens_the_scoring_modal_with_the_commands_trigger(
    slack: SlackUser, mock: MockSlack
) -> None:
    call = await open_score_form(slack, mock)

    assert call.payload["trigger_id"] == COMMAND_TRIGGER
    view = call.payload["view"]
    assert view["type"] == "modal"
    assert view["callback_id"] == "sl-form:score"
    assert view["submit"]["text"] == "Get my verdict"
    blocks = {block["block_id"]: block for block in view["blocks"]}
    assert [block["block_id"] for block in view["blocks"]] == FORM_FIELDS
    assert all(block["type"] == "input" for block in view["blocks"])
    kinds = {key: block["element"]["type"] for key, block in blocks.items()}
    assert kinds == {
        "name": "plain_text_input",
        "location": "plain_text_input",
        "program_type": "static_select",
        "policy": "static_select",
        "goals": "multi_static_select",
        "uncertainty": "static_select",
        "importance": "static_select",
        "travel": "static_select",
    }
    assert blocks["name"]["element"]["max_length"] == MAX_NAME_LENGTH
    assert "initial_value" not in blocks["name"]["element"]
    for scale in ("uncertainty", "importance", "travel"):
        values = [o["value"] for o in blocks[scale]["element"]["options"]]
        assert values == ["0", "1", "2", "3"]
        assert not blocks[scale]["optional"]
    assert [o["value"] for o in blocks["program_type"]["element"]["options"]] == [
        "elite_academic",
        "mid_academic",
        "community",
        "new",
    ]
    assert {o["value"] for o in blocks["goals"]["element"]["options"]} == {
        "rank_order",
        "relocation",
        "training",
        "show_interest",
    }
    assert blocks["location"]["optional"] and blocks["goals"]["optional"]
    assert not blocks["name"]["optional"] and not blocks["policy"]["optional"]
    # Where to answer rides with the modal: this command's response_url and channel.
    meta = json.loads(view["private_metadata"])
    assert meta["response_url"] == mock.response_url("cmd-U1")
    assert meta["channel"] == "C1"


async def test_score_with_some_numbers_opens_the_modal_prefilled(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    call = await open_score_form(slack, mock, "score Rush IM 3")

    blocks = {block["block_id"]: block for block in call.payload["view"]["blocks"]}
    assert blocks["name"]["element"]["initial_value"] == "Rush IM"
    assert blocks["uncertainty"]["element"]["initial_option"]["value"] == "3"
    assert "initial_option" not in blocks["importance"]["element"]
    assert "initial_option" not in blocks["travel"]["element"]
    assert await container.programs.list_programs(ALICE) == []  # nothing stored until submit


async def test_when_the_modal_cannot_open_the_user_is_told_how_to_go_on(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    mock.rate_limited["views.open"] = 100  # every try refused, retries included

    sent = await timed_command(slack, "score")

    assert sent.text == ""
    [told] = await mock.wait_for("response_url", timeout=15)
    assert told.path == "/response/cmd-U1"
    assert told.payload["response_type"] == "ephemeral"
    assert "I could not open the form" in told.payload["text"]
    # Escaped, or Slack would read <program> as a link and drop it.
    assert "/secondlook score &lt;program&gt; &lt;uncertainty&gt;" in told.payload["text"]


# --- 3. Submitting the modal -------------------------------------------------------------


async def test_submitting_the_modal_closes_it_posts_the_verdict_and_stores_the_program(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    view = (await open_score_form(slack, mock)).payload["view"]

    sent = await slack.submit(view, state_values(view, RUSH_FORM))

    assert sent.status == 200
    assert sent.text == ""  # an empty answer closes the modal
    posted = await mock.wait_for("response_url")
    assert posted[0].path == "/response/cmd-U1"  # the command's response_url
    assert posted[0].payload["response_type"] == "ephemeral"
    seen = readable(posted[0].payload)
    assert f"Rush Internal Medicine: {VERDICT_TITLES[Verdict.prioritize]}." in seen
    assert "Mark visited" in buttons(posted[0].payload)
    [program] = await container.programs.list_programs(ALICE)
    assert program.name == "Rush Internal Medicine"
    assert (program.city, program.state) == ("Chicago", "IL")
    assert program.program_type is not None and program.program_type.value == "mid_academic"
    assert program.policy.value == "welcome"
    assert [goal.value for goal in program.goals] == ["rank_order", "training"]
    assert (program.uncertainty, program.importance, program.travel) == (3, 3, 1)
    await asyncio.sleep(SETTLE)
    assert mock.of("chat.postMessage") == []
    assert len(mock.of("response_url")) == 1


async def test_a_modal_submitted_without_a_required_choice_shows_the_error_under_it(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    view = (await open_score_form(slack, mock)).payload["view"]
    answers = {**RUSH_FORM, "policy": None}

    sent = await slack.submit(view, state_values(view, answers))

    assert sent.status == 200
    assert sent.json() == {"response_action": "errors", "errors": {"policy": "Please choose one."}}
    assert await container.programs.list_programs(ALICE) == []
    await asyncio.sleep(SETTLE)
    assert mock.of("response_url") == []  # the modal stays open: nothing posted


async def test_a_modal_submitted_with_a_name_too_long_shows_the_error_under_the_name(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    view = (await open_score_form(slack, mock)).payload["view"]
    answers = {**RUSH_FORM, "name": "N" * (MAX_NAME_LENGTH + 1)}

    sent = await slack.submit(view, state_values(view, answers))

    assert sent.status == 200
    body = sent.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"name"}
    assert str(MAX_NAME_LENGTH) in body["errors"]["name"]
    assert await container.programs.list_programs(ALICE) == []
    await asyncio.sleep(SETTLE)
    assert mock.of("response_url") == []


async def test_rescoring_a_tracked_program_prefills_the_modal_and_updates_the_same_program(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    first = (await open_score_form(slack, mock)).payload["view"]
    await slack.submit(first, state_values(first, RUSH_FORM))
    await mock.wait_for("response_url")

    again = (await open_score_form(slack, mock, "score rush internal medicine")).payload["view"]

    blocks = {block["block_id"]: block["element"] for block in again["blocks"]}
    assert blocks["name"]["initial_value"] == "Rush Internal Medicine"
    assert blocks["location"]["initial_value"] == "Chicago, IL"
    assert blocks["program_type"]["initial_option"]["value"] == "mid_academic"
    assert blocks["policy"]["initial_option"]["value"] == "welcome"
    assert [o["value"] for o in blocks["goals"]["initial_options"]] == ["rank_order", "training"]
    scores = [
        blocks[key]["initial_option"]["value"] for key in ("uncertainty", "importance", "travel")
    ]
    assert scores == ["3", "3", "1"]
    sent = await slack.submit(
        again, state_values(again, {**RUSH_FORM, "name": "rush internal medicine", "travel": "3"})
    )
    assert sent.status == 200 and sent.text == ""
    posted = (await mock.wait_for("response_url", count=2))[1]
    assert "Rush Internal Medicine:" in readable(posted.payload)
    [program] = await container.programs.list_programs(ALICE)  # updated, not duplicated
    assert (program.name, program.travel) == ("Rush Internal Medicine", 3)


# --- 4. Buttons and menus ----------------------------------------------------------------


async def test_the_see_my_plan_button_answers_privately_at_the_actions_response_url(
    slack: SlackUser, mock: MockSlack
) -> None:
    value = buttons(await score_rush(slack))["See my plan"]
    assert value == "cmd:plan"

    posted = await click_and_wait(slack, mock, value)

    assert posted.path == "/response/act-U1"
    assert posted.payload["response_type"] == "ephemeral"
    assert posted.payload["replace_original"] is False  # the verdict stays where it was
    seen = readable(posted.payload)
    assert "Your plan: 1 program(s)" in seen
    assert "Rush IM" in seen
    await asyncio.sleep(SETTLE)
    assert mock.of("chat.postMessage") == []


async def test_the_score_another_button_opens_the_modal_on_the_clicks_trigger(
    slack: SlackUser, mock: MockSlack
) -> None:
    value = buttons(await score_rush(slack))["Score another"]

    sent = await slack.click(value)

    assert sent.status == 200
    [opened] = await mock.wait_for("views.open")
    assert opened.payload["trigger_id"] == ACTION_TRIGGER
    view = opened.payload["view"]
    assert [block["block_id"] for block in view["blocks"]] == FORM_FIELDS
    assert "initial_value" not in view["blocks"][0]["element"]  # another program: blank
    meta = json.loads(view["private_metadata"])
    assert meta["response_url"] == mock.response_url("act-U1")


async def test_mark_visited_records_the_visit_and_starts_the_debrief(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    view = (await open_score_form(slack, mock)).payload["view"]
    await slack.submit(view, state_values(view, RUSH_FORM))
    [verdict] = await mock.wait_for("response_url")
    value = buttons(verdict.payload)["Mark visited"]

    posted = await click_and_wait(slack, mock, value)

    seen = readable(posted.payload)
    assert "Rush Internal Medicine is now visited." in seen
    assert "What did the visit to Rush Internal Medicine answer for you?" in seen
    [program] = await container.programs.list_programs(ALICE)
    assert program.status.value == "visited"
    # The debrief question is open in this channel: the next answer goes to it.
    answered = await timed_command(slack, "The night float is humane")
    assert "Did it move Rush Internal Medicine on your own list?" in readable(ack_body(answered))


async def test_a_dialog_button_from_an_earlier_question_says_so_and_repeats_the_current_one(
    slack: SlackUser, mock: MockSlack
) -> None:
    first = ack_body(await timed_command(slack, "profile edit"))
    assert "international medical graduate" in readable(first)
    yes = buttons(first)["Yes"]
    answered = await click_and_wait(slack, mock, yes)
    assert "Are you in the US right now?" in readable(answered.payload)

    again = await click_and_wait(slack, mock, yes)

    seen = readable(again.payload)
    assert "That button belongs to an earlier question" in seen
    assert "Are you in the US right now?" in seen
    assert again.payload["response_type"] == "ephemeral"


async def test_a_menu_pick_answers_the_question_like_a_click(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    first = ack_body(await timed_command(slack, "profile edit"))
    in_us = await click_and_wait(slack, mock, buttons(first)["Yes"])  # an IMG
    visa_question = await click_and_wait(slack, mock, buttons(in_us.payload)["Yes"])
    assert "Which visa would you travel on?" in readable(visa_question.payload)
    menu = element_of(visa_question.payload, "static_select")
    before = len(mock.of("response_url"))

    sent = await block_action(
        slack,
        {
            "type": "static_select",
            "action_id": menu["action_id"],
            "selected_option": option(menu, "J-1"),
        },
    )

    assert sent.status == 200
    posted = await next_call(mock, "response_url", before)
    assert "Where do you live now?" in readable(posted.payload)
    state = await container.dialogs.load(ALICE, "C1")
    assert state is not None and state.data["visa"] == "j1"


async def test_a_menu_pick_of_a_command_runs_it(slack: SlackUser, mock: MockSlack) -> None:
    await score_rush(slack)

    sent = await block_action(
        slack,
        {
            "type": "static_select",
            "action_id": "sl-select",
            "selected_option": {
                "text": {"type": "plain_text", "text": "Plan"},
                "value": "cmd:plan",
            },
        },
    )

    assert sent.status == 200
    [posted] = await mock.wait_for("response_url")
    assert "Your plan: 1 program(s)" in readable(posted.payload)
    assert posted.payload["replace_original"] is False


async def test_the_multi_select_done_button_answers_the_goals_question(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    await dm_and_wait(slack, mock, "score Mayo Clinic")
    await dm_and_wait(slack, mock, "Rochester, MN")
    await dm_and_wait(slack, mock, "community")
    goals = await dm_and_wait(slack, mock, "welcome")
    assert "What should a visit answer for you?" in readable(goals.payload)
    picker = element_of(goals.payload, "multi_static_select")
    done = element_of(goals.payload, "button")
    assert done["action_id"] == "sl-multi-done"
    picked = [option(picker, "Break a tie in my rank order"), option(picker, "Show my interest")]
    before = len(mock.of("chat.postMessage"))

    sent = await block_action(
        slack,
        {"type": "button", "action_id": done["action_id"], "value": done["value"]},
        channel="D1",
        state={
            "sl-multi": {
                "sl-multi-pick": {"type": "multi_static_select", "selected_options": picked}
            }
        },
    )

    assert sent.status == 200
    posted = await next_call(mock, "chat.postMessage", before)
    assert posted.payload["channel"] == "D1"
    assert "How uncertain are you about your fit at Mayo Clinic?" in readable(posted.payload)
    await dm_and_wait(slack, mock, "3")
    await dm_and_wait(slack, mock, "3")
    verdict = await dm_and_wait(slack, mock, "1")
    assert f"Mayo Clinic: {VERDICT_TITLES[Verdict.prioritize]}." in readable(verdict.payload)
    [program] = await container.programs.list_programs(ALICE)
    assert [goal.value for goal in program.goals] == ["rank_order", "show_interest"]


# --- 5. App Home -------------------------------------------------------------------------


async def test_opening_app_home_publishes_the_users_own_plan(
    slack: SlackUser, mock: MockSlack
) -> None:
    await score_rush(slack)
    await timed_command(as_user(slack, "U2"), "score Secret Hospital 1 1 1")

    sent = await slack.event(
        {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"},
        event_id="EvHome1",
    )

    assert sent.status == 200
    [published] = await mock.wait_for("views.publish")
    assert published.payload["user_id"] == "U1"
    view = published.payload["view"]
    assert view["type"] == "home"
    seen = readable(published.payload)
    assert "Your second-look plan" in seen
    assert "Rush IM" in seen
    assert "Secret Hospital" not in seen


async def test_app_home_is_not_published_for_the_messages_tab(
    slack: SlackUser, mock: MockSlack
) -> None:
    sent = await slack.event(
        {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "messages"},
        event_id="EvHomeMessages",
    )

    assert sent.status == 200
    await dm_and_wait(slack, mock, "help")  # handled after the event: it had its chance
    await asyncio.sleep(SETTLE)
    assert mock.of("views.publish") == []


async def open_home(slack: SlackUser, mock: MockSlack, event_id: str) -> Call:
    before = len(mock.of("views.publish"))
    sent = await slack.event(
        {"type": "app_home_opened", "user": slack.user, "channel": "D1", "tab": "home"},
        event_id=event_id,
    )
    assert sent.status == 200
    return await next_call(mock, "views.publish", before)


async def click_on_home(slack: SlackUser, value: str) -> Sent:
    """A button on the App Home tab: Slack sends no channel and no response_url."""
    return await slack.interact(
        {
            "type": "block_actions",
            "container": {"type": "view", "view_id": "VHOME"},
            "view": {"id": "VHOME", "type": "home"},
            "actions": [
                {
                    "type": "button",
                    "action_id": "sl-btn-0",
                    "block_id": "b1",
                    "value": value,
                    "action_ts": "1.0",
                }
            ],
        }
    )


async def test_the_scoring_modal_opened_from_app_home_answers_in_the_dm_and_refreshes_home(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    home = await open_home(slack, mock, "EvHomeEmpty")
    assert "You are not tracking any programs yet" in readable(home.payload)
    score = buttons(home.payload["view"])["Score a program"]

    sent = await click_on_home(slack, score)

    assert sent.status == 200
    [opened] = await mock.wait_for("views.open")
    assert opened.payload["trigger_id"] == ACTION_TRIGGER
    view = opened.payload["view"]
    assert "response_url" not in json.loads(view["private_metadata"])
    submitted = await slack.submit(view, state_values(view, RUSH_FORM))
    assert submitted.status == 200 and submitted.text == ""
    [verdict] = await mock.wait_for("chat.postMessage")
    assert verdict.payload["channel"] == "DU1"  # the user's DM with the app
    assert "Rush Internal Medicine: Prioritize a second look." in readable(verdict.payload)
    # Published on opening, after the click, and after the submission.
    refreshed = (await mock.wait_for("views.publish", count=3))[2]
    assert refreshed.payload["user_id"] == "U1"
    assert "Rush Internal Medicine" in readable(refreshed.payload)
    assert len(await container.programs.list_programs(ALICE)) == 1
    assert mock.of("response_url") == []


async def test_when_the_modal_cannot_open_from_app_home_the_user_is_told_in_the_dm(
    slack: SlackUser, mock: MockSlack
) -> None:
    home = await open_home(slack, mock, "EvHomeNoModal")
    score = buttons(home.payload["view"])["Score a program"]
    mock.rate_limited["views.open"] = 100  # every try refused, retries included

    sent = await click_on_home(slack, score)

    assert sent.status == 200
    await mock.wait_for("views.publish", count=2, timeout=15)  # the click was handled
    told = [call for call in mock.of("chat.postMessage") if call.payload["channel"] == "DU1"]
    assert told, "the user clicked on App Home and heard nothing"
    assert "I could not open the form" in told[0].payload["text"]


# --- 6. share ----------------------------------------------------------------------------


async def test_share_posts_the_visits_to_the_channel_without_scores_or_verdicts(
    slack: SlackUser,
) -> None:
    await score_rush(slack)
    await timed_command(slack, "set Rush IM city Chicago")
    await timed_command(slack, "status Rush IM scheduled")

    body = ack_body(await timed_command(slack, "share"))

    assert body["response_type"] == "in_channel"
    seen = readable(body)
    assert "Rush IM" in seen and "Chicago" in seen
    assert "visit set" in seen
    for private in ("3 / 3 / 1", "5.5", "Priority", "Rule "):
        assert private not in seen
    for verdict in Verdict:
        assert verdict.value.replace("_", " ") not in seen.lower()
    for title in VERDICT_TITLES.values():
        assert title not in seen


async def test_share_with_nothing_to_share_answers_only_the_user(slack: SlackUser) -> None:
    await score_rush(slack)  # tracked, but no visit asked for, set or made

    body = ack_body(await timed_command(slack, "share"))

    assert body["response_type"] == "ephemeral"
    assert "Nothing to share yet" in readable(body)
    assert "Rush IM" not in readable(body)


async def test_share_typed_in_a_dm_is_not_posted_to_anyone(slack: SlackUser) -> None:
    await score_rush(slack)
    await timed_command(slack, "status Rush IM scheduled")

    body = ack_body(await timed_command(slack, "share", channel="D1"))

    assert body["response_type"] == "ephemeral"
    assert "Run it in that channel" in readable(body)
    assert "Rush IM" not in readable(body)


# --- 7. Escaping -------------------------------------------------------------------------


async def test_a_program_named_like_a_mention_is_shown_escaped_in_everything_sent(
    slack: SlackUser, mock: MockSlack
) -> None:
    # What Slack sends when someone types the characters < ! > & literally.
    typed = "score &lt;!channel&gt; &amp; &lt;@U999&gt; 3 3 1"
    sent_payloads: list[dict[str, Any]] = []

    verdict = ack_body(await timed_command(slack, typed))
    sent_payloads.append(verdict)
    await click_and_wait(slack, mock, buttons(verdict)["Goal: break a tie"])
    await click_and_wait(slack, mock, buttons(verdict)["See my plan"])
    sent_payloads.append(ack_body(await timed_command(slack, "plan")))
    sent_payloads.append(
        ack_body(await timed_command(slack, "show &lt;!channel&gt; &amp; &lt;@U999&gt;"))
    )
    await dm_and_wait(slack, mock, "plan")
    await slack.event(
        {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"},
        event_id="EvHomeEscape",
    )
    await mock.wait_for("views.publish")
    sent_payloads.extend(call.payload for call in mock.calls)

    everything = "\n".join(s for payload in sent_payloads for s in strings(payload))
    assert "<!channel>" not in everything
    assert "<@U999>" not in everything
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt;" in everything
    assert "<!channel> & <@U999>" in readable(verdict)  # shown to the user as typed
    for method in ("response_url", "chat.postMessage", "views.publish"):
        assert any("&lt;!channel&gt;" in s for c in mock.of(method) for s in strings(c.payload))


# --- 8. Privacy --------------------------------------------------------------------------


async def test_another_user_in_the_same_workspace_sees_none_of_the_programs(
    slack: SlackUser, container: Container
) -> None:
    await score_rush(slack)

    body = ack_body(await timed_command(as_user(slack, "U2"), "plan"))

    seen = readable(body)
    assert "Rush IM" not in seen
    assert "You are not tracking any programs yet" in seen
    assert await container.programs.list_programs(BOB) == []


async def test_the_same_user_id_in_another_workspace_sees_nothing(
    slack: SlackUser, container: Container
) -> None:
    await score_rush(slack)
    elsewhere = as_user(slack, "U1", team="T2")

    plan = readable(ack_body(await timed_command(elsewhere, "plan")))
    show = readable(ack_body(await timed_command(elsewhere, "show Rush IM")))

    assert "Rush IM" not in plan
    assert "You are not tracking any programs yet" in plan
    assert "3 / 3 / 1" not in show
    assert await container.programs.list_programs(ALICE_ELSEWHERE) == []
    assert len(await container.programs.list_programs(ALICE)) == 1


# --- 9. export ---------------------------------------------------------------------------


async def test_export_acks_at_once_then_uploads_the_files_to_the_users_dm(
    slack: SlackUser, mock: MockSlack
) -> None:
    await score_rush(slack)

    body = ack_body(await timed_command(slack, "export"))

    assert body["response_type"] == "ephemeral"
    assert "Your data: 1 program(s)" in readable(body)
    assert "sent to our DM" in readable(body)
    [completed] = await mock.wait_for("files.completeUploadExternal")
    [opened] = mock.of("conversations.open")
    assert opened.payload["users"] == "U1"
    assert completed.payload["channel_id"] == "DU1"  # the DM conversations.open gave
    names = sorted(call.payload["filename"] for call in mock.of("files.getUploadURLExternal"))
    assert names == ["secondlook-export.json", "secondlook-programs.csv"]
    uploads = mock.of("upload")
    assert len(uploads) == 2
    assert any(b"Rush IM" in call.payload["data"] for call in uploads)
    files = json.loads(completed.payload["files"])
    assert len(files) == 2
    for call in mock.calls:
        assert call.payload.get("channel") != "C1"
        assert call.payload.get("channel_id") != "C1"
        assert "C1" not in str(call.payload.get("channels", ""))
