"""The interview as one form (a Slack or Discord modal), and reading its submission.

Surfaces that can open a modal get this instead of the question-by-question dialog;
the answers are read by the same functions the dialog uses, so a form and a dialog
accept the same words and store the same program.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.conversation import answers
from core.conversation.answers import Option, Reask
from core.conversation.flow import Data
from core.conversation.interview import GOALS, POLICIES, PROGRAM_TYPES, QUESTIONS, SCALES
from core.models import MAX_NAME_LENGTH
from core.replies import Choice, Form, FormField

SCORE_FORM = "score"
FIELD_IDS = ("name", "location", "program_type", "policy", "goals", *SCALES)


def _options(options: Sequence[Option]) -> list[Choice]:
    return [Choice(id=option.value, label=option.label) for option in options]


def _initial(data: Data, key: str) -> str | None:
    value = data.get(key)
    return None if value is None else str(value)


def score_form(data: Data | None = None) -> Form:
    """The scoring form, prefilled with what is already known about the program."""
    data = data or {}
    location = ", ".join(x for x in (data.get("city"), data.get("state")) if x) or None
    scale_fields = [
        FormField(
            id=key,
            label=QUESTIONS[key].format(name="this program"),
            kind="select",
            options=_options(SCALES[key]),
            initial=_initial(data, key) or _initial(data, f"current_{key}"),
        )
        for key in SCALES
    ]
    return Form(
        id=SCORE_FORM,
        title="Score a program",
        submit="Get my verdict",
        fields=[
            FormField(
                id="name",
                label="Program",
                initial=data.get("name"),
                placeholder="e.g. Rush Internal Medicine",
                max_length=MAX_NAME_LENGTH,
            ),
            FormField(
                id="location",
                label="City, state",
                required=False,
                initial=location,
                placeholder="e.g. Chicago, IL",
                max_length=120,
            ),
            FormField(
                id="program_type",
                label="Kind of program",
                kind="select",
                options=_options(PROGRAM_TYPES),
                initial=data.get("program_type"),
            ),
            FormField(
                id="policy",
                label="What they said about second looks",
                kind="select",
                options=_options(POLICIES),
                initial=data.get("policy"),
            ),
            FormField(
                id="goals",
                label="What should a visit answer?",
                kind="multi_select",
                options=_options(GOALS),
                required=False,
                initial=data.get("goals") or None,
            ),
            *scale_fields,
        ],
    )


class FormProblems(ValueError):
    """Per-field messages, so a modal can show each under its own field."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{key}: {text}" for key, text in problems.items()))


def _text(values: dict[str, str | list[str]], key: str) -> str:
    value = values.get(key)
    if isinstance(value, list):
        return ", ".join(value)
    return (value or "").strip()


def read_score_form(values: dict[str, str | list[str]]) -> Data:
    """Everything or nothing: one problem anywhere and nothing is returned to store."""
    data: Data = {}
    problems: dict[str, str] = {}
    unknown = set(values) - set(FIELD_IDS)
    for key in sorted(unknown):
        problems[key] = "This form has no such field."
    name = " ".join(_text(values, "name").split())
    if not name or len(name) > MAX_NAME_LENGTH:
        problems["name"] = f"A program name is 1 to {MAX_NAME_LENGTH} characters."
    data["name"] = name
    readers = {
        "location": lambda text: dict(zip(("city", "state"), answers.place(text), strict=True)),
        "program_type": lambda text: {"program_type": answers.pick(text, PROGRAM_TYPES).value},
        "policy": lambda text: {"policy": answers.pick(text, POLICIES).value},
        "goals": lambda text: {"goals": [o.value for o in answers.pick_many(text, GOALS)]},
        **{key: (lambda text, key=key: {key: answers.score(text, SCALES[key])}) for key in SCALES},
    }
    required = {"program_type", "policy", *SCALES}
    for key, read in readers.items():
        text = _text(values, key)
        if not text:
            if key in required:
                problems[key] = "Please choose one."
            continue
        try:
            data.update(read(text))
        except Reask as problem:
            problems[key] = str(problem)
    if problems:
        raise FormProblems(problems)
    return data
