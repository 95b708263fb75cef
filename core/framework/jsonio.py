"""The JSON contract of ``secondlook recommend --json``: parse a plan, answer with verdicts."""

from __future__ import annotations

import json
from typing import Any

from core.framework.config import FrameworkConfig
from core.framework.plan import max_visits, recommend
from core.models import PlanRequest, Verdict
from core.names import name_key
from core.validation import InputProblem, parse


def _location(error: json.JSONDecodeError) -> str:
    return f"line {error.lineno} column {error.colno}: {error.msg}"


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return {str: "a string", list: "a list"}.get(type(value), "something else")


def read_plan(text: str) -> PlanRequest:
    """Parse and validate the input; every problem is an :class:`InputProblem`."""
    if not text.strip():
        raise InputProblem(['input is empty; expected a JSON object like {"programs": [...]}'])
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputProblem([f"input is not valid JSON ({_location(error)})"]) from None
    if not isinstance(data, dict):
        raise InputProblem(
            [f'expected a JSON object with a "programs" list, got {_json_kind(data)}']
        )
    plan = parse(PlanRequest, data)
    seen: dict[str, int] = {}
    for index, program in enumerate(plan.programs):
        key = name_key(program.name)
        if key in seen:
            raise InputProblem(
                [
                    f"programs[{index}].name: '{program.name}' repeats programs[{seen[key]}]"
                    "; each program once"
                ]
            )
        seen[key] = index
    return plan


def answer(plan: PlanRequest, config: FrameworkConfig) -> dict[str, Any]:
    """The output document: one entry per program, in input order."""
    recommendations = recommend(plan.programs, plan.applicant, config)
    budget = max_visits(plan.applicant, config)
    return {
        "programs": [rec.model_dump(mode="json") for rec in recommendations],
        "budget": {
            "max_visits": budget,
            "prioritized": sum(r.verdict is Verdict.prioritize for r in recommendations),
        },
    }


def recommend_json(text: str, config: FrameworkConfig) -> str:
    return json.dumps(answer(read_plan(text), config), indent=2, ensure_ascii=False)
