"""Thresholds and weights of the recommendation, loaded from ``config/framework.toml``."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

import config
from core.validation import InputProblem, describe_errors, read_toml

DEFAULT_RULES_FILE = config.path("framework.toml")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Section):
    skip_importance_max: int = Field(1, ge=0, le=3)
    skip_uncertainty_max: int = Field(1, ge=0, le=3)
    prioritize_uncertainty_min: int = Field(2, ge=0, le=3)
    prioritize_importance_min: int = Field(2, ge=0, le=3)
    prioritize_travel_max: int = Field(2, ge=0, le=3)


class PriorityWeights(_Section):
    uncertainty_weight: float = Field(1.0, ge=0)
    importance_weight: float = Field(1.0, ge=0)
    travel_weight: float = Field(0.5, ge=0)


class Budget(_Section):
    default_max_visits: int = Field(3, ge=1, le=3)


class FrameworkConfig(_Section):
    thresholds: Thresholds = Thresholds()
    priority: PriorityWeights = PriorityWeights()
    budget: Budget = Budget()

    def priority_of(self, uncertainty: int, importance: int, travel: int) -> float:
        weights = self.priority
        score = (
            uncertainty * weights.uncertainty_weight
            + importance * weights.importance_weight
            - travel * weights.travel_weight
        )
        return round(score, 2)


def load_config(path: Path | str | None = None) -> FrameworkConfig:
    """Read the rules file; a broken file is an :class:`InputProblem` naming the key."""
    source = Path(path) if path else DEFAULT_RULES_FILE
    data = read_toml(source, "rules file")
    try:
        return FrameworkConfig.model_validate(data)
    except ValidationError as error:
        known = [
            *FrameworkConfig.model_fields,
            *Thresholds.model_fields,
            *PriorityWeights.model_fields,
            *Budget.model_fields,
        ]
        problems = describe_errors(error, data, known=known)
        raise InputProblem([f"rules file {source}: {problem}" for problem in problems]) from None
