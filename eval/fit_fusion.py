"""Fit the fusion weights (assistant/fusion.py) on the `tune` split and write them to
assistant/fusion_weights.py.

    python -m eval.fit_fusion --store STORE --gold eval/gold/collection.jsonl [--gold ...]

STORE must hold the documents the gold sets ask about (`reformqa ingest corpus/
../shared/real-docs`). Every answerable tune question that is neither a follow-up nor a
direct reference ("paragraph 14", answered by lookup, not ranking) is retrieved with the
current weights; each candidate paragraph becomes one example, positive when the gold cites
it. A conditional logit (softmax over each question's candidates, L2 penalty, Newton's method)
gives the ranking weights; a one-feature logistic fit then scales them into a probability.
Test questions are never read.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from assistant.fusion import FEATURES
from assistant.references import find_reference
from assistant.service import AssistantService
from eval.gold import GoldQuestion, load_gold
from reformqa.languages import detect_language
from reformqa.settings import Settings
from store.filters import SearchFilters

logger = logging.getLogger(__name__)
WEIGHTS_MODULE = Path(__file__).resolve().parent.parent / "assistant" / "fusion_weights.py"
CANDIDATES = 60
L2_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)


def examples(
    service: AssistantService, questions: Sequence[GoldQuestion]
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Feature rows, labels, and the question index of each row."""
    rows, labels, groups = [], [], []
    for number, question in enumerate(questions):
        language = detect_language(question.question) or "en"
        retrieval = service.retriever.run(
            question.question, SearchFilters(), k=CANDIDATES, language=language
        )
        for source in retrieval.sources:
            if source.features:
                rows.append(source.features)
                labels.append(float(source.key in question.citations))
                groups.append(number)
    return np.array(rows), np.array(labels), groups


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> np.ndarray:
    """Weights (bias first) minimizing log-loss + l2/2 |w|² (the bias is not penalized)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + penalty * weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def _listwise_loss(
    x: np.ndarray, y: np.ndarray, members: list[np.ndarray], weights: np.ndarray, l2: float
) -> tuple[float, np.ndarray, np.ndarray]:
    """Loss, gradient, and a positive definite curvature (the candidates' covariance)."""
    loss = 0.5 * l2 * float(weights @ weights)
    gradient = l2 * weights
    curvature = np.diag(np.full(x.shape[1], l2))
    for rows in members:
        features, gold = x[rows], y[rows] > 0
        scores = features @ weights
        top = scores.max()
        all_p = np.exp(scores - top)
        gold_p = np.where(gold, all_p, 0.0)
        loss += float(np.log(all_p.sum()) - np.log(gold_p.sum()))
        all_p, gold_p = all_p / all_p.sum(), gold_p / gold_p.sum()
        mean_all = all_p @ features
        gradient += mean_all - gold_p @ features
        centred = features - mean_all
        curvature += (centred * all_p[:, None]).T @ centred
    return loss, gradient, curvature


def fit_listwise(
    x: np.ndarray, y: np.ndarray, groups: list[int], l2: float, steps: int = 100
) -> np.ndarray:
    """Weights maximizing, per question, the softmax probability of its gold candidates
    among all its candidates (a conditional logit: it learns to rank, as retrieval must),
    with an L2 penalty. With several gold paragraphs the loss is not convex, so each
    Newton-like step uses the candidates' covariance as curvature and is halved until the
    loss falls."""
    group_ids = np.array(groups)
    members = [np.flatnonzero(group_ids == g) for g in np.unique(group_ids)]
    members = [m for m in members if y[m].any()]  # a question with no gold candidate says nothing
    weights = np.zeros(x.shape[1])
    loss, gradient, curvature = _listwise_loss(x, y, members, weights, l2)
    for _ in range(steps):
        step = np.linalg.solve(curvature, gradient)
        size = 1.0
        while size > 1e-4:
            trial = weights - size * step
            trial_loss, trial_gradient, trial_curvature = _listwise_loss(x, y, members, trial, l2)
            if trial_loss < loss:
                break
            size /= 2
        else:
            break
        converged = loss - trial_loss < 1e-7
        weights, loss, gradient, curvature = trial, trial_loss, trial_gradient, trial_curvature
        if converged:
            break
    return weights


def choose_l2(x: np.ndarray, y: np.ndarray, groups: list[int]) -> tuple[float, dict]:
    """The penalty with the best recall@1 in 5-fold cross-validation over tune questions."""
    group_ids = np.array(groups)
    folds = group_ids % 5
    results = {}
    for l2 in L2_GRID:
        hits = 0.0
        for fold in range(5):
            train, held = folds != fold, folds == fold
            weights = fit_listwise(x[train], y[train], list(group_ids[train]), l2)
            held_out = recall_at_1(x[held] @ weights, y[held], list(group_ids[held]))
            hits += held_out * len(np.unique(group_ids[held]))
        results[l2] = round(hits / len(np.unique(group_ids)), 3)
    return max(results, key=lambda l2: (results[l2], l2)), results


def recall_at_1(scores: np.ndarray, y: np.ndarray, groups: list[int]) -> float:
    best: dict[int, tuple[float, float]] = {}
    for score, label, group in zip(scores, y, groups, strict=True):
        if group not in best or score > best[group][0]:
            best[group] = (score, label)
    return sum(label for _, label in best.values()) / max(len(best), 1)


def write_module(weights: np.ndarray, summary: dict) -> None:
    fitted = {
        "bias": round(float(weights[0]), 4),
        "weights": {n: round(float(w), 4) for n, w in zip(FEATURES, weights[1:], strict=True)},
        "fitted_on": summary,
    }
    WEIGHTS_MODULE.write_text(
        '"""Weights of assistant/fusion.py, written by `python -m eval.fit_fusion` on the tune\n'
        'split (see eval/fit_fusion.py). Do not edit by hand: fit again."""\n\n'
        f"FITTED: dict = {json.dumps(fitted, indent=4, ensure_ascii=False)}\n"
        .replace("null", "None").replace("true", "True").replace("false", "False"),
        encoding="utf-8",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gold", type=Path, action="append", required=True)
    parser.add_argument("--l2", type=float, help="L2 penalty (default: chosen by 5-fold CV)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args(argv)
    questions = [
        q
        for path in args.gold
        for q in load_gold(path)
        if q.split == "tune"
        and q.answerable
        and q.kind != "followup"
        and not find_reference(q.question).labels
    ]
    service = AssistantService(Settings(store=args.store))
    try:
        x, y, groups = examples(service, questions)
    finally:
        service.close()
    before = recall_at_1(x @ np.array(service.retriever.weights.weights), y, groups)
    l2, cross_validated = (args.l2, {}) if args.l2 else choose_l2(x, y, groups)
    ranking = fit_listwise(x, y, groups, l2)
    after = recall_at_1(x @ ranking, y, groups)
    # the ranking score made a probability: a one-feature logistic fit on all candidates
    scale, offset = fit_logistic((x @ ranking)[:, None], y, 0.0)[[1, 0]]
    weights = np.concatenate([[offset], scale * ranking])
    summary = {
        "questions": len(questions),
        "examples": len(y),
        "positives": int(y.sum()),
        "l2": l2,
        "cv_recall_at_1_by_l2": {str(k): v for k, v in cross_validated.items()},
        "tune_recall_at_1_of_candidates": {"before": round(before, 3), "after": round(after, 3)},
        "gold": [str(p) for p in args.gold],
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }
    print(json.dumps(summary, indent=2))
    for name, weight in zip(("bias", *FEATURES), weights, strict=True):
        print(f"{name:22s} {weight:+.3f}")
    if not args.dry_run:
        write_module(weights, summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
