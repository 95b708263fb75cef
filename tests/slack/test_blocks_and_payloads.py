"""Slack in and out, pure (architecture rule 2): recorded payloads to core ``Incoming``,
core ``Reply`` to Block Kit. No network, no Bolt: what a Slack user would notice.

The payloads under ``tests/data/slack`` follow the shapes Slack documents and sends (a
slash command's form body decoded to a dict, Events API envelopes, interaction payloads);
every rendered block is checked against Block Kit's rules, with ``slack_sdk``'s own
models as a second opinion.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.blocks import Block as SdkBlock
from slack_sdk.models.views import View as SdkView

from adapters.slack import payloads
from adapters.slack.blocks import (
    MULTI_BLOCK,
    MULTI_DONE,
    MULTI_PICK,
    escape,
    form_values,
    home_view,
    message,
    modal,
    reply_blocks,
)
from core.conversation import profile_dialog
from core.conversation.answers import pick, pick_many
from core.conversation.flow import parse_action
from core.conversation.forms import (
    FIELD_IDS,
    SCORE_FORM,
    FormProblems,
    read_score_form,
    score_form,
)
from core.conversation.interview import GOALS
from core.conversation.views import verdict_reply
from core.identity import Tenant
from core.incoming import Incoming
from core.replies import (
    Attachment,
    Choice,
    ChoiceMode,
    InfoField,
    Reply,
    Section,
)
from tests import sample_replies
from tests.sample_replies import (
    delete_confirmation,
    goals_question,
    program,
    recommendation,
    visa_question,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "slack"

ALICE = Tenant("slack", "T0SLK1MED", "U0ALICE01")
ALICE_DM = "D0ALICEDM1"
STUDY_GROUP = "C0STUDY01"
HOSTILE = "<!channel> & <@U1>"


def recorded(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text())


# --- Block Kit's rules, checked locally ---------------------------------------------------

BLOCK_TYPES = {"section", "actions", "context", "divider", "header", "input"}
ACTION_ELEMENTS = {"button", "static_select"}
INPUT_ELEMENTS = {"plain_text_input", "static_select", "multi_static_select"}
ENTITY = re.compile(r"&(?!(?:amp|lt|gt);)")
STRAY_SEMICOLON = re.compile(r"(?<!&amp)(?<!&lt)(?<!&gt);")  # tests put no ; in text


def text_objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every text object anywhere in a payload."""
    if isinstance(node, dict):
        if node.get("type") in ("plain_text", "mrkdwn") and "text" in node:
            yield node
        for value in node.values():
            yield from text_objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from text_objects(item)


def check_text(obj: dict[str, Any], limit: int, kinds: tuple[str, ...] = ("plain_text",)) -> None:
    assert obj["type"] in kinds, obj
    assert isinstance(obj["text"], str) and obj["text"], f"empty text object: {obj}"
    assert len(obj["text"]) <= limit, f"{len(obj['text'])} > {limit}: {obj['text'][:60]!r}"
    if obj["type"] == "mrkdwn":
        # Without verbatim Slack turns bare #names and URLs into links of its own.
        assert obj.get("verbatim") is True, obj
    assert not ENTITY.search(obj["text"]) or obj["type"] == "plain_text", (
        f"unescaped & in mrkdwn: {obj['text'][:80]!r}"
    )


def check_options(element: dict[str, Any]) -> None:
    options = element["options"]
    assert 1 <= len(options) <= 100
    values = [o["value"] for o in options]
    assert len(set(values)) == len(values), "two options with one value"
    for option in options:
        check_text(option["text"], 75)
        assert 1 <= len(option["value"]) <= 150, option["value"]
    if "initial_option" in element:
        assert element["initial_option"] in options
    for initial in element.get("initial_options", []):
        assert initial in options


def check_element(element: dict[str, Any], allowed: set[str]) -> None:
    assert element["type"] in allowed, element["type"]
    assert 1 <= len(element["action_id"]) <= 255
    if element["type"] == "button":
        check_text(element["text"], 75)
        assert 1 <= len(element["value"]) <= 2000
        assert element.get("style", "primary") in ("primary", "danger")
    elif element["type"] in ("static_select", "multi_static_select"):
        check_options(element)
        if "placeholder" in element:
            check_text(element["placeholder"], 150)
    elif element["type"] == "plain_text_input":
        if "placeholder" in element:
            check_text(element["placeholder"], 150)
        if "initial_value" in element and "max_length" in element:
            assert len(element["initial_value"]) <= element["max_length"]


