"""The domain's vocabulary (domain.md §1) as pydantic models.

Names and values are exactly the spec's. Inputs are forgiving about spelling
("Not offered", "elite-academic") but strict about meaning: a score of 5, a boolean
where a score belongs or an unknown field is rejected with a message that names the
field and what it accepts (see ``core.validation``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)


class ProgramType(StrEnum):
    elite_academic = "elite_academic"
    mid_academic = "mid_academic"
    community = "community"
    new = "new"


class Policy(StrEnum):
    welcome = "welcome"
    neutral = "neutral"
    discouraged = "discouraged"
    not_offered = "not_offered"


class Goal(StrEnum):
    rank_order = "rank_order"
    relocation = "relocation"
    training = "training"
    show_interest = "show_interest"


class InterestSignal(StrEnum):
    clearly_high = "clearly_high"
    neutral = "neutral"
    probably_low = "probably_low"


class Verdict(StrEnum):
    prioritize = "prioritize"
    consider = "consider"
    virtual = "virtual"
    skip = "skip"
    do_not_request = "do_not_request"


class Status(StrEnum):
    considering = "considering"
    requested = "requested"
    scheduled = "scheduled"
    visited = "visited"
    declined_by_program = "declined_by_program"
    skipped = "skipped"


class MessageKind(StrEnum):
    """What a message to a program was (domain.md §5), as the message log records it."""

    request = "request"
    confirm = "confirm"
    thank_you = "thank_you"
    decline_reply = "decline_reply"
    interest = "interest"
    virtual_request = "virtual_request"
    resident_note = "resident_note"
    follow_up = "follow_up"


class ContactRole(StrEnum):
    """Who at the program the user writes to; templates greet and sign accordingly."""

    coordinator = "coordinator"
    director = "director"
    resident = "resident"


class Movement(StrEnum):
    """Where a visit moved the program on the user's own list (the debrief)."""

    up = "up"
    same = "same"
    down = "down"


class Visa(StrEnum):
    """What the applicant travels on; ``none`` means no visa is needed (US citizen or resident)."""

    none = "none"
    b1_b2 = "b1_b2"
    j1 = "j1"
    h1b = "h1b"
    f1 = "f1"
    other = "other"


SCORE_MEANINGS: dict[str, str] = {
    "uncertainty": "0 = fit is very clear … 3 = very uncertain",
    "importance": "0 = low … 3 = dream / top choice",
    "travel": "0 = very easy … 3 = very hard or expensive",
}

SCORE_FIELDS: tuple[str, ...] = ("uncertainty", "importance", "travel")

MAX_NAME_LENGTH = 120
MAX_NOTES_LENGTH = 2000
MAX_DETAIL_LENGTH = 300


def normalize_token(value: Any) -> Any:
    """Map "Not offered", "not-offered" and "NOT_OFFERED" to "not_offered"."""
    if isinstance(value, str):
        return "_".join(value.strip().lower().replace("-", " ").replace("/", " ").split())
    return value


VISA_ALIASES = {
    "b1/b2": "b1_b2",
    "b1b2": "b1_b2",
    "b1": "b1_b2",
    "b2": "b1_b2",
    "citizen": "none",
    "uscitizen": "none",
    "greencard": "none",
    "permanentresident": "none",
}


def normalize_visa(value: Any) -> Any:
    """ "J-1" → "j1", "H-1B" → "h1b", "B-1/B-2" → "b1_b2", "US citizen" → "none"."""
    if not isinstance(value, str):
        return value
    compact = "".join(ch for ch in value.lower() if ch.isalnum() or ch in "/_")
    return VISA_ALIASES.get(compact, compact)


def _reject_bool(value: Any) -> Any:
    # pydantic's lax mode reads True as 1; a score of "True" is a mistake, not a 1.
    if isinstance(value, bool):
        raise ValueError("a boolean is not a score")
    return value


def _goal_list(value: Any) -> Any:
    """A list, or text: "rank_order, training", "rank order, training", "training relocation"."""
    if value is None:
        return []
    if isinstance(value, str):
        text = value.replace(" and ", ",").replace(";", ",")
        pieces = text.split(",") if "," in text else text.split()
        value = [piece for piece in pieces if piece.strip()]
    if isinstance(value, list | tuple | set):
        return [normalize_token(item) for item in value]
    return value


