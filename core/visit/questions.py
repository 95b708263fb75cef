"""Targeted questions for one second-look visit, chosen from the bank in ``questions.toml``.

``plan_questions`` picks 5 to 8 questions for a program from the user's open concerns, the
visit's goals and the applicant's IMG/visa situation, each with the reason it was chosen,
plus a checklist of what to watch on the day and a few reminders of what not to ask.
Everything is deterministic: the same program and profile always give the same plan.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from rapidfuzz import fuzz

from core.models import ApplicantProfile, Goal, Program, Visa

log = logging.getLogger(__name__)

BANK_FILE = "questions.toml"
DEFAULT_COUNT = 6
MIN_COUNT = 5
MAX_COUNT = 8
CHECKLIST_MAX = 10
MIN_THEMES = 2
# Two word stems this long or longer may differ by a typo ("moonlightning") or a suffix.
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 85
NEAR_WEIGHT = 0.5
CONCERN_DISPLAY_LIMIT = 40


class Theme(StrEnum):
    """The four themes of domain.md §6, in the order a plan shows them by default."""

    training_supervision = "training_supervision"
    culture_support = "culture_support"
    workload_lifestyle = "workload_lifestyle"
    img_visa = "img_visa"

    @property
    def label(self) -> str:
        return THEME_LABELS[self]


THEME_LABELS = {
    Theme.training_supervision: "Training and supervision",
    Theme.culture_support: "Culture and support",
    Theme.workload_lifestyle: "Workload and lifestyle",
    Theme.img_visa: "IMGs and visas",
}


@dataclass(frozen=True)
class BankQuestion:
    """One question of the bank, with what it serves: visit goals and concern tags."""

    id: str
    theme: Theme
    text: str
    goals: tuple[Goal, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class GoalInfo:
    """The theme a goal leads with, the tags it prefers, and the reason shown for its picks."""

    theme: Theme
    reason: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistItem:
    """Something to watch on the day; ``when`` is "always", a goal's name, or "img"."""

    text: str
    when: str