def check_blocks(blocks: list[dict[str, Any]], max_blocks: int) -> None:
    assert 1 <= len(blocks) <= max_blocks, len(blocks)
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    assert len(set(block_ids)) == len(block_ids), f"duplicate block_id: {block_ids}"
    assert all(1 <= len(b) <= 255 for b in block_ids)
    for block in blocks:
        kind = block["type"]
        assert kind in BLOCK_TYPES, kind
        if kind == "section":
            assert "text" in block or "fields" in block
            if "text" in block:
                check_text(block["text"], 3000, ("mrkdwn", "plain_text"))
            fields = block.get("fields", [])
            assert len(fields) <= 10
            for field in fields:
                check_text(field, 2000, ("mrkdwn", "plain_text"))
        elif kind == "actions":
            elements = block["elements"]
            assert 1 <= len(elements) <= 25
            ids = [e["action_id"] for e in elements]
            assert len(set(ids)) == len(ids), f"duplicate action_id in one block: {ids}"
            for element in elements:
                check_element(element, ACTION_ELEMENTS)
        elif kind == "context":
            assert 1 <= len(block["elements"]) <= 10
            for element in block["elements"]:
                check_text(element, 3000, ("mrkdwn", "plain_text"))
        elif kind == "header":
            check_text(block["text"], 150)
        elif kind == "input":
            check_text(block["label"], 2000)
            check_element(block["element"], INPUT_ELEMENTS)
        # slack_sdk's models know Slack's limits too; an unknown type parses to None.
        parsed = SdkBlock.parse(block)
        assert parsed is not None, block
        parsed.validate_json()


def check_message(payload: dict[str, Any]) -> None:
    assert payload["text"].strip(), "no notification text"
    assert len(payload["text"]) <= 3000
    assert not ENTITY.search(payload["text"])
    check_blocks(payload["blocks"], 50)


def check_view(view: dict[str, Any]) -> None:
    assert view["type"] in ("modal", "home")
    check_blocks(view["blocks"], 100)
    if view["type"] == "modal":
        for key in ("title", "submit", "close"):
            check_text(view[key], 24)
        assert len(view["callback_id"]) <= 255
        assert len(view["private_metadata"]) <= 3000
    SdkView(**view).validate_json()


# --- Realistic core replies -----------------------------------------------------------------


def big_plan(count: int) -> Reply:
    """A plan whose program names hold an ``&`` for Block Kit's escaping."""
    return sample_replies.big_plan(count, "Program {n:02d} & Sons")


PREFILL = {"name": "Rush", "uncertainty": 2, "program_type": "community", "goals": ["training"]}


def by_block(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block["block_id"]: block for block in view["blocks"]}


