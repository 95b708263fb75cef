"""Check one message: every sentence against every rule of its side, then whole-message rules.

Severity follows domain.md §4: a breach of the Match agreement is a violation (block
and rewrite), a red flag is a caution (warn and suggest), anything else is ok.
"""

from __future__ import annotations

import re
from typing import Literal

from core.compliance import classifier, gates, rules
from core.compliance.lexicon import (
    FIRST_CHOICE,
    NUMBER_ONE,
    SELF_MEASURE,
    PatternSet,
    normalise,
)
from core.compliance.model import (
    APPLICANT_CATEGORIES,
    PROGRAM_CATEGORIES,
    SEVERITY,
    Category,
    CheckResult,
    Finding,
    Severity,
)
from core.compliance.rules import (
    APPLICANT_RULES,
    APPLICANT_TRIGGERS,
    PROGRAM_RULES,
    PROGRAM_TRIGGERS,
    Rule,
)
from core.compliance.sentences import Sentence, split

Side = Literal["applicant", "program"]

THANK_YOU_WORD_LIMIT = 150
LETTER_WORD_LIMIT = 250
# A sentence the model reads as asking about standing, or for a promise, with p >= 0.9 may
# stand without its category's topic words (the topic lists only know words seen so far;
# "I just need to hear I'll have a place there" has none of them), when the whole message
# reads so too; every other gate still applies, and a day's arrangements never pass this
# way. 5-fold CV on 11,191 messages: violation recall 0.978 -> 0.982, fine messages called
# a violation unchanged at 0.73%. Not for bargains: "I will rank you first" reads as one to
# the model, and is allowed.
CONFIDENT = 0.9
_CONFIDENT_CATEGORIES = {Category.rank_inquiry, Category.commitment_request}
_THANKS = re.compile(r"\bthank(s| you)\b", re.IGNORECASE)
# Every match of FIRST_CHOICE has one of these in it: without them, no need to look.
_FIRST_WORDS = ("first", NUMBER_ONE, "top")
# "First choice" in any words, counted: three times in one message is too many however
# it is put ("my first choice. Truly, my first choice. First choice!").
_SAID_FIRST = re.compile(
    rf"\b(first|top|{NUMBER_ONE}) (choice|pick|program|option)\b|\b{NUMBER_ONE}\b(?! (choice|pick"
    r"|program|option))|\btop of my (rank )?list\b"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
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

MODEL_RULES = {
    Category.rank_inquiry: "Reads as asking where you stand or whether you will be ranked",
    Category.conditional: "Reads as trading your ranking for theirs",
    Category.commitment_request: "Reads as asking the program for a promise or assurance",
    Category.over_signaling: "Reads as one message too many",
    Category.pressure: "Reads as pressure on the program",
    Category.bad_question: "Reads as a question the program's website or score policy answers",
    Category.ranking_question: "Reads as the program asking how you will rank it",
    Category.other_programs_question: "Reads as the program asking where else you applied",
    Category.commitment_solicitation: "Reads as the program asking you to commit",
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


def check(
    text: str, side: Side = "applicant", *, model: classifier.Classifier | None = None
) -> CheckResult:
    """Check one message; ``model`` replaces the shipped classifier (cross-validation)."""
    if not text.isascii():
        # RE2 reads UTF-8, which has no lone surrogates: one character for one, so every
        # offset into the message stays true.
        text = _SURROGATE.sub("\ufffd", text)
    if side == "applicant":
        rules, triggers = APPLICANT_RULES, APPLICANT_TRIGGERS
    else:
        rules, triggers = PROGRAM_RULES, PROGRAM_TRIGGERS
    findings: list[Finding] = []
    sentences = split(text)
    plain_sentences = [normalise(sentence.text) for sentence in sentences]
    hits = _sentence_hits(rules, triggers, plain_sentences)
    for number, sentence in enumerate(sentences):
        broken = hits.get(number, {})
        found = {rule.category for rule in broken}
        for rule, why in broken.items():
            if not _subsumed(rule.category, found, plain_sentences[number]):
                findings.append(_finding(rule, why, sentence.start, sentence.end, text))
    model = model or classifier.load()
    if model is not None and sentences:
        findings += _from_model(model, text, sentences, plain_sentences, side, findings)
    if side == "applicant":
        findings += _whole_message(text, " ".join(plain_sentences))
    notes = _program_notes(text, findings) if side == "program" else []
    verdict = max((f.severity for f in findings), key=lambda s: s.weight, default=Severity.ok)
    # Every part is already of its type: skip pydantic's validation, once per message.
    return CheckResult.model_construct(verdict=verdict, findings=findings, notes=notes)


def _subsumed(category: Category, found: set[Category], plain: str) -> bool:
    """A more specific reading of the same sentence was found; but a writer measuring
    themselves against the cut-off ("do I meet your cut-off?") asks where they stand."""
    wider = SUBSUMED.get(category, set()) & found
    if wider == {Category.bad_question} and SELF_MEASURE.found(plain):
        return False
    return bool(wider)


# Every violation asks something of the reader: none if the writer says they are not asking.
_ASKS_SOMETHING = {c for c, severity in SEVERITY.items() if severity is Severity.violation}
_APPLICANT_ALLOWED = tuple(category.value for category in APPLICANT_CATEGORIES)
_PROGRAM_ALLOWED = tuple(category.value for category in PROGRAM_CATEGORIES)


def _greeting_or_signature(sentence: str) -> bool:
    """Too short to ask anything: "Best regards,", "Amara Okafor"."""
    return sentence.count(" ") < 2 and "?" not in sentence


def _sentence_hits(
    rules: tuple[Rule, ...], triggers: PatternSet, plain: list[str]
) -> dict[int, dict[Rule, str]]:
    """Which rules each sentence breaks, by sentence number, in the order of ``rules``.

    One pass over a sentence finds which rules' cheap triggers it has (``triggers`` holds
    them in the order of ``rules``); only those rules' full detectors then run on it.
    """
    hits: dict[int, dict[Rule, str]] = {}
    for number, sentence in enumerate(plain):
        if _greeting_or_signature(sentence):
            continue
        for index in sorted(triggers.found(sentence)):
            rule = rules[index]
            why = rule.detect(sentence)
            if why:
                hits.setdefault(number, {})[rule] = why
    return hits


def _from_model(
    model: classifier.Classifier,
    text: str,
    sentences: list[Sentence],
    plain: list[str],
    side: Side,
    found: list[Finding],
) -> list[Finding]:
    """What the classifier sees that no pattern caught, pinned to its likeliest sentence.

    An applicant violation also needs a sentence that asks, sets a condition or wants
    something, about the writer: the model alone mistakes warm statements of interest, and
    questions about what residents are guaranteed, for requests. A bad
    question needs one of its topics in the sentence.
    """
    allowed = _APPLICANT_ALLOWED if side == "applicant" else _PROGRAM_ALLOWED
    already = {finding.category.value for finding in found}
    scores = model.score(plain)
    flagged = model.flagged(scores, allowed)
    extra = []
    for name in sorted(set(flagged) - already):
        category = Category(name)
        wider = {c.value for c in SUBSUMED.get(category, set())}
        if wider & already or any(flagged[w] >= flagged[name] for w in wider & set(flagged)):
            continue  # the more specific (and no less likely) reading wins, as for patterns
        column = model.categories.index(name)
        strongest = int(scores.sentences[:, column].argmax())
        if category in _ASKS_SOMETHING and gates.declines(plain[strongest]):
            continue  # what the model read is the writer saying what they are not asking
        # Sure of the message as a whole, and then of a sentence: see CONFIDENT.
        confident = (
            category in _CONFIDENT_CATEGORIES and scores.message[column] >= model.thresholds[name]
        )
        own = {
            i
            for i in range(len(sentences))
            if not _greeting_or_signature(plain[i])
            and gates.model_may_flag(
                category,
                plain[i],
                " ".join(plain[max(i - 1, 0) : i + 2]),
                need_topic=not (confident and scores.sentences[i, column] >= CONFIDENT),
            )
        }
        candidates = own | {
            i
            for i in range(1, len(sentences))
            if gates.refers_back(plain[i])
            and gates.model_may_flag(category, plain[i - 1] + " " + plain[i])
        }
        if scores.message[column] < model.thresholds[name]:
            # The flag rests on one sentence's reading: it may only be pinned on a sentence
            # that reads so itself, not on a neighbour the gate happens to let through.
            floor = model.sentence_thresholds[name]
            candidates = {i for i in candidates if scores.sentences[i, column] >= floor}
        if not candidates:
            continue
        best = max(candidates, key=lambda i: scores.sentences[i, column])
        end = sentences[best].end
        # A question about the sentence before it is shown with that sentence.
        start = sentences[best - 1 if best not in own else best].start
        extra.append(
            Finding(
                category=category,
                severity=SEVERITY[category],
                start=start,
                end=end,
                text=text[start:end],
                rule=f"{MODEL_RULES[category]} (a phrasing the checker's model recognised,"
                f" p={flagged[name]:.2f})",
                suggestion=rules.SUGGESTIONS[category],
            )
        )
    return extra


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


def long_thank_you(text: str) -> bool:
    """A thank-you past the length a thank-you should have."""
    return len(text.split()) > THANK_YOU_WORD_LIMIT and bool(_THANKS.search(text[:400]))


def _whole_message(text: str, plain: str) -> list[Finding]:
    """Rules about the message as a whole: its length, and "first choice" said twice."""
    rules: list[tuple[str, str]] = []
    words = len(text.split())  # the runs of non-space characters
    if long_thank_you(text):
        rules.append(
            (
                f"A thank-you of {words} words: past about {THANK_YOU_WORD_LIMIT} it"
                " reads as too much.",
                SUGGEST_SHORTER,
            )
        )
    elif words > LETTER_WORD_LIMIT:
        rules.append(
            (
                f"A letter of {words} words: past about {LETTER_WORD_LIMIT} it reads as too much.",
                SUGGEST_SHORTER,
            )
        )
    if any(word in plain for word in _FIRST_WORDS) and (
        len(FIRST_CHOICE.findall(plain)) > 1 or len(_SAID_FIRST.findall(plain)) > 2
    ):
        rules.append(('Says "first choice" more than once in one message.', SUGGEST_ONCE))
    return [
        Finding(
            category=Category.over_signaling,
            severity=Severity.caution,
            start=0,
            end=len(text),
            text=text,
            rule=rule,
            suggestion=suggestion,
        )
        for rule, suggestion in rules
    ]


def _program_notes(text: str, findings: list[Finding]) -> list[str]:
    notes = []
    if findings:
        notes.append(NOTE_REPORT)
    if _RANKED_TO_MATCH.search(text):
        notes.append(NOTE_RANKED_TO_MATCH)
    return notes
