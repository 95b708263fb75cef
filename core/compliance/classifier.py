"""A small linear classifier over word and concept n-grams, shipped in this package.

Patterns are precise but only know the phrasings we thought of; this model, trained on the
labelled corpora by :mod:`core.compliance.training`, generalises to paraphrases. Besides
word n-grams it sees *concept* n-grams: "where would you place us" and "how will you rank
us" share ``_ASK you _RANK us``-like terms, so a phrasing seen once teaches its synonyms.

Inference is plain numpy (TF-IDF with sublinear counts, L2 norm, one matrix product), so
nothing but ``classifier.npz`` is needed at run time and nothing is downloaded. One pass
over the sentences scores the whole message and each sentence: n-grams never cross a
sentence boundary, so the message's terms are the sum of its sentences' terms.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import chain, pairwise
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).with_name("classifier.npz")
TOKEN = re.compile(r"\b\w+\b|#1")

# Words that play the same part in these messages. Concept names are upper case, which no
# normalised word is, so a concept n-gram never collides with a word n-gram.
_CONCEPT_WORDS = {
    "RANK": "rank ranks ranked ranking rankings list listed listing lists rate rated order"
    " place placed placing put putting",
    "TOP": "first top no1 highly high higher highest favorably favourably above",
    "STAND": "stand standing stands running chance chances odds likelihood prospects"
    " position spot shot consideration considered considering competitive contention",
    "MATCH": "match matched matching",
    "PROMISE": "promise promised promises guarantee guaranteed guarantees assurance"
    " assurances assure assured reassure reassurance pledge commit commitment committed"
    " word certainty certain writing",
    "IF": "if provided unless once otherwise depends depend depending hinges hinge"
    " contingent conditional condition exchange return until",
    "ASK": "know tell let share inform update confirm hear indicate clarify wondering wonder"
    " curious ask asking gauge sense idea",
    "ELSE": "else elsewhere other another others",
    "APPLY": "applied apply applying interviewed interview interviewing interviews",
    "LEAN": "leaning lean favor favour prefer preference preferring",
}
CONCEPTS = {word: name for name, words in _CONCEPT_WORDS.items() for word in words.split()}


# Each ASCII character: a word character as itself, any other as a space (see ``tokens``).
# All are listed: ``str.translate`` raises and clears a LookupError for each one missing.
_WORD_CHARACTERS = str.maketrans(
    {c: c if c.isalnum() or c == "_" else " " for c in map(chr, range(128))}
)


def tokens(plain: str) -> list[str]:
    """``TOKEN.findall(plain)``: the words, and "#1".

    On ASCII text with no "#" (nearly every sentence) the tokens are the runs of word
    characters, which ``str.split`` finds several times faster once the other characters
    are spaces.
    """
    if plain.isascii() and "#" not in plain:
        return plain.translate(_WORD_CHARACTERS).split()
    return TOKEN.findall(plain)


def sentence_terms(plain: str) -> list[str]:
    """Word 1-2-grams of one sentence, then its concept 1-3-grams (each once).

    A concept n-gram is one with at least one concept word in it; only the n-grams around
    those words are made, since the rest would only repeat word n-grams.
    """
    words = tokens(plain)
    terms = words + list(map(" ".join, pairwise(words)))
    if CONCEPTS.keys().isdisjoint(words):
        return terms
    mapped = list(map(CONCEPTS.get, words, words))  # a concept word as its concept
    last = len(words) - 1
    grams: dict[str, None] = {}  # a set in a fixed order, whatever the hash seed
    for i, word in enumerate(words):
        if mapped[i] is word:
            continue  # not a concept word: ``get`` gave the word itself back
        # Its 1-gram, the 2-grams starting one before and at it, the 3-grams starting two
        # before, one before and at it: each that fits in the sentence.
        grams[mapped[i]] = None
        if i > 0:
            grams[f"{mapped[i - 1]} {mapped[i]}"] = None
        if i < last:
            grams[f"{mapped[i]} {mapped[i + 1]}"] = None
        if i > 1:
            grams[f"{mapped[i - 2]} {mapped[i - 1]} {mapped[i]}"] = None
        if 0 < i < last:
            grams[f"{mapped[i - 1]} {mapped[i]} {mapped[i + 1]}"] = None
        if i < last - 1:
            grams[f"{mapped[i]} {mapped[i + 1]} {mapped[i + 2]}"] = None
    terms.extend(grams)
    return terms


def message_terms(plain_sentences: list[str]) -> list[str]:
    """The terms of a whole message: its sentences' terms together (training uses this)."""
    return list(chain.from_iterable(map(sentence_terms, plain_sentences)))


@dataclass(frozen=True)
class Scores:
    """P(category) for the whole message and for each of its sentences."""

    categories: tuple[str, ...]
    message: np.ndarray  # one per category
    sentences: np.ndarray  # sentences x categories


