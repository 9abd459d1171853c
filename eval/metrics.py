"""Per-question scores and their aggregation: retrieval, answer, citations, abstention, latency.

Normalization for answer matching: Unicode NFKC (full-width digits and punctuation become
ASCII), case folding, and no white space at all, so "82 %" equals "82%" and "120多个国家"
equals "120 多个国家". Citations are compared by (document, paragraph) whatever the language
version: citing the French para 9 counts as para 9.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

_CITATION_TAIL = re.compile(r"\s*[（(][^()（）]*[)）]\s*$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+", re.U)


def normalize(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold())


def strip_citations(answer: str) -> str:
    """The answer's own words: each line without the citation that closes it."""
    return "\n".join(_CITATION_TAIL.sub("", line) for line in answer.splitlines())


def contains_answer(answer: str, gold: Sequence[str]) -> bool:
    text = normalize(strip_citations(answer))
    return any(normalize(g) and normalize(g) in text for g in gold)


def _tokens(text: str, cjk: bool) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    if cjk:
        return [ch for ch in text if not ch.isspace() and (ch.isalnum() or _CJK.match(ch))]
    return _WORD.findall(text)


def f1(answer: str, gold: Sequence[str]) -> float:
    """Best F1 over gold strings: character level when the gold is CJK, token level otherwise."""
    best = 0.0
    text = strip_citations(answer)
    for target in gold:
        cjk = bool(_CJK.search(target))
        predicted, expected = Counter(_tokens(text, cjk)), Counter(_tokens(target, cjk))
        overlap = sum((predicted & expected).values())
        if overlap:
            precision = overlap / sum(predicted.values())
            recall = overlap / sum(expected.values())
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


@dataclass
class QuestionScore:
    """Everything measured for one gold question."""

    id: str
    lang: str
    kind: str
    answerable: bool
    abstained: bool
    ranks: list[int]  # rank (1-based) of each gold unit among retrieved sources, 0 if absent
    correct: bool
    f1: float
    chars: int
    cited: list[tuple[str, str]]
    cited_relevant: int  # cited units that are gold or contain a gold answer
    gold_cited: int  # gold units that are cited
    gold_units: int
    timings_ms: dict[str, float] = field(default_factory=dict)
    pair: str = ""  # question language → answer language(s), e.g. "fr→zh"
    evidence: float | None = None  # the answerer's P(answerable), when it gives one

    def recall_at(self, k: int) -> float:
        return sum(1 for r in self.ranks if 0 < r <= k) / len(self.ranks) if self.ranks else 0.0

    @property
    def reciprocal_rank(self) -> float:
        found = [r for r in self.ranks if r > 0]
        return 1.0 / min(found) if found else 0.0


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def auroc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """The chance that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def _balanced(
    unanswerable: Sequence[QuestionScore], answerable: Sequence[QuestionScore]
) -> float | None:
    """The mean of the share of unanswerable questions abstained on and the share of answerable
    ones answered: what the abstention's cut trades, in one figure that does not move when
    the cut moves along the same evidence."""
    if not unanswerable or not answerable:
        return None
    abstained = mean([float(s.abstained) for s in unanswerable]) or 0.0
    answered = mean([float(not s.abstained) for s in answerable]) or 0.0
    return (abstained + answered) / 2


def aggregate(scores: Sequence[QuestionScore]) -> dict:
    """The report's metric block for a set of questions."""
    answerable = [s for s in scores if s.answerable]
    unanswerable = [s for s in scores if not s.answerable]
    answered = [s for s in answerable if not s.abstained]
    totals = [s.timings_ms.get("total", 0.0) for s in scores]
    stages = sorted({stage for s in scores for stage in s.timings_ms})
    return {
        "n": len(scores),
        "retrieval": {
            **{f"recall@{k}": mean([s.recall_at(k) for s in answerable]) for k in (1, 3, 5, 10)},
            "mrr": mean([s.reciprocal_rank for s in answerable]),
        },
        "answer": {
            "accuracy": mean([float(s.correct) for s in answerable]),
            "f1": mean([s.f1 for s in answerable]),
            "mean_chars": mean([float(s.chars) for s in answered]),
        },
        "citation": {
            "precision": mean([s.cited_relevant / len(s.cited) for s in answered if s.cited]),
            "recall": mean([s.gold_cited / s.gold_units for s in answerable if s.gold_units]),
        },
        "abstention": {
            "unanswerable_abstained": mean([float(s.abstained) for s in unanswerable]),
            "answerable_abstained": mean([float(s.abstained) for s in answerable]),
            "balanced_accuracy": _balanced(unanswerable, answerable),
            "auroc": auroc(
                [s.evidence for s in answerable if s.evidence is not None],
                [s.evidence for s in unanswerable if s.evidence is not None],
            ),
        },
        "latency_ms": {
            "p50": percentile(totals, 50),
            "p95": percentile(totals, 95),
            "stages": {
                stage: {"p50": percentile(values, 50), "p95": percentile(values, 95)}
                for stage in stages
                if (values := [s.timings_ms[stage] for s in scores if stage in s.timings_ms])
            },
        },
    }


HEADLINES: dict[str, Callable[[Sequence[QuestionScore]], float | None]] = {
    "retrieval.recall@5": lambda s: mean([q.recall_at(5) for q in s if q.answerable]),
    "answer.accuracy": lambda s: mean([float(q.correct) for q in s if q.answerable]),
    "citation.recall": lambda s: mean(
        [q.gold_cited / q.gold_units for q in s if q.answerable and q.gold_units]
    ),
    "abstention.unanswerable_abstained": lambda s: mean(
        [float(q.abstained) for q in s if not q.answerable]
    ),
}


def bootstrap(
    scores: Sequence[QuestionScore], resamples: int = 1000, seed: int = 7
) -> dict[str, list[float] | None]:
    """95% percentile-bootstrap intervals of the headline figures, resampling questions."""
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {name: [] for name in HEADLINES}
    for _ in range(resamples):
        sample = [scores[rng.randrange(len(scores))] for _ in scores]
        for name, metric in HEADLINES.items():
            value = metric(sample)
            if value is not None:
                draws[name].append(value)
    return {
        name: [round(percentile(values, 2.5) or 0.0, 3), round(percentile(values, 97.5) or 0.0, 3)]
        if values
        else None
        for name, values in draws.items()
    }
