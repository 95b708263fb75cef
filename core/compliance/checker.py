"""Check one message: every sentence against every rule of its side, then whole-message rules.

Severity follows domain.md §4: a breach of the Match agreement is a violation (block
and rewrite), a red flag is a caution (warn and suggest), anything else is ok.
"""

from __future__ import annotations

import re
from typing import Literal

from core.compliance.lexicon import FIRST_CHOICE, normalise
from core.compliance.model import SEVERITY, Category, CheckResult, Finding, Severity
from core.compliance.rules import APPLICANT_RULES, PROGRAM_RULES, Rule
from core.compliance.sentences import split

Side = Literal["applicant", "program"]

THANK_YOU_WORD_LIMIT = 150
LETTER_WORD_LIMIT = 250
_THANKS = re.compile(r"\bthank(s| you)\b", re.IGNORECASE)
_WORDS = re.compile(r"\S+")
_RANKED_TO_MATCH = re.compile(
    r"\branked to match\b|\brank(ed)? (you )?(highly|high)\b", re.IGNORECASE
)

# Within one sentence the more specific reading wins: asking for a promise of a rank, or
# trading ranks, is not also reported as a plain question about standing.
SUBSUMED: dict[Category, set[Category]] = {
    Category.rank_inquiry: {
        Category.conditional,
        Category.commitment_request,
        Category.bad_question,
    },
    Category.ranking_question: {Category.commitment_solicitation},
}

NOTE_REPORT = (
    "A program asking how you will rank it, where else you applied, or for a commitment"
    " breaks the Match rules. You do not have to answer, and you may report it to the"
    " NRMP policy office."
)
NOTE_RANKED_TO_MATCH = (
    '"Ranked to match" means they expect to rank you high enough that you would match if'
    ' you rank them first; "ranked highly" is kinder but vaguer. Neither is a promise:'
    " rank programs in your true order of preference."
)
SUGGEST_SHORTER = (
    "Cut it to three sentences: thanks, one concrete detail from the day, and your"
    " continued interest."
)
SUGGEST_ONCE = (
    'Say it once, and only to one program: "I plan to rank your program first" is allowed'
    " if it is true, but repeating it reads as pressure."
)


def check(text: str, side: Side = "applicant") -> CheckResult:
    rules = APPLICANT_RULES if side == "applicant" else PROGRAM_RULES
    findings: list[Finding] = []
    plain_sentences = []
    for sentence in split(text):
        plain = normalise(sentence.text)
        plain_sentences.append(plain)
        hits = {rule: broken for rule in rules if (broken := rule.apply(plain))}
        found = {rule.category for rule in hits}
        for rule, broken in hits.items():
            if not SUBSUMED.get(rule.category, set()) & found:
                findings.append(_finding(rule, broken, sentence.start, sentence.end, text))
    if side == "applicant":
        findings += _whole_message(text, " ".join(plain_sentences))
    notes = _program_notes(text, findings) if side == "program" else []
    verdict = max((f.severity for f in findings), key=lambda s: s.weight, default=Severity.ok)
    return CheckResult(verdict=verdict, findings=findings, notes=notes)


def _finding(rule: Rule, broken: str, start: int, end: int, text: str) -> Finding:
    return Finding(
        category=rule.category,
        severity=SEVERITY[rule.category],
        start=start,
        end=end,
        text=text[start:end],
        rule=broken,
        suggestion=rule.suggestion,
    )


def _whole_message(text: str, plain: str) -> list[Finding]:
    findings = []
    words = len(_WORDS.findall(text))
    thanks = _THANKS.search(text[:400])
    if words > LETTER_WORD_LIMIT or (words > THANK_YOU_WORD_LIMIT and thanks):
        findings.append(
            Finding(
                category=Category.over_signaling,
                severity=Severity.caution,
                start=0,
                end=len(text),
                text=text,
                suggestion=SUGGEST_SHORTER,
                rule=f"A thank-you of {words} words: past about {THANK_YOU_WORD_LIMIT} it reads as"
                " too much.",
            )
        )
    firsts = list(FIRST_CHOICE.finditer(plain))
    if len(firsts) > 1:
        findings.append(
            Finding(
                category=Category.over_signaling,
                severity=Severity.caution,
                start=0,
                end=len(text),
                text=text,
                suggestion=SUGGEST_ONCE,
                rule='Says "first choice" more than once in one message.',
            )
        )
    return findings


def _program_notes(text: str, findings: list[Finding]) -> list[str]:
    notes = []
    if findings:
        notes.append(NOTE_REPORT)
    if _RANKED_TO_MATCH.search(text):
        notes.append(NOTE_RANKED_TO_MATCH)
    return notes
