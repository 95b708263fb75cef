"""The conversation through the core API, as a user meets it: commands, dialogs, buttons.

Every test drives ``Assistant.handle`` the way an adapter does (text, or a picked
choice's id) and checks what a person would notice: the verdict's words, the question
asked next, the message after a wrong answer, and what ended up stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence

import pytest

from core.conversation.assistant import Assistant
from core.conversation.services import Services
from core.framework import load_config
from core.identity import Tenant
from core.incoming import Incoming
from core.models import ApplicantProfile
from core.replies import Choice, Reply
from core.storage import Database, ProgramNotFound, ProgramStore
from core.storage.dialogs import DialogStore
from core.storage.messages import MessageLog
from core.visit.dates import load_season
from tests.clock import FakeClock

ALICE = Tenant("slack", "T1", "U1")
BOB = Tenant("slack", "T1", "U2")  # same workspace, same channels as Alice
ALICE_OTHER_WORKSPACE = Tenant("slack", "T2", "U1")
ALICE_ON_DISCORD = Tenant("discord", "T1", "U1")

TTL = dt.timedelta(hours=2)
T0 = dt.datetime(2027, 1, 25, 9, 0, tzinfo=dt.UTC)

# What each interview question says, enough to tell them apart.
NAME_Q = "Which program?"
LOCATION_Q = "City and state"
TYPE_Q = "What kind of program"
POLICY_Q = "said about second looks"
GOALS_Q = "What should a visit answer"
UNCERTAINTY_Q = "How uncertain are you"
IMPORTANCE_Q = "How much does"
TRAVEL_Q = "How hard is it to get to"
QUESTIONS = {
    "name": NAME_Q,
    "location": LOCATION_Q,
    "program_type": TYPE_Q,
    "policy": POLICY_Q,
    "goals": GOALS_Q,
    "uncertainty": UNCERTAINTY_Q,
    "importance": IMPORTANCE_Q,
    "travel": TRAVEL_Q,
}
UNKNOWN_COMMAND = "Unknown command"

# A program with everything an interview asks, for tests that start from stored data.
MAYO = {
    "name": "Mayo Clinic",
    "city": "Rochester",
    "state": "MN",
    "program_type": "elite_academic",
    "policy": "welcome",
    "goals": ["rank_order", "training"],
    "uncertainty": 2,
    "importance": 3,
    "travel": 1,
}


def build_assistant(database: Database, clock: FakeClock) -> Assistant:
    """As bot/container.py wires it, with a clock the test controls."""
    return Assistant(
        Services(
            ProgramStore(database),
            DialogStore(database, ttl=TTL, clock=clock),
            load_config(),
            MessageLog(database),
            load_season(),
            clock,
        )
    )


def joined(replies: Sequence[Reply]) -> str:
    return "\n".join(reply.plain() for reply in replies)


def all_choices(replies: Sequence[Reply]) -> list[Choice]:
    return [choice for reply in replies for choice in reply.choices]


def find_choice(replies: Sequence[Reply], label: str) -> Choice:
    """The choice whose label contains ``label`` (case-insensitive)."""
    found = [c for c in all_choices(replies) if label.lower() in c.label.lower()]
    assert found, f"no choice labelled {label!r} in {[c.label for c in all_choices(replies)]}"
    return found[0]


class Chat:
    """One assistant, talked to like a user would; remembers the last replies."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.last: list[Reply] = []

    async def replies(
        self,
        text: str = "",
        channel: str = "C1",
        tenant: Tenant = ALICE,
        action: str | None = None,
    ) -> list[Reply]:
        self.last = await self.assistant.handle(Incoming(tenant, channel, text=text, action=action))
        return self.last

    async def say(self, text: str, channel: str = "C1", tenant: Tenant = ALICE) -> str:
        return joined(await self.replies(text, channel, tenant))

    async def click(self, choice: Choice | str, channel: str = "C1", tenant: Tenant = ALICE) -> str:
        action = choice.id if isinstance(choice, Choice) else choice
        return joined(await self.replies("", channel, tenant, action=action))

    async def script(self, *lines: str, channel: str = "C1", tenant: Tenant = ALICE) -> list[str]:
        return [await self.say(line, channel, tenant) for line in lines]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def dialogs(database: Database, clock: FakeClock) -> DialogStore:
    return DialogStore(database, ttl=TTL, clock=clock)


@pytest.fixture
def chat(database: Database, clock: FakeClock) -> Chat:
    return Chat(build_assistant(database, clock))


def goal_values(program: object) -> list[str]:
    return [goal.value for goal in program.goals]  # type: ignore[attr-defined]


def reasons(replies: Sequence[Reply]) -> list[str]:
    """The lines of the "Why" section of the (single) verdict among ``replies``."""
    sections = [s for reply in replies for s in reply.sections if s.title == "Why"]
    assert len(sections) == 1, joined(replies)
    return (sections[0].text or "").splitlines()


def next_step(replies: Sequence[Reply]) -> str:
    sections = [s for reply in replies for s in reply.sections if s.title == "Next step"]
    assert len(sections) == 1, joined(replies)
    return sections[0].text or ""


async def step_of(dialogs: DialogStore, channel: str = "C1", tenant: Tenant = ALICE) -> str | None:
    state = await dialogs.load(tenant, channel)
    return state.step if state else None


# --- 1. The whole interview, typed --------------------------------------------------------

INTERVIEWS = [
    pytest.param(
        ["Mayo Clinic", "Boston, MA", "1", "welcome", "1, 3", "very uncertain", "3", "one"],
        {
            "city": "Boston",
            "state": "MA",
            "program_type": "elite_academic",
            "policy": "welcome",
            "goals": ["rank_order", "training"],
            "uncertainty": 3,
            "importance": 3,
            "travel": 1,
        },
        ("Prioritize a second look", "Rule 6"),
        id="numbers-prioritize",
    ),
    pytest.param(
        [
            "Lakeside Hospital",
            "Duluth, MN",
            "community",
            "neither expected nor encouraged",
            "rank order and training",
            "3",
            "three",
            "0",
        ],
        {
            "city": "Duluth",
            "state": "MN",
            "program_type": "community",
            "policy": "discouraged",
            "goals": ["rank_order", "training"],
            "uncertainty": 3,
            "importance": 3,
            "travel": 0,
        },
        ("Ask for a virtual look instead", "Rule 5"),
        id="words-virtual",
    ),
    pytest.param(
        [
            "Metro General",
            "Houston, TX",
            "mid-tier academic",
            "neutral",
            "none",
            "somewhat uncertain",
            "high",
            "hard",
        ],
        {
            "city": "Houston",
            "state": "TX",
            "program_type": "mid_academic",
            "policy": "neutral",
            "goals": [],
            "uncertainty": 2,
            "importance": 2,
            "travel": 2,
        },
        ("Skip the visit", "Rule 2"),
        id="no-goals-skip",
    ),
]


