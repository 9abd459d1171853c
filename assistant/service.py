"""The assistant as a service: a question (and history) in, a cited Answer out.

The CLI, the UI and the evaluation harness all call this; it knows nothing of any of them.
LangChain's chat-model machinery loads only when a model is configured: an extractive answer
from the shell should not pay for it.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.condense import Turn, condense_heuristic
from assistant.errors import ConfigurationError, QuestionError
from assistant.extractive import Extract, ExtractiveAnswerer, FollowUp
from assistant.framing import frame_for_asker
from assistant.library import LibraryService
from assistant.messages import message
from assistant.models import Answer, Source
from assistant.prompts import condense_messages
from assistant.references import DirectReference, find_reference, strip_reference
from assistant.retrieval import HybridRetriever, Retrieval
from reformqa.languages import detect_language
from reformqa.languages import warm_up as warm_up_language_model
from reformqa.settings import Settings
from store.embedders import EncoderEmbeddings, make_embedder
from store.filters import SearchFilters
from store.index import DocumentIndex

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.llm import LLMAnswerer

logger = logging.getLogger(__name__)


@dataclass
class StreamEvent:
    """A piece of a streamed answer ("delta") or the final, verified Answer ("answer")."""

    kind: str
    text: str = ""
    answer: Answer | None = None


@dataclass
class _Scope:
    """What is asked, once the history and the question's own references are taken in."""

    standalone: str
    reference: DirectReference
    filters: SearchFilters
    follow_up: FollowUp | None = None  # the question completed from the previous turn


