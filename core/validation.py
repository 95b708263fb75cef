"""Turn pydantic's validation errors into sentences a user can act on.

Every message names the field (with the program's name when there is one) and the
values it accepts; an unknown field gets a "did you mean" from the known ones.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import process

from core.models import (
    SCORE_MEANINGS,
    ApplicantProfile,
    Goal,
    InterestSignal,
    Policy,
    Program,
    ProgramType,
    Status,
    Visa,
)


def _one_of(enum: type[StrEnum]) -> str:
    return "one of " + ", ".join(member.value for member in enum)


EXPECTED: dict[str, str] = {
    **{name: f"a whole number 0-3 ({meaning})" for name, meaning in SCORE_MEANINGS.items()},
    "program_type": _one_of(ProgramType),
    "policy": _one_of(Policy),
    "interest_signal": _one_of(InterestSignal),
    "status": _one_of(Status),
    "visa": _one_of(Visa),
    "goals": "a list of " + ", ".join(goal.value for goal in Goal) + " (may be empty)",
    "declined": "true or false",
    "img": "true or false",
    "in_us": "true or false",
    "max_visits": "a whole number from 1 to 3",
    "interviews_attended": "a whole number from 0 to 200",
    "interviews_needed": "a whole number from 0 to 200",
    "interview_date": "a date as YYYY-MM-DD",
    "visit_date": "a date as YYYY-MM-DD",
    "offered_dates": "dates as YYYY-MM-DD, separated by commas, e.g. 2027-02-09, 2027-02-11",
    "arrival_date": "a date as YYYY-MM-DD",
    "contact_name": "a name of at most 80 characters",
    "contact_role": "coordinator, director or resident",
    "visit_detail": "text of at most 300 characters",
    "concerns": "text of at most 300 characters",
    "debrief": "text of at most 300 characters",
    "moved": "up, same or down",
    "name": "a program name of 1 to 120 characters",
    "notes": "text of at most 2000 characters",
    "specialty": "text of at most 80 characters",
    "city": "text of at most 80 characters",
    "state": "text of at most 80 characters",
    "home_city": "text of at most 80 characters",
    "home_state": "text of at most 80 characters",
    "applicant": "an object with the applicant's profile",
    "programs": "a list of program objects",
}

KNOWN_FIELDS: dict[str, tuple[str, ...]] = {
    "program": tuple(Program.model_fields),
    "applicant": tuple(ApplicantProfile.model_fields),
    "plan": ("applicant", "programs"),
}


def field_label(loc: Sequence[int | str], data: Any = None) -> str:
    """``("programs", 2, "travel")`` → ``programs[2] (Mayo).travel``."""
    label = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            label += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            name = node.get("name") if isinstance(node, dict) else None
            if isinstance(name, str) and name.strip():
                label += f" ({' '.join(name.split())[:40]})"
        else:
            label += f".{part}" if label else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return label or "input"


def _field_of(loc: Sequence[int | str]) -> str | None:
    for part in reversed(loc):
        if isinstance(part, str) and part in EXPECTED:
            return part
    return None


def _suggest(unknown: str, known: Iterable[str]) -> str:
    match = process.extractOne(unknown, list(known), score_cutoff=70)
    return f"; did you mean '{match[0]}'?" if match else ""


def _known_for(loc: Sequence[int | str], model: type[BaseModel] | None) -> tuple[str, ...]:
    """The fields allowed where an unknown one was found, for a "did you mean"."""
    parents = [part for part in loc[:-1] if isinstance(part, str)]
    if parents:
        return KNOWN_FIELDS["applicant" if parents[-1] == "applicant" else "program"]
    return tuple(model.model_fields) if model is not None else KNOWN_FIELDS["program"]


def _shown(value: Any) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= 40 else text[:37] + "..."


def describe_errors(
    error: ValidationError,
    data: Any = None,
    *,
    known: Iterable[str] | None = None,
    model: type[BaseModel] | None = None,
) -> list[str]:
    """One sentence per problem; ``known`` overrides the field list used for "did you mean"."""
    problems: list[str] = []
    for item in error.errors():
        loc = [part for part in item["loc"] if not _is_internal(part)]
        kind = item["type"]
        if kind == "extra_forbidden":
            unknown = str(loc[-1]) if loc else "?"
            where = field_label(loc[:-1], data)
            prefix = f"{where}: " if loc[:-1] else ""
            fields = tuple(known) if known is not None else _known_for(loc, model)
            problems.append(f"{prefix}unknown field '{unknown}'{_suggest(unknown, fields)}")
            continue
        field = _field_of(loc)
        label = field_label(loc, data)
        if kind == "missing":
            expected = f" ({EXPECTED[field]})" if field else ""
            problems.append(f"{label}: missing required field{expected}")
            continue
        expected = EXPECTED.get(field or "", "")
        if expected:
            problems.append(f"{label}: expected {expected}, got {_shown(item.get('input'))}")
        else:
            problems.append(f"{label}: {item['msg'].lower()}")
    return _unique(problems)


def _is_internal(part: int | str) -> bool:
    # pydantic adds validator names such as "function-before[...]" or "enum" to locations.
    return isinstance(part, str) and ("[" in part or part in {"enum", "int", "str", "list"})


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def one_line(problems: list[str]) -> str:
    return "; ".join(problems)


class InputProblem(ValueError):
    """Bad user input, already phrased for the user."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(one_line(problems))


def parse(model: type[BaseModel], data: Any, **kwargs: Any) -> Any:
    """Validate ``data`` as ``model`` or raise :class:`InputProblem` with readable problems."""
    try:
        return model.model_validate(data, **kwargs)
    except ValidationError as error:
        raise InputProblem(describe_errors(error, data, model=model)) from None


def read_toml(source: Path, what: str) -> dict[str, Any]:
    """A configuration file's TOML; an unreadable or malformed file is an InputProblem that
    names ``what`` ("rules file", "season file") and the path."""
    try:
        return tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputProblem([f"cannot read {what} {source}: {error.strerror}"]) from None
    except tomllib.TOMLDecodeError as error:
        raise InputProblem([f"{what} {source} is not valid TOML: {error}"]) from None