@pytest.mark.parametrize(("answers", "stored", "verdict"), INTERVIEWS)
async def test_whole_interview_typed_step_by_step_ends_in_a_verdict_and_stores_every_answer(
    chat: Chat,
    store: ProgramStore,
    dialogs: DialogStore,
    answers: list[str],
    stored: dict[str, object],
    verdict: tuple[str, str],
) -> None:
    title, rule = verdict
    asked = [await chat.say("score")]
    for answer in answers[:-1]:
        asked.append(await chat.say(answer))
    for text, key in zip(asked, QUESTIONS, strict=True):
        assert QUESTIONS[key] in text, (key, text)
    assert answers[0] in asked[1]  # later questions name the program

    final = await chat.replies(answers[-1])

    text = joined(final)
    assert f"{answers[0]}: {title}." in text
    assert reasons(final)[0].startswith(f"• {rule}:")
    assert all(line.startswith("• ") for line in reasons(final))
    assert next_step(final)
    assert "Next step" in text
    assert await step_of(dialogs) is None  # the dialog is over

    program = await store.get_program(ALICE, answers[0])
    assert program.city == stored["city"]
    assert program.state == stored["state"]
    assert program.program_type is not None
    assert program.program_type.value == stored["program_type"]
    assert program.policy.value == stored["policy"]
    assert goal_values(program) == stored["goals"]
    assert (program.uncertainty, program.importance, program.travel) == (
        stored["uncertainty"],
        stored["importance"],
        stored["travel"],
    )


async def test_nothing_is_stored_until_the_last_answer(chat: Chat, store: ProgramStore) -> None:
    await chat.script("score", "Mayo Clinic", "Boston, MA", "1", "welcome", "1, 3", "3", "3")
    assert await store.list_programs(ALICE) == []
    await chat.say("1")
    assert [p.name for p in await store.list_programs(ALICE)] == ["Mayo Clinic"]


async def test_after_a_verdict_the_next_text_is_a_command_again(chat: Chat) -> None:
    await chat.script("score", "Mayo Clinic", "Boston, MA", "1", "welcome", "1, 3", "3", "3", "1")
    plan = await chat.say("plan")
    assert "Your plan: 1 program(s)" in plan
    assert "Mayo Clinic — prioritize" in plan


# --- 2. Instant and partial scores --------------------------------------------------------


