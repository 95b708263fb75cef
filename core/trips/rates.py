"""The trip settings in ``config/trips.toml``, validated once when first needed."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

TRIPS_FILE = Path(__file__).resolve().parents[2] / "config" / "trips.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rates(_Section):
    drive_per_km: float = Field(ge=0)
    drive_max_km: float = Field(gt=0)
    flight_base: float = Field(ge=0)
    flight_per_km: float = Field(ge=0)
    hotel_per_night: float = Field(ge=0)
    meals_per_day: float = Field(ge=0)
    local_per_day: float = Field(ge=0)


class PlanSettings(_Section):
    cluster_km: float = Field(gt=0, le=1000)
    deadline_buffer_days: int = Field(ge=0, le=30)
    lead_days: int = Field(ge=0, le=60)


class TravelScores(_Section):
    easy: float = Field(gt=0)
    moderate: float = Field(gt=0)
    hard: float = Field(gt=0)

    @model_validator(mode="after")
    def _rising(self) -> TravelScores:
        if not self.easy < self.moderate < self.hard:
            raise ValueError("travel_scores must rise: easy < moderate < hard")
        return self

    def score(self, cost: float) -> int:
        """The travel score (0-3) a cost per program suggests."""
        return sum(cost > bound for bound in (self.easy, self.moderate, self.hard))


class TripSettings(_Section):
    rates: Rates
    plan: PlanSettings
    travel_scores: TravelScores


class TripSettingsError(ValueError):
    """The trips file is unreadable or invalid; the message says what to fix."""


def load_trip_settings(path: Path | str | None = None) -> TripSettings:
    source = Path(path) if path else TRIPS_FILE
    try:
        return TripSettings.model_validate(tomllib.loads(source.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError) as problem:
        raise TripSettingsError(f"{source}: cannot read it ({problem})") from None
    except ValidationError as problem:
        fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in problem.errors())
        raise TripSettingsError(f"{source}: {fields}") from None


@cache
def trip_settings() -> TripSettings:
    return load_trip_settings()