@dataclass(frozen=True)
class QuestionBank:
    """The whole of ``questions.toml``, validated."""

    questions: tuple[BankQuestion, ...]
    keywords: Mapping[str, tuple[str, ...]]
    goals: Mapping[Goal, GoalInfo]
    reasons: Mapping[str, str]
    checklist: tuple[ChecklistItem, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class PlannedQuestion:
    """A question chosen for one visit, and why, in words the user understands."""

    id: str
    theme: Theme
    text: str
    reason: str


@dataclass(frozen=True)
class QuestionPlan:
    """What to bring to one visit: questions, what to watch, and what not to ask."""

    questions: list[PlannedQuestion]
    checklist: list[str]
    avoid: list[str]
    # Concerns no chosen question answers: nothing in the bank does (a visa concern with no
    # visa on file), or the list was full.
    unanswered_concerns: list[str] = field(default_factory=list)

    @property
    def themes(self) -> list[Theme]:
        return list(dict.fromkeys(question.theme for question in self.questions))


REASON_KEYS = (
    "concern",
    "concerns",
    "img",
    "visa_j1",
    "visa_h1b",
    "visa_other",
    "broad",
    "round_out",
)


# ------------------------------------------------------------------------------ loading


@cache
def load_bank() -> QuestionBank:
    """The bank shipped with the package (read once; the result is immutable)."""
    source = resources.files("core.visit").joinpath(BANK_FILE)
    return parse_bank(tomllib.loads(source.read_text(encoding="utf-8")))


def parse_bank(data: Mapping[str, Any]) -> QuestionBank:
    """Validate the parsed TOML; raise ValueError naming what is wrong."""
    questions = tuple(_question(entry) for entry in data.get("question", []))
    ids = [question.id for question in questions]
    duplicates = sorted({qid for qid in ids if ids.count(qid) > 1})
    if duplicates:
        raise ValueError(f"duplicate question ids: {', '.join(duplicates)}")
    missing = [theme.value for theme in Theme if not any(q.theme is theme for q in questions)]
    if missing:
        raise ValueError(f"no questions for theme(s): {', '.join(missing)}")
    keywords = MappingProxyType(
        {
            str(tag): tuple(str(word) for word in words)
            for tag, words in data.get("keywords", {}).items()
        }
    )
    goals = {}
    for goal in Goal:
        entry = data.get("goals", {}).get(goal.value)
        if not entry:
            raise ValueError(f"[goals.{goal.value}] is missing")
        goals[goal] = GoalInfo(
            theme=Theme(entry["theme"]),
            reason=str(entry["reason"]),
            tags=tuple(str(tag) for tag in entry.get("tags", [])),
        )
    reasons = {str(key): str(value) for key, value in data.get("reasons", {}).items()}
    absent = [key for key in REASON_KEYS if key not in reasons]
    if absent:
        raise ValueError(f"[reasons] lacks: {', '.join(absent)}")
    allowed_when = {"always", "img", *(goal.value for goal in Goal)}
    checklist = []
    for entry in data.get("checklist", []):
        when = str(entry.get("when", "always"))
        if when not in allowed_when:
            raise ValueError(f"checklist 'when' must be one of {sorted(allowed_when)}: {when}")
        checklist.append(ChecklistItem(text=str(entry["text"]), when=when))
    avoid = tuple(str(line) for line in data.get("avoid", []))
    return QuestionBank(
        questions=questions,
        keywords=keywords,
        goals=MappingProxyType(goals),
        reasons=MappingProxyType(reasons),
        checklist=tuple(checklist),
        avoid=avoid,
    )


def _question(entry: Mapping[str, Any]) -> BankQuestion:
    qid = str(entry.get("id", "")).strip()
    text = str(entry.get("text", "")).strip()
    if not qid or not text:
        raise ValueError(f"a question needs an id and a text: {dict(entry)!r}")
    try:
        theme = Theme(entry["theme"])
        goals = tuple(Goal(goal) for goal in entry.get("goals", []))
    except (KeyError, ValueError) as error:
        raise ValueError(f"question {qid}: {error}") from None
    tags = tuple(str(tag) for tag in entry.get("tags", []))
    if not tags:
        raise ValueError(f"question {qid} has no tags")
    return BankQuestion(id=qid, theme=theme, text=text, goals=goals, tags=tags)


# --------------------------------------------------------------------- concern matching

_SPLIT = re.compile(r"[,;\n]|&|\+|\band\b|\balso\b", re.IGNORECASE)
_VISA_HYPHEN = re.compile(r"(?<=[a-z])-(?=\d)")  # "j-1" -> "j1", "h-1b" -> "h1b"
_WORD = re.compile(r"[a-z0-9]+")


def split_concerns(concerns: str | None) -> list[str]:
    """ "call schedule, visa sponsorship and how residents get along" -> three concerns."""
    if not concerns:
        return []
    pieces = [" ".join(piece.split()).strip(" .!?:-") for piece in _SPLIT.split(concerns)]
    return list(dict.fromkeys(piece for piece in pieces if piece))


def _stem(word: str) -> str:
    """A crude stem: "schedules", "scheduling" and "schedule" all give "schedul"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


@lru_cache(maxsize=4096)  # the bank's keywords come back on every concern
def _stems(text: str) -> tuple[str, ...]:
    text = _VISA_HYPHEN.sub("", text.lower().replace("_", " "))
    return tuple(_stem(word) for word in _WORD.findall(text))


def _presence(words: frozenset[str], long_words: tuple[str, ...], needed: str) -> float:
    """1 when ``needed`` is one of the words, 0.5 when a long one is a typo or suffix away."""
    if needed in words:
        return 1.0
    if len(needed) < FUZZY_MIN_LENGTH:
        return 0.0
    near = any(
        word.startswith(needed)
        or needed.startswith(word)
        or fuzz.ratio(word, needed) >= FUZZY_CUTOFF
        for word in long_words
    )
    return NEAR_WEIGHT if near else 0.0


def concern_tags(concern: str, keywords: Mapping[str, Iterable[str]]) -> dict[str, float]:
    """The tags one concern names, each with the strength of its best keyword.

    A keyword matches when each of its words appears in the concern, exactly (1 each) or
    nearly (0.5 each: a typo, a suffix). A longer keyword is more specific, so "call
    schedule" names ``call`` more strongly than its "schedule" names ``workload``, and
    "nightlife" names ``city`` more strongly than its near "night" names ``call``.
    """
    words = frozenset(_stems(concern))
    long_words = tuple(sorted(word for word in words if len(word) >= FUZZY_MIN_LENGTH))
    phrases = [(tag, _stems(phrase)) for tag, more in keywords.items() for phrase in (tag, *more)]
    stems = {stem for _, needed in phrases for stem in needed}
    presence = {stem: _presence(words, long_words, stem) for stem in stems}
    found: dict[str, float] = {}
    for tag, needed in phrases:
        if needed and all(presence[stem] for stem in needed):
            found[tag] = max(found.get(tag, 0.0), sum(presence[stem] for stem in needed))
    return found


# ----------------------------------------------------------------------------- planning


@dataclass
class _Pick:
    question: BankQuestion
    concerns: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)


class _Planner:
    """One plan being built: which questions are taken, and the rules for the next pick."""

    def __init__(self, bank: QuestionBank, count: int, img_relevant: bool) -> None:
        self.bank = bank
        self.count = count
        self.cap = count // 2 + 1  # no theme takes over the list, concerns aside
        self.pool = [q for q in bank.questions if img_relevant or q.theme is not Theme.img_visa]
        self.picks: dict[str, _Pick] = {}

    @property
    def full(self) -> bool:
        return len(self.picks) >= self.count

    def theme_count(self, theme: Theme) -> int:
        return sum(1 for pick in self.picks.values() if pick.question.theme is theme)

    def allowed(self, question: BankQuestion, *, capped: bool = True) -> bool:
        """Free, within the theme cap, and not making the list one theme at its last slot."""
        if question.id in self.picks:
            return False
        if capped and self.theme_count(question.theme) >= self.cap:
            return False
        themes = {pick.question.theme for pick in self.picks.values()}
        last_slot = len(self.picks) == self.count - 1
        return not (last_slot and len(themes) < MIN_THEMES and themes == {question.theme})

    def take(self, question: BankQuestion) -> _Pick:
        return self.picks.setdefault(question.id, _Pick(question))

    def overlap(self, question: BankQuestion) -> int:
        """How many of its tags the chosen questions already cover (less is fresher)."""
        covered = {tag for pick in self.picks.values() for tag in pick.question.tags}
        return len(covered.intersection(question.tags))


def plan_questions(
    program: Program,
    profile: ApplicantProfile | None = None,
    count: int | None = None,
    *,
    bank: QuestionBank | None = None,
) -> QuestionPlan:
    """5 to 8 questions (default 6) for a visit to ``program``, with a checklist and avoids.

    Open concerns come first, then what the applicant's IMG/visa situation needs, then the
    visit's goals in the order given, then broad questions from themes not yet covered.
    """
    bank = bank or load_bank()
    profile = profile or ApplicantProfile()
    count = max(MIN_COUNT, min(MAX_COUNT, DEFAULT_COUNT if count is None else count))
    goals = list(dict.fromkeys(program.goals))
    visa_needed = profile.visa is not None and profile.visa is not Visa.none
    img_relevant = profile.img or visa_needed
    planner = _Planner(bank, count, img_relevant)
    img_claims = _img_claims(profile, bank) if img_relevant else []

    concerns = split_concerns(program.concerns)
    # Concerns come first but leave room for the IMG/visa needs and the first goal.
    unanswered = _plan_concerns(planner, concerns, len(img_claims) + min(len(goals), 1))
    for tags, reason, own_theme in img_claims:
        _plan_img(planner, tags, reason, own_theme)
    _plan_goals(planner, goals)
    _plan_broad(planner, goals, bank.reasons["round_out" if goals or concerns else "broad"])

    questions = _ordered(list(planner.picks.values()), goals)
    log.debug(
        "planned %d questions over %d themes",
        len(questions),
        len({p.question.theme for p in questions}),
    )
    return QuestionPlan(
        questions=[
            PlannedQuestion(p.question.id, p.question.theme, p.question.text, _reason(p, bank))
            for p in questions
        ],
        checklist=_checklist(bank, goals, img_relevant),
        avoid=list(bank.avoid),
        unanswered_concerns=unanswered,
    )


def _plan_concerns(planner: _Planner, concerns: list[str], reserved: int) -> list[str]:
    """One question per concern, best match first; returns the concerns left unanswered.

    ``reserved`` slots are kept for what must follow; a concern that finds no room may still
    share a question already chosen.
    """
    unanswered = []
    for concern in concerns:
        tags = concern_tags(concern, planner.bank.keywords)
        scores = {q.id: sum(tags.get(tag, 0.0) for tag in q.tags) for q in planner.pool}
        best = max(scores.values(), default=0.0)
        # Only the best matches; among them, one whose main (first) tag the concern names,
        # then the bank's order (a stable sort).
        matching = sorted(
            (q for q in planner.pool if best and scores[q.id] == best),
            key=lambda q: min(i for i, tag in enumerate(q.tags) if tag in tags),
        )
        if not matching:
            unanswered.append(concern)
            continue
        room = len(planner.picks) < planner.count - reserved
        fresh = [q for q in matching if planner.allowed(q, capped=False)] if room else []
        chosen = fresh[0] if fresh else next((q for q in matching if q.id in planner.picks), None)
        if chosen is None:  # the list is full and no chosen question answers it
            unanswered.append(concern)
            continue
        planner.take(chosen).concerns.append(concern)
    return unanswered


def _img_claims(
    profile: ApplicantProfile, bank: QuestionBank
) -> list[tuple[tuple[str, ...], str, bool]]:
    """What an IMG or visa holder needs asked: (preferred tags, reason, must be a new pick)."""
    claims: list[tuple[tuple[str, ...], str, bool]] = []
    if profile.visa is Visa.j1:
        claims.append((("j1", "visa"), bank.reasons["visa_j1"], False))
    elif profile.visa is Visa.h1b:
        claims.append((("h1b", "visa"), bank.reasons["visa_h1b"], False))
    elif profile.visa is not None and profile.visa is not Visa.none:
        claims.append((("visa",), bank.reasons["visa_other"], False))
    if profile.img:
        preferred = ("onboarding", "img") if not profile.in_us else ("img", "mentorship")
        claims.append((preferred, bank.reasons["img"], True))
    return claims


def _plan_img(planner: _Planner, tags: tuple[str, ...], reason: str, own_theme: bool) -> None:
    """Make sure the IMG/visa need has a question: one already chosen, or a new one."""
    img_questions = [q for q in planner.pool if q.theme is Theme.img_visa]

    def rank(q: BankQuestion) -> tuple[int, ...]:
        return tuple(0 if tag in q.tags else 1 for tag in tags)

    candidates = sorted(img_questions, key=rank)  # stable: bank order breaks ties
    chosen = [
        planner.picks[q.id]
        for q in candidates
        if q.id in planner.picks and (set(tags) & set(q.tags)) and not planner.picks[q.id].others
    ]
    if chosen and not own_theme:
        chosen[0].others.append(reason)
        return
    fresh = [q for q in candidates if planner.allowed(q, capped=False)]
    if fresh and not planner.full:
        planner.take(fresh[0]).others.append(reason)
    elif chosen:
        chosen[0].others.append(reason)


def _plan_goals(planner: _Planner, goals: list[Goal]) -> None:
    """Round-robin over the goals; each takes its next question, its own theme first."""
    while goals and not planner.full:
        progressed = False
        for goal in goals:
            if planner.full:
                break
            info = planner.bank.goals[goal]
            candidates = [q for q in planner.pool if goal in q.goals and planner.allowed(q)]
            if not candidates:
                continue
            best = min(  # its own theme, a preferred tag, something fresh, the likeliest tag
                candidates,
                key=lambda q: (
                    q.theme is not info.theme,
                    not set(info.tags).intersection(q.tags),
                    planner.overlap(q),
                    min((info.tags.index(tag) for tag in q.tags if tag in info.tags), default=0),
                ),
            )
            planner.take(best).others.append(info.reason)
            progressed = True
        if not progressed:
            break


def _plan_broad(planner: _Planner, goals: list[Goal], reason: str) -> None:
    """Fill what is left from the least-covered themes, in the plan's theme order."""
    order = _theme_order(goals, [])
    while not planner.full:
        candidates = [q for q in planner.pool if planner.allowed(q)]
        if not candidates:
            candidates = [q for q in planner.pool if planner.allowed(q, capped=False)]
        if not candidates:
            break
        best = min(
            candidates,
            key=lambda q: (planner.theme_count(q.theme), order.index(q.theme), planner.overlap(q)),
        )
        planner.take(best).others.append(reason)


def _theme_order(goals: list[Goal], chosen: list[Theme]) -> list[Theme]:
    """Training first for a training goal, then the themes in the order they were chosen."""
    lead = [Theme.training_supervision] if Goal.training in goals else []
    return list(dict.fromkeys([*lead, *chosen, *Theme]))


def _ordered(picks: list[_Pick], goals: list[Goal]) -> list[_Pick]:
    order = _theme_order(goals, [pick.question.theme for pick in picks])
    return sorted(picks, key=lambda pick: order.index(pick.question.theme))  # stable


def _reason(pick: _Pick, bank: QuestionBank) -> str:
    """The concerns it answers, then the goals or needs it serves; filler only when alone."""
    parts = []
    if pick.concerns:
        shown = [_shorten(concern) for concern in pick.concerns]
        joined = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
        key = "concern" if len(shown) == 1 else "concerns"
        parts.append(bank.reasons[key].format(concerns=joined))
    parts += dict.fromkeys(pick.others)
    filler = {bank.reasons["broad"], bank.reasons["round_out"]}
    specific = [part for part in parts if part not in filler]
    return "; ".join(specific or parts)


def _shorten(concern: str) -> str:
    if len(concern) <= CONCERN_DISPLAY_LIMIT:
        return concern
    return concern[: CONCERN_DISPLAY_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _checklist(bank: QuestionBank, goals: list[Goal], img_relevant: bool) -> list[str]:
    wanted = {"always", *(goal.value for goal in goals), *(["img"] if img_relevant else [])}
    return [item.text for item in bank.checklist if item.when in wanted][:CHECKLIST_MAX]
