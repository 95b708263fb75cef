"""Discord in and out, pure (architecture rule 2): core ``Reply`` to embeds, a persistent
view and files; discord.py objects built from the JSON Discord sends to core ``Incoming``
and command text. No network, no gateway: what a Discord user would notice.

Every rendered message is checked against Discord's documented limits (embeds, fields,
components, custom ids), and text is compared with what the core said after removing
the escapes, so nothing may be lost, reordered, or left able to format or mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import discord
import pytest
from discord.utils import escape_markdown, escape_mentions

from adapters.discord import payloads, render
from adapters.discord.commands import MAX_MESSAGE, CheckModal, check_text
from adapters.discord.components import (
    DYNAMIC_ITEMS,
    AnswerButton,
    ChoiceButton,
    ChoiceSelect,
    ManySelect,
)
from adapters.discord.render import Outgoing, messages
from core.commands import MAX_INPUT, Command, CommandError, parse_command
from core.conversation.forms import score_form
from core.conversation.views import command_choice, verdict_reply
from core.identity import Tenant
from core.replies import Attachment, Choice, ChoiceMode, ChoiceStyle, InfoField, Reply, Section
from tests import sample_replies
from tests.discord import discord_json
from tests.sample_replies import (
    delete_confirmation,
    goals_question,
    location_question,
    program,
    recommendation,
    visa_question,
)

# --- Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-
# embed-limits, .../interactions/message-components) ---------------------------------------

MAX_EMBEDS = 10
MAX_EMBED_CHARS = 6000  # title + description + field names and values + footer + author
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_ROWS = 5
MAX_BUTTONS_PER_ROW = 5
MAX_BUTTON_LABEL = 80
MAX_OPTIONS = 25
MAX_OPTION_TEXT = 100
MAX_PLACEHOLDER = 150
MAX_CUSTOM_ID = 100

BUTTON, SELECT = 2, 3
MENTION = re.compile(r"@(everyone|here|[!&]?[0-9]{17,20})")
HOSTILE = "*Rush_IM* `code` ~~gone~~ ||spoiler|| > quote @everyone @here <@123456789012345678>"
ALICE_ID = discord_json.ALICE
BOT_ID = discord_json.APP_ID  # our bot user shares the application's id


# --- Reading rendered text back ------------------------------------------------------------


def unshown(text: str) -> str:
    """What the reader sees: the text with discord.py's markdown and mention escapes removed."""
    return re.sub(r"\\(.)", r"\1", text.replace("@\u200b", "@"), flags=re.S)


def renders_literally(text: str) -> bool:
    """``text`` standing alone is exactly the escape of what it shows: no markdown in it is
    live (not even at the start of a line), and no mention can fire."""
    return escape_mentions(escape_markdown(unshown(text))) == text and not MENTION.search(text)


def ends_on_escape(text: str) -> bool:
    """The text ends in an escaping backslash (an odd run: ``\\\\`` is an escaped one)."""
    text = text.removesuffix("…")
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def embed_texts(embed: discord.Embed) -> Iterator[tuple[str, str]]:
    if embed.title:
        yield "title", embed.title
    if embed.description:
        yield "description", embed.description
    for f in embed.fields:
        yield "field name", f.name or ""
        yield "field value", f.value or ""


def all_embeds(outgoing: list[Outgoing]) -> list[discord.Embed]:
    return [embed for out in outgoing for embed in out.embeds]


def descriptions(outgoing: list[Outgoing]) -> list[str]:
    return [e.description or "" for e in all_embeds(outgoing)]


def assert_holds_all(original: str, pieces: list[str]) -> None:
    """The pieces, unescaped and read in order, are the original: only whitespace at a
    boundary between two pieces may go (that is where one embed ends, the next begins)."""
    at = 0
    for index, piece in enumerate(pieces):
        plain = unshown(piece)
        if index:
            while (
                at < len(original) and original[at] in " \n" and not original.startswith(plain, at)
            ):
                at += 1
        assert original.startswith(plain, at), (
            f"piece {index} does not continue the text at {at}: "
            f"expected {original[at : at + 40]!r}, got {plain[:40]!r}"
        )
        at += len(plain)
    assert not original[at:].strip(), f"text lost at the end: {original[at : at + 60]!r}"


# --- Discord's rules, checked locally ------------------------------------------------------


def components(view: discord.ui.View) -> list[dict[str, Any]]:
    return [c for row in view.to_components() for c in row["components"]]


