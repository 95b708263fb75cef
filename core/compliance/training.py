"""Train the checker's classifier from the labelled corpora (offline only).

    pip install -e '.[train]' && python -m core.compliance.training

Writes ``core/compliance/classifier.npz``. Every corpus under tests/data/compliance is
used except the held-out ones (``HELD_OUT``), which stay unseen so the bench can measure
generalisation. scikit-learn is needed here and nowhere else; the app reads the arrays.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from core.compliance.checker import long_thank_you
from core.compliance.classifier import WEIGHTS, Classifier, from_arrays, message_terms, save
from core.compliance.lexicon import normalise
from core.compliance.model import SEVERITY, Category, Severity
from core.compliance.sentences import split

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "compliance"

# Never trained or tuned on: the one honest measure of how the checker generalises. Each
# held-out set is measured once, then may be folded into training. blind14-102 were written
# by authors who saw only the rules of domain.md section 4, never the code or the other
# corpora, in rounds: each round was measured once, its misses read and fixed, and
# folded in before the next. The latest two rounds, blind93-97 and blind98-102, measure the
# same checker twice (README) and stay held out.
HELD_OUT: tuple[str, ...] = tuple(f"blind{n}.jsonl" for n in range(93, 103))


def training_files(folder: Path = DATA) -> list[Path]:
    """Every labelled corpus but the held-out ones."""
    return sorted(path for path in folder.glob("*.jsonl") if path.name not in HELD_OUT)


def read_rows(corpora: Iterable[Path]) -> list[dict]:
    return [
        json.loads(line)
        for corpus in corpora
        for line in corpus.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def analyse(text: str) -> list[str]:
    """The model's terms for a raw message: split, normalised, n-grams per sentence."""
    return message_terms([normalise(sentence.text) for sentence in split(text)])


REGULARISATION = 10.0
MIN_DF = 1
# Chosen by 5-fold cross-validation of the whole decision (patterns, gate and model) with
# ``python -m bench.compliance_cv --grid`` over 8,691 messages: C=10 (3 no better), message
# threshold 0.5 and sentence threshold 0.75 (violation recall 0.967, fine messages called a
# violation 1.0%). 0.4 looked better in CV (0.970, 1.3%) and was tried on a fresh round
# (blind53-57): recall no better than the rounds before (0.944) and false alarms doubled
# (2.0%), so it went back to 0.5.
VIOLATION_THRESHOLD = 0.5
# Cautions at 0.5, not 0.4 (5-fold CV, 10,691 messages): caution recall 0.954 against 0.961,
# fine messages cautioned 2.8% against 3.8%. Fresh rounds' caution recall has been 0.96-1.0
# against a target of 0.85, so fewer false cautions is the better trade.
CAUTION_THRESHOLD = 0.5
# A single sentence must be surer than a whole message: short sentences have few terms.
# Cautions from one sentence at 0.85, not 0.75: 5-fold CV on 10,691 messages gave the same
# caution recall (0.961 against 0.962) with fewer fine messages cautioned (3.8% against
# 4.2%), and retrains had been moving innocent logistics sentences ("I'll be in town for a
# wedding on the 15th") just past 0.75 for pressure.
SENTENCE_VIOLATION_THRESHOLD = 0.75
SENTENCE_CAUTION_THRESHOLD = 0.85


def thresholds(violation: float, caution: float) -> dict[str, float]:
    return {
        category.value: violation if SEVERITY[category] is Severity.violation else caution
        for category in Category
    }


def fit(
    rows: list[dict],
    *,
    regularisation: float = REGULARISATION,
    min_df: int = MIN_DF,
    message_thresholds: tuple[float, float] = (VIOLATION_THRESHOLD, CAUTION_THRESHOLD),
    sentence_thresholds: tuple[float, float] = (
        SENTENCE_VIOLATION_THRESHOLD,
        SENTENCE_CAUTION_THRESHOLD,
    ),
    meta: dict[str, object] | None = None,
) -> Classifier:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=min_df)
    matrix = vectorizer.fit_transform([row["text"] for row in rows])
    categories = [category.value for category in Category]
    coefficients, intercepts = [], []
    too_long = [long_thank_you(row["text"]) for row in rows]
    for category in categories:
        labels = [category in row["labels"] for row in rows]
        if category == Category.over_signaling.value:
            # Over-signaling by length alone is the length rule's to find: the model cannot
            # count words, and learns "a warm thank-you" from such examples instead.
            labels = [label and not long for label, long in zip(labels, too_long, strict=True)]
        model = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=5000)
        model.fit(matrix, labels)
        coefficients.append(model.coef_[0])
        intercepts.append(float(model.intercept_[0]))
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    return from_arrays(
        terms,
        vectorizer.idf_,
        np.array(coefficients).T,
        np.array(intercepts),
        {
            **(meta or {}),
            "examples": len(rows),
            "categories": categories,
            "thresholds": thresholds(*message_thresholds),
            "sentence_thresholds": thresholds(*sentence_thresholds),
        },
    )


def train(corpora: list[Path] | None = None, out: Path = WEIGHTS) -> Classifier:
    corpora = corpora or training_files()
    trained_on = {
        corpus.name: hashlib.sha256(corpus.read_bytes()).hexdigest() for corpus in corpora
    }
    model = fit(read_rows(corpora), meta={"trained_on": trained_on})
    save(model, out)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="a training corpus (repeatable); default: every corpus but the held-out ones",
    )
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args()
    model = train(args.corpus, args.out)
    print(f"{len(model.index)} terms, {model.meta['examples']} examples -> {args.out}")


if __name__ == "__main__":
    main()
