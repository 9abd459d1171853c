"""The llm answerer: any LangChain chat model, with citations the model cannot forge.

The model sees sources under opaque keys; afterwards unknown keys are dropped, keys become
formatted citations, and each sentence is checked against the paragraphs it cites (numbers
and document symbols must occur there, and the sentence must be semantically close to them).
An answer with no valid citation, or a model that cannot be reached, falls back to the
extractive answer with a notice.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.citations import Citation
from assistant.errors import ConfigurationError
from assistant.glossary import expand, normalize
from assistant.messages import message
from assistant.models import Source
from assistant.prompts import NOT_IN_DOCUMENTS, answer_messages, source_block
from reformqa.sentences import split_sentences
from reformqa.symbols import find_symbols
from store.embedders import EncoderEmbeddings

logger = logging.getLogger(__name__)

SUPPORT_SIMILARITY = 0.30  # best USE cosine to a cited sentence, plus the glossary bonus
GLOSSARY_SUPPORT = 0.25  # weight of the share of the sentence's UN terms found in the citation
_KEY = re.compile(r"\[\s*(S\d{1,3})\s*\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ECHO = re.compile(r"</?\s*sources?\b|Sources \(data|^Question:", re.I)


class LLMUnavailable(RuntimeError):
    """The model could not be reached or timed out."""


@dataclass
class VerifiedAnswer:
    text: str
    citations: list[Citation]
    not_found: bool
    valid_citations: int


def make_chat_model(
    spec: str, base_url: str | None, api_key: str, timeout_s: float, max_tokens: int = 400
) -> BaseChatModel:
    """`ollama:MODEL` or `openai:MODEL` (any OpenAI-compatible server via base_url)."""
    provider, _, model = spec.partition(":")
    if not model:
        raise ConfigurationError(f"llm: '{spec}' is not 'ollama:MODEL' or 'openai:MODEL'")
    if provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=model,
            base_url=base_url,
            temperature=0,
            num_predict=max_tokens,
            client_kwargs={"timeout": timeout_s},
        )
    if provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=model,
            base_url=base_url,
            api_key=api_key,
            temperature=0,
            timeout=timeout_s,
            max_retries=0,
            max_tokens=max_tokens,
            # LangChain sends max_completion_tokens; llama.cpp's and older vLLM servers read only
            # max_tokens, and would otherwise generate until the context is full
            extra_body={"max_tokens": max_tokens} if base_url else None,
        )
    raise ConfigurationError(f"llm: unknown provider '{provider}' (use ollama: or openai:)")


def keyed_sources(sources: list[Source]) -> dict[str, Source]:
    return {f"S{i}": source for i, source in enumerate(sources, start=1)}


class LLMAnswerer:
    """Prompts a chat model with keyed sources, streams its text, verifies its citations."""

    def __init__(self, model: BaseChatModel, embedder: EncoderEmbeddings) -> None:
        self.model = model
        self.embedder = embedder

    def messages(self, question: str, language: str, keyed: dict[str, Source]) -> list:
        blocks = [source_block(key, s.unit.language, s.unit.text) for key, s in keyed.items()]
        system, user = answer_messages(question, language, blocks)
        return [SystemMessage(system), HumanMessage(user)]

    def stream(self, question: str, language: str, keyed: dict[str, Source]) -> Iterator[str]:
        """Raw text deltas from the model; raises LLMUnavailable on connection problems."""
        try:
            for chunk in self.model.stream(self.messages(question, language, keyed)):
                text = chunk.content if isinstance(chunk.content, str) else ""
                if text:
                    yield text
        except Exception as exc:  # providers raise their own connection/timeout types
            logger.warning("llm failed", extra={"error": repr(exc)[:200]})
            raise LLMUnavailable(_reason(exc)) from exc

    def verify(self, raw: str, keyed: dict[str, Source], language: str) -> VerifiedAnswer:
        """Keys to citations, unknown keys dropped, every sentence checked for support."""
        if NOT_IN_DOCUMENTS in raw and not _KEY.search(raw):
            return VerifiedAnswer("", [], True, 0)
        lines: list[str] = []
        citations: dict[tuple[str, str], Citation] = {}
        valid = 0
        for sentence in split_sentences(_KEY.sub(lambda m: f" [{m.group(1)}] ", raw)):
            keys = [k for k in dict.fromkeys(_KEY.findall(sentence)) if k in keyed]
            body = re.sub(r"\s+", " ", _KEY.sub("", sentence)).strip()
            body = re.sub(r"\s+([.,;:!?。，；：！？])", r"\1", body)
            if not body or body == NOT_IN_DOCUMENTS or _ECHO.search(body):
                continue  # empty, or the prompt's own markup echoed back
            if not keys:  # a sentence without a citation is not supported by anything
                lines.append(f"{body} {message('unsupported', language)}")
                continue
            supported = self._supported(body, [keyed[k] for k in keys])
            valid += 1
            formatted = []
            for key in keys:
                citation = keyed[key].citation(supported=supported)
                previous = citations.get(citation.key)
                if previous is None or (supported and not previous.supported):
                    citations[citation.key] = citation
                formatted.append(citation.format(language))
            flag = "" if supported else " " + message("unsupported", language)
            lines.append(f"{body} {' '.join(formatted)}{flag}")
        return VerifiedAnswer("\n".join(lines), list(citations.values()), False, valid)

    def _supported(self, sentence: str, sources: list[Source]) -> bool:
        cited = " ".join(s.unit.text for s in sources)
        normalized = cited.replace(" ", "")
        for number in _NUMBER.findall(sentence):
            if number not in normalized and number.replace(",", "") not in normalized:
                return False
        for symbol in find_symbols(sentence):
            if symbol not in cited:
                return False
        pieces = [piece for s in sources for piece in [s.unit.text, *split_sentences(s.unit.text)]]
        vectors = self.embedder.encode([sentence, *pieces], interactive=True)
        similarity = float(np.max(vectors[1:] @ vectors[0]))
        return (
            similarity + GLOSSARY_SUPPORT * _term_support(sentence, sources) >= SUPPORT_SIMILARITY
        )


def _term_support(sentence: str, sources: list[Source]) -> float:
    """Share of the UN terms in `sentence` whose equivalents occur in the cited paragraphs."""
    forms = expand(sentence).forms
    shares = []
    for source in sources:
        wanted = forms.get(source.unit.language, [])
        if wanted:
            text = normalize(source.unit.text)
            shares.append(sum(normalize(f) in text for f in wanted) / len(wanted))
    return max(shares, default=0.0)


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "Timeout" in name or "timed out" in str(exc).lower():
        return "timed out"
    if "Connect" in name or "connection" in str(exc).lower():
        return "cannot connect"
    return f"{name}: {str(exc)[:120]}"