def check_view(view: discord.ui.View) -> None:
    assert view.timeout is None and view.is_persistent(), "views must outlive a restart"
    rows = view.to_components()
    assert 1 <= len(rows) <= MAX_ROWS, len(rows)
    ids: list[str] = []
    for row in rows:
        kinds = [c["type"] for c in row["components"]]
        assert kinds == [SELECT] or (
            set(kinds) == {BUTTON} and len(kinds) <= MAX_BUTTONS_PER_ROW
        ), kinds
        for c in row["components"]:
            ids.append(c["custom_id"])
            if c["type"] == BUTTON:
                assert 1 <= len(c["label"]) <= MAX_BUTTON_LABEL, c["label"]
            else:
                options = c["options"]
                assert 1 <= len(options) <= MAX_OPTIONS, len(options)
                assert 0 <= c["min_values"] <= c["max_values"] <= len(options), c
                assert len(c.get("placeholder") or "") <= MAX_PLACEHOLDER
                values = [o["value"] for o in options]
                assert len(set(values)) == len(values), f"two options with one value: {values}"
                for o in options:
                    assert 1 <= len(o["label"]) <= MAX_OPTION_TEXT, o["label"]
                    assert 1 <= len(o["value"]) <= MAX_OPTION_TEXT, o["value"]
    assert len(set(ids)) == len(ids), f"two components with one custom_id: {ids}"
    assert all(1 <= len(i) <= MAX_CUSTOM_ID for i in ids), ids
    for child in view.children:
        check_dynamic(child)


def check_dynamic(item: discord.ui.Item[Any]) -> None:
    """The item is one of ours and the custom_id it sends dispatches to its class alone
    (discord.py's view store tries every registered template with ``fullmatch``)."""
    assert isinstance(item, discord.ui.DynamicItem), f"not persistent across restarts: {item}"
    custom_id = item.item.custom_id
    assert custom_id is not None and len(custom_id) <= MAX_CUSTOM_ID, custom_id
    matching = [
        cls for cls in DYNAMIC_ITEMS if cls.__discord_ui_compiled_template__.fullmatch(custom_id)
    ]
    assert matching == [type(item)], (
        f"custom_id {custom_id!r} of a {type(item).__name__} dispatches to {matching}"
    )


def check_message(out: Outgoing) -> None:
    assert 1 <= len(out.embeds) <= MAX_EMBEDS, len(out.embeds)
    total = sum(len(e) for e in out.embeds)
    assert total <= MAX_EMBED_CHARS, f"{total} embed characters in one message"
    for embed in out.embeds:
        assert len(embed.title or "") <= MAX_TITLE
        assert len(embed.description or "") <= MAX_DESCRIPTION
        assert len(embed.fields) <= MAX_FIELDS
        for f in embed.fields:
            assert 1 <= len(f.name or "") <= MAX_FIELD_NAME, f.name
            assert 1 <= len(f.value or "") <= MAX_FIELD_VALUE, f.value
        assert embed.to_dict()  # discord.py can serialise it
    if out.view is not None:
        check_view(out.view)
    kwargs = out.kwargs()
    assert kwargs["embeds"] is out.embeds
    assert ("view" in kwargs) == (out.view is not None)
    assert ("files" in kwargs) == bool(out.files)


def check_messages(outgoing: list[Outgoing]) -> None:
    for out in outgoing:
        check_message(out)


# --- Realistic core replies -----------------------------------------------------------------


def big_plan(count: int) -> Reply:
    """A plan whose program names hold markdown for the embeds' escaping."""
    return sample_replies.big_plan(count, "Program {n:02d} *Internal_Medicine*")


