"""What the checker says: findings with a span, a rule, a severity and a safe rewrite."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Severity(StrEnum):
    ok = "ok"
    caution = "caution"
    violation = "violation"

    @property
    def weight(self) -> int:
        return {"ok": 0, "caution": 1, "violation": 2}[self.value]


class Category(StrEnum):
    # An applicant writing to a program.
    rank_inquiry = "rank_inquiry"
    conditional = "conditional"
    commitment_request = "commitment_request"
    over_signaling = "over_signaling"
    pressure = "pressure"
    bad_question = "bad_question"
    # A program writing to an applicant.
    ranking_question = "ranking_question"
    other_programs_question = "other_programs_question"
    commitment_solicitation = "commitment_solicitation"


SEVERITY: dict[Category, Severity] = {
    Category.rank_inquiry: Severity.violation,
    Category.conditional: Severity.violation,
    Category.commitment_request: Severity.violation,
    Category.over_signaling: Severity.caution,
    Category.pressure: Severity.caution,
    Category.bad_question: Severity.caution,
    Category.ranking_question: Severity.violation,
    Category.other_programs_question: Severity.violation,
    Category.commitment_solicitation: Severity.violation,
}

APPLICANT_CATEGORIES = tuple(list(Category)[:6])
PROGRAM_CATEGORIES = tuple(list(Category)[6:])


class Finding(BaseModel):
    category: Category
    severity: Severity
    start: int
    end: int
    text: str
    rule: str
    suggestion: str


class CheckResult(BaseModel):
    verdict: Severity
    findings: list[Finding] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @property
    def categories(self) -> set[Category]:
        return {finding.category for finding in self.findings}
