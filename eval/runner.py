"""Run a gold set through the assistant service and score every question.

The runner calls the same `AssistantService` the CLI and the UI use, so the figures are the
figures users get. With a corpus it ingests into a fresh temporary store and leaves the
user's store alone.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.condense import Turn
from assistant.models import Answer
from assistant.service import AssistantService
from eval.gold import GoldQuestion
from eval.metrics import QuestionScore, contains_answer, f1, normalize, strip_citations
from ingest.factory import build_pipeline
from reformqa.progress import progress_bar
from reformqa.settings import Settings
from store.embedders import make_embedder
from store.filters import SearchFilters

logger = logging.getLogger(__name__)
RETRIEVAL_DEPTH = 10  # sources kept for recall@10, whatever k the answer uses


@dataclass
class EvalConfig:
    """One configuration to evaluate: a name and settings overrides ("mode=llm,k=3")."""

    name: str
    overrides: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: str) -> EvalConfig:
        """NAME=key=value,key=value (as given to --compare)."""
        name, _, rest = spec.partition("=")
        if not name or not rest:
            raise ValueError(f"--compare '{spec}': expected NAME=key=value[,key=value]")
        overrides: dict[str, Any] = {}
        for pair in rest.split(","):
            key, sep, value = pair.partition("=")
            if not sep:
                raise ValueError(f"--compare '{spec}': '{pair}' is not key=value")
            overrides[key.strip()] = value.strip()
        return cls(name, overrides)


def score_answer(question: GoldQuestion, answer: Answer) -> QuestionScore:
    keys = [source.key for source in answer.sources]
    ranks = [keys.index(c) + 1 if c in keys else 0 for c in question.citations]
    cited = [] if answer.abstained else [c.key for c in answer.citations]
    gold = set(question.citations)
    texts = {c.key: c.text for c in answer.citations}
    relevant = sum(
        1
        for key in cited
        if key in gold
        or any(normalize(g) in normalize(texts.get(key, "")) for g in question.answers)
    )
    return QuestionScore(
        id=question.id,
        lang=question.lang,
        kind=question.kind,
        answerable=question.answerable,
        abstained=answer.abstained,
        ranks=ranks,
        correct=question.answerable
        and not answer.abstained
        and contains_answer(answer.text, question.answers),
        f1=0.0 if answer.abstained else f1(answer.text, question.answers),
        chars=len(strip_citations(answer.text)),
        cited=cited,
        cited_relevant=relevant,
        gold_cited=len(gold & set(cited)),
        gold_units=len(gold),
        evidence=answer.evidence,
        timings_ms=dict(answer.timings_ms),
    )


class EvalRunner:
    """Scores a gold set against one service configuration."""

    def __init__(
        self,
        service: AssistantService,
        mode: str | None = None,
        k: int | None = None,
        progress: bool = True,
        document_languages: Callable[[str, str], Iterable[str]] | None = None,
    ) -> None:
        self.service = service
        self.document_languages = document_languages or self._indexed_languages
        self.mode = mode
        self.k = k
        self.progress = progress

    def run(
        self, questions: Sequence[GoldQuestion], label: str = "questions"
    ) -> list[QuestionScore]:
        scores = []
        answers: dict[str, Turn] = {}  # by id: what a follow-up's earlier question got
        with progress_bar(self.progress) as progress:
            task = progress.add_task(label, total=len(questions))
            for question in questions:
                earlier = question.extra.get("pair") if question.kind == "followup" else None
                history = [answers[earlier]] if earlier in answers else []
                answer = self.service.ask(
                    question.question, history, mode=self.mode, k=self.k, depth=RETRIEVAL_DEPTH
                )
                answers[question.id] = Turn(
                    question.question,
                    answer.standalone_query,
                    answer.text,
                    [c.symbol for c in answer.citations],
                )
                score = score_answer(question, answer)
                score.pair = self._language_pair(question)
                scores.append(score)
                progress.advance(task)
        return scores

    def _indexed_languages(self, symbol: str, label: str) -> Iterable[str]:
        return self.service.index.units.versions(symbol, label, SearchFilters())

    def _language_pair(self, question: GoldQuestion) -> str:
        """ "fr→zh": the question's language and the languages its answer exists in ("fr→fr"
        when a version in the asker's language exists, "fr→none" when unanswerable)."""
        if not question.answerable or not question.citations:
            return f"{question.lang}→none"
        languages = sorted(self.document_languages(*question.citations[0]))
        if question.lang in languages:
            return f"{question.lang}→{question.lang}"
        return f"{question.lang}→{'/'.join(languages) or '?'}"


@contextmanager
def evaluation_service(
    base: Settings, overrides: dict[str, Any], corpora: Sequence[Path], progress: bool
) -> Iterator[AssistantService]:
    """A service on `base.store`, or on a fresh temporary store holding the `corpora` folders
    (one library: a question must find its document among all the others)."""
    with tempfile.TemporaryDirectory(prefix="reformqa-eval-") as scratch:
        settings = base.model_copy(update=overrides)
        if corpora:
            settings = settings.model_copy(
                update={"store": Path(scratch) / "store", "chroma_url": None}
            )
        settings = Settings.model_validate(settings.model_dump())  # re-validate overrides
        embedder = make_embedder(settings.embedder, settings.embed_threads)
        service = AssistantService(settings, embedder=embedder)
        try:
            if corpora:
                pipeline = build_pipeline(settings, service.index, embedder, progress=progress)
                report = pipeline.run(list(corpora))
                for failure in report.failed:
                    logger.warning(
                        "corpus file failed", extra={"file": failure.path, "reason": failure.reason}
                    )
            yield service
        finally:
            service.close()
