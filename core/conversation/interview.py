"""The scoring interview: name, location, type, policy, goals, then the three scores.

Steps already answered (a known program's stored type, scores typed on the command
line) are not asked again. Nothing is stored until the last answer; the verdict comes
back at once, in the context of the user's whole plan (the visit budget counts).
"""

from __future__ import annotations

from typing import Any

from core.conversation import answers
from core.conversation.answers import Option, Reask
from core.conversation.flow import Data, DialogSpec, Step
from core.conversation.services import Services
from core.conversation.verdicts import verdict_for
from core.incoming import Incoming
from core.models import MAX_NAME_LENGTH, Program
from core.names import closest, name_key
from core.replies import Reply
from core.storage import ProgramExists, ProgramNotFound

KIND = "interview"


def _numbered(*options: tuple[str, str, tuple[str, ...]]) -> tuple[Option, ...]:
    return tuple(
        Option(value, label, synonyms, str(index))
        for index, (value, label, synonyms) in enumerate(options, start=1)
    )


PROGRAM_TYPES = _numbered(
    ("elite_academic", "Elite academic", ("elite", "top academic", "big name", "prestigious")),
    ("mid_academic", "Mid-tier academic", ("mid", "mid academic", "academic", "university")),
    ("community", "Community", ("community hospital", "community based")),
    ("new", "New program", ("new", "brand new", "young program")),
)
POLICIES = _numbered(
    ("welcome", "Welcomes second looks", ("welcome", "welcomes", "encouraged", "invited", "yes")),
    ("neutral", "Neutral / said nothing", ("neutral", "nothing", "unknown", "not sure")),
    (
        "discouraged",
        "Discouraged (not used in ranking)",
        ("discouraged", "not considered", "neither expected nor encouraged"),
    ),
    (
        "not_offered",
        "Not offered before rank lists",
        ("not offered", "no visits", "no second looks"),
    ),
)
GOALS = _numbered(
    ("rank_order", "Break a tie in my rank order", ("rank", "rank order", "tie", "ranking")),
    ("relocation", "City, housing, family, community", ("relocation", "city", "housing", "life")),
    ("training", "Training: supervision, autonomy, cases", ("training", "education", "cases")),
    ("show_interest", "Show my interest", ("interest", "show interest", "signal")),
)


def _scale(*labels: tuple[str, tuple[str, ...]]) -> tuple[Option, ...]:
    return tuple(
        Option(str(value), label, synonyms, str(value))
        for value, (label, synonyms) in enumerate(labels)
    )


SCALES: dict[str, tuple[Option, ...]] = {
    "uncertainty": _scale(
        ("very clear", ("clear", "certain", "sure")),
        ("mostly clear", ("mostly sure", "fairly clear")),
        ("somewhat uncertain", ("unsure", "uncertain", "not sure")),
        ("very uncertain", ("no idea", "totally unsure")),
    ),
    "importance": _scale(
        ("low", ("not important", "backup")),
        ("moderate", ("medium", "some")),
        ("high", ("important", "very important")),
        ("dream / top choice", ("dream", "top choice", "top", "number one")),
    ),
    "travel": _scale(
        ("very easy", ("easy", "local", "nearby", "drive")),
        ("manageable", ("short flight", "moderate")),
        ("hard", ("long flight", "expensive")),
        ("very hard or expensive", ("very hard", "international", "visa")),
    ),
}
QUESTIONS = {
    "uncertainty": "How uncertain are you about your fit at {name}?",
    "importance": "How much does {name} matter to you?",
    "travel": "How hard is it to get to {name}?",
}


def _current(data: Data, key: str) -> str:
    current = data.get(f"current_{key}")
    return f" (now {current}; skip keeps it)" if current is not None else ""


async def prefill(services: Services, incoming: Incoming, typed: str) -> Data:
    """What we already know about the program the user named.

    ``known`` lists what was known before the dialog: those questions are not asked.
    Answers given during the dialog never hide a question, so ``back`` can reach it.
    """
    programs = await services.programs.list_programs(incoming.tenant)
    key = name_key(typed)
    for program in programs:
        if name_key(program.name) == key:
            return known_program(program)
    similar = closest(typed, [program.name for program in programs], cutoff=85)
    data: Data = {"name": typed, "known": ["name"]}
    return {**data, "similar": similar} if similar else data


def known_program(program: Program) -> Data:
    data: Data = {
        "name": program.name,
        "existing": True,
        "city": program.city,
        "state": program.state,
        "program_type": program.program_type.value if program.program_type else None,
        "policy": program.policy.value,
        "goals": [goal.value for goal in program.goals],
    }
    known = ["name", "policy"]
    known += ["location"] if program.city else []
    known += ["program_type"] if program.program_type else []
    known += ["goals"] if program.goals else []
    for key in SCALES:
        data[f"current_{key}"] = getattr(program, key)
    return {**data, "known": known}


