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
    "TOP": "first top #1 highly high higher highest favorably favourably above",
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


def sentence_terms(plain: str) -> list[str]:
    """Word 1-2-grams of one sentence, then its concept 1-3-grams (each once).

    A concept n-gram is one with at least one concept word in it; only the n-grams around
    those words are made, since the rest would only repeat word n-grams.
    """
    tokens = TOKEN.findall(plain)
    terms = tokens + list(map(" ".join, pairwise(tokens)))
    where = [i for i, token in enumerate(tokens) if token in CONCEPTS]
    if where:
        mapped = [CONCEPTS.get(token, token) for token in tokens]
        count = len(tokens)
        grams = set()
        for i in where:
            for size in (1, 2, 3):
                for start in range(max(0, i - size + 1), min(i, count - size) + 1):
                    grams.add(" ".join(mapped[start : start + size]))
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
        known: list[int | None] = []  # every term of the message, as a row (None: unknown)
        for number, plain in enumerate(plain_sentences):
            found = list(map(get, sentence_terms(plain)))
            counts = Counter(found)
            counts.pop(None, None)
            if counts:
                starts.append(len(rows))
                owners.append(number)
                rows.extend(counts)
                tfs.extend(counts.values())
                known.extend(found)
        if not rows:
            sentences = np.tile(self.intercepts, (count, 1))
            return Scores(self.categories, _sigmoid(self.intercepts), _sigmoid(sentences))
        if len(owners) > 1:  # the message is one more segment; with one sentence it is that
            message = Counter(known)
            del message[None]
            starts.append(len(rows))
            rows.extend(sorted(message))
            tfs.extend(map(message.__getitem__, rows[starts[-1] :]))
        # Each segment: its own L2-normalised TF-IDF vector, through the weights.
        row_array = np.array(rows)
        values = (1.0 + np.log(np.array(tfs, dtype=np.float64))) * self.idf[row_array]
        sums = np.add.reduceat(values[:, None] * self.weights[row_array], starts)
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
        for column, category in enumerate(self.categories):
            if category not in allowed:
                continue
            whole, best = float(scores.message[column]), float(strongest[column])
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
    thresholds = meta["thresholds"]
    sentence_thresholds = meta["sentence_thresholds"]
    assert isinstance(thresholds, dict) and isinstance(sentence_thresholds, dict)
    return Classifier(
        categories=tuple(meta["categories"]),  # type: ignore[arg-type]
        index={term: row for row, term in enumerate(terms)},
        idf=np.asarray(idf, dtype=np.float64),
        weights=np.asarray(weights, dtype=np.float64),
        intercepts=np.asarray(intercepts, dtype=np.float64),
        thresholds=thresholds,
        sentence_thresholds=sentence_thresholds,
        meta=meta,
    )


def save(model: Classifier, path: Path = WEIGHTS) -> None:
    terms = sorted(model.index, key=model.index.__getitem__)
    np.savez_compressed(
        path,
        terms=np.array("\n".join(terms)),
        idf=model.idf.astype(np.float32),
        weights=model.weights.astype(np.float32),
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
