"""Cross-validate the whole checker decision (patterns, gate and model) on the training data.

    pip install -e '.[train]' && python -m bench.compliance_cv [--folds 5] [--grid]

Each fold trains a model on the other folds and checks its own messages with it, so every
figure is on messages that model never saw. ``--grid`` sweeps the message and sentence
thresholds: the chosen ones go into :mod:`core.compliance.training`.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import replace
from itertools import product

from bench.compliance import Example, Scores, score
from core.compliance.classifier import Classifier
from core.compliance.training import (
    CAUTION_THRESHOLD,
    REGULARISATION,
    SENTENCE_CAUTION_THRESHOLD,
    SENTENCE_VIOLATION_THRESHOLD,
    VIOLATION_THRESHOLD,
    fit,
    read_rows,
    thresholds,
    training_files,
)


def folds_of(rows: list[dict], folds: int, seed: int = 7) -> list[list[dict]]:
    """Stratified by side and labels, so every fold sees every category."""
    by_kind: dict[tuple, list[dict]] = {}
    for row in rows:
        by_kind.setdefault((row["side"], tuple(sorted(row["labels"]))), []).append(row)
    out: list[list[dict]] = [[] for _ in range(folds)]
    shuffle = random.Random(seed).shuffle
    position = 0
    for kind in sorted(by_kind):
        group = by_kind[kind]
        shuffle(group)
        for row in group:
            out[position % folds].append(row)
            position += 1
    return out


def as_examples(rows: list[dict]) -> list[Example]:
    return [
        Example(r["id"], r["side"], r["text"], frozenset(r["labels"]), bool(r.get("hard")))
        for r in rows
    ]


def with_thresholds(
    model: Classifier, message: tuple[float, float], sentence: tuple[float, float]
) -> Classifier:
    return replace(
        model, thresholds=thresholds(*message), sentence_thresholds=thresholds(*sentence)
    )


def line(label: str, scores: Scores) -> str:
    c = scores.counts
    return (
        f"{label:40} violation recall {scores.violation_recall:.3f}"
        f"  ok->violation {scores.ok_as_violation:.3f} ({c['ok_as_violation']}/{c['ok']})"
        f"  caution recall {scores.caution_recall:.3f}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--regularisation", type=float, default=REGULARISATION)
    parser.add_argument("--min-df", type=int, default=1)
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args(argv)
    rows = read_rows(training_files())
    parts = folds_of(rows, args.folds)
    trained = []
    for number, held in enumerate(parts):
        rest = [row for other, part in enumerate(parts) if other != number for row in part]
        trained.append((fit(rest, regularisation=args.regularisation, min_df=args.min_df), held))
    print(f"{len(rows)} messages, {args.folds} folds, C={args.regularisation}")
    if args.grid:
        messages = [(v, CAUTION_THRESHOLD) for v in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)]
        sentences = [(v, v) for v in (0.6, 0.65, 0.75, 0.85, 1.01)]
    else:
        messages = [(VIOLATION_THRESHOLD, CAUTION_THRESHOLD)]
        sentences = [(SENTENCE_VIOLATION_THRESHOLD, SENTENCE_CAUTION_THRESHOLD)]
    for message, sentence in product(messages, sentences):
        parts = [
            score(as_examples(held), with_thresholds(model, message, sentence))
            for model, held in trained
        ]
        print(line(f"message {message} sentence {sentence}", _together(parts)))


def _together(parts: list[Scores]) -> Scores:
    """Scores over all folds, each fold checked by the model that did not see it."""
    counts = sum((p.counts for p in parts), start=Counter())
    return Scores(
        per_category={},
        violation_recall=counts["violation_hit"] / max(counts["violation"], 1),
        ok_as_violation=counts["ok_as_violation"] / max(counts["ok"], 1),
        caution_recall=counts["caution_hit"] / max(counts["caution"], 1),
        counts=counts,
        misses=[m for p in parts for m in p.misses],
    )


if __name__ == "__main__":
    main()
