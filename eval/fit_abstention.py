"""Fit the abstention model (assistant/abstention.py) on the `tune` split and write it to
assistant/abstention_weights.py.

    python -m eval.fit_abstention --store STORE --gold eval/gold/collection.jsonl [--gold ...]

Every tune question that is not a direct reference (answered by lookup) is asked through the
service as users ask it (follow-ups with their first question as history); the answer's
evidence features and whether the gold set calls the question answerable make one example.
A logistic regression with an L2 penalty, fitted by Newton's method, gives the weights; the
threshold is the probability that maximizes, on tune, the mean of the share of answerable
questions answered and the share of unanswerable ones abstained on (balanced accuracy), so
neither kind of error is preferred by how many questions of each the gold sets hold.
Test questions are never read.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from assistant.abstention import EVIDENCE_FEATURES
from assistant.condense import Turn
from assistant.references import find_reference
from assistant.service import AssistantService
from eval.fit_fusion import fit_logistic
from eval.gold import GoldQuestion, load_gold
from eval.metrics import auroc
from reformqa.settings import Settings

WEIGHTS_MODULE = Path(__file__).resolve().parent.parent / "assistant" / "abstention_weights.py"


def examples(
    service: AssistantService, questions: Sequence[GoldQuestion]
) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    turns: dict[str, Turn] = {}
    for question in questions:
        earlier = question.extra.get("pair") if question.kind == "followup" else None
        history = [turns[earlier]] if earlier in turns else []
        answer = service.ask(question.question, history)
        turns[question.id] = Turn(
            question.question,
            answer.standalone_query,
            answer.text,
            [c.symbol for c in answer.citations],
        )
        if answer.evidence_features and not find_reference(question.question).labels:
            rows.append([answer.evidence_features[name] for name in EVIDENCE_FEATURES])
            labels.append(float(question.answerable))
    return np.array(rows), np.array(labels)


def balanced_threshold(probabilities: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The cut with the best balanced accuracy on tune, and that accuracy."""
    best = (0.5, 0.0)
    for cut in np.unique(probabilities):
        answered = probabilities >= cut
        balanced = 0.5 * (answered[y > 0].mean() + (~answered[y == 0]).mean())
        if balanced > best[1]:
            best = (float(cut), float(balanced))
    return best


def write_module(bias: float, weights: np.ndarray, threshold: float, summary: dict) -> None:
    fitted = {
        "bias": round(bias, 4),
        "weights": {
            n: round(float(w), 4) for n, w in zip(EVIDENCE_FEATURES, weights, strict=True)
        },
        "threshold": round(threshold, 4),
        "fitted_on": summary,
    }
    text = json.dumps(fitted, indent=4, ensure_ascii=False)
    WEIGHTS_MODULE.write_text(
        '"""Weights of assistant/abstention.py, written by `python -m eval.fit_abstention` on\n'
        'the tune split (see eval/fit_abstention.py). Do not edit by hand: fit again."""\n\n'
        f"FITTED: dict = {text.replace('null', 'None')}\n",
        encoding="utf-8",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gold", type=Path, action="append", required=True)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args(argv)
    questions = [q for path in args.gold for q in load_gold(path) if q.split == "tune"]
    service = AssistantService(Settings(store=args.store))
    try:
        x, y = examples(service, questions)
    finally:
        service.close()
    fitted = fit_logistic(x, y, args.l2)
    probabilities = 1.0 / (1.0 + np.exp(-(fitted[0] + x @ fitted[1:])))
    threshold, balanced = balanced_threshold(probabilities, y)
    answered = probabilities >= threshold
    summary = {
        "examples": len(y),
        "answerable": int(y.sum()),
        "l2": args.l2,
        "tune_auroc": round(auroc(list(probabilities[y > 0]), list(probabilities[y == 0])) or 0, 3),
        "tune_balanced_accuracy": round(balanced, 3),
        "tune_unanswerable_abstained": round(float((~answered[y == 0]).mean()), 3),
        "tune_answerable_abstained": round(float((~answered[y > 0]).mean()), 3),
        "gold": [str(p) for p in args.gold],
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }
    print(json.dumps(summary, indent=2))
    for name, weight in zip(("bias", *EVIDENCE_FEATURES), fitted, strict=True):
        print(f"{name:20s} {weight:+.3f}")
    print(f"threshold            {threshold:.3f}")
    if not args.dry_run:
        write_module(float(fitted[0]), fitted[1:], threshold, summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
