"""Retrieval ablation on the frozen test split: BM25 alone, dense alone, and the learned
fusion with its features added group by group, each refitted on tune.

    python -m eval.ablation --store STORE --gold eval/gold/collection.jsonl [--gold ...]

Candidates are gathered once per question (dense and lexical hits, as the retriever fetches
them); every row of the table ranks the same candidates, so the rows differ only in how
they score them. Direct references and follow-ups are left out (they are not ranked by
fusion). Recall@k is over the question's gold paragraphs, per question language.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.fusion import FEATURES
from assistant.references import find_reference
from assistant.service import AssistantService
from eval.fit_fusion import CANDIDATES, fit_listwise
from eval.gold import GoldQuestion, load_gold
from reformqa.languages import detect_language
from reformqa.settings import Settings
from store.filters import SearchFilters

STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dense + BM25", ("dense", "lexical")),
    ("+ language pair", ("dense", "dense_same_language", "same_language", "lexical",
                         "lexical_in_language")),
    ("+ term coverage, figure", ("dense", "dense_same_language", "same_language", "lexical",
                                 "lexical_in_language", "coverage", "missing_figure")),
    ("+ entity, year, symbol (all)", FEATURES),
)  # fmt: skip


def candidates(
    service: AssistantService, questions: Sequence[GoldQuestion]
) -> list[tuple[GoldQuestion, np.ndarray, np.ndarray]]:
    """Per question: its candidates' features and which of them are gold."""
    rows = []
    for question in questions:
        retrieval = service.retriever.run(
            question.question,
            SearchFilters(),
            k=CANDIDATES,
            language=detect_language(question.question) or "en",
        )
        sources = [s for s in retrieval.sources if s.features]
        if sources:
            features = np.array([s.features for s in sources])
            gold = np.array([float(s.key in question.citations) for s in sources])
        else:
            features, gold = np.zeros((0, len(FEATURES))), np.zeros(0)
        rows.append((question, features, gold))
    return rows


def recall(
    rows: list, score: Callable[[np.ndarray], np.ndarray], k: int
) -> dict[str, float]:
    """Recall@k by question language and overall (a question without candidates counts 0)."""
    hits: dict[str, list[float]] = {}
    for question, features, gold in rows:
        found = 0.0
        if len(gold):
            top = np.argsort(-score(features), kind="stable")[:k]
            wanted = len(set(question.citations))
            found = min(1.0, gold[top].sum() / wanted)
        hits.setdefault(question.lang, []).append(found)
        hits.setdefault("all", []).append(found)
    return {lang: round(float(np.mean(values)), 3) for lang, values in hits.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gold", type=Path, action="append", required=True)
    parser.add_argument("--l2", type=float, default=0.03)
    args = parser.parse_args(argv)
    questions = [
        q
        for path in args.gold
        for q in load_gold(path)
        if q.answerable and q.kind != "followup" and not find_reference(q.question).labels
    ]
    service = AssistantService(Settings(store=args.store))
    try:
        tune = candidates(service, [q for q in questions if q.split == "tune"])
        test = candidates(service, [q for q in questions if q.split == "test"])
    finally:
        service.close()
    x = np.vstack([f for _, f, _ in tune if len(f)])
    y = np.concatenate([g for _, f, g in tune if len(f)])
    groups = [n for n, (_, f, _) in enumerate(tune) for _ in range(len(f))]
    column = {name: FEATURES.index(name) for name in FEATURES}
    table = [
        ("BM25 alone", lambda f: f[:, column["lexical"]]),
        ("dense alone (USE)", lambda f: f[:, column["dense"]]),
    ]
    for label, names in STEPS:
        index = [column[n] for n in names]
        weights = fit_listwise(x[:, index], y, groups, args.l2)
        table.append((label, lambda f, i=index, w=weights: f[:, i] @ w))
    languages = ["all", *sorted({q.lang for q, _, _ in test})]
    print(f"test split: {len(test)} questions; fitted on {len(tune)} tune questions\n")
    print("| ranking | " + " | ".join(f"r@1 {lang}" for lang in languages) + " | r@5 all |")
    print("|---" * (len(languages) + 2) + "|")
    for label, score in table:
        at1, at5 = recall(test, score, 1), recall(test, score, 5)
        cells = " | ".join(f"{at1.get(lang, 0):.3f}" for lang in languages)
        print(f"| {label} | {cells} | {at5['all']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
