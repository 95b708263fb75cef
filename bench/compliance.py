"""Quality and speed of the phrasing checker on the labelled corpora.

    python -m bench.compliance [--corpus NAME|all] [--seconds 3]

Prints precision and recall per category, the three targets of the issue (violation
recall, ok messages called a violation, caution recall), and throughput in emails per
second on one core, as a ratio against a baseline that only normalises and splits the
same texts (the unavoidable part of the work), measured in the same process.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from core.compliance import Category, Severity, check
from core.compliance.classifier import Classifier
from core.compliance.lexicon import normalise
from core.compliance.model import SEVERITY
from core.compliance.sentences import split
from core.compliance.training import HELD_OUT as TRAINING_HELD_OUT

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "compliance"
# Every corpus trains the model except the held-out ones (core.compliance.training), read
# once, after the last change: only their figures say how the checker does on phrasing it
# never saw. The others are shown as a check that nothing regressed, not as a measure.
CORPORA = (
    "dev",
    "train_a",
    "train_b",
    "train_e",
    "train_f",
    "valid_c",
    "valid_d",
    "holdout",
    # Then every round of fresh sets, in the order they were written: blind, blind2, ...
    *sorted(
        (path.stem for path in DATA.glob("blind*.jsonl")),
        key=lambda name: int(name.removeprefix("blind") or 1),
    ),
)
HELD_OUT = tuple(name.removesuffix(".jsonl") for name in TRAINING_HELD_OUT)
TYPICAL_WORDS = 40
VIOLATIONS = {c for c, s in SEVERITY.items() if s is Severity.violation}
CAUTIONS = {c for c, s in SEVERITY.items() if s is Severity.caution}


@dataclass(frozen=True)
class Example:
    id: str
    side: str
    text: str
    labels: frozenset[str]
    hard: bool


def load(name: str) -> list[Example]:
    names = list(CORPORA) if name == "all" else [name]
    examples = []
    for corpus in names:
        for line in (DATA / f"{corpus}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                examples.append(
                    Example(
                        row["id"],
                        row["side"],
                        row["text"],
                        frozenset(row["labels"]),
                        bool(row.get("hard")),
                    )
                )
    return examples


@dataclass
class Scores:
    per_category: dict[str, tuple[int, int, int]]  # true positives, false positives, misses
    violation_recall: float
    ok_as_violation: float
    caution_recall: float
    counts: Counter[str]
    misses: list[tuple[Example, set[str]]]


def score(examples: Iterable[Example], model: Classifier | None = None) -> Scores:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    misses = []
    for example in examples:
        result = check(example.text, example.side, model=model)  # type: ignore[arg-type]
        found = {c.value for c in result.categories}
        for category in found | example.labels:
            if category in found and category in example.labels:
                tp[category] += 1
            elif category in found:
                fp[category] += 1
            else:
                fn[category] += 1
        if found != set(example.labels):
            misses.append((example, found))
        if example.labels & VIOLATIONS:
            targets["violation"] += 1
            targets["violation_hit"] += result.verdict is Severity.violation
        if example.labels & CAUTIONS:
            targets["caution"] += 1
            targets["caution_hit"] += result.verdict is not Severity.ok
        if not example.labels:
            targets["ok"] += 1
            targets["ok_as_violation"] += result.verdict is Severity.violation
    categories = sorted(set(tp) | set(fp) | set(fn), key=lambda c: list(Category).index(c))
    return Scores(
        per_category={c: (tp[c], fp[c], fn[c]) for c in categories},
        violation_recall=targets["violation_hit"] / max(targets["violation"], 1),
        ok_as_violation=targets["ok_as_violation"] / max(targets["ok"], 1),
        caution_recall=targets["caution_hit"] / max(targets["caution"], 1),
        counts=targets,
        misses=misses,
    )


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f}" if denominator else "  -  "


def report(name: str, scores: Scores) -> None:
    print(f"\n== {name} ==")
    print(f"{'category':26} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    all_tp = all_fp = all_fn = 0
    for category, (tp, fp, fn) in scores.per_category.items():
        all_tp, all_fp, all_fn = all_tp + tp, all_fp + fp, all_fn + fn
        print(
            f"{category:26} {_ratio(tp, tp + fp):>9} {_ratio(tp, tp + fn):>7}"
            f" {tp:>4} {fp:>4} {fn:>4}"
        )
    print(
        f"{'overall (micro)':26} {_ratio(all_tp, all_tp + all_fp):>9}"
        f" {_ratio(all_tp, all_tp + all_fn):>7} {all_tp:>4} {all_fp:>4} {all_fn:>4}"
    )
    c = scores.counts
    print(
        f"violation recall        {scores.violation_recall:.3f}  (target >= 0.97;"
        f" {c['violation_hit']}/{c['violation']})"
    )
    print(
        f"ok called a violation   {scores.ok_as_violation:.3f}  (target <= 0.03;"
        f" {c['ok_as_violation']}/{c['ok']})"
    )
    print(
        f"caution recall          {scores.caution_recall:.3f}  (target >= 0.85;"
        f" {c['caution_hit']}/{c['caution']})"
    )


def _per_second(work: Callable[[str], object], texts: list[str], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for text in texts:
            work(text)
        done += len(texts)
    return done / elapsed


def speed(texts: list[str], seconds: float, kind: str = "applicant") -> None:
    baseline = _per_second(lambda t: [normalise(s.text) for s in split(t)], texts, seconds)
    checker = _per_second(check, texts, seconds)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"\n== speed (one core, {len(texts)} {kind} emails, mean {words:.0f} words) ==")
    print(f"baseline (normalise + split only): {baseline:8.0f} emails/s")
    print(
        f"checker:                           {checker:8.0f} emails/s"
        f"  (target >= 2000; {checker / baseline:.2f}x the baseline)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        choices=[*CORPORA, "all", "held-out"],
        default="all",
        help="one corpus, all of them, or the held-out ones pooled (the honest measure)",
    )
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--misses", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    names = {"all": list(CORPORA), "held-out": list(HELD_OUT)}.get(args.corpus, [args.corpus])
    for name in names:
        if not (DATA / f"{name}.jsonl").exists():
            print(f"\n== {name} == (no {name}.jsonl yet)")
            continue
        examples = load(name)
        scores = score(examples)
        role = "HELD OUT, never trained on" if name in HELD_OUT else "training data"
        report(
            f"{name} ({role}): {len(examples)} examples, {sum(e.hard for e in examples)} hard",
            scores,
        )
        if args.misses:
            for example, found in scores.misses:
                print(
                    f"  {example.id}: want {sorted(example.labels)} got {sorted(found)}:"
                    f" {example.text[:160]!r}"
                )
    held = [
        e
        for name in names
        if name in HELD_OUT and (DATA / f"{name}.jsonl").exists()
        for e in load(name)
    ]
    if len({e.id.split("-")[0] for e in held}) > 1:
        report(
            f"held-out pooled: {len(held)} examples, {sum(e.hard for e in held)} hard", score(held)
        )
    applicant = [
        e
        for name in names
        if (DATA / f"{name}.jsonl").exists()
        for e in load(name)
        if e.side == "applicant"
    ]
    if applicant:
        speed([e.text for e in applicant], args.seconds)
        # "Typical emails": whole notes of 40 words or more, not the corpus's one-liners.
        # Fine ones (most real traffic) and flagged ones take different paths: both shown.
        typical = [e for e in applicant if len(e.text.split()) >= TYPICAL_WORDS]
        speed([e.text for e in typical if not e.labels], args.seconds, "typical fine")
        speed([e.text for e in typical if e.labels], args.seconds, "typical flagged")


if __name__ == "__main__":
    main()
