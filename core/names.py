"""Program names: one key per program whatever its spelling, and "did you mean" matches."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

APOSTROPHES = str.maketrans("", "", "'’`´")


def name_key(name: str) -> str:
    """Case, accents' composition, punctuation and spacing do not make a new program."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.translate(APOSTROPHES)  # "Women's" and "Womens" are the same word
    # "Hôpital" and "hopital" too: drop accents (CJK and other scripts are left as they are).
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    kept = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(kept.split())


def closest(name: str, candidates: Iterable[str], *, cutoff: float = 75) -> str | None:
    """The most similar candidate, or None when nothing is close enough to suggest."""
    names = list(candidates)
    keys = [name_key(candidate) for candidate in names]
    match = process.extractOne(name_key(name), keys, scorer=fuzz.WRatio, score_cutoff=cutoff)
    return names[match[2]] if match else None