def _unknown(key: str) -> Any:
    return lambda data: key not in data.get("known", ())


def build(services: Services) -> DialogSpec:
    async def read_name(incoming: Incoming, text: str, data: Data) -> Data:
        typed = " ".join(text.split())
        if not typed or len(typed) > MAX_NAME_LENGTH:
            raise Reask(f"A program name is 1 to {MAX_NAME_LENGTH} characters.")
        return await prefill(services, incoming, typed)

    async def read_similar(incoming: Incoming, text: str, data: Data) -> Data:
        if not answers.yes_no(text):
            return {"similar": None}
        program = await services.programs.get_program(incoming.tenant, data["similar"])
        known = known_program(program)
        typed = [key for key in SCALES if key in data.get("known", ())]  # from the command line
        return {**known, "known": [*known["known"], *typed], "similar": None}

    def read_place(incoming: Incoming, text: str, data: Data) -> Data:
        city, state = answers.place(text)
        return {"city": city, "state": state}

    def read_choice(key: str, options: tuple[Option, ...]) -> Any:
        return lambda incoming, text, data: {key: answers.pick(text, options).value}

    def read_goals(incoming: Incoming, text: str, data: Data) -> Data:
        return {"goals": [option.value for option in answers.pick_many(text, GOALS)]}

    def read_score(key: str) -> Any:
        return lambda incoming, text, data: {key: answers.score(text, SCALES[key])}

    def score_step(key: str) -> Step:
        return Step(
            key=key,
            prompt=lambda data: QUESTIONS[key].format(name=data["name"]) + _current(data, key),
            read=read_score(key),
            options=lambda data: SCALES[key],
            applies=_unknown(key),
            skip_note="Skipped: without all three scores there is no verdict yet.",
        )

    steps = (
        Step(
            "name",
            lambda data: "Which program? Type its name.",
            read_name,
            can_skip=False,
            applies=_unknown("name"),
        ),
        Step(
            "similar",
            lambda data: (
                f"You already track {data['similar']}. Is {data['name']} the same program?"
            ),
            read_similar,
            options=lambda data: _numbered(
                ("yes", "Yes, same program", ()), ("no", "No, a new one", ())
            ),
            can_skip=False,
            applies=lambda data: bool(data.get("similar")),
        ),
        Step(
            "location",
            lambda data: f"Where is {data['name']}? City and state, like: Boston, MA",
            read_place,
            applies=_unknown("location"),
        ),
        Step(
            "program_type",
            lambda data: f"What kind of program is {data['name']}?",
            read_choice("program_type", PROGRAM_TYPES),
            options=lambda data: PROGRAM_TYPES,
            applies=_unknown("program_type"),
        ),
        Step(
            "policy",
            lambda data: f"What has {data['name']} said about second looks?",
            read_choice("policy", POLICIES),
            options=lambda data: POLICIES,
            applies=_unknown("policy"),
        ),
        Step(
            "goals",
            lambda data: "What should a visit answer for you?",
            read_goals,
            options=lambda data: GOALS,
            multi=True,
            applies=_unknown("goals"),
        ),
        *(score_step(key) for key in SCALES),
    )

    async def finish(incoming: Incoming, data: Data) -> list[Reply]:
        return await save_and_judge(services, incoming, data)

    return DialogSpec(KIND, steps, finish, cancelled="Cancelled. Nothing was saved.")


PROGRAM_KEYS = ("city", "state", "program_type", "policy", "goals", *SCALES)


async def save_and_judge(services: Services, incoming: Incoming, data: Data) -> list[Reply]:
    """Store the answers (one write) and reply with the verdict in the context of the plan."""
    # Only what was answered: a skipped re-score keeps the stored score.
    changes = {key: data[key] for key in PROGRAM_KEYS if data.get(key) is not None}
    store, tenant = services.programs, incoming.tenant
    try:
        if data.get("existing"):
            program = await store.update_program(tenant, data["name"], changes)
        else:
            program = await store.add_program(tenant, {"name": data["name"], **changes})
    except ProgramExists:  # added elsewhere since we asked: update it instead
        program = await store.update_program(tenant, data["name"], changes)
    except ProgramNotFound:  # removed elsewhere since we asked: add it back
        program = await store.add_program(tenant, {"name": data["name"], **changes})
    return [await verdict_for(services, incoming, program)]
