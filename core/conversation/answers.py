"""Reading a person's answer: "2", "two", "very uncertain", "1, 3", "yes", "Boston, MA".

Each reader returns the value or raises :class:`Reask` with a sentence that says what
was expected; the dialog engine then asks the same question again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from core.models import normalize_token


class Reask(ValueError):
    """The answer did not fit; ``str(self)`` tells the user what would."""


@dataclass(frozen=True, slots=True)
class Option:
    """One allowed answer: the stored ``value``, what the user sees, and other ways to say it."""

    value: str
    label: str
    synonyms: tuple[str, ...] = ()
    shortcut: str | None = None


NUMBER_WORDS = {"zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "no": 0}
YES = {"yes", "y", "yeah", "yep", "true", "1", "sure", "correct", "i am", "i do"}
NO = {"no", "n", "nope", "false", "0", "not", "i am not", "i don't", "i do not"}
NONE_WORDS = {"none", "nothing", "no goal", "no goals", "n/a", "-"}


def _clean(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split()).strip(" .!")


def pick(text: str, options: Sequence[Option]) -> Option:
    """One option by shortcut, value, label, synonym or a close spelling of one."""
    answer = _clean(text)
    if not answer:
        raise Reask("I need an answer here.")
    for option in options:
        names = {option.value, option.label, *option.synonyms}
        if answer == option.shortcut or answer in {_clean(name) for name in names}:
            return option
    token = normalize_token(text)
    for option in options:
        if token == option.value:
            return option
    if len(answer) >= 4 and not any(ch.isdigit() for ch in answer):
        # Typos only ("comunity"): a plain ratio, so "not mentioned" never means "not offered".
        spellings = [
            (_clean(name), option)
            for option in options
            for name in (option.label, option.value, *option.synonyms)
        ]
        match = process.extractOne(
            answer, [s for s, _ in spellings], scorer=fuzz.ratio, score_cutoff=85
        )
        if match:
            return spellings[match[2]][1]
    raise Reask(f"I didn't catch that. Pick one of: {describe(options)}.")


def pick_many(text: str, options: Sequence[Option]) -> list[Option]:
    """Several options: "1, 3", "rank order and training", "none"."""
    answer = _clean(text)
    if answer in NONE_WORDS:
        return []
    pieces = [
        p
        for p in answer.replace(" and ", ",").replace(";", ",").replace("/", ",").split(",")
        if p.strip()
    ]
    if len(pieces) == 1 and " " in pieces[0] and not _is_option(pieces[0], options):
        pieces = pieces[0].split()  # "1 3" or "training relocation"
    chosen: list[Option] = []
    for piece in pieces:
        try:
            option = pick(piece, options)
        except Reask:
            raise Reask(
                f"'{piece.strip()}' is not one of the choices. Pick any of: {describe(options)}"
                " (separate them with commas), or say none."
            ) from None
        if option not in chosen:
            chosen.append(option)
    return chosen


def _is_option(text: str, options: Sequence[Option]) -> bool:
    try:
        pick(text, options)
    except Reask:
        return False
    return True


def describe(options: Sequence[Option]) -> str:
    return ", ".join(
        f"{option.shortcut} = {option.label}" if option.shortcut else option.label
        for option in options
    )


def score(text: str, options: Sequence[Option]) -> int:
    """A 0-3 score: a whole number, a number word, or one of the labels ("very uncertain")."""
    answer = _clean(text)
    if answer.lstrip("+-").isdigit():
        value = int(answer)
        if 0 <= value <= 3:
            return value
        raise Reask(f"{value} is out of range: scores go from 0 to 3 ({describe(options)}).")
    if any(ch.isdigit() for ch in answer):  # "2.5", "2 or 3", "2/3": not one whole number
        raise Reask(f"I need one whole number from 0 to 3 here: {describe(options)}.")
    if answer in NUMBER_WORDS and answer not in {"no", "none"}:
        return NUMBER_WORDS[answer]
    try:
        return int(pick(text, options).value)
    except Reask:
        raise Reask(f"I need a number from 0 to 3 here: {describe(options)}.") from None


YES_NO = (Option("yes", "Yes", tuple(YES - {"1"}), "1"), Option("no", "No", tuple(NO - {"0"}), "2"))


def yes_no(text: str) -> bool:
    """Yes or no, in words or by the choice numbers shown (1 = Yes, 2 = No)."""
    try:
        return pick(text, YES_NO).value == "yes"
    except Reask:
        raise Reask("Please answer yes or no (1 = Yes, 2 = No).") from None


def whole_number(text: str, low: int, high: int) -> int:
    answer = _clean(text)
    value = NUMBER_WORDS.get(answer) if not answer.isdigit() else int(answer)
    if value is None or not low <= value <= high:
        raise Reask(f"I need a whole number from {low} to {high}.")
    return value


def place(text: str) -> tuple[str, str | None]:
    """ "Boston, MA" → ("Boston", "MA"); "Rochester" → ("Rochester", None)."""
    parts = [" ".join(p.split()) for p in text.split(",")]
    parts = [p for p in parts if p]
    if not parts or len(parts) > 3 or any(len(p) > 80 for p in parts):
        raise Reask("Tell me the city and state, like: Boston, MA (or type skip).")
    return parts[0], (", ".join(parts[1:]) or None)