async def test_three_scores_give_an_instant_verdict_without_questions(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    replies = await chat.replies("score Mayo 2 3 1")

    text = joined(replies)
    assert "Mayo: Skip the visit." in text  # a new program has no goal yet: rule 2
    assert reasons(replies)[0].startswith("• Rule 2:")
    assert "(You can also type" not in text
    assert await step_of(dialogs) is None
    program = await store.get_program(ALICE, "Mayo")
    assert (program.uncertainty, program.importance, program.travel) == (2, 3, 1)


async def test_instant_verdict_for_a_known_program_uses_its_stored_details(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    await store.add_program(ALICE, {**MAYO, "uncertainty": None, "travel": None})

    replies = await chat.replies("score mayo clinic 3 3 1")

    assert "Mayo Clinic: Prioritize a second look." in joined(replies)
    assert reasons(replies)[0].startswith("• Rule 6:")
    assert await step_of(dialogs) is None
    program = await store.get_program(ALICE, "Mayo Clinic")
    assert (program.uncertainty, program.importance, program.travel) == (3, 3, 1)
    assert program.city == "Rochester"
    assert goal_values(program) == ["rank_order", "training"]
    assert len(await store.list_programs(ALICE)) == 1  # updated, not added twice


async def test_partial_score_for_a_new_program_asks_only_for_the_rest(
    chat: Chat, store: ProgramStore
) -> None:
    asked = await chat.script("score Mayo 3", "Boston, MA", "elite", "welcome", "training", "dream")
    assert LOCATION_Q in asked[0]
    assert IMPORTANCE_Q in asked[-2]
    assert TRAVEL_Q in asked[-1]
    assert not any(UNCERTAINTY_Q in text for text in asked)

    last = await chat.say("easy")

    assert "Mayo: Prioritize a second look." in last
    program = await store.get_program(ALICE, "Mayo")
    assert (program.uncertainty, program.importance, program.travel) == (3, 3, 0)


async def test_partial_score_for_a_known_program_asks_only_the_scores_not_given(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    first = await chat.say("score Mayo Clinic 3")
    assert IMPORTANCE_Q in first
    assert "now 3; skip keeps it" in first  # the stored importance is shown
    for question in (LOCATION_Q, TYPE_Q, POLICY_Q, GOALS_Q, UNCERTAINTY_Q):
        assert question not in first
    second = await chat.say("3")
    assert TRAVEL_Q in second
    assert "now 1; skip keeps it" in second
    await chat.say("2")

    program = await store.get_program(ALICE, "Mayo Clinic")
    assert (program.uncertainty, program.importance, program.travel) == (3, 3, 2)
    assert program.city == "Rochester"


async def test_rescoring_a_known_program_with_skip_keeps_the_stored_scores(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    first = await chat.say("score Mayo Clinic")
    assert UNCERTAINTY_Q in first and "now 2; skip keeps it" in first
    assert IMPORTANCE_Q in await chat.say("skip")
    assert TRAVEL_Q in await chat.say("skip")
    verdict = await chat.say("0")

    assert "Mayo Clinic: Prioritize a second look." in verdict
    program = await store.get_program(ALICE, "Mayo Clinic")
    assert (program.uncertainty, program.importance, program.travel) == (2, 3, 0)


# --- 3. Wrong answers are asked again -----------------------------------------------------


async def _at_uncertainty(chat: Chat) -> None:
    asked = await chat.script("score", "Mayo", "Boston, MA", "1", "welcome", "1")
    assert UNCERTAINTY_Q in asked[-1]


@pytest.mark.parametrize(
    "wrong",
    [
        "7",
        "-1",
        "banana",
        "",
        "   ",
        "2.5",
        "3.7",
        "2 or 3",
    ],
)
async def test_a_wrong_score_is_asked_again_saying_0_to_3(
    chat: Chat, dialogs: DialogStore, wrong: str
) -> None:
    await _at_uncertainty(chat)

    again = await chat.say(wrong)

    assert "0 to 3" in again
    assert UNCERTAINTY_Q in again
    assert await step_of(dialogs) == "uncertainty"
    state = await dialogs.load(ALICE, "C1")
    assert state is not None and "uncertainty" not in state.data
    assert IMPORTANCE_Q in await chat.say("2")  # the same step takes a good answer


@pytest.mark.parametrize(
    ("before", "question", "wrong", "expected", "good", "following"),
    [
        ([], NAME_Q, "a" * 150, "1 to 120 characters", "Mayo", LOCATION_Q),
        (["Mayo", "Boston, MA"], TYPE_Q, "banana", "Pick one of", "new", POLICY_Q),
        (["Mayo", "Boston, MA", "1"], POLICY_Q, "maybe later", "Pick one of", "4", GOALS_Q),
        (
            ["Mayo", "Boston, MA", "1", "2"],
            GOALS_Q,
            "1, 9",
            "'9' is not one of the choices",
            "2, 4",
            UNCERTAINTY_Q,
        ),
    ],
    ids=["name-too-long", "type", "policy", "goals"],
)
async def test_wrong_answers_are_asked_again_with_what_is_expected(
    chat: Chat,
    before: list[str],
    question: str,
    wrong: str,
    expected: str,
    good: str,
    following: str,
) -> None:
    asked = await chat.script("score", *before)
    assert question in asked[-1]

    again = await chat.say(wrong)

    assert expected in again
    assert question in again
    assert following in await chat.say(good)


async def test_a_policy_answer_meaning_said_nothing_is_not_read_as_not_offered(
    chat: Chat, dialogs: DialogStore
) -> None:
    asked = await chat.script("score", "Mayo", "Boston, MA", "1")
    assert POLICY_Q in asked[-1]

    await chat.say("not mentioned")

    state = await dialogs.load(ALICE, "C1")
    assert state is not None
    assert state.data.get("policy") != "not_offered"


async def test_dialog_help_explains_the_controls_and_repeats_the_question(
    chat: Chat, dialogs: DialogStore
) -> None:
    await _at_uncertainty(chat)

    text = await chat.say("help")

    assert "back" in text and "skip" in text and "cancel" in text
    assert UNCERTAINTY_Q in text
    assert await step_of(dialogs) == "uncertainty"


# --- 4. back, skip, cancel ----------------------------------------------------------------


async def test_back_on_the_first_question_says_there_is_nothing_before_it(
    chat: Chat, dialogs: DialogStore
) -> None:
    await chat.say("score")

    text = await chat.say("back")

    assert "first question" in text
    assert NAME_Q in text
    assert await step_of(dialogs) == "name"


async def test_back_returns_to_the_previous_question_and_takes_a_new_answer(
    chat: Chat, store: ProgramStore
) -> None:
    await chat.script("score", "Mayo", "Boston, MA")

    text = await chat.say("back")

    assert "Going back" in text
    assert "Where is Mayo?" in text
    assert TYPE_Q in await chat.say("Rochester, MN")
    await chat.script("1", "welcome", "1", "3", "3", "1")
    program = await store.get_program(ALICE, "Mayo")
    assert (program.city, program.state) == ("Rochester", "MN")


async def test_back_twice_then_answering_asks_the_question_in_between_again(
    chat: Chat, store: ProgramStore
) -> None:
    await chat.script("score", "Duke", "Durham, NC", "1", "welcome")  # now at goals
    assert POLICY_Q in await chat.say("back")
    assert TYPE_Q in await chat.say("back")

    after = await chat.say("new")

    assert POLICY_Q in after  # the user went back past it: ask it again


async def test_skip_leaves_an_optional_answer_blank(chat: Chat, store: ProgramStore) -> None:
    await chat.script("score", "Mayo")

    text = await chat.say("skip")

    assert "Skipped." in text
    assert TYPE_Q in text
    await chat.script("1", "welcome", "1", "3", "3", "1")
    program = await store.get_program(ALICE, "Mayo")
    assert program.city is None and program.state is None
    assert program.program_type is not None and program.program_type.value == "elite_academic"


async def test_skipping_a_score_stores_the_rest_and_says_a_verdict_needs_it(
    chat: Chat, store: ProgramStore
) -> None:
    await chat.script("score", "Mayo", "Boston, MA", "1", "welcome", "1", "3", "3")

    text = await chat.say("skip")

    assert "still needs travel" in text
    program = await store.get_program(ALICE, "Mayo")
    assert (program.uncertainty, program.importance, program.travel) == (3, 3, None)


async def test_the_program_name_cannot_be_skipped(chat: Chat, dialogs: DialogStore) -> None:
    await chat.say("score")

    text = await chat.say("skip")

    assert "can't be skipped" in text
    assert NAME_Q in text
    assert await step_of(dialogs) == "name"
    assert LOCATION_Q in await chat.say("Mayo")


@pytest.mark.parametrize("at", [1, 7], ids=["after-name", "at-last-question"])
async def test_cancel_stores_nothing_and_ends_the_dialog(
    chat: Chat, store: ProgramStore, dialogs: DialogStore, at: int
) -> None:
    answers = ["Mayo", "Boston, MA", "1", "welcome", "1", "3", "3"][:at]
    await chat.script("score", *answers)

    text = await chat.say("cancel")

    assert "Cancelled. Nothing was saved." in text
    assert await store.list_programs(ALICE) == []
    assert await step_of(dialogs) is None
    assert UNKNOWN_COMMAND in await chat.say("Boston, MA")  # no dialog to answer any more


async def test_a_slash_command_during_a_dialog_runs_and_the_question_stays_open(
    chat: Chat, dialogs: DialogStore
) -> None:
    await chat.say("score Mayo")

    replies = await chat.assistant.handle(Incoming(ALICE, "C1", text="plan", command=True))

    assert "not tracking any programs yet" in joined(replies)
    assert await step_of(dialogs) == "location"
    assert TYPE_Q in await chat.say("Boston, MA")


async def test_a_name_close_to_a_tracked_one_asks_whether_it_is_the_same(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    question = await chat.say("score Mayo Clinc 3 3 1")
    assert "You already track Mayo Clinic. Is Mayo Clinc the same program?" in question
    verdict = await chat.say("yes")

    assert "Mayo Clinic: Prioritize a second look." in verdict
    programs = await store.list_programs(ALICE)
    assert [p.name for p in programs] == ["Mayo Clinic"]
    assert (programs[0].uncertainty, programs[0].importance, programs[0].travel) == (3, 3, 1)


async def test_a_close_name_that_is_another_program_starts_a_new_one(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)
    await chat.say("score Mayo Clinc 3 3 1")

    assert "Where is Mayo Clinc?" in await chat.say("no")
    await chat.script("skip", "skip", "skip", "1")

    assert sorted(p.name for p in await store.list_programs(ALICE)) == [
        "Mayo Clinc",
        "Mayo Clinic",
    ]
    assert (await store.get_program(ALICE, "Mayo Clinic")).uncertainty == 2


# --- 5. A restart mid-dialog ------------------------------------------------------------


async def test_a_restarted_process_continues_the_dialog_at_the_same_question(
    database: Database, chat: Chat, clock: FakeClock, store: ProgramStore
) -> None:
    asked = await chat.script("score", "Mayo Clinic", "Boston, MA", "community", "welcome")
    assert GOALS_Q in asked[-1]

    url = database.url.render_as_string(hide_password=False)
    restarted = Database(url)
    try:
        fresh = Chat(build_assistant(restarted, clock))
        assert UNCERTAINTY_Q in await fresh.say("1, 3")  # goals answered, next question
        assert IMPORTANCE_Q in await fresh.say("3")
        assert TRAVEL_Q in await fresh.say("2")
        verdict = await fresh.say("1")
        programs = await ProgramStore(restarted).list_programs(ALICE)
    finally:
        await restarted.dispose()

    assert "Mayo Clinic: Prioritize a second look." in verdict
    assert [p.name for p in programs] == ["Mayo Clinic"]
    program = await store.get_program(ALICE, "Mayo Clinic")
    assert (program.city, program.state) == ("Boston", "MA")  # from the first process
    assert program.program_type is not None and program.program_type.value == "community"
    assert program.policy.value == "welcome"
    assert goal_values(program) == ["rank_order", "training"]  # from the second
    assert (program.uncertainty, program.importance, program.travel) == (3, 2, 1)


# --- 6. Channels and users keep their own dialogs -----------------------------------------


async def test_one_users_dialogs_in_two_channels_do_not_mix(
    chat: Chat, store: ProgramStore
) -> None:
    assert LOCATION_Q in await chat.say("score Mayo Clinic", channel="C1")
    assert "Where is Duke?" in await chat.say("score Duke", channel="D1")

    assert "Mayo Clinic" in await chat.say("Boston, MA", channel="C1")
    assert "Duke" in await chat.say("Durham, NC", channel="D1")
    await chat.script("1", "welcome", "1", "3", "3", "1", channel="C1")
    await chat.script("new", "neutral", "2", "2", "2", "0", channel="D1")

    mayo = await store.get_program(ALICE, "Mayo Clinic")
    duke = await store.get_program(ALICE, "Duke")
    assert mayo.city == "Boston"
    assert goal_values(mayo) == ["rank_order"]
    assert mayo.program_type is not None and mayo.program_type.value == "elite_academic"
    assert (mayo.uncertainty, mayo.importance, mayo.travel) == (3, 3, 1)
    assert duke.city == "Durham"
    assert duke.program_type is not None and duke.program_type.value == "new"
    assert goal_values(duke) == ["relocation"]
    assert (duke.uncertainty, duke.importance, duke.travel) == (2, 2, 0)


async def test_another_user_in_the_same_channel_has_no_dialog(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    await chat.say("score Mayo Clinic")

    text = await chat.say("Boston, MA", tenant=BOB)

    assert UNKNOWN_COMMAND in text
    assert await step_of(dialogs, tenant=BOB) is None
    assert await step_of(dialogs) == "location"  # Alice's question is still open
    assert TYPE_Q in await chat.say("Boston, MA")


# --- 7. Buttons ---------------------------------------------------------------------------


async def test_answering_every_question_with_buttons(chat: Chat, store: ProgramStore) -> None:
    await chat.script("score", "Mayo", "Boston, MA")
    for label, question in [
        ("Community", POLICY_Q),
        ("Welcomes second looks", GOALS_Q),
        ("Training", UNCERTAINTY_Q),
        ("very uncertain", IMPORTANCE_Q),
        ("dream", TRAVEL_Q),
    ]:
        assert question in await chat.click(find_choice(chat.last, label))

    verdict = await chat.click(find_choice(chat.last, "very easy"))

    assert "Mayo: Prioritize a second look." in verdict
    program = await store.get_program(ALICE, "Mayo")
    assert program.program_type is not None and program.program_type.value == "community"
    assert program.policy.value == "welcome"
    assert goal_values(program) == ["training"]
    assert (program.uncertainty, program.importance, program.travel) == (3, 3, 0)


async def test_a_button_from_an_earlier_question_is_refused_and_changes_nothing(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    await chat.script("score", "Mayo", "Boston, MA", "1", "welcome", "1")
    stale = find_choice(chat.last, "very clear")  # an uncertainty button (value 0)
    assert IMPORTANCE_Q in await chat.say("3")  # answered by typing instead

    text = await chat.click(stale)

    assert "earlier question" in text
    assert IMPORTANCE_Q in text  # the current question, repeated
    state = await dialogs.load(ALICE, "C1")
    assert state is not None and state.step == "importance"
    assert state.data["uncertainty"] == 3
    await chat.script("3", "1")
    program = await store.get_program(ALICE, "Mayo")
    assert program.uncertainty == 3


async def test_a_button_of_a_finished_dialog_is_refused(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    await chat.script("score", "Mayo", "Boston, MA", "1", "welcome", "1", "3", "3")
    old = find_choice(chat.last, "very hard")
    await chat.say("1")  # the verdict: the dialog is over

    closed = await chat.click(old)
    assert "closed" in closed

    await chat.say("score Duke")  # a new dialog: the old button still does not belong to it
    refused = await chat.click(old)
    assert "earlier question" in refused
    assert "Where is Duke?" in refused
    assert await step_of(dialogs) == "location"
    assert (await store.get_program(ALICE, "Mayo")).travel == 1


async def test_command_buttons_after_a_verdict_run_their_command(chat: Chat) -> None:
    await chat.say("score Mayo 3 3 1")

    plan = await chat.click(find_choice(chat.last, "See my plan"))
    assert "Your plan: 1 program(s)" in plan

    await chat.say("score Duke 3 3 1")
    assert NAME_Q in await chat.click(find_choice(chat.last, "Score another"))


async def test_an_unknown_button_gets_a_sentence(chat: Chat) -> None:
    text = await chat.click("zzz:whatever")
    assert "no longer in use" in text


# --- 8. Expiry ----------------------------------------------------------------------------


async def test_a_dialog_older_than_the_ttl_is_gone(
    chat: Chat, clock: FakeClock, dialogs: DialogStore, store: ProgramStore
) -> None:
    await chat.say("score Mayo")
    clock.advance(TTL + dt.timedelta(seconds=1))

    text = await chat.say("Boston, MA")

    assert UNKNOWN_COMMAND in text  # no dialog: the answer is read as a command
    assert await step_of(dialogs) is None
    assert await store.list_programs(ALICE) == []


async def test_each_answer_keeps_the_dialog_alive_for_another_ttl(
    chat: Chat, clock: FakeClock
) -> None:
    await chat.say("score Mayo")
    clock.advance(TTL - dt.timedelta(minutes=1))
    assert TYPE_Q in await chat.say("Boston, MA")
    clock.advance(TTL - dt.timedelta(minutes=1))
    assert POLICY_Q in await chat.say("1")


# --- 9. Commands --------------------------------------------------------------------------


async def test_plan_lists_prioritized_first_with_the_budget_used(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, {**MAYO, "name": "Alpha", "goals": []})  # skip (rule 2)
    await store.add_program(ALICE, {"name": "Gamma"})  # no scores yet
    await store.add_program(ALICE, {**MAYO, "name": "Beta"})  # prioritize

    replies = await chat.replies("plan")

    text = joined(replies)
    assert "Your plan: 3 program(s); 1 of 3 second look(s) prioritized." in text
    titles = [section.title for reply in replies for section in reply.sections]
    assert titles == ["Beta — prioritize", "Alpha — skip", "Gamma — needs scores"]
    assert "Gamma still needs uncertainty, importance, travel" in text


async def test_plan_without_programs_says_how_to_start(chat: Chat) -> None:
    text = await chat.say("plan")
    assert "not tracking any programs yet" in text
    assert "score" in text


async def test_show_prints_what_is_stored_and_why(chat: Chat, store: ProgramStore) -> None:
    await store.add_program(ALICE, MAYO)

    replies = await chat.replies("show mayo clinic")

    text = joined(replies)
    assert "Mayo Clinic: Prioritize a second look." in text
    assert "Location: Rochester, MN" in text
    assert "Goals: rank_order, training" in text
    assert "Uncertainty / importance / travel: 2 / 3 / 1" in text
    assert reasons(replies)[0].startswith("• Rule 6:")


async def test_set_changes_one_field_and_gives_the_new_verdict(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    text = await chat.say("set Mayo Clinic travel 3")

    assert "Updated Mayo Clinic: travel is now 3." in text
    assert "Mayo Clinic: Consider a visit." in text  # rule 6 with the hardest travel
    assert (await store.get_program(ALICE, "Mayo Clinic")).travel == 3


@pytest.mark.parametrize(
    ("change", "field", "allowed"),
    [
        ("travel 5", "travel", "0-3"),
        ("policy banana", "policy", "welcome, neutral, discouraged, not_offered"),
        ("type fancy", "program_type", "elite_academic, mid_academic, community, new"),
        ("goals everything", "goals", "rank_order, relocation, training, show_interest"),
        ("visit tomorrow", "visit_date", "YYYY-MM-DD"),
    ],
)
async def test_set_with_an_invalid_value_names_the_field_and_changes_nothing(
    chat: Chat, store: ProgramStore, change: str, field: str, allowed: str
) -> None:
    await store.add_program(ALICE, MAYO)
    before = await store.get_program(ALICE, "Mayo Clinic")

    text = await chat.say(f"set Mayo Clinic {change}")

    assert field in text.lower()
    assert allowed in text
    assert "Updated" not in text
    assert await store.get_program(ALICE, "Mayo Clinic") == before


async def test_status_visited_starts_the_debrief_and_then_offers_the_thank_you(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    text = await chat.say("status Mayo Clinic visited")

    assert "Mayo Clinic is now visited." in text
    assert "What did the visit to Mayo Clinic answer" in text
    assert 'template thank_you "Mayo Clinic"' in text  # offered at once, and again at the end
    assert (await store.get_program(ALICE, "Mayo Clinic")).status.value == "visited"

    moved = await chat.say("Night float is humane and the seniors really teach.")
    assert "move Mayo Clinic on your own list" in moved
    detail = await chat.say("up")
    assert "detail" in detail
    [done] = await chat.replies("the ICU handoff with Dr. Ruiz")

    assert "Saved your debrief for Mayo Clinic; it moved up on your list" in done.text
    assert "thank-you" in done.text
    assert [choice.label for choice in done.choices][:1] == ["Write the thank-you"]
    program = await store.get_program(ALICE, "Mayo Clinic")
    assert program.debrief == "Night float is humane and the seniors really teach."
    assert program.moved is not None and program.moved.value == "up"
    assert program.visit_detail == "the ICU handoff with Dr. Ruiz"
    plan = await chat.say("plan")
    assert "Debrief: moved up: Night float is humane" in plan


async def test_the_debrief_reasks_a_bad_move_and_can_be_skipped_through(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, {**MAYO, "status": "visited"})
    await chat.say("debrief Mayo Clinic")
    await chat.say("skip")
    reask = await chat.say("sideways")
    assert "Answer up, same or down" in reask
    await chat.say("3")
    done = await chat.say("skip")
    assert "it moved down on your list" in done
    program = await store.get_program(ALICE, "Mayo Clinic")
    assert program.debrief is None and program.moved is not None
    assert program.moved.value == "down"


async def test_a_debrief_with_nothing_in_it_stores_nothing(chat: Chat, store: ProgramStore) -> None:
    await store.add_program(ALICE, {**MAYO, "status": "visited"})
    before = await store.get_program(ALICE, "Mayo Clinic")
    await chat.say("debrief Mayo Clinic")
    await chat.say("skip")
    await chat.say("skip")
    done = await chat.say("skip")
    assert "Nothing saved for Mayo Clinic" in done
    assert await store.get_program(ALICE, "Mayo Clinic") == before


async def test_status_declined_makes_the_verdict_do_not_request(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    replies = await chat.replies("status Mayo Clinic declined")

    assert "Mayo Clinic: Do not request a visit." in joined(replies)
    assert reasons(replies)[0].startswith("• Rule 1:")
    program = await store.get_program(ALICE, "Mayo Clinic")
    assert program.declined is True
    assert program.status.value == "declined_by_program"
    assert "Mayo Clinic — do not request" in await chat.say("plan")


async def test_remove_deletes_the_program(chat: Chat, store: ProgramStore) -> None:
    await store.add_program(ALICE, MAYO)

    text = await chat.say("remove mayo clinic")

    assert "Removed Mayo Clinic" in text
    assert await store.list_programs(ALICE) == []
    assert "not tracking a program called" in await chat.say("remove Mayo Clinic")


async def test_add_tracks_a_program_and_a_duplicate_gets_a_friendly_message(
    chat: Chat, store: ProgramStore
) -> None:
    text = await chat.say('add "Mayo Clinic"')
    assert "Now tracking Mayo Clinic" in text
    assert LOCATION_Q in await chat.click(find_choice(chat.last, "Score Mayo Clinic"))
    await chat.say("cancel")

    again = await chat.say("add MAYO CLINIC!")

    assert "already track 'Mayo Clinic'" in again
    assert "wrong" not in again.lower()
    assert [p.name for p in await store.list_programs(ALICE)] == ["Mayo Clinic"]


async def test_a_misspelled_program_gets_did_you_mean_with_a_button_that_works(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    text = await chat.say("set Mayo Clinc travel 3")

    assert "did you mean 'Mayo Clinic'?" in text
    assert (await store.get_program(ALICE, "Mayo Clinic")).travel == 1  # not yet
    fixed = await chat.click(find_choice(chat.last, "Mayo Clinic"))
    assert "Updated Mayo Clinic: travel is now 3." in fixed
    assert (await store.get_program(ALICE, "Mayo Clinic")).travel == 3

    shown = await chat.say("show Mayo Clinc")
    assert "did you mean 'Mayo Clinic'?" in shown
    assert "Mayo Clinic: Consider a visit." in await chat.click(find_choice(chat.last, "Yes"))


async def test_an_unknown_command_suggests_the_nearest_with_a_button(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)

    text = await chat.say("scroe Mayo Clinic 1 2 3")

    assert "Unknown command 'scroe'" in text
    assert "Did you mean 'score'?" in text
    unchanged = await store.get_program(ALICE, "Mayo Clinic")
    assert (unchanged.uncertainty, unchanged.importance, unchanged.travel) == (2, 3, 1)
    run = find_choice(chat.last, "score Mayo Clinic 1 2 3")
    verdict = await chat.click(run)
    assert "Mayo Clinic: Skip the visit." in verdict  # uncertainty 1: rule 4
    program = await store.get_program(ALICE, "Mayo Clinic")
    assert (program.uncertainty, program.importance, program.travel) == (1, 2, 3)


@pytest.mark.parametrize(
    ("typed", "nearest", "question"),
    [("pln", "plan", "not tracking any programs"), ("profile edti", "profile edit", "(IMG)")],
)
async def test_misspelled_commands_offer_the_right_one(
    chat: Chat, typed: str, nearest: str, question: str
) -> None:
    text = await chat.say(typed)
    assert nearest in text
    assert question in await chat.click(find_choice(chat.last, nearest))


async def test_help_lists_every_command(chat: Chat) -> None:
    text = await chat.say("help")
    for usage in (
        "score <program>",
        "add <program>",
        "plan",
        "show <program>",
        "set <program>",
        "status <program>",
        "remove <program>",
        "profile",
        "forget me",
        "export",
    ):
        assert usage in text


@pytest.mark.parametrize(
    ("topic", "says"),
    [
        ("score", "score Mayo 2 3 1"),
        ("verdicts", "first match wins"),
        ("scores", "3 very uncertain"),
        ("forget me", "cannot be undone"),
        ("nonsense", "No help on 'nonsense'. Topics:"),
    ],
)
async def test_help_on_a_topic(chat: Chat, topic: str, says: str) -> None:
    assert says in await chat.say(f"help {topic}")


# --- 10. Profile --------------------------------------------------------------------------


async def test_profile_shows_the_defaults(chat: Chat) -> None:
    text = await chat.say("profile")
    assert "Your profile." in text
    assert "International graduate (IMG): no" in text
    assert "Second looks you can make: 3 (default)" in text


async def test_profile_edit_for_an_img_abroad_asks_the_visa_and_saves(
    chat: Chat, store: ProgramStore
) -> None:
    assert "(IMG)" in await chat.say("profile edit")
    assert "in the US" in await chat.say("yes")
    assert "Which visa" in await chat.say("no")
    assert "When do you arrive in the US" in await chat.say("J-1")
    assert "YYYY-MM-DD" in await chat.say("late January")
    assert "Where do you live" in await chat.say("2027-01-28")
    assert "How many second looks" in await chat.say("Lagos, Nigeria")

    again = await chat.say("5")
    assert "1 to 3" in again and "How many second looks" in again

    assert "How many interviews have you done" in await chat.say("2")
    assert "How many interviews do you want" in await chat.say("12")
    assert "Your name, as you sign emails?" in await chat.say("15")
    saved = await chat.say("Adaeze  Okafor")

    assert "Saved your profile" in saved
    profile = await store.get_profile(ALICE)
    assert profile.img is True and profile.in_us is False
    assert profile.arrival_date == dt.date(2027, 1, 28)
    assert profile.name == "Adaeze Okafor"
    assert profile.visa is not None and profile.visa.value == "j1"
    assert (profile.home_city, profile.home_state) == ("Lagos", "Nigeria")
    assert profile.max_visits == 2
    assert (profile.interviews_attended, profile.interviews_needed) == (12, 15)
    assert "Second looks you can make: 2" in await chat.say("profile")


@pytest.mark.parametrize(
    ("img", "in_us", "visa_asked"),
    [("y", "yes", True), ("n", "nope", True), ("no", "yes", False)],
    ids=["img", "abroad", "us-graduate-at-home"],
)
async def test_the_visa_question_appears_only_for_an_img_or_someone_abroad(
    chat: Chat, img: str, in_us: str, visa_asked: bool
) -> None:
    await chat.script("profile edit", img)
    following = await chat.say(in_us)
    assert ("Which visa" in following) is visa_asked
    assert ("Where do you live" in following) is not visa_asked


async def test_profile_yes_no_questions_ask_again_on_other_answers(
    chat: Chat, dialogs: DialogStore
) -> None:
    await chat.say("profile edit")
    text = await chat.say("maybe")
    assert "yes or no" in text and "(IMG)" in text
    assert await step_of(dialogs) == "img"


async def test_typing_the_shortcut_of_the_no_choice_answers_no(
    chat: Chat, store: ProgramStore
) -> None:
    replies = await chat.replies("profile edit")
    no = find_choice(replies, "No")
    assert no.shortcut == "2"

    text = await chat.say(no.shortcut)

    assert "in the US" in text


async def test_profile_edit_cancel_keeps_the_profile(chat: Chat, store: ProgramStore) -> None:
    await chat.script("profile edit", "yes", "no")
    assert "profile is unchanged" in await chat.say("cancel")
    assert await store.get_profile(ALICE) == ApplicantProfile()


async def test_a_saved_visit_budget_changes_the_plan(chat: Chat, store: ProgramStore) -> None:
    await store.add_program(ALICE, MAYO)
    await store.add_program(ALICE, {**MAYO, "name": "Duke", "travel": 2})
    assert "2 of 3 second look(s) prioritized" in await chat.say("plan")

    await chat.script("profile edit", "skip", "skip", "skip", "1", "skip", "skip", "skip")

    assert (await store.get_profile(ALICE)).max_visits == 1
    replies = await chat.replies("plan")
    assert "1 of 1 second look(s) prioritized" in joined(replies)
    titles = [section.title for reply in replies for section in reply.sections]
    assert titles == ["Mayo Clinic — prioritize", "Duke — consider"]  # lower travel wins


# --- 11. forget me ------------------------------------------------------------------------


async def test_forget_me_asks_first_and_keep_deletes_nothing(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    await store.add_program(ALICE, MAYO)
    await store.update_profile(ALICE, {"max_visits": 2})

    ask = await chat.say("forget me")
    assert "permanently deletes" in ask and "1 program(s)" in ask
    kept = await chat.say("keep")

    assert "Nothing was deleted" in kept
    assert [p.name for p in await store.list_programs(ALICE)] == ["Mayo Clinic"]
    assert (await store.get_profile(ALICE)).max_visits == 2
    assert await step_of(dialogs) is None


async def test_forget_me_keep_button_deletes_nothing(chat: Chat, store: ProgramStore) -> None:
    await store.add_program(ALICE, MAYO)
    await chat.say("forget me")

    kept = await chat.click(find_choice(chat.last, "Keep my data"))

    assert "Nothing was deleted" in kept
    assert len(await store.list_programs(ALICE)) == 1


async def test_forget_me_asks_again_on_an_unclear_answer(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    await store.add_program(ALICE, MAYO)
    await chat.say("forget me")

    text = await chat.say("whatever")

    assert "delete" in text and "keep" in text
    assert await step_of(dialogs) == "confirm"
    assert len(await store.list_programs(ALICE)) == 1


async def test_forget_me_delete_removes_everything_of_that_user_only(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    await store.add_program(ALICE, MAYO)
    await store.add_program(ALICE, {"name": "Duke"})
    await store.update_profile(ALICE, {"img": True, "max_visits": 1})
    await chat.say("score Brown", channel="C2")  # an open dialog in another channel
    await store.add_program(BOB, MAYO)
    await store.update_profile(BOB, {"max_visits": 2})
    await chat.say("score Yale", tenant=BOB)  # Bob's dialog in the same channel
    await store.add_program(ALICE_OTHER_WORKSPACE, MAYO)

    await chat.say("forget me")
    done = await chat.say("delete")

    assert "2 program(s)" in done
    assert await store.list_programs(ALICE) == []
    assert await store.get_profile(ALICE) == ApplicantProfile()
    assert await dialogs.load(ALICE, "C1") is None
    assert await dialogs.load(ALICE, "C2") is None
    assert UNKNOWN_COMMAND in await chat.say("Providence, RI", channel="C2")
    # Bob, and Alice in another workspace, keep everything
    assert [p.name for p in await store.list_programs(BOB)] == ["Mayo Clinic"]
    assert (await store.get_profile(BOB)).max_visits == 2
    assert await step_of(dialogs, tenant=BOB) == "location"
    assert [p.name for p in await store.list_programs(ALICE_OTHER_WORKSPACE)] == ["Mayo Clinic"]


async def test_forget_needs_the_exact_words_and_offers_no_button(
    chat: Chat, dialogs: DialogStore
) -> None:
    replies = await chat.replies("forget")
    assert "forget me" in joined(replies)
    assert all_choices(replies) == []
    assert await step_of(dialogs) is None


# --- 12. export ---------------------------------------------------------------------------


async def test_export_sends_json_and_csv_with_every_program_and_the_profile(
    chat: Chat, store: ProgramStore
) -> None:
    await store.add_program(ALICE, MAYO)
    await store.update_profile(ALICE, {"img": True, "max_visits": 2})
    assert "Now tracking =HYPERLINK(1)" in await chat.say("add =HYPERLINK(1)")

    replies = await chat.replies("export")

    files = {f.name.rsplit(".", 1)[-1]: f for reply in replies for f in reply.files}
    assert sorted(files) == ["csv", "json"]
    document = json.loads(files["json"].data.decode("utf-8"))
    assert document["profile"]["img"] is True
    assert document["profile"]["max_visits"] == 2
    by_name = {p["name"]: p for p in document["programs"]}
    assert sorted(by_name) == ["=HYPERLINK(1)", "Mayo Clinic"]
    assert by_name["Mayo Clinic"]["city"] == "Rochester"
    assert by_name["Mayo Clinic"]["goals"] == ["rank_order", "training"]
    assert by_name["Mayo Clinic"]["recommendation"]["verdict"] == "prioritize"
    assert by_name["=HYPERLINK(1)"]["recommendation"] is None

    rows = list(csv.reader(io.StringIO(files["csv"].data.decode("utf-8"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "name" and "verdict" in header
    assert len(body) == 2
    names = [row[0] for row in body]
    assert "Mayo Clinic" in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in body for cell in row)
    assert "'=HYPERLINK(1)" in names


async def test_export_with_nothing_stored_still_gives_both_files(chat: Chat) -> None:
    replies = await chat.replies("export")
    files = {f.name.rsplit(".", 1)[-1]: f for reply in replies for f in reply.files}
    assert json.loads(files["json"].data)["programs"] == []
    assert len(list(csv.reader(io.StringIO(files["csv"].data.decode())))) == 1  # header only


# --- 13. Edge cases -----------------------------------------------------------------------

HUGE = "x" * 10_240


@pytest.mark.parametrize("text", [f"score {HUGE} 2 3 1", f"add {HUGE}", HUGE])
async def test_a_10_kb_command_gets_a_clear_error_and_stores_nothing(
    chat: Chat, store: ProgramStore, dialogs: DialogStore, text: str
) -> None:
    answer = await chat.say(text)

    assert "characters" in answer
    assert "Nothing was changed" in answer
    assert len(answer) < 300  # the input is not echoed back
    assert await store.list_programs(ALICE) == []
    assert await step_of(dialogs) is None


async def test_a_10_kb_answer_gets_a_clear_error_and_the_question_stays(
    chat: Chat, store: ProgramStore, dialogs: DialogStore
) -> None:
    await chat.say("score Mayo")

    answer = await chat.say("Boston " + HUGE)

    assert "characters" in answer
    state = await dialogs.load(ALICE, "C1")
    assert state is not None and state.step == "location" and not state.data.get("city")
    assert TYPE_Q in await chat.say("Boston, MA")
    await chat.script("1", "welcome", "1", "3", "3", "1")
    assert (await store.get_program(ALICE, "Mayo")).city == "Boston"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
async def test_empty_input_gets_help(chat: Chat, text: str) -> None:
    answer = await chat.say(text)
    assert "Commands:" in answer
    assert "score <program>" in answer


@pytest.mark.parametrize(
    ("command", "lookup", "stored"),
    [
        (
            'score "Hôpital Sainte-Justine" 2 3 1',
            "show HÔPITAL SAINTE-JUSTINE",
            "Hôpital Sainte-Justine",
        ),
        ("score 東京大学 2 3 1", "show 東京大学", "東京大学"),
        (
            'score "Mount Sinai Beth Israel" 2 3 1',
            "show mount sinai beth israel",
            "Mount Sinai Beth Israel",
        ),
        ('score "Area 51" 2 3 1', 'show "area 51"', "Area 51"),
        ("score St. Mary's 2 3 1", "show St Marys", "St. Mary's"),
        ("score 'Women's Hospital' 2 3 1", "show Womens Hospital", "Women's Hospital"),
        ("score O'Connor Hospital 2 3 1", "show O’Connor Hospital", "O'Connor Hospital"),
    ],
    ids=[
        "accents",
        "cjk",
        "quoted-spaces",
        "quoted-number",
        "apostrophe",
        "quoted-apostrophe",
        "curly-apostrophe",
    ],
)
async def test_program_names_in_any_script_and_with_quotes_or_apostrophes(
    chat: Chat, store: ProgramStore, command: str, lookup: str, stored: str
) -> None:
    verdict = await chat.say(command)
    assert f"{stored}: Skip the visit." in verdict

    program = await store.get_program(ALICE, stored)
    assert program.name == stored
    assert (program.uncertainty, program.importance, program.travel) == (2, 3, 1)
    replies = await chat.replies(lookup)
    assert f"{stored}: Skip the visit." in joined(replies)
    # the re-score button carries the name so that it parses back to the same program
    rescore = await chat.click(find_choice(replies, "Re-score"))
    assert f"Where is {stored}?" in rescore


async def test_a_unicode_name_typed_in_the_interview(chat: Chat, store: ProgramStore) -> None:
    await chat.script("score", "  Hôpital   Sainte-Justine ", "Montréal, QC", "1", "welcome")
    await chat.script("1", "3", "3", "3")
    program = await store.get_program(ALICE, "hôpital sainte-justine")
    assert program.name == "Hôpital Sainte-Justine"
    assert (program.city, program.state) == ("Montréal", "QC")


async def test_an_unclosed_quote_is_explained(chat: Chat, store: ProgramStore) -> None:
    text = await chat.say('score "Mayo Clinic 2 3 1')
    assert "never closed" in text
    assert await store.list_programs(ALICE) == []


# --- 14. Isolation between tenants --------------------------------------------------------


@pytest.mark.parametrize(
    "other", [BOB, ALICE_OTHER_WORKSPACE, ALICE_ON_DISCORD], ids=["user", "workspace", "platform"]
)
async def test_another_tenant_never_sees_the_programs(
    chat: Chat, store: ProgramStore, other: Tenant
) -> None:
    await chat.say('score "Mayo Clinic" 3 3 1')

    plan = await chat.say("plan", tenant=other)
    assert "not tracking any programs yet" in plan
    assert "Mayo" not in plan

    shown = await chat.replies("show Mayo Clinc", tenant=other)
    assert "not tracking a program called 'Mayo Clinc'." in joined(shown)
    assert "did you mean" not in joined(shown)
    assert all_choices(shown) == []

    await chat.say("score Mayo Clinic 0 0 0", tenant=other)  # their own copy
    mine = await store.get_program(ALICE, "Mayo Clinic")
    assert (mine.uncertainty, mine.importance, mine.travel) == (3, 3, 1)
    with pytest.raises(ProgramNotFound):
        await store.get_program(other, "Mayo")


# --- Commands typed while a question is open ------------------------------------------


async def test_a_command_mid_dialog_runs_and_the_question_stays_open(
    chat: Chat, dialogs: DialogStore, store: ProgramStore
) -> None:
    await chat.script("score Duke", "Durham, NC")
    assert await step_of(dialogs) == "program_type"
    text = await chat.say("plan")
    assert "not tracking any programs yet" in text
    assert "Still open:" in text and "What kind of program is Duke?" in text
    assert await step_of(dialogs) == "program_type"
    # A command that fails still leaves the question open, and stores nothing.
    text = await chat.say("show Nowhere")
    assert "not tracking a program called 'Nowhere'" in text and "Still open:" in text
    assert await store.list_programs(ALICE) == []


async def test_a_choice_that_looks_like_a_command_is_an_answer(
    chat: Chat, dialogs: DialogStore
) -> None:
    await chat.script("score Duke", "Durham, NC", "1", "welcome")
    assert await step_of(dialogs) == "goals"
    await chat.say("show interest")  # a goal, not "show <program>"
    assert await step_of(dialogs) == "uncertainty"


async def test_a_program_name_that_starts_with_a_command_word_is_a_name(
    chat: Chat, dialogs: DialogStore
) -> None:
    await chat.say("score")
    text = await chat.say("Show Low Regional")
    assert "Where is Show Low Regional?" in text
