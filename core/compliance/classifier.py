"""A small linear classifier over word n-grams, shipped as a weight table in this package.

Patterns are precise but only know the phrasings we thought of; this model, trained on
``tests/data/compliance/dev.jsonl`` by :mod:`core.compliance.training`, generalises to
paraphrases. Inference is plain Python (TF-IDF with sublinear counts, L2 norm, one matrix
product), so nothing but this JSON file is needed at run time and nothing
is downloaded.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).with_name("classifier.json")
TOKEN = re.compile(r"\b\w+\b|#1")


def ngrams(plain: str, sizes: tuple[int, int]) -> Counter[str]:
    """The same terms scikit-learn's TfidfVectorizer makes with our token pattern."""
    tokens = TOKEN.findall(plain)
    low, high = sizes
    terms: list[str] = []
    for size in range(low, high + 1):
        shifted = [tokens[offset:] for offset in range(size)]
        terms.extend(map(" ".join, zip(*shifted, strict=False)))
    return Counter(terms)


@dataclass(frozen=True)
class Classifier:
    categories: tuple[str, ...]
    sizes: tuple[int, int]
    index: dict[str, int]  # term -> row of ``weights`` and ``idf``
    idf: np.ndarray
    weights: np.ndarray  # terms x categories
    intercepts: np.ndarray
    thresholds: dict[str, float]

    def _features(self, plain: str) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the known terms and their L2-normalised TF-IDF values."""
        counts = ngrams(plain, self.sizes)
        size = len(counts)
        rows = np.fromiter(map(self.index.get, counts, repeat(-1)), dtype=np.int64, count=size)
        tf = np.fromiter(counts.values(), dtype=np.float64, count=size)
        known = rows >= 0
        rows, tf = rows[known], tf[known]
        if not rows.size:
            return rows, tf
        values = (1.0 + np.log(tf)) * self.idf[rows]
        return rows, values / np.sqrt(values @ values)

    def probabilities(self, plain: str) -> dict[str, float]:
        """P(category) for a normalised text (see :func:`core.compliance.lexicon.normalise`)."""
        rows, values = self._features(plain)
        scores = self.intercepts + values @ self.weights[rows] if rows.size else self.intercepts
        probabilities = 1.0 / (1.0 + np.exp(-scores))
        return dict(zip(self.categories, probabilities.tolist(), strict=True))

    def probabilities_each(self, texts: list[str]) -> np.ndarray:
        """P(category) for several texts at once: one row per text, one column per category."""
        features = [self._features(plain) for plain in texts]
        rows = np.concatenate([f[0] for f in features])
        scores = np.tile(self.intercepts, (len(texts), 1))
        if rows.size:
            values = np.concatenate([f[1] for f in features])
            owners = np.repeat(np.arange(len(texts)), [f[0].size for f in features])
            np.add.at(scores, owners, values[:, None] * self.weights[rows])
        return 1.0 / (1.0 + np.exp(-scores))

    def flagged(self, plain: str, allowed: tuple[str, ...]) -> dict[str, float]:
        """Categories in ``allowed`` whose probability reaches their threshold."""
        probabilities = self.probabilities(plain)
        return {
            category: p
            for category, p in probabilities.items()
            if category in allowed and p >= self.thresholds[category]
        }


@cache
def load(path: Path = WEIGHTS) -> Classifier | None:
    """The shipped model, or None when the package has none (patterns still work)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    terms = data["terms"]
    return Classifier(
        categories=tuple(data["categories"]),
        sizes=(data["ngram_range"][0], data["ngram_range"][1]),
        index={term: row for row, term in enumerate(terms)},
        idf=np.array([terms[term][0] for term in terms], dtype=np.float64),
        weights=np.array([terms[term][1] for term in terms], dtype=np.float64),
        intercepts=np.array(data["intercepts"], dtype=np.float64),
        thresholds=data["thresholds"],
    )