def state_from_initials(view: dict[str, Any]) -> dict[str, Any]:
    """What Slack submits when the user changes nothing: the initial values, as state."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block["element"]
        kind = element["type"]
        if kind == "plain_text_input":
            state = {"type": kind, "value": element.get("initial_value")}
        elif kind == "static_select":
            state = {"type": kind, "selected_option": element.get("initial_option")}
        else:
            state = {"type": kind, "selected_options": element.get("initial_options", [])}
        values[block["block_id"]] = {element["action_id"]: state}
    return {"values": values}


def submission(view: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    body = recorded("view_submission_score.json")
    body["view"] = {**body["view"], **view, "state": state}
    return body


# --- Payloads in: slash commands --------------------------------------------------------


def test_a_slash_command_in_a_channel_reaches_the_core_as_typed() -> None:
    body = recorded("command_channel.json")

    incoming = payloads.from_command(body)

    assert incoming == Incoming(
        ALICE,
        STUDY_GROUP,
        text="score Brigham & Women's 2 3 1",
        command=True,
        direct=False,
        forms=True,
    )


def test_a_slash_command_typed_in_our_dm_is_direct() -> None:
    incoming = payloads.from_command(recorded("command_dm.json"))

    assert (incoming.channel, incoming.text, incoming.direct, incoming.command) == (
        ALICE_DM,
        "plan",
        True,
        True,
    )


def test_a_command_without_a_trigger_id_never_tries_a_modal() -> None:
    body = recorded("command_channel.json")
    del body["trigger_id"]

    assert payloads.from_command(body).forms is False


def test_an_enterprise_grid_user_is_one_tenant_for_commands_and_clicks() -> None:
    command = payloads.from_command(recorded("command_enterprise.json"))
    click = recorded("action_enterprise_button.json")
    clicked = payloads.from_action(click, payloads.action_channel(click) or "", direct=False)

    # user.team_id in a Grid click is the org (E…): the workspace must come from team.id,
    # or Bob's click would not find the dialog his command started.
    assert command.tenant == Tenant("slack", "T0GRIDWS1", "W0BOBGRID")
    assert clicked is not None and clicked.tenant == command.tenant
    assert command.text == "check draft to Mayo"
    assert (command.channel, command.direct) == ("C0GRIDRES", False)
    assert clicked.action == "cmd:plan"


def test_an_org_wide_payload_without_a_team_falls_back_to_the_org() -> None:
    body = recorded("action_enterprise_button.json")
    body["team"] = None
    body["user"] = {"id": "W0BOBGRID", "username": "bob.okafor"}

    assert payloads.tenant(body) == Tenant("slack", "E0ACMEORG", "W0BOBGRID")


# --- Payloads in: DMs -------------------------------------------------------------------


def test_a_dm_reaches_the_core_as_typed() -> None:
    body = recorded("event_message_im.json")

    assert payloads.wanted_message(body["event"])
    assert payloads.from_message(body) == Incoming(
        ALICE,
        ALICE_DM,
        text=(
            "note Brigham & Women's: ask <night float> vs. day team, see their site and @U0BOBGRID"
        ),
        direct=True,
    )


def test_a_file_shared_with_a_comment_is_read_like_a_dm() -> None:
    body = recorded("event_file_share.json")

    assert payloads.wanted_message(body["event"])
    assert payloads.from_message(body).text == "check this draft to Mayo"


@pytest.mark.parametrize(
    "fixture", ["event_message_changed.json", "event_bot_message.json", "event_own_message.json"]
)
def test_edits_other_bots_and_our_own_posts_get_no_answer(fixture: str) -> None:
    assert not payloads.wanted_message(recorded(fixture)["event"])


@pytest.mark.parametrize(
    "change",
    [
        {"channel_type": "channel"},
        {"channel_type": "mpim"},
        {"subtype": "channel_join"},
        {"text": "   "},
    ],
)
def test_messages_outside_a_dm_or_without_words_get_no_answer(change: dict[str, str]) -> None:
    event = {**recorded("event_message_im.json")["event"], **change}

    assert not payloads.wanted_message(event)


# --- Payloads in: buttons and menus ----------------------------------------------------


def test_a_button_in_an_ephemeral_reply_answers_in_that_channel() -> None:
    body = recorded("action_button_ephemeral.json")

    channel = payloads.action_channel(body)
    incoming = payloads.from_action(body, channel or "", direct=False)

    assert channel == STUDY_GROUP
    assert incoming == Incoming(ALICE, STUDY_GROUP, action="cmd:score", forms=True)


def test_a_button_on_the_home_tab_has_no_channel_so_answers_go_to_the_dm() -> None:
    body = recorded("action_home_button.json")

    assert payloads.action_channel(body) is None
    incoming = payloads.from_action(body, ALICE_DM, direct=True)
    assert incoming == Incoming(ALICE, ALICE_DM, action="cmd:export", direct=True, forms=True)


def test_a_pick_from_a_menu_answers_the_question_it_belongs_to() -> None:
    body = recorded("action_static_select.json")

    channel = payloads.action_channel(body)
    incoming = payloads.from_action(body, channel or "", direct=True)

    assert channel == ALICE_DM
    assert incoming is not None and incoming.action == "dlg:4c1e9a7b:visa:j1"
    token, step, value = parse_action(incoming.action) or ("", "", "")
    assert (token, step) == ("4c1e9a7b", "visa")
    assert pick(value, profile_dialog.VISAS).label == "J-1"


def test_done_sends_every_ticked_goal_as_one_answer() -> None:
    body = recorded("action_multi_done.json")

    incoming = payloads.from_action(body, STUDY_GROUP, direct=False)

    assert incoming is not None
    assert incoming.action == "dlg:9e3b5a1f:goals:rank_order,training"
    _, step, value = parse_action(incoming.action) or ("", "", "")
    assert step == "goals"
    assert [o.value for o in pick_many(value, GOALS)] == ["rank_order", "training"]


def test_done_with_nothing_ticked_answers_none() -> None:
    body = recorded("action_multi_done.json")
    body["state"]["values"][MULTI_BLOCK][MULTI_PICK]["selected_options"] = []

    action = payloads.picked_action(body)

    assert action == "dlg:9e3b5a1f:goals:none"
    _, _, value = parse_action(action) or ("", "", "")
    assert pick_many(value, GOALS) == []


def test_a_link_button_without_a_value_is_not_an_answer() -> None:
    body = recorded("action_button_ephemeral.json")
    body["actions"] = [
        {
            "action_id": "open-docs",
            "block_id": "L1nk",
            "text": {"type": "plain_text", "text": "Read more", "emoji": True},
            "url": "https://example.org/second-looks",
            "type": "button",
            "action_ts": "1712346010.554322",
        }
    ]

    assert payloads.from_action(body, STUDY_GROUP, direct=False) is None


# --- Payloads in: the modal -------------------------------------------------------------


def test_a_submitted_score_form_is_read_by_the_core() -> None:
    parsed = payloads.from_view(recorded("view_submission_score.json"))

    assert parsed is not None
    incoming, meta = parsed
    assert (incoming.tenant, incoming.channel, incoming.form_id) == (ALICE, STUDY_GROUP, "score")
    assert (incoming.direct, incoming.forms, incoming.command) == (False, True, False)
    assert meta["response_url"].startswith("https://hooks.slack.com/commands/")
    assert read_score_form(incoming.form_values) == {
        "name": "Brigham & Women's",
        "city": "Boston",
        "state": "MA",
        "program_type": "elite_academic",
        "policy": "welcome",
        "goals": ["rank_order", "relocation"],
        "uncertainty": 2,
        "importance": 3,
        "travel": 1,
    }


def test_optional_fields_left_empty_are_not_errors() -> None:
    body = recorded("view_submission_score.json")
    values = body["view"]["state"]["values"]
    values["location"]["location"]["value"] = None  # Slack sends null for an empty input
    values["goals"]["goals"]["selected_options"] = []

    parsed = payloads.from_view(body)

    assert parsed is not None
    incoming, _ = parsed
    assert incoming.form_values["location"] == ""
    assert incoming.form_values["goals"] == []
    data = read_score_form(incoming.form_values)
    assert "city" not in data and "goals" not in data
    assert data["name"] == "Brigham & Women's"


def test_a_view_we_did_not_open_is_left_alone() -> None:
    body = recorded("view_submission_score.json")
    body["view"]["callback_id"] = "someone-elses-modal"

    assert payloads.from_view(body) is None


def test_the_recorded_submission_matches_the_modal_we_render() -> None:
    """Guards drift: a renamed field would leave real submissions unread."""
    recorded_view = recorded("view_submission_score.json")["view"]
    rendered = modal(score_form(), {"channel": STUDY_GROUP})

    assert recorded_view["callback_id"] == rendered["callback_id"]
    state = recorded_view["state"]["values"]
    assert set(state) == set(by_block(rendered)) == set(FIELD_IDS)
    for block_id, actions in state.items():
        assert list(actions) == [by_block(rendered)[block_id]["element"]["action_id"]]
        assert (
            next(iter(actions.values()))["type"] == by_block(rendered)[block_id]["element"]["type"]
        )


# --- unescape / escape -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "typed"),
    [
        ("Brigham &amp; Women's", "Brigham & Women's"),
        ("if u &lt; 2 &gt; t", "if u < 2 > t"),
        ("see <https://rush.edu/im|Rush IM>", "see Rush IM"),
        ("see <https://x.org/a?b=1&amp;c=2>", "see https://x.org/a?b=1&c=2"),
        ("<mailto:pd@rush.edu|pd@rush.edu>", "pd@rush.edu"),
        ("write to <mailto:pd@rush.edu>", "write to pd@rush.edu"),
        ("ask <@U0BOBGRID>", "ask @U0BOBGRID"),
        ("post in <#C0STUDY01|general>", "post in #general"),
        ("<!here> anyone visited?", "@here anyone visited?"),
        ("&amp;lt; is how you write &lt;", "&lt; is how you write <"),
        ("typed &lt;https://x|y&gt; by hand", "typed <https://x|y> by hand"),
    ],
)
def test_unescape_gives_back_what_the_user_typed(sent: str, typed: str) -> None:
    assert payloads.unescape(sent) == typed


def test_escape_and_unescape_round_trip_any_plain_text() -> None:
    rng = random.Random(20240301)
    alphabet = "&<>;amplgt#|@!:/ xW"
    samples = ["", HOSTILE, "&amp;", "&lt;&gt;", "<<>>&&", "a&lt;b"]
    samples += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(500)
    ]
    for text in samples:
        assert payloads.unescape(escape(text)) == text, text
        escaped = escape(text)
        assert escape(payloads.unescape(escaped)) == escaped, escaped


# --- Rendering: escaping ------------------------------------------------------------------


def hostile_replies() -> list[Reply]:
    verdict = verdict_reply(program(HOSTILE), recommendation(HOSTILE))
    everywhere = Reply(
        text=f"{HOSTILE}: Prioritize a second look.",
        sections=[
            Section(
                title=HOSTILE,
                text=f"Ask {HOSTILE} about night float",
                fields=[InfoField(label=HOSTILE, value=HOSTILE)],
            )
        ],
        files=[Attachment(name=f"{HOSTILE}.ics", mime="text/calendar", data=b"BEGIN")],
    )
    return [verdict, everywhere]


def test_a_hostile_program_name_is_shown_never_obeyed() -> None:
    payload = message(hostile_replies())

    check_message(payload)
    for obj in [*text_objects(payload["blocks"]), {"type": "mrkdwn", "text": payload["text"]}]:
        assert "<!channel>" not in obj["text"] and "<@U1>" not in obj["text"], obj
        if obj["type"] == "mrkdwn":
            assert "<" not in obj["text"] and ">" not in obj["text"], obj
            assert not ENTITY.search(obj["text"]), obj
    shown = "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    assert payload["text"].startswith(shown)
    assert payload["blocks"][0]["text"]["text"].startswith(shown)
    mrkdwn_texts = [o["text"] for o in text_objects(payload["blocks"]) if o["type"] == "mrkdwn"]
    assert f"*{shown}*\n{shown}" in mrkdwn_texts  # the field: bold label, then value
    assert any(t.startswith("Files: ") and f"{shown}.ics" in t for t in mrkdwn_texts)


def test_every_mrkdwn_text_is_verbatim() -> None:
    payload = message([*hostile_replies(), big_plan(3), goals_question()])

    mrkdwn_objects = [o for o in text_objects(payload["blocks"]) if o["type"] == "mrkdwn"]
    assert mrkdwn_objects
    assert all(o["verbatim"] is True for o in mrkdwn_objects)


# --- Rendering: Slack's limits ------------------------------------------------------------


def test_a_long_button_label_is_cut_to_75_characters() -> None:
    label = "Get the second-look request email for " + "Very Long Program Name " * 5
    blocks = reply_blocks(Reply(text="Next?", choices=[Choice(id="cmd:plan", label=label)]))

    button = blocks[-1]["elements"][0]
    assert len(button["text"]["text"]) == 75
    assert button["text"]["text"] == label[:74] + "…"
    assert button["value"] == "cmd:plan"


def test_long_text_is_split_into_sections_of_3000_and_nothing_is_lost() -> None:
    text = "\n".join(f"Line {n}: ask about call schedule & night float." for n in range(300))
    blocks = reply_blocks(Reply(text=text))

    assert len(blocks) > 1
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks)
    assert "\n".join(b["text"]["text"] for b in blocks) == escape(text)


def test_a_long_section_is_split_without_losing_characters() -> None:
    body = " ".join(f"w{n:04d}" for n in range(1400))  # 8,399 characters, one line
    blocks = reply_blocks(Reply(text="Draft", sections=[Section(text=body)]))

    sections = [b["text"]["text"] for b in blocks[1:]]
    assert len(sections) == 3
    assert all(len(text) <= 3000 for text in sections)
    # Slack shows the sections one after another: every word must still be there.
    assert "".join(sections) == body


@pytest.mark.parametrize("where", ["text", "section", "field"])
def test_splitting_and_cutting_never_break_an_escaped_character(where: str) -> None:
    broken: list[str] = []
    for pad in ("", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg"):
        long = pad + "Q&A " * 1200  # escaped, "&amp;" falls across every limit for some pad
        if where == "text":
            reply = Reply(text=long)
        elif where == "section":
            reply = Reply(text="Notes", sections=[Section(text=long)])
        else:
            field = InfoField(label="Notes", value=long)
            reply = Reply(text="Notes", sections=[Section(fields=[field])])
        for obj in text_objects(reply_blocks(reply)):
            text = obj["text"]
            # A cut inside "&amp;" shows "&am" at the end of one section and "p;" next.
            if ENTITY.search(text) or STRAY_SEMICOLON.search(text):
                broken.append(f"pad={pad!r}: …{text[-10:]!r} / {text[:10]!r}…")
    assert not broken, broken


def test_a_section_holds_at_most_10_fields_and_every_field_is_shown() -> None:
    fields = [InfoField(label=f"Program {n}", value=f"{n} / 3 / 1") for n in range(23)]
    blocks = reply_blocks(Reply(text="Scores", sections=[Section(fields=fields)]))

    field_blocks = [b for b in blocks if "fields" in b]
    assert [len(b["fields"]) for b in field_blocks] == [10, 10, 3]
    shown = [f["text"] for b in field_blocks for f in b["fields"]]
    assert shown == [f"*Program {n}*\n{n} / 3 / 1" for n in range(23)]


def test_a_huge_plan_fits_in_50_blocks_says_so_and_keeps_its_buttons() -> None:
    payload = message([big_plan(60)])

    check_message(payload)
    blocks = payload["blocks"]
    assert len(blocks) == 50
    assert any("cut" in (b.get("text") or {}).get("text", "") for b in blocks)
    assert [e["value"] for e in blocks[-1]["elements"]] == ["cmd:score", "cmd:export"]


def test_many_huge_replies_still_fit_in_50_blocks_and_the_cut_is_marked() -> None:
    payload = message([big_plan(40), big_plan(40), big_plan(40)])

    check_message(payload)
    assert len(payload["blocks"]) == 50
    assert payload["blocks"][-1]["type"] == "section"
    assert payload["blocks"][-1]["text"]["text"].startswith("…")


def test_more_than_25_buttons_go_in_rows_of_25() -> None:
    choices = [Choice(id=f"cmd:show Program {n}", label=f"Program {n}") for n in range(30)]
    blocks = reply_blocks(Reply(text="Which one?", choices=choices))

    rows = [b for b in blocks if b["type"] == "actions"]
    assert [len(r["elements"]) for r in rows] == [25, 5]
    assert [e["value"] for r in rows for e in r["elements"]] == [c.id for c in choices]
    ids = [e["action_id"] for r in rows for e in r["elements"]]
    assert len(set(ids)) == len(ids)


# --- Rendering: choices, files, several replies -------------------------------------------


def test_choice_styles_become_primary_and_danger_buttons() -> None:
    buttons = reply_blocks(delete_confirmation())[-1]["elements"]

    assert [b.get("style") for b in buttons] == ["danger", "primary", None]
    assert [b["text"]["text"] for b in buttons] == ["Delete", "Keep it", "Help"]


def test_a_question_with_many_options_is_a_menu() -> None:
    reply = visa_question()
    assert reply.choice_mode is ChoiceMode.select

    blocks = reply_blocks(reply)

    menu = blocks[-1]["elements"]
    assert blocks[-1]["type"] == "actions" and len(menu) == 1
    assert menu[0]["type"] == "static_select"
    assert [o["value"] for o in menu[0]["options"]] == [c.id for c in reply.choices]
    assert [o["text"]["text"] for o in menu[0]["options"]] == [c.label for c in reply.choices]
    check_blocks(blocks, 50)


def test_a_pick_any_question_is_a_multi_select_with_a_done_button() -> None:
    reply = goals_question()
    assert reply.choice_mode is ChoiceMode.multi_select

    blocks = reply_blocks(reply)

    picker, done_row = blocks[-2], blocks[-1]
    assert (picker["type"], picker["block_id"], picker["optional"]) == ("input", MULTI_BLOCK, True)
    assert picker["element"]["type"] == "multi_static_select"
    assert picker["element"]["action_id"] == MULTI_PICK
    options = [o["value"] for o in picker["element"]["options"]]
    assert options == [c.id for c in reply.choices]
    [done] = done_row["elements"]
    assert (done["action_id"], done["text"]["text"]) == (MULTI_DONE, "Done")
    assert done["value"] == "dlg:9e3b5a1f:goals:"
    assert all(value.startswith(done["value"]) for value in options)
    check_blocks(blocks, 50)


def test_the_recorded_done_click_matches_the_question_we_render() -> None:
    body = recorded("action_multi_done.json")
    blocks = reply_blocks(goals_question())

    assert body["actions"][0]["value"] == blocks[-1]["elements"][0]["value"]
    ticked = body["state"]["values"][MULTI_BLOCK][MULTI_PICK]["selected_options"]
    assert all(o in blocks[-2]["element"]["options"] for o in ticked)


def test_files_are_named_in_a_context_block() -> None:
    reply = Reply(
        text="Your export is ready.",
        files=[
            Attachment(name="plan & notes.csv", mime="text/csv", data=b"name\n"),
            Attachment(name="secondlook.json", mime="application/json", data=b"{}"),
        ],
    )

    context = [b for b in reply_blocks(reply) if b["type"] == "context"]

    assert len(context) == 1
    assert context[0]["elements"][0]["text"] == (
        "Files: plan &amp; notes.csv, secondlook.json (sent to our DM)"
    )


def test_several_replies_are_one_message_with_a_divider_between() -> None:
    first = Reply(text="Saved Rush & Presbyterian.")
    second = Reply(text="Next: how uncertain are you about your fit?")
    third = Reply(text="(You can also type: back, skip, cancel.)")

    payload = message([first, second, third])

    check_message(payload)
    assert [b["type"] for b in payload["blocks"]] == [
        "section",
        "divider",
        "section",
        "divider",
        "section",
    ]
    assert payload["text"] == (
        "Saved Rush &amp; Presbyterian.\n"
        "Next: how uncertain are you about your fit?\n"
        "(You can also type: back, skip, cancel.)"
    )


def test_the_notification_text_is_there_and_escaped() -> None:
    payload = message(
        [Reply(text=f"{HOSTILE} scored", choices=[Choice(id="cmd:plan", label="Plan")])]
    )

    assert payload["text"] == "&lt;!channel&gt; &amp; &lt;@U1&gt; scored"


# --- The scoring modal ------------------------------------------------------------------


def test_the_score_form_is_a_valid_modal_with_one_input_per_field() -> None:
    form = score_form(PREFILL)
    view = modal(form, {"channel": STUDY_GROUP, "direct": ""})

    check_view(view)
    assert view["type"] == "modal"
    assert view["callback_id"] == f"sl-form:{SCORE_FORM}"
    assert len(view["title"]["text"]) <= 24
    assert view["title"]["text"] == "Score a program"
    assert view["submit"]["text"] == "Get my verdict"
    assert [b["type"] for b in view["blocks"]] == ["input"] * len(form.fields)
    assert [b["block_id"] for b in view["blocks"]] == [f.id for f in form.fields]
    for block, field in zip(view["blocks"], form.fields, strict=True):
        assert block["optional"] is (not field.required), field.id
        assert block["element"]["action_id"] == field.id
        if field.kind != "text":
            assert [o["value"] for o in block["element"]["options"]] == [
                c.id for c in field.options
            ]


def test_what_is_known_is_already_picked_in_the_modal() -> None:
    blocks = by_block(modal(score_form(PREFILL), {"channel": STUDY_GROUP}))

    assert blocks["name"]["element"]["initial_value"] == "Rush"
    assert blocks["program_type"]["element"]["initial_option"]["value"] == "community"
    assert blocks["program_type"]["element"]["initial_option"]["text"]["text"] == "Community"
    assert blocks["uncertainty"]["element"]["initial_option"]["value"] == "2"
    assert [o["value"] for o in blocks["goals"]["element"]["initial_options"]] == ["training"]
    for unknown in ("location", "policy", "importance", "travel"):
        element = blocks[unknown]["element"]
        assert not {"initial_value", "initial_option"} & set(element), unknown
    assert (blocks["location"]["optional"], blocks["goals"]["optional"]) == (True, True)
    assert blocks["policy"]["optional"] is False


def test_private_metadata_brings_the_answer_back_where_the_form_was_opened() -> None:
    meta = {
        "channel": ALICE_DM,
        "direct": "1",
        "response_url": "https://hooks.slack.com/commands/T0SLK1MED/1/abc",
    }
    view = modal(score_form(PREFILL), meta)

    parsed = payloads.from_view(submission(view, state_from_initials(view)))

    assert parsed is not None
    incoming, back = parsed
    assert back == meta
    assert (incoming.channel, incoming.direct, incoming.form_id) == (ALICE_DM, True, "score")


def test_a_prefilled_form_submitted_unchanged_keeps_what_was_known() -> None:
    view = modal(score_form(PREFILL), {"channel": STUDY_GROUP, "direct": ""})
    state = state_from_initials(view)

    values = form_values({**view, "state": state})

    assert values == {
        "name": "Rush",
        "location": "",
        "program_type": "community",
        "policy": "",
        "goals": ["training"],
        "uncertainty": "2",
        "importance": "",
        "travel": "",
    }
    with pytest.raises(FormProblems) as problems:
        read_score_form(values)
    # Each problem is shown under its own field: its key must be one of the modal's blocks.
    assert set(problems.value.problems) == {"policy", "importance", "travel"}
    assert set(problems.value.problems) <= set(by_block(view))


def test_a_completed_prefilled_form_gives_the_core_the_whole_program() -> None:
    view = modal(score_form(PREFILL), {"channel": STUDY_GROUP})
    state = state_from_initials(view)
    options = {
        key: {o["value"]: o for o in by_block(view)[key]["element"]["options"]}
        for key in ("policy", "importance", "travel")
    }
    state["values"]["policy"]["policy"]["selected_option"] = options["policy"]["neutral"]
    state["values"]["importance"]["importance"]["selected_option"] = options["importance"]["3"]
    state["values"]["travel"]["travel"]["selected_option"] = options["travel"]["0"]

    parsed = payloads.from_view(submission(view, state))

    assert parsed is not None
    assert read_score_form(parsed[0].form_values) == {
        "name": "Rush",
        "program_type": "community",
        "policy": "neutral",
        "goals": ["training"],
        "uncertainty": 2,
        "importance": 3,
        "travel": 0,
    }


# --- The App Home tab ---------------------------------------------------------------------


def test_the_home_tab_starts_with_a_header_and_keeps_the_plan_buttons() -> None:
    view = home_view([big_plan(3)])

    check_view(view)
    assert view["type"] == "home"
    assert view["blocks"][0]["type"] == "header"
    assert view["blocks"][0]["text"]["text"] == "Your second-look plan"
    assert view["blocks"][1]["text"]["text"].startswith("Your plan: 3 program(s)")
    assert [e["value"] for e in view["blocks"][-1]["elements"]] == ["cmd:score", "cmd:export"]


def test_a_huge_home_tab_stays_within_100_blocks() -> None:
    view = home_view([big_plan(80), big_plan(80)])

    check_view(view)
    assert view["blocks"][0]["type"] == "header"
    assert len(view["blocks"]) <= 100


def test_the_recorded_home_click_matches_the_home_tab_we_render() -> None:
    body = recorded("action_home_button.json")
    plan = Reply(
        text="Your plan: 2 program(s); 1 of 2 second look(s) prioritized.",
        choices=[
            Choice(id="cmd:score", label="Score a program"),
            Choice(id="cmd:export", label="Export my data"),
        ],
    )
    rendered = home_view([plan])["blocks"][-1]["elements"]

    clicked = body["actions"][0]
    assert any(
        (e["action_id"], e["value"]) == (clicked["action_id"], clicked["value"]) for e in rendered
    )


# --- Everything rendered obeys Block Kit --------------------------------------------------

RENDERED = {
    "verdict with a hostile name": lambda: message(hostile_replies()),
    "goals question": lambda: message([goals_question()]),
    "visa question": lambda: message([visa_question()]),
    "huge plan": lambda: message([big_plan(60)]),
    "plan then question": lambda: message([big_plan(2), goals_question()]),
    "modal, empty": lambda: modal(score_form(), {"channel": STUDY_GROUP}),
    "modal, prefilled": lambda: modal(score_form(PREFILL), {"channel": STUDY_GROUP}),
    "home": lambda: home_view([big_plan(3)]),
    "home, huge": lambda: home_view([big_plan(80)]),
}


@pytest.mark.parametrize("name", list(RENDERED))
def test_every_rendered_payload_obeys_block_kit(name: str) -> None:
    payload = RENDERED[name]()

    if "type" in payload:
        check_view(payload)
    else:
        check_message(payload)
    for obj in text_objects(payload):
        assert obj["text"], obj


@pytest.mark.parametrize(
    "fixture",
    ["action_home_button.json", "action_static_select.json", "view_submission_score.json"],
)
def test_recorded_surfaces_hold_blocks_slack_would_accept(fixture: str) -> None:
    body = recorded(fixture)
    blocks = (body.get("view") or body.get("message"))["blocks"]
    cleaned = copy.deepcopy(blocks)
    for block in cleaned:
        block.pop("dispatch_action", None)
    check_blocks(cleaned, 100)