def lines(length: int) -> str:
    """Email-like lines holding every kind of markdown and mention, exactly ``length`` long."""
    text = "".join(
        f"{n:04d}. Ask *Dr. O'Neil* about `night float` at Rush_IM | ~~x~~ @everyone > call\n"
        f"> quoted line {n}\n- bullet {n}\n# heading {n}\n"
        for n in range(length // 60 + 1)
    )
    return text[:length]


def giant_reply() -> Reply:
    return Reply(
        text=lines(30_000),
        sections=[
            *(Section(title=f"Part {n} *{n}*", text=lines(1500 + 37 * n)) for n in range(12)),
            Section(
                title="Scores",
                fields=[InfoField(label=f"Program {n}_x", value=f"{n} / 3 / 1") for n in range(60)],
            ),
        ],
        choices=[Choice(id=f"cmd:show Program {n}", label=f"Program {n}") for n in range(30)],
        files=[
            Attachment(name="programs.csv", mime="text/csv", data=b"name\nRush\n"),
            Attachment(name="visits.ics", mime="text/calendar", data=b"BEGIN:VCALENDAR\r\n"),
        ],
    )


# --- Limits: text is split, never dropped --------------------------------------------------

TEN_THOUSAND = {
    "lines with markdown": lines(10_000),
    "one long line": " ".join(f"word{n:05d}" for n in range(1500))[:10_000],
    "no whitespace at all": "x" * 10_000,
    "nothing but markdown": "_*" * 5_000,
}


@pytest.mark.parametrize("text", TEN_THOUSAND.values(), ids=TEN_THOUSAND.keys())
def test_a_10000_character_text_is_split_into_embeds_and_nothing_is_lost(text: str) -> None:
    assert len(text) == 10_000
    outgoing = messages([Reply(text=text)])

    check_messages(outgoing)
    pieces = descriptions(outgoing)
    assert len(pieces) >= 3
    assert all(len(p) <= MAX_DESCRIPTION for p in pieces), [len(p) for p in pieces]
    assert_holds_all(text, pieces)


@pytest.mark.parametrize("unit", ["Q*A_ ", "Q*A_", "x\\y", "@everyone "])
@pytest.mark.parametrize("where", ["text", "section"])
def test_no_split_piece_ends_on_an_escaping_backslash(where: str, unit: str) -> None:
    broken: list[str] = []
    for pad in range(4):
        # Escapes all along: for some pad one falls on every limit.
        body = "a" * pad + unit * (12_000 // len(unit))
        if where == "text":
            pieces = descriptions(messages([Reply(text=body)]))
        else:
            section = Section(title="Notes", text=body)
            first, *pieces = descriptions(messages([Reply(text="Notes", sections=[section])]))
            assert first == "Notes"
        broken += [f"pad={pad}: …{p[-8:]!r}" for p in pieces if ends_on_escape(p)]
        assert_holds_all(body, pieces)
    assert not broken, broken


def test_a_long_run_of_backslashes_is_split_into_a_few_whole_embeds() -> None:
    text = "\\" * 5000  # e.g. a pasted drawing; escaped, 10,000 backslashes
    pieces = descriptions(messages([Reply(text=text)]))

    assert len(pieces) <= 4, (
        f"BUG render._pieces: a run of backslashes longer than a description is cut into "
        f"{len(pieces)} embeds (the backslash back-off stops at 1 character, leaving a "
        f"dangling backslash per piece)"
    )
    assert not [p for p in pieces if ends_on_escape(p)]
    assert_holds_all(text, pieces)


@pytest.mark.parametrize("marker", ["# ", "## ", "-# ", "> ", ">>> ", "- ", "* "])
def test_a_piece_cut_mid_line_does_not_start_with_live_markdown(marker: str) -> None:
    # One long line (a pasted email): the cut falls on the space before the marker, which
    # was mid-line (so left unescaped) and becomes the first thing in the next embed.
    text = "w" * 4094 + " " + marker + "Tuesday works, Wednesday too" + " and more" * 20
    pieces = descriptions(messages([Reply(text=text)]))

    assert len(pieces) == 2
    assert_holds_all(text, pieces)
    assert all(renders_literally(p) for p in pieces), (
        f"BUG render._pieces: escaping happens before splitting, so {marker!r} found "
        f"mid-line starts a new embed unescaped and renders as markdown: {pieces[1][:30]!r}"
    )


def test_a_giant_reply_is_several_messages_with_the_view_and_files_on_the_last() -> None:
    reply = giant_reply()
    outgoing = messages([reply])

    check_messages(outgoing)
    assert len(outgoing) >= 3
    *first, last = outgoing
    assert all(o.view is None and o.files == [] for o in first)
    assert last.view is not None and len(last.files) == 2
    # The embeds, in order, are exactly those of the reply.
    assert [e.to_dict() for e in all_embeds(outgoing)] == [
        e.to_dict() for e in render.embeds(reply)
    ]


def test_every_text_of_the_giant_reply_is_there_in_order() -> None:
    reply = giant_reply()
    seen = "\n".join(unshown(t) for e in all_embeds(messages([reply])) for _, t in embed_texts(e))

    at = 0
    for expected in [
        reply.text[-200:],
        *(s.text[-100:] for s in reply.sections if s.text),
        *(f.value for f in reply.sections[-1].fields),
    ]:
        found = seen.find(expected, at)
        assert found >= 0, f"missing or out of order: {expected[:40]!r}"
        at = found + len(expected)


def test_more_than_10_small_embeds_become_several_messages() -> None:
    sections = [Section(title=f"P{n}", text="ok") for n in range(300)]  # 12 embeds of 25
    outgoing = messages([Reply(text="Your programs", sections=sections)])

    check_messages(outgoing)
    assert [len(o.embeds) for o in outgoing] == [10, 2]
    names = [f.name for e in all_embeds(outgoing) for f in e.fields]
    assert names == [f"P{n}" for n in range(300)]


def test_more_than_25_fields_spill_into_another_embed() -> None:
    fields = [InfoField(label=f"Program {n}", value=f"{n} / 3 / 1") for n in range(30)]
    outgoing = messages([Reply(text="Scores", sections=[Section(fields=fields)])])

    check_messages(outgoing)
    embeds = all_embeds(outgoing)
    assert [len(e.fields) for e in embeds] == [25, 5]
    assert [(f.name, f.value) for e in embeds for f in e.fields] == [
        (f"Program {n}", f"{n} / 3 / 1") for n in range(30)
    ]


def test_big_fields_open_a_new_embed_before_6000_characters() -> None:
    fields = [InfoField(label=f"Notes {n}", value=f"{n} " + "n" * 1000) for n in range(14)]
    outgoing = messages([Reply(text="Notes", sections=[Section(fields=fields)])])

    check_messages(outgoing)
    assert len(all_embeds(outgoing)) >= 3
    values = [f.value for e in all_embeds(outgoing) for f in e.fields]
    assert values == [f.value for f in fields]


def test_long_titles_names_and_values_are_cut_to_discords_limits() -> None:
    reply = Reply(
        text="Rush",
        sections=[
            Section(title="T" * 300, text="y" * 2000),  # long text: its own embed, titled
            Section(title="S" * 300, text="short"),  # short text: a field named by the title
            Section(fields=[InfoField(label="L" * 300, value="V" * 1500)]),
        ],
        form_errors={"location": "Tell me the city and state, like: Boston, MA."},
    )
    outgoing = messages([reply])

    check_messages(outgoing)
    embeds = all_embeds(outgoing)
    titles = [e.title for e in embeds if e.title]
    assert titles == ["T" * 255 + "…"]
    fields = [(f.name, f.value) for e in embeds for f in e.fields]
    assert ("S" * 255 + "…", "short") in fields
    assert ("L" * 255 + "…", "V" * 1023 + "…") in fields
    assert ("location", "Tell me the city and state, like: Boston, MA.") in fields


def test_cutting_a_title_name_or_value_never_leaves_a_dangling_backslash() -> None:
    reply = Reply(
        text="Rush",
        sections=[
            Section(title="*" * 300, text="y" * 2000),
            Section(title="_" * 300, text="short"),
            Section(fields=[InfoField(label="`" * 300, value="|" * 1500)]),
        ],
    )
    cut = [
        (where, text[-6:])
        for e in all_embeds(messages([reply]))
        for where, text in embed_texts(e)
        if text.endswith("…")
    ]

    assert len(cut) == 4
    assert not [c for c in cut if ends_on_escape(c[1])], (
        f"BUG render._cut: cutting escaped text at the limit leaves an escaping backslash "
        f"before '…' (Discord shows it, and the escaped character is lost): {cut}"
    )


# --- Escaping: shown verbatim, never formatting, never mentioning --------------------------


def hostile_replies() -> list[Reply]:
    verdict = verdict_reply(program(HOSTILE), recommendation(HOSTILE))
    everywhere = Reply(
        text=f"{HOSTILE}: prioritize a second look.\n> {HOSTILE}\n# {HOSTILE}",
        sections=[
            Section(title=HOSTILE, text=f"Ask {HOSTILE} about night float"),
            Section(title=HOSTILE, text=f"{HOSTILE} " * 40),  # over 1024: an embed titled
            Section(fields=[InfoField(label=HOSTILE, value=f"> {HOSTILE}")]),
        ],
    )
    return [verdict, everywhere]


def test_hostile_program_names_are_shown_verbatim_everywhere() -> None:
    outgoing = messages(hostile_replies())

    check_messages(outgoing)
    places: set[str] = set()
    for embed in all_embeds(outgoing):
        for where, text in embed_texts(embed):
            assert renders_literally(text), f"{where} would format or mention: {text[:80]!r}"
            if HOSTILE in unshown(text):
                places.add(where)
    assert places == {"title", "description", "field name", "field value"}


def test_mentions_are_broken_and_markdown_escaped_as_discord_expects() -> None:
    [out] = messages([Reply(text=HOSTILE, sections=[Section(title="@here", text="@everyone")])])
    embed = out.embeds[0]

    assert embed.description == (
        r"\*Rush\_IM\* \`code\` \~\~gone\~\~ \|\|spoiler\|\| > quote "
        "@\u200beveryone @\u200bhere <@\u200b123456789012345678>"
    )
    assert (embed.fields[0].name, embed.fields[0].value) == ("@\u200bhere", "@\u200beveryone")
    for where, text in embed_texts(embed):
        assert not MENTION.search(text), where


def test_markdown_at_the_start_of_a_line_is_escaped() -> None:
    text = "> quote\n>>> all quoted\n# Heading\n- bullet\n-# small\n[link](https://x.org)"
    [out] = messages([Reply(text=text)])

    description = out.embeds[0].description or ""
    assert renders_literally(description)
    assert unshown(description) == text


# --- Choices: buttons, menus, pick-any -----------------------------------------------------


def dynamic_children(view: discord.ui.View | None) -> list[Any]:
    assert view is not None
    return list(view.children)


def dynamic(view: discord.ui.View | None) -> list[Any]:
    """The view's items, after checking the view against Discord's rules."""
    assert view is not None
    check_view(view)
    return dynamic_children(view)


def test_buttons_carry_the_choice_ids_and_map_the_styles() -> None:
    again = Choice(id="cmd:plan", label="Keep it (again)", style=ChoiceStyle.primary)
    reply = delete_confirmation(again)

    buttons = dynamic(render.view(reply))

    assert all(type(b) is ChoiceButton for b in buttons)
    assert [b.item.custom_id for b in buttons] == ["cmd:remove Rush", "cmd:plan", "cmd:help"]
    assert [b.action for b in buttons] == ["cmd:remove Rush", "cmd:plan", "cmd:help"]
    assert [b.item.style for b in buttons] == [
        discord.ButtonStyle.danger,
        discord.ButtonStyle.primary,
        discord.ButtonStyle.secondary,
    ]
    assert buttons[0].item.label == "Delete" and buttons[2].item.label == "Help"


def test_a_long_button_label_is_cut_to_80_characters() -> None:
    label = "Get the second-look request email for " + "Very Long Program Name " * 5
    [button] = dynamic(render.view(Reply(text="Next?", choices=[Choice(id="cmd:x", label=label)])))

    assert button.item.label == label[:79] + "…"
    assert button.item.custom_id == "cmd:x"


def test_a_question_with_many_options_is_a_menu_of_choice_ids() -> None:
    reply = visa_question()
    assert reply.choice_mode is ChoiceMode.select

    [menu] = dynamic(render.view(reply))

    assert type(menu) is ChoiceSelect
    assert menu.item.custom_id == "sl:pick:0"
    assert [o.value for o in menu.item.options] == [c.id for c in reply.choices]
    assert [o.label for o in menu.item.options] == [c.label for c in reply.choices]
    assert (menu.item.min_values, menu.item.max_values) == (1, 1)


def test_more_than_25_buttons_become_menus() -> None:
    choices = [Choice(id=f"cmd:show Program {n}", label=f"Program {n}") for n in range(30)]
    menus = dynamic(render.view(Reply(text="Which one?", choices=choices)))

    assert all(type(m) is ChoiceSelect for m in menus)
    assert [m.item.custom_id for m in menus] == ["sl:pick:0", "sl:pick:1"]
    assert [len(m.item.options) for m in menus] == [25, 5]
    assert [o.value for m in menus for o in m.item.options] == [c.id for c in choices]


def test_exactly_25_buttons_stay_buttons_in_five_rows() -> None:
    choices = [Choice(id=f"cmd:show P{n}", label=f"P{n}") for n in range(25)]
    view = render.view(Reply(text="Which one?", choices=choices))

    buttons = dynamic(view)
    assert all(type(b) is ChoiceButton for b in buttons) and len(buttons) == 25
    assert view is not None and len(view.to_components()) == 5


def test_hundreds_of_choices_stay_within_five_menus_of_25() -> None:
    choices = [
        Choice(id=f"cmd:show Program {n}", label=f"A very long program name {n} " * 6)
        for n in range(200)
    ]
    menus = dynamic(
        render.view(Reply(text="Which one?", choices=choices, choice_mode=ChoiceMode.select))
    )

    assert len(menus) == 5
    assert all(len(m.item.options) == 25 for m in menus)
    assert all(len(o.label) <= MAX_OPTION_TEXT for m in menus for o in m.item.options)


def test_a_pick_any_question_is_a_many_select_and_a_none_button() -> None:
    reply = goals_question()
    assert reply.choice_mode is ChoiceMode.multi_select
    prefix = "dlg:9e3b5a1f:goals:"

    many, none = dynamic(render.view(reply))

    assert type(many) is ManySelect and type(none) is ChoiceButton
    assert many.item.custom_id == "sl:many:" + prefix and many.prefix == prefix
    assert [o.value for o in many.item.options] == [c.id for c in reply.choices]
    assert (many.item.min_values, many.item.max_values) == (0, len(reply.choices))
    assert (none.item.custom_id, none.item.label) == (prefix + "none", "None of these")
    assert all(c.id.startswith(prefix) for c in reply.choices)


def test_a_question_in_words_gets_a_text_box_button_only_where_it_is_private() -> None:
    reply = location_question()
    assert reply.asks_text and not reply.choices

    [in_server] = messages([reply], private=True)
    [in_dm] = messages([reply], private=False)

    [button] = dynamic(in_server.view)
    assert type(button) is AnswerButton
    assert in_dm.view is None


@pytest.mark.parametrize(
    "reply",
    [goals_question(), visa_question(), big_plan(3), *hostile_replies(), giant_reply()],
    ids=["goals", "visa", "plan", "verdict", "hostile", "giant"],
)
def test_every_custom_id_dispatches_to_the_item_that_rendered_it(reply: Reply) -> None:
    for out in messages([reply]):
        if out.view is not None:
            check_view(out.view)


async def test_a_click_after_a_restart_rebuilds_the_same_item_from_its_custom_id() -> None:
    replies = [goals_question(), visa_question(), big_plan(2), location_question()]
    views = [o.view for o in messages(replies) if o.view is not None]
    items = [child for view in views for child in view.children]
    assert {ChoiceButton, ChoiceSelect, ManySelect, AnswerButton} <= {type(i) for i in items}

    for item in items:
        custom_id = item.item.custom_id
        match = type(item).__discord_ui_compiled_template__.fullmatch(custom_id)
        assert match is not None, custom_id
        rebuilt = await type(item).from_custom_id(None, item.item, match)  # type: ignore[arg-type]
        assert rebuilt.item.custom_id == custom_id
        for attribute in ("action", "prefix"):
            assert getattr(rebuilt, attribute, None) == getattr(item, attribute, None)


def test_a_command_button_whose_id_holds_a_line_break_still_dispatches() -> None:
    # "check to Mayoo: …" from the paragraph box, answered "Did you mean Mayo?": the
    # suggested command keeps the message as typed, line breaks included.
    choice = command_choice("Yes", Command("check", program="Mayo", value="Hi,\nthanks!"))
    assert choice is not None and "\n" in choice.id
    [button] = dynamic_children(render.view(Reply(text="Did you mean Mayo?", choices=[choice])))

    assert ChoiceButton.__discord_ui_compiled_template__.fullmatch(choice.id), (
        "BUG components.BUTTON_TEMPLATE: '.+' does not match a newline, so discord.py's "
        "fullmatch dispatch ignores a click on a button whose command holds a line break"
    )
    check_dynamic(button)


def test_long_option_labels_are_cut_to_100_characters() -> None:
    choices = [Choice(id=f"dlg:ab12:visa:v{n}", label="L" * 150) for n in range(6)]
    [menu] = dynamic(render.view(Reply(text="?", choices=choices, choice_mode=ChoiceMode.select)))

    assert {o.label for o in menu.item.options} == {"L" * 99 + "…"}


# --- Files, forms, who sees it -------------------------------------------------------------


def test_attachments_arrive_as_discord_files_with_their_names_and_bytes() -> None:
    csv = "name,verdict\nRush & Presbyterian,prioritize\nHôpital,skip\n".encode()
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    png = bytes(range(256)) * 4
    reply = Reply(
        text="Your export is ready.",
        files=[
            Attachment(name="programs & notes.csv", mime="text/csv", data=csv),
            Attachment(name="visits.ics", mime="text/calendar", data=ics),
            Attachment(name="plan.png", mime="image/png", data=png),
        ],
    )

    [out] = messages([reply])

    assert all(isinstance(f, discord.File) for f in out.files)
    assert [f.filename for f in out.files] == ["programs & notes.csv", "visits.ics", "plan.png"]
    assert [f.fp.read() for f in out.files] == [csv, ics, png]
    assert out.kwargs()["files"] is out.files


def test_forms_are_never_rendered() -> None:
    form_reply = Reply(text="Opening the form for Rush.", form=score_form({"name": "Rush"}))
    after = Reply(text="Meanwhile: your plan.")

    outgoing = messages([form_reply, after])

    assert [unshown(o.embeds[0].description or "") for o in outgoing] == ["Meanwhile: your plan."]
    assert messages([form_reply]) == []


def test_ephemeral_follows_the_reply_in_a_server_and_nothing_is_ephemeral_in_a_dm() -> None:
    private = Reply(text="Your verdict")
    public = Reply(text="Alice plans to visit Rush", ephemeral=False)
    long_private = Reply(text=lines(20_000))

    in_server = messages([private, public, long_private], private=True)
    in_dm = messages([private, public, long_private], private=False)

    assert len(in_server) == len(in_dm) > 3
    assert [o.ephemeral for o in in_server] == [True, False] + [True] * (len(in_server) - 2)
    assert not any(o.ephemeral for o in in_dm)


def test_an_empty_reply_text_still_makes_a_valid_embed() -> None:
    [out] = messages([Reply(text="", choices=[Choice(id="cmd:plan", label="Plan")])])

    check_message(out)
    assert out.embeds[0].description


# --- Payloads in: real discord.py objects from the JSON Discord sends ----------------------


class Discord:
    """A real ConnectionState (from a client that never logs in) to build objects with."""

    GUILD, CHANNEL, DM = discord_json.GUILD, discord_json.CHANNEL, discord_json.DM_CHANNEL

    def __init__(self) -> None:
        self.client = discord.Client(intents=discord.Intents.none())
        self.state = self.client._connection
        self.me = discord.ClientUser(state=self.state, data=discord_json.BOT)
        self.state.user = self.me

    def interaction(self, *, guild: bool, user_id: int = ALICE_ID) -> discord.Interaction:
        payload = discord_json.interaction(
            2,
            {"id": "1", "name": "secondlook", "type": 1},
            discord_json.user(user_id),
            channel_id=self.CHANNEL if guild else self.DM,
            guild_id=self.GUILD if guild else None,
        )
        return discord.Interaction(data=payload, state=self.state)

    def dm_channel(self) -> discord.DMChannel:
        data = discord_json.dm_channel(discord_json.user(ALICE_ID), self.DM)
        return discord.DMChannel(me=self.me, state=self.state, data=data)

    def guild_channel(self) -> discord.TextChannel:
        guild = discord.Guild(
            data={"id": str(self.GUILD), "name": "Match 2027", "member_count": 2},
            state=self.state,
        )
        data = discord_json.text_channel(self.CHANNEL, self.GUILD)
        return discord.TextChannel(state=self.state, guild=guild, data=data)

    def message(
        self,
        channel: Any = None,
        *,
        author: dict[str, Any] | None = None,
        content: str = "  score Rush 2 3 1  ",
        **changes: Any,
    ) -> discord.Message:
        channel = channel or self.dm_channel()
        author = author or discord_json.user(ALICE_ID)
        data = discord_json.message(channel.id, author, content=content, **changes)
        return discord.Message(state=self.state, channel=channel, data=data)


@pytest.fixture
def dc() -> Discord:
    return Discord()


ALICE = Tenant("discord", "users", str(ALICE_ID))


def test_one_user_is_one_tenant_in_a_server_and_in_a_dm(dc: Discord) -> None:
    in_guild = dc.interaction(guild=True)
    in_dm = dc.interaction(guild=False)
    assert isinstance(in_guild.user, discord.Member) and not isinstance(in_dm.user, discord.Member)

    assert payloads.tenant(in_guild.user) == payloads.tenant(in_dm.user) == ALICE
    assert payloads.tenant(dc.message().author) == ALICE


def test_a_slash_command_in_a_server_reaches_the_core_as_typed(dc: Discord) -> None:
    incoming = payloads.from_interaction(dc.interaction(guild=True), text="score Rush 2 3 1")

    assert (incoming.tenant, incoming.channel, incoming.text) == (
        ALICE,
        str(Discord.CHANNEL),
        "score Rush 2 3 1",
    )
    assert (incoming.direct, incoming.command, incoming.action) == (False, True, None)


def test_a_click_in_a_dm_is_direct_and_not_a_command(dc: Discord) -> None:
    incoming = payloads.from_interaction(dc.interaction(guild=False), action="cmd:plan")

    assert (incoming.tenant, incoming.channel) == (ALICE, str(Discord.DM))
    assert (incoming.direct, incoming.command, incoming.action) == (True, False, "cmd:plan")


def test_a_submitted_form_carries_its_values(dc: Discord) -> None:
    values: dict[str, str | list[str]] = {"name": "Rush", "goals": ["training"]}
    incoming = payloads.from_interaction(
        dc.interaction(guild=True), form_id="score", form_values=values
    )

    assert (incoming.form_id, incoming.form_values, incoming.command) == ("score", values, False)


def test_without_a_channel_the_conversation_is_keyed_by_the_user(dc: Discord) -> None:
    user = dc.interaction(guild=False).user

    assert payloads.channel_key(None, user) == f"user-{ALICE_ID}"
    assert payloads.channel_key(Discord.DM, user) == str(Discord.DM)


def test_a_dm_reaches_the_core_as_typed(dc: Discord) -> None:
    message = dc.message()

    assert payloads.wanted_message(message, dc.me)
    incoming = payloads.from_message(message)
    assert (incoming.tenant, incoming.channel, incoming.text, incoming.direct) == (
        ALICE,
        str(Discord.DM),
        "score Rush 2 3 1",
        True,
    )


def test_a_reply_in_a_dm_and_a_dm_on_a_partial_channel_are_wanted(dc: Discord) -> None:
    partial = discord.PartialMessageable(
        state=dc.state, id=Discord.DM, type=discord.ChannelType.private
    )

    assert payloads.wanted_message(dc.message(type=discord.MessageType.reply.value), dc.me)
    assert payloads.wanted_message(dc.message(partial), dc.me)
    assert payloads.wanted_message(dc.message(), None)


@pytest.mark.parametrize(
    "case",
    ["another bot", "ourselves", "a server channel", "no words", "only spaces"],
)
def test_messages_we_must_not_answer(dc: Discord, case: str) -> None:
    if case == "another bot":
        message = dc.message(author=discord_json.user(BOT_ID + 1, "otherbot", bot=True))
    elif case == "ourselves":
        # Not flagged as a bot: the id is what counts.
        message = dc.message(author=discord_json.user(BOT_ID, "SecondLook"))
    elif case == "a server channel":
        message = dc.message(dc.guild_channel(), guild_id=str(Discord.GUILD))
        assert message.guild is not None
    elif case == "no words":
        message = dc.message(content="")
    else:
        message = dc.message(content=" \n\t ")

    assert not payloads.wanted_message(message, dc.me)


@pytest.mark.parametrize(
    "kind",
    [
        discord.MessageType.recipient_add,
        discord.MessageType.call,
        discord.MessageType.channel_name_change,
        discord.MessageType.pins_add,
        discord.MessageType.new_member,
        discord.MessageType.chat_input_command,
        discord.MessageType.context_menu_command,
    ],
)
def test_system_messages_are_not_answered(dc: Discord, kind: discord.MessageType) -> None:
    message = dc.message(type=kind.value, content="Alice pinned a message.")

    assert message.type is kind
    assert not payloads.wanted_message(message, dc.me)


# --- Command text: what the core parses back ------------------------------------------------

NAMES = [
    "Rush",
    "Rush IM",
    "Rush   Internal\tMedicine",
    "Mount Sinai 'Beth Israel'",
    'St. John"s',
    '"Big" Hospital',
    "'s-Hertogenbosch Ziekenhuis",
    "'s-Hertogenbosch",
    "Children’s Hospital",
    "Children’s ‘Big’ Hospital",
    "Hôpital Saint-Louis",
    "東京大学病院 内科",
    "Area 51",
    "Mayo: Rochester",
    "The “Best” Clinic",
    "“Quoted” Clinic",
    'O\'Brien "Big" Hospital',
]
LOSSY = {"The “Best” Clinic", "“Quoted” Clinic", 'O\'Brien "Big" Hospital'}


def parsed(text: str) -> Command:
    try:
        return parse_command(text)
    except CommandError as problem:
        pytest.fail(f"{text!r} does not parse: {problem.message}")


@pytest.mark.parametrize("name", NAMES)
def test_a_program_name_survives_every_command_it_goes_into(name: str) -> None:
    want = " ".join(name.split())
    texts = {
        "show": payloads.command_text("show", name, quote=[1]),
        "score": payloads.command_text("score", name, 2, 3, 1, quote=[1]),
        "score partly": payloads.command_text("score", name, 2, quote=[1]),
        "set": payloads.command_text("set", name, "notes", "call Dr. Lee", quote=[1]),
        "status": payloads.command_text("status", name, "visited", quote=[1]),
        "sent": payloads.command_text(
            "sent", name, "thank_you", "2026-11-20", "first-choice", quote=[1]
        ),
        "template": payloads.command_text("template", "request", name, quote=[2]),
    }
    got: dict[str, Command] = {}
    wrong: dict[str, tuple[str, str]] = {}
    for key, text in texts.items():
        try:
            got[key] = parse_command(text)
        except CommandError as problem:
            wrong[key] = (text, f"does not parse: {problem.message}")
            continue
        if got[key].program != want:
            wrong[key] = (text, f"program {got[key].program!r}")
    bug = "BUG payloads.quoted (core.commands.to_text gets it right): " if name in LOSSY else ""
    assert not wrong, f"{bug}{name!r} does not come back: {wrong}"
    assert got["score"].scores == (2, 3, 1) and got["score partly"].scores == (2,)
    assert (got["set"].field, got["set"].value) == ("notes", "call Dr. Lee")
    assert got["status"].value == "visited"
    assert (got["sent"].field, got["sent"].value, got["sent"].topic) == (
        "thank_you",
        "2026-11-20",
        "first_choice",
    )
    assert got["template"].field == "request"


def test_quoted_leaves_a_plain_word_bare_and_quotes_a_name_with_spaces() -> None:
    assert payloads.quoted("Rush") == "Rush"
    assert payloads.quoted("Rush IM") == '"Rush IM"'
    assert payloads.quoted("  Rush \n IM ") == '"Rush IM"'
    assert payloads.quoted("'s-Hertogenbosch")[0] in "\"'"


def test_command_text_skips_what_was_not_given() -> None:
    assert payloads.command_text("score", None, quote=[1]) == "score"
    assert payloads.command_text("score", "Rush IM", 2, None, quote=[1]) == 'score "Rush IM" 2'
    assert payloads.command_text("help", "") == "help"
    assert payloads.command_text("template", None, "Rush IM", quote=[2]) == 'template "Rush IM"'
    assert parsed(payloads.command_text("score", "Rush IM", 0, 0, 0, quote=[1])).scores == (0, 0, 0)


def test_check_text_builds_the_three_forms_of_check() -> None:
    assert check_text("Thanks for the interview!", from_program=True) == (
        "check --from-program Thanks for the interview!"
    )
    assert check_text("I will rank you first.", to="Rush IM") == (
        'check to "Rush IM": I will rank you first.'
    )
    assert check_text("I will rank you first.") == "check -- I will rank you first."


@pytest.mark.parametrize(
    ("message", "to", "from_program"),
    [
        ("I will rank you first.", None, False),
        ("Dear Dr. Lee,\n\nThank you!\n  — Alice", "Rush IM", False),
        ("We rank you highly. Where else?", None, True),
        ("Re: visit on 3/4: can I come?", "Mount Sinai 'Beth Israel'", False),
    ],
)
def test_check_text_parses_back_to_the_same_check(
    message: str, to: str | None, from_program: bool
) -> None:
    command = parsed(check_text(message, to=to, from_program=from_program))

    assert (command.name, command.value) == ("check", message.strip())
    assert command.program == to
    assert command.topic == ("program" if from_program else None)


@pytest.mark.parametrize(
    ("message", "to"),
    [
        ("To the program director: thank you for the interview day.", None),
        ("to whom it may concern: I loved the visit.", None),
        ("-- signature test", None),
        ("--from-program is not what I meant", None),
        ("from program: a note I wrote", None),
        ("Hello", "Mayo: Rochester"),
    ],
)
def test_a_message_that_looks_like_check_options_is_read_as_the_message(
    message: str, to: str | None
) -> None:
    command = parsed(check_text(message, to=to))

    assert (command.value, command.program, command.topic) == (message, to, None), (
        f"BUG commands.check_text: {check_text(message, to=to)!r} is read as "
        f"program={command.program!r}, topic={command.topic!r}, message={command.value!r}: "
        "the message needs '--' in front (and 'to' quoting when it holds a colon)"
    )


def test_the_longest_message_discord_accepts_for_check_is_one_the_core_reads() -> None:
    modal = CheckModal()
    longest = "w" * (modal.message.max_length or MAX_MESSAGE)
    text = check_text(longest, to="x" * (modal.to.max_length or 100))

    assert len(text) <= MAX_INPUT, (
        f"BUG commands.MAX_MESSAGE: the check option and modal accept {MAX_MESSAGE} "
        f"characters but the core refuses any input over {MAX_INPUT} ({len(text)} here)"
    )


def test_the_check_modal_obeys_discords_modal_rules() -> None:
    payload = CheckModal().to_dict()

    assert payload["custom_id"] == "sl:check" and 1 <= len(payload["title"]) <= 45
    inputs = [c for row in payload["components"] for c in row["components"]]
    assert [(i["custom_id"], i["style"], i["required"]) for i in inputs] == [
        ("message", 2, True),
        ("to", 1, False),
    ]
    assert all(1 <= len(i["label"]) <= 45 and i["max_length"] <= 4000 for i in inputs)
    assert all(len(i.get("placeholder", "")) <= 100 for i in inputs)
