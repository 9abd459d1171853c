"""Calibrate the extractive abstention threshold on a gold set, and report retrieval recall and
abstention per language for dense, lexical and fused retrieval.

    python -m eval.calibrate --gold eval/gold/hsp-eb-2026-12.dev.jsonl --corpus corpus/

The threshold maximises balanced accuracy (the mean of the share of unanswerable questions
abstained and the share of answerable ones answered) over questions without a direct
reference (those never abstain), and is placed midway between the two evidence values it
separates. Run it again after changing retrieval or scoring, and copy the figure into
`abstain_threshold` in reformqa/settings.py.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.references import find_reference, strip_reference
from assistant.service import AssistantService
from eval.gold import GoldQuestion, load_gold
from reformqa.settings import Settings
from store.filters import SearchFilters

VARIANTS = {"dense": {"use_lexical": False}, "lexical": {"use_dense": False}, "fused": {}}


@dataclass
class Observation:
    question: GoldQuestion
    variant: str
    rank: int  # rank of the first gold unit among retrieved sources; 0 when absent
    evidence: float
    direct: bool
    answer: str


def best_threshold(observations: list[Observation]) -> tuple[float, float]:
    """(threshold, balanced accuracy) over questions without a direct reference."""
    scored = [(o.evidence, o.question.answerable) for o in observations if not o.direct]
    values = sorted({evidence for evidence, _ in scored})
    candidates = [0.0] + [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]
    answerable = [e for e, a in scored if a]
    unanswerable = [e for e, a in scored if not a]
    best = (0.0, -1.0)
    for threshold in candidates:
        answered = sum(e >= threshold for e in answerable) / max(len(answerable), 1)
        abstained = sum(e < threshold for e in unanswerable) / max(len(unanswerable), 1)
        balanced = (answered + abstained) / 2
        if balanced > best[1]:
            best = (threshold, balanced)
    return best


def observe(service: AssistantService, questions: Sequence[GoldQuestion]) -> list[Observation]:
    observations = []
    for question in questions:
        reference = find_reference(question.question)
        for variant, options in VARIANTS.items():
            retrieval = service.retriever.run(
                question.question,
                SearchFilters(),
                k=10,
                reference=reference or None,
                language=question.lang,
                **options,
            )
            keys = [source.key for source in retrieval.sources]
            ranks = [keys.index(c) + 1 for c in question.citations if c in keys]
            scored = service.extractive.score_sentences(
                question.question, retrieval.sources[:5], retrieval.terms
            )
            retrieval.sources = retrieval.sources[:5]
            extract = service.extractive.run(
                question.question,
                retrieval,
                question.lang,
                strip_reference(question.question) if reference else None,
            )
            observations.append(
                Observation(
                    question,
                    variant,
                    min(ranks) if ranks else 0,
                    scored[0].score if scored else 0.0,
                    bool(reference),
                    extract.text,
                )
            )
    return observations


def report(observations: list[Observation], threshold: float) -> dict:
    table: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for o in observations:
        for lang in (o.question.lang, "all"):
            cell = table[o.variant][lang]
            abstains = not o.direct and o.evidence < threshold
            if o.question.answerable:
                cell["r1"].append(o.rank == 1)
                cell["r5"].append(0 < o.rank <= 5)
                cell["answerable_abstained"].append(abstains)
                cell["accuracy"].append(
                    not abstains and any(a in o.answer for a in o.question.answers)
                )
            else:
                cell["unanswerable_abstained"].append(abstains)
    return {
        variant: {
            lang: {name: round(sum(v) / len(v), 3) for name, v in cells.items() if v}
            | {"n": len(cells["r1"]) + len(cells["unanswerable_abstained"])}
            for lang, cells in sorted(langs.items())
        }
        for variant, langs in table.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, help="ingest into a fresh temporary store")
    parser.add_argument("--store", type=Path, help="use an existing store instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reformqa-calibrate-") as scratch:
        settings = Settings(store=args.store or Path(scratch) / "store")
        service = AssistantService(settings)
        try:
            if args.corpus:
                from ingest.factory import build_pipeline

                build_pipeline(settings, service.index, service.embedder).run([args.corpus])
            observations = observe(service, load_gold(args.gold))
        finally:
            service.close()
    threshold, balanced = best_threshold([o for o in observations if o.variant == "fused"])
    result = {
        "threshold": round(threshold, 3),
        "balanced_accuracy": round(balanced, 3),
        "by_variant": report(observations, threshold),
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