def _date_list(value: Any) -> Any:
    """A list, or text: "2027-02-03, 2027-02-10" or "2027-02-03 2027-02-10"."""
    if value is None:
        return []
    if isinstance(value, str):
        return [piece for piece in value.replace(",", " ").replace(";", " ").split() if piece]
    return value


def _dedupe(goals: list[Goal]) -> list[Goal]:
    return list(dict.fromkeys(goals))


Score = Annotated[int, BeforeValidator(_reject_bool), Field(ge=0, le=3)]
Token = BeforeValidator(normalize_token)


def _one_line(value: Any) -> Any:
    """Names are shown in tables, commands and messages: tabs and newlines become spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


Name = Annotated[
    str,
    BeforeValidator(_one_line),
    StringConstraints(min_length=1, max_length=MAX_NAME_LENGTH),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]
Detail = Annotated[
    str,
    BeforeValidator(_one_line),
    StringConstraints(strip_whitespace=True, max_length=MAX_DETAIL_LENGTH),
]
Goals = Annotated[list[Goal], BeforeValidator(_goal_list), AfterValidator(_dedupe)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class ApplicantProfile(_Model):
    """Who is applying: the facts that change how much a visit is worth."""

    img: bool = False
    in_us: bool = True
    visa: Annotated[Visa | None, BeforeValidator(normalize_visa)] = None
    home_city: ShortText | None = None
    home_state: ShortText | None = None
    # None means the default in config/framework.toml ([budget] default_max_visits).
    max_visits: Annotated[int, BeforeValidator(_reject_bool), Field(ge=1, le=3)] | None = None
    interviews_attended: Annotated[int, BeforeValidator(_reject_bool), Field(ge=0, le=200)] = 0
    interviews_needed: Annotated[int, BeforeValidator(_reject_bool), Field(ge=0, le=200)] = 0
    # How emails are signed; None leaves a placeholder the user fills.
    name: ShortText | None = None
    # For an applicant abroad: the day they reach the US (no visit dates before it).
    arrival_date: dt.date | None = None

    @property
    def short_of_interviews(self) -> bool:
        return self.interviews_attended < self.interviews_needed


class Program(_Model):
    """One program an applicant tracks. Scores may be unknown until the applicant gives them."""

    name: Name
    specialty: ShortText | None = None
    city: ShortText | None = None
    state: ShortText | None = None
    program_type: Annotated[ProgramType | None, Token] = None
    policy: Annotated[Policy, Token] = Policy.neutral
    declined: bool = False
    interest_signal: Annotated[InterestSignal, Token] = InterestSignal.neutral
    uncertainty: Score | None = None
    importance: Score | None = None
    travel: Score | None = None
    goals: Goals = Field(default_factory=list)
    status: Annotated[Status, Token] = Status.considering
    interview_date: dt.date | None = None
    visit_date: dt.date | None = None
    notes: Annotated[str, StringConstraints(max_length=MAX_NOTES_LENGTH)] | None = None
    # Whom to write to, and what the emails and the visit plan draw on.
    contact_name: ShortText | None = None
    contact_role: Annotated[ContactRole | None, Token] = None
    offered_dates: Annotated[list[dt.date], BeforeValidator(_date_list)] = Field(
        default_factory=list
    )
    visit_detail: Detail | None = None
    concerns: Detail | None = None
    # The debrief: what the visit answered, and how it moved the program on the user's list.
    debrief: Detail | None = None
    moved: Annotated[Movement | None, Token] = None

    @property
    def missing_scores(self) -> list[str]:
        return [name for name in SCORE_FIELDS if getattr(self, name) is None]

    @property
    def is_scored(self) -> bool:
        return not self.missing_scores


class ScoredProgram(Program):
    """A program as the recommender takes it: the three scores are required."""

    uncertainty: Score
    importance: Score
    travel: Score


class PlanRequest(_Model):
    """The input of ``secondlook recommend --json``."""

    applicant: ApplicantProfile = Field(default_factory=ApplicantProfile)
    programs: list[ScoredProgram]


class Recommendation(BaseModel):
    """The verdict for one program, with the rule that decided it and why."""

    name: str
    verdict: Verdict
    priority: float
    rule: int
    reasons: list[str]
    next_step: str
    expected_effect: str


class SentMessage(BaseModel):
    """One message the user says went to a program: never its text, only what and when."""

    program: str
    kind: MessageKind
    sent_on: dt.date
    first_choice: bool = False
    answered: bool = False
