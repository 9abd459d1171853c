"""The default answerer, with no LLM: quote the sentences that answer the question, each
followed by its citation, or abstain when the evidence is too weak.

Sentences of the top sources are scored by USE similarity to the question, the share of
question terms they contain and the rank of their source. The best sentence's score is the
evidence; below the calibrated threshold the answer abstains and offers the closest passages
(see `calibrate_threshold` in eval and the note on issue 3 for how it was set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer_type import has_figure, wanted_figure
from assistant.citations import Citation
from assistant.messages import message
from assistant.models import Source
from assistant.query_terms import QueryTerms
from assistant.references import is_generic
from assistant.retrieval import Retrieval
from assistant.sentences import split_sentences
from store.embedders import EncoderEmbeddings

MAX_SENTENCES = 3
MAX_CHARS = 600
MAX_QUOTE_CHARS = 2400  # a named paragraph is quoted whole up to this length
SOURCES_READ = 4
TERM_WEIGHT = 0.35  # weight of the question-term share beside cosine similarity
SOURCE_WEIGHT = 0.25  # weight of the source's fused retrieval score
SELECT_MARGIN = 0.06  # further sentences must score within this of the best one
MISSING_FIGURE = 0.3  # penalty for a sentence without the kind of figure the question wants


@dataclass
class ScoredSentence:
    source: Source
    position: int
    text: str
    score: float


@dataclass
class Extract:
    text: str
    abstained: bool
    citations: list[Citation]
    evidence: float


class ExtractiveAnswerer:
    """Selects answer sentences from retrieved sources; abstains below a threshold."""

    def __init__(self, embedder: EncoderEmbeddings, threshold: float) -> None:
        self.embedder = embedder
        self.threshold = threshold

    def score_sentences(
        self, question: str, sources: list[Source], terms: QueryTerms
    ) -> list[ScoredSentence]:
        candidates = [
            ScoredSentence(source, position, sentence, 0.0)
            for source in sources[:SOURCES_READ]
            for position, sentence in enumerate(split_sentences(source.unit.text))
        ]
        if not candidates:
            return []
        vectors = self.embedder.encode([question] + [c.text for c in candidates], interactive=True)
        similarity = vectors[1:] @ vectors[0]
        figure = wanted_figure(question)
        for candidate, cosine in zip(candidates, similarity, strict=True):
            candidate.score = (
                float(cosine)
                + TERM_WEIGHT * terms.coverage(candidate.text, candidate.source.unit.language)
                + SOURCE_WEIGHT * candidate.source.score
            )
            if not has_figure(candidate.text, figure, question):
                candidate.score -= MISSING_FIGURE
        return sorted(candidates, key=lambda c: -c.score)

    def run(
        self, question: str, retrieval: Retrieval, language: str, focus: str | None = None
    ) -> Extract:
        """Answer `question`; `focus` is the question without direct references, if any."""
        sources = retrieval.sources
        direct = [s for s in sources if s.direct]
        if direct:
            return self._quote_direct(focus or "", direct, language, retrieval.terms)
        scored = self.score_sentences(question, sources, retrieval.terms)
        evidence = scored[0].score if scored else 0.0
        if evidence < self.threshold:
            return self.abstain(sources, language, evidence)
        chosen = self._select(scored)
        return self._compose(chosen, language, evidence)

    def _select(self, scored: list[ScoredSentence]) -> list[ScoredSentence]:
        best = scored[0].score
        chosen: list[ScoredSentence] = []
        length = 0
        for candidate in scored:
            if len(chosen) == MAX_SENTENCES or candidate.score < best - SELECT_MARGIN:
                break
            if chosen and length + len(candidate.text) > MAX_CHARS:
                continue
            chosen.append(candidate)
            length += len(candidate.text)
        # read in document order within a source, sources by rank
        rank = {id(s.source): i for i, s in enumerate(reversed(chosen))}
        return sorted(chosen, key=lambda c: (-rank[id(c.source)], c.position))

    def _compose(self, chosen: list[ScoredSentence], language: str, evidence: float) -> Extract:
        """One line per source: its chosen sentences in a row, then its citation once."""
        lines = []
        citations: dict[tuple[str, str], Citation] = {}
        run: list[str] = []
        for index, sentence in enumerate(chosen):
            run.append(shorten(sentence.text, MAX_CHARS))
            following = chosen[index + 1] if index + 1 < len(chosen) else None
            if following is not None and following.source is sentence.source:
                continue
            citation = sentence.source.citation()
            lines.append(f"{join_sentences(run)} {citation.format(language)}")
            citations.setdefault(citation.key, citation)
            run = []
        return Extract("\n".join(lines), False, list(citations.values()), evidence)

    def _quote_direct(
        self, focus: str, sources: list[Source], language: str, terms: QueryTerms
    ) -> Extract:
        """A named paragraph: the sentences that answer what is asked of it, or, when nothing
        more is asked ("what does paragraph 14 say?"), the whole paragraph."""
        chosen: list[ScoredSentence] = []
        if not is_generic(focus):
            scored = self.score_sentences(focus, sources, terms)
            chosen = self._select(scored) if scored else []
        if not chosen:
            lines = [
                f"{shorten(source.unit.text, MAX_QUOTE_CHARS)} {source.citation().format(language)}"
                for source in sources
            ]
            citations = {s.citation().key: s.citation() for s in sources}
            return Extract("\n".join(lines), False, list(citations.values()), 1.0)
        return self._compose(chosen, language, 1.0)

    def abstain(self, sources: list[Source], language: str, evidence: float = 0.0) -> Extract:
        lines = [message("abstain", language)]
        citations = []
        if sources:
            lines.append(message("closest", language))
            for source in sources[:3]:
                citation = source.citation()
                snippet = (
                    source.unit.text
                    if len(source.unit.text) <= 160
                    else (source.unit.text[:159] + "…")
                )
                lines.append(f"- {snippet} {citation.format(language)}")
                citations.append(citation)
        return Extract("\n".join(lines), True, citations, evidence)


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` at a word or CJK character boundary, never inside a number."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > limit // 2 and not (
        text[cut].isspace() or (_CJK.match(text[cut - 1]) and not text[cut].isdigit())
    ):
        cut -= 1
    return text[:cut].rstrip(" ,;:，；：") + "…"


def join_sentences(sentences: list[str]) -> str:
    """Sentences of one paragraph in a row: with spaces, or none between CJK sentences."""
    joined = ""
    for sentence in sentences:
        glue = "" if not joined or _CJK.match(joined[-1]) or _CJK.match(sentence[0]) else " "
        joined += glue + sentence
    return joined