@dataclass(frozen=True)
class Classifier:
    categories: tuple[str, ...]
    index: dict[str, int]  # term -> row of ``weights`` and ``idf``
    idf: np.ndarray
    weights: np.ndarray  # terms x categories
    intercepts: np.ndarray
    thresholds: dict[str, float]
    sentence_thresholds: dict[str, float]
    meta: dict[str, object]

    def score(self, plain_sentences: list[str]) -> Scores:
        """Score a message given as its normalised sentences, and each sentence.

        Plain Python turns each sentence into rows of ``weights`` with their counts (a term
        the model does not know is dropped); the whole message is one more such segment,
        its counts summed over its sentences. numpy then does a fixed, small number of
        whole-array steps for all segments at once, whose cost per call outweighs the
        arithmetic on texts this small.
        """
        count = len(plain_sentences)
        get = self.index.get
        rows: list[int] = []
        tfs: list[int] = []
        starts: list[int] = []  # where each sentence with known terms begins in ``rows``
        owners: list[int] = []  # and which sentence that is
        message: Counter[int | None] = Counter()
        for number, plain in enumerate(plain_sentences):
            found = list(map(get, sentence_terms(plain)))
            counts = Counter(found)
            counts.pop(None, None)
            if counts:
                starts.append(len(rows))
                owners.append(number)
                rows.extend(counts)
                tfs.extend(counts.values())
                message.update(found)
        if not rows:
            sentences = np.tile(self.intercepts, (count, 1))
            return Scores(self.categories, _sigmoid(self.intercepts), _sigmoid(sentences))
        if len(owners) > 1:  # the message is one more segment; with one sentence it is that
            del message[None]
            starts.append(len(rows))
            rows.extend(message)
            tfs.extend(message.values())
        # Each segment: its own L2-normalised TF-IDF vector, through the weights.
        # (np.fromiter: several times cheaper than np.array on a list of ints.)
        known = np.fromiter(rows, dtype=np.intp, count=len(rows))
        values = (1.0 + np.log(np.fromiter(tfs, dtype=np.intp, count=len(tfs)))) * self.idf[known]
        sums = np.add.reduceat(values[:, None] * self.weights[known], starts)
        norms = np.sqrt(np.add.reduceat(values * values, starts))
        segments = _sigmoid(self.intercepts + sums / norms[:, None])
        if len(owners) == count:
            sentences = segments[:count]
        else:
            sentences = np.tile(_sigmoid(self.intercepts), (count, 1))
            sentences[owners] = segments[: len(owners)]
        return Scores(self.categories, segments[-1], sentences)

    def flagged(self, scores: Scores, allowed: tuple[str, ...]) -> dict[str, float]:
        """Categories in ``allowed`` the message reaches, as a whole or in one sentence."""
        found = {}
        strongest = scores.sentences.max(axis=0) if scores.sentences.size else scores.message
        columns = zip(self.categories, scores.message.tolist(), strongest.tolist(), strict=True)
        for category, whole, best in columns:
            if category not in allowed:
                continue
            if whole >= self.thresholds[category] or best >= self.sentence_thresholds[category]:
                found[category] = max(whole, best)
        return found


def _sigmoid(scores: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-scores))


def from_arrays(
    terms: list[str],
    idf: np.ndarray,
    weights: np.ndarray,
    intercepts: np.ndarray,
    meta: dict[str, object],
) -> Classifier:
    """The model for these arrays, one row per term (``save`` writes them in term order).

    Rows are laid out most common term first (lowest idf), and the index's term strings
    made afresh in that order: the few thousand terms nearly every message has then lie
    together in memory and stay in the CPU cache. Which row a term has changes no result.
    """
    thresholds = meta["thresholds"]
    sentence_thresholds = meta["sentence_thresholds"]
    assert isinstance(thresholds, dict) and isinstance(sentence_thresholds, dict)
    order = np.argsort(idf, kind="stable")
    common_first = "\n".join([terms[row] for row in order]).split("\n")
    assert len(common_first) == len(terms), "a term with a line break in it"
    return Classifier(
        categories=tuple(meta["categories"]),  # type: ignore[arg-type]
        index={term: row for row, term in enumerate(common_first)},
        idf=np.asarray(idf, dtype=np.float64)[order],
        weights=np.asarray(weights, dtype=np.float64)[order],
        intercepts=np.asarray(intercepts, dtype=np.float64),
        thresholds=thresholds,
        sentence_thresholds=sentence_thresholds,
        meta=meta,
    )


def save(model: Classifier, path: Path = WEIGHTS) -> None:
    terms = sorted(model.index)  # the vectorizer's order, whatever the rows' in memory
    rows = [model.index[term] for term in terms]
    np.savez_compressed(
        path,
        terms=np.array("\n".join(terms)),
        idf=model.idf[rows].astype(np.float32),
        weights=model.weights[rows].astype(np.float32),
        intercepts=model.intercepts,
        meta=np.array(json.dumps(model.meta, sort_keys=True)),
    )


def read_meta(path: Path = WEIGHTS) -> dict[str, object]:
    with np.load(path) as data:
        return json.loads(str(data["meta"]))


@cache
def load(path: Path = WEIGHTS) -> Classifier | None:
    """The shipped model, or None when the package has none (patterns still work)."""
    if not path.exists():
        return None
    with np.load(path) as data:
        terms = str(data["terms"]).split("\n")
        return from_arrays(
            terms,
            data["idf"],
            data["weights"],
            data["intercepts"],
            json.loads(str(data["meta"])),
        )
