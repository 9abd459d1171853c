"""The default answerer, with no LLM: quote the sentences that answer the question, each
followed by its citation, or abstain when the evidence is too weak.

Sentences of the top sources are scored by USE similarity to the question, the share of
question terms they contain and the rank of their source. Whether to answer at all is the
abstention model's call (assistant/abstention.py), fitted on the tune split; when it
abstains the answer offers the closest passages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assistant.abstention import AbstentionModel, evidence_features
from assistant.answer_type import has_figure, wanted_figure
from assistant.citations import Citation
from assistant.messages import message
from assistant.models import Source
from assistant.query_terms import QueryTerms
from assistant.references import is_generic
from assistant.retrieval import Retrieval
from reformqa.languages import is_cjk
from reformqa.sentences import split_sentences
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


@dataclass(frozen=True)
class FollowUp:
    """A question completed from the previous turn, and what that turn answered."""

    question: str
    previous_answer: str


class SentenceLookup(Protocol):
    """Sentence vectors written at ingest (store/sentence_vectors.py): one per sentence, None
    where there is none (a store indexed before they existed, a sentence split otherwise)."""

    def lookup(self, sentences: Sequence[str]) -> list[np.ndarray | None]: ...


@dataclass
class Extract:
    text: str
    abstained: bool
    citations: list[Citation]
    evidence: float  # P(answerable) by the abstention model; 1.0 for a named paragraph
    evidence_features: dict[str, float] = field(default_factory=dict)


class ExtractiveAnswerer:
    """Selects answer sentences from retrieved sources; abstains below a threshold."""

    def __init__(
        self,
        embedder: EncoderEmbeddings,
        threshold: float,
        sentences: SentenceLookup | None = None,
        abstention: AbstentionModel | None = None,
    ) -> None:
        self.embedder = embedder
        self.threshold = threshold  # a follow-up's fresh sentence must score this much
        self.sentences = sentences
        self.abstention = abstention or AbstentionModel.fitted()

    def _similarities(self, question: str, sentences: list[str]) -> np.ndarray:
        """Cosine similarity of each sentence to the question. Sentence vectors are read from
        the store where ingest wrote them and encoded only where it did not; the question's
        vector is the one retrieval already computed (the embedder keeps recent queries)."""
        stored = self.sentences.lookup(sentences) if self.sentences else [None] * len(sentences)
        missing = [text for text, vector in zip(sentences, stored, strict=True) if vector is None]
        encoded = iter(self.embedder.encode(missing, interactive=True) if missing else ())
        vectors = np.vstack([vector if vector is not None else next(encoded) for vector in stored])
        return vectors @ self.embedder.query_vector(question)

    def score_sentences(
        self, question: str, sources: list[Source], terms: QueryTerms, asked: str | None = None
    ) -> list[ScoredSentence]:
        """Sentences of the top sources by similarity to `question`; the figure wanted is the
        one `asked` (the user's own words, for a follow-up) asks for."""
        candidates = [
            ScoredSentence(source, position, sentence, 0.0)
            for source in sources[:SOURCES_READ]
            for position, sentence in enumerate(split_sentences(source.unit.text))
        ]
        if not candidates:
            return []
        similarity = self._similarities(question, [c.text for c in candidates])
        asked = asked or question
        figure = wanted_figure(asked)
        for candidate, cosine in zip(candidates, similarity, strict=True):
            candidate.score = (
                float(cosine)
                + TERM_WEIGHT * terms.coverage(candidate.text, candidate.source.unit.language)
                + SOURCE_WEIGHT * candidate.source.score
            )
            if not has_figure(candidate.text, figure, asked):
                candidate.score -= MISSING_FIGURE
        return sorted(candidates, key=lambda c: -c.score)

    def run(
        self,
        question: str,
        retrieval: Retrieval,
        language: str,
        focus: str | None = None,
        follow_up: FollowUp | None = None,
    ) -> Extract:
        """Answer `question`; `focus` is the question without direct references, if any.

        A follow-up ("and in which countries?") is searched with the previous question's
        words, but asks for something new: the figure it wants is its own, and a sentence
        the previous answer already gave is used again only when nothing new clears the
        evidence threshold.
        """
        sources = retrieval.sources
        direct = [s for s in sources if s.direct]
        if direct:
            return self._quote_direct(focus or "", direct, language, retrieval.terms)
        asked = follow_up.question if follow_up is not None else question
        scored = self.score_sentences(question, sources, retrieval.terms, asked)
        best = scored[0] if scored else None
        features = evidence_features(
            asked,
            sources,
            retrieval.terms,
            best.text if best else None,
            best.score if best else 0.0,
        )
        evidence = self.abstention.probability(features)
        if not self.abstention.answers(evidence):
            extract = self.abstain(sources, language, evidence)
            extract.evidence_features = self.abstention.named(features)
            return extract
        if follow_up is not None:
            fresh = [c for c in scored if c.text not in follow_up.previous_answer]
            if fresh and fresh[0].score >= self.threshold:
                scored = fresh
        chosen = self._select(scored)
        extract = self._compose(chosen, language, evidence)
        extract.evidence_features = self.abstention.named(features)
        return extract

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
                snippet = shorten(source.unit.text, 160)
                lines.append(f"- {snippet} {citation.format(language)}")
                citations.append(citation)
        return Extract("\n".join(lines), True, citations, evidence)


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` at a word or CJK character boundary, never inside a number."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > limit // 2 and not (
        text[cut].isspace() or (is_cjk(text[cut - 1]) and not text[cut].isdigit())
    ):
        cut -= 1
    return text[:cut].rstrip(" ,;:，；：") + "…"


def join_sentences(sentences: list[str]) -> str:
    """Sentences of one paragraph in a row: with spaces, or none between CJK sentences."""
    joined = ""
    for sentence in sentences:
        glue = "" if not joined or is_cjk(joined[-1]) or is_cjk(sentence[0]) else " "
        joined += glue + sentence
    return joined