class AssistantService:
    """Answers questions over a DocumentIndex, extractively or with a chat model."""

    def __init__(
        self,
        settings: Settings,
        index: DocumentIndex | None = None,
        embedder: EncoderEmbeddings | None = None,
        chat_model: BaseChatModel | None = None,
    ) -> None:
        self.settings = settings
        warm_up_language_model()  # loads beside the embedder instead of at the first question
        self.embedder = embedder or make_embedder(settings.embedder, settings.embed_threads)
        self.index = index or DocumentIndex(settings, self.embedder)
        self.retriever = HybridRetriever(self.index, self.embedder)
        self.extractive = ExtractiveAnswerer(
            self.embedder,
            settings.abstain_threshold,
            self.index.sentence_vectors(self.embedder.identity),
        )
        self.library = LibraryService(self.index)
        self.llm: LLMAnswerer | None = None
        if chat_model is None and not settings.llm:
            return
        from assistant.llm import LLMAnswerer, make_chat_model

        if chat_model is None:
            chat_model = make_chat_model(
                settings.llm,
                settings.llm_base_url,
                settings.llm_api_key.get_secret_value(),
                settings.llm_timeout_s,
                settings.llm_max_tokens,
            )
        self.llm = LLMAnswerer(chat_model, self.embedder)

    def close(self) -> None:
        self.retriever.close()
        self.index.close()

    def ask(self, question: str, history: Sequence[Turn] = (), **options: object) -> Answer:
        """The final answer of `stream`."""
        for event in self.stream(question, history, **options):
            if event.answer is not None:
                return event.answer
        raise RuntimeError("stream ended without an answer")

    def stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        mode: str | None = None,
        k: int | None = None,
        filters: SearchFilters | None = None,
        preferred_language: str | None = None,
        depth: int = 0,
    ) -> Iterator[StreamEvent]:
        """Stream an answer. `depth` retrieves that many sources for `Answer.sources` (the
        evaluation measures recall@10 on them) while answering from the top `k` only.

        The steps: validate, scope (condense the follow-up, find a direct reference, narrow
        the filters), retrieve, generate (extractive or llm), finish (notices, timings)."""
        question = self._validate(question)
        started = time.perf_counter()
        mode = mode or self.settings.mode
        if mode == "llm" and self.llm is None:
            raise ConfigurationError("mode: llm needs a model; set llm (e.g. openai:MODEL) first")
        language = detect_language(question) or "en"
        scope = self._scope(question, list(history), mode, filters or SearchFilters())
        timings = {"condense": _ms(started)}
        # nothing this user may see: say so, without telling what exists
        if not self.index.has_documents(scope.filters.audiences):
            answer = Answer(
                question,
                message("no_documents", language),
                True,
                [],
                scope.standalone,
                language,
                mode,
            )
            yield StreamEvent("answer", answer.text, answer)
            return
        retrieval, ranked = self._retrieve(scope, k, depth, preferred_language, language)
        timings.update({f"retrieve_{name}": value for name, value in retrieval.timings_ms.items()})
        generated = time.perf_counter()
        answer = yield from self._generate(question, scope, language, mode, retrieval)
        timings["answer"] = _ms(generated)
        timings["total"] = _ms(started)
        self._finish(answer, retrieval, ranked, timings, language)
        yield StreamEvent("answer", answer.text, answer)

    def _scope(
        self, question: str, history: list[Turn], mode: str, filters: SearchFilters
    ) -> _Scope:
        """The standalone query, the paragraph it names if any, and the filters it implies:
        a follow-up keeps the previous answer's document, and a named document the user may
        see narrows the search to it."""
        standalone, carried = self._condense(question, history, mode)
        reference = find_reference(standalone)
        if carried and not filters.symbols:
            if reference and not reference.symbol:
                reference.symbol = carried
            elif not reference:
                filters = replace(filters, symbols=(carried,))
        if (
            reference.symbol
            and not reference
            and not filters.symbols
            and self.index.has_symbol(reference.symbol, filters.audiences)
        ):
            # "what does HSP/EB.2026/12 say about ...": search that document only
            filters = replace(filters, symbols=(reference.symbol,))
        follow_up = (
            FollowUp(question, history[-1].answer) if history and standalone != question else None
        )
        return _Scope(standalone, reference, filters, follow_up)

    def _retrieve(
        self,
        scope: _Scope,
        k: int | None,
        depth: int,
        preferred_language: str | None,
        language: str,
    ) -> tuple[Retrieval, list[Source]]:
        """Sources for the answer (the top k, and every directly named paragraph), and the
        deeper ranking kept for `Answer.sources`."""
        wanted = k or self.settings.k
        reference = scope.reference
        retrieval = self.retriever.run(
            scope.standalone,
            scope.filters,
            max(wanted, depth),
            # sources in the asker's language when that version is indexed
            preferred_language
            or reference.language
            or self.settings.preferred_language
            or language,
            reference if reference else None,
            language=language,
        )
        ranked = retrieval.sources
        retrieval.sources = ranked[: max(wanted, sum(1 for s in ranked if s.direct))]
        return retrieval, ranked

    def _generate(
        self, question: str, scope: _Scope, language: str, mode: str, retrieval: Retrieval
    ) -> Generator[StreamEvent, None, Answer]:
        """The answer from the retrieved sources; a model's text streams as it comes."""
        standalone, reference = scope.standalone, scope.reference
        focus = strip_reference(standalone) if reference else None
        if reference and not any(source.direct for source in retrieval.sources):
            # the named paragraph is not indexed, or not visible to this user: never answer
            # from some other paragraph as if it were the one asked for
            extract = self.extractive.abstain(retrieval.sources, language)
            return self._from_extract(question, standalone, language, mode, extract, retrieval)
        if mode == "llm" and self.llm is not None:
            return (yield from self._llm_answer(question, standalone, language, retrieval, focus))
        extract = self.extractive.run(standalone, retrieval, language, focus, scope.follow_up)
        return self._from_extract(question, standalone, language, "extractive", extract, retrieval)

    @staticmethod
    def _finish(
        answer: Answer,
        retrieval: Retrieval,
        ranked: list[Source],
        timings: dict[str, float],
        language: str,
    ) -> None:
        """Tell which document an unscoped "paragraph 14" came from; attach timings and the
        full ranking; log the outcome."""
        if retrieval.chosen_document and not answer.abstained:
            choice = message("reference_choice", language, symbol=retrieval.chosen_document)
            answer.notice = f"{answer.notice} {choice}".strip()
        frame_for_asker(answer, answer.question)
        answer.timings_ms = timings
        answer.sources = ranked
        logger.info(
            "answered",
            extra={
                "mode": answer.mode,
                "abstained": answer.abstained,
                "citations": len(answer.citations),
                "ms": round(timings["total"], 1),
            },
        )

    def _validate(self, question: object) -> str:
        if not isinstance(question, str) or not question.strip():
            raise QuestionError("empty; ask something about the indexed documents")
        question = question.strip()
        if len(question) > self.settings.max_question_chars:
            raise QuestionError(
                f"{len(question)} characters, over the limit of {self.settings.max_question_chars}"
            )
        if not re.search(r"\w", question):
            raise QuestionError("contains no words")
        return question

    def _condense(self, question: str, history: list[Turn], mode: str) -> tuple[str, str | None]:
        standalone, carried = condense_heuristic(question, history)
        if mode != "llm" or self.llm is None or not history or standalone == question:
            return standalone, carried
        from langchain_core.messages import HumanMessage, SystemMessage

        system, user = condense_messages(question, [(t.question, t.answer) for t in history])
        try:
            rewritten = self.llm.model.invoke([SystemMessage(system), HumanMessage(user)])
        except Exception as exc:  # a failing rewrite must not fail the question
            logger.warning("condense failed", extra={"error": repr(exc)[:200]})
            return standalone, carried
        text = rewritten.content if isinstance(rewritten.content, str) else ""
        text = text.strip().splitlines()[0] if text.strip() else ""
        return (text if 3 < len(text) < 500 else standalone), carried

    def _llm_answer(
        self, question: str, standalone: str, language: str, retrieval: Retrieval, focus: str | None
    ) -> Generator[StreamEvent, None, Answer]:
        """The model's answer, streamed, then verified against the sources it cites; the
        extractive answer (with a notice) when the model is unavailable or cites nothing."""
        from assistant.llm import LLMUnavailable, keyed_sources

        assert self.llm is not None
        keyed = keyed_sources(retrieval.sources)
        raw = ""
        try:
            for delta in self.llm.stream(standalone, language, keyed):
                raw += delta
                yield StreamEvent("delta", delta)
        except LLMUnavailable as exc:
            extract = self.extractive.run(standalone, retrieval, language, focus)
            answer = self._from_extract(question, standalone, language, "llm", extract, retrieval)
            answer.notice = message("llm_unavailable", language, reason=str(exc))
            return answer
        verified = self.llm.verify(raw, keyed, language)
        if verified.not_found:
            extract = self.extractive.abstain(retrieval.sources, language)
            return self._from_extract(question, standalone, language, "llm", extract, retrieval)
        if verified.valid_citations == 0:
            extract = self.extractive.run(standalone, retrieval, language, focus)
            answer = self._from_extract(question, standalone, language, "llm", extract, retrieval)
            answer.notice = message("llm_fallback", language)
            return answer
        return Answer(
            question,
            verified.text,
            False,
            verified.citations,
            standalone,
            language,
            "llm",
            sources=retrieval.sources,
        )

    @staticmethod
    def _from_extract(
        question: str,
        standalone: str,
        language: str,
        mode: str,
        extract: Extract,
        retrieval: Retrieval,
    ) -> Answer:
        return Answer(
            question,
            extract.text,
            extract.abstained,
            extract.citations,
            standalone,
            language,
            mode,
            sources=retrieval.sources,
            evidence=extract.evidence,
            evidence_features=extract.evidence_features,
        )


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000
