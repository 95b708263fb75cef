"""Split a message into sentences with their offsets, so findings can point at a span."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (or a run of them) followed by space, or at a line break.
# Abbreviations common in these emails must not end one: "Dr. Lee", "St. Mary's", "e.g.".
_ABBREVIATIONS = (
    "dr",
    "st",
    "mr",
    "mrs",
    "ms",
    "prof",
    "e.g",
    "i.e",
    "vs",
    "etc",
    "no",
    "jr",
    "sr",
    "mt",
    "ft",
    "u.s",
    "approx",
    "dept",
)
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n+")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


_LAST_WORD = re.compile(r"([A-Za-z.]+)\.?$")


def _is_abbreviation(text: str, stop: int) -> bool:
    word = _LAST_WORD.search(text, max(0, stop - 12), stop)  # look back a few characters only
    return bool(word) and word.group(1).lower().rstrip(".") in _ABBREVIATIONS


def split(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if boundary.group().startswith(".") and _is_abbreviation(text, boundary.start() + 1):
            continue
        _add(sentences, text, start, boundary.end())
        start = boundary.end()
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    begin = start + (len(chunk) - len(chunk.lstrip()))
    sentences.append(Sentence(begin, begin + len(stripped), stripped))
