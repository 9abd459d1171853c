"""The result types the CLI, the UI and the evaluation harness share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.citations import Citation
from store.queries import StoredUnit


@dataclass
class Source:
    """One retrieved paragraph, merged across its language versions.

    `unit` is the version shown (the preferred language when indexed); `versions` holds every
    indexed language version, so the UI can show them side by side.
    """

    unit: StoredUnit
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    direct: bool = False
    versions: dict[str, StoredUnit] = field(default_factory=dict)
    features: tuple[float, ...] = ()  # what fusion scored it on (assistant/fusion.FEATURES)

    @property
    def key(self) -> tuple[str, str]:
        return (self.unit.symbol, self.unit.label)

    def citation(self, supported: bool | None = None) -> Citation:
        return Citation(
            symbol=self.unit.symbol,
            label=self.unit.label,
            language=self.unit.language,
            text=self.unit.text,
            score=round(self.score, 4),
            supported=supported,
            kind=self.unit.kind,
            title=self.unit.title,
        )


@dataclass
class Answer:
    """An answer with its citations, whether it abstained, and how long each stage took."""

    question: str
    text: str
    abstained: bool
    citations: list[Citation]
    standalone_query: str
    language: str
    mode: str
    timings_ms: dict[str, float] = field(default_factory=dict)
    notice: str = ""  # e.g. why the llm answer fell back to the extractive one
    sources: list[Source] = field(default_factory=list)
    quote_languages: list[str] = field(default_factory=list)  # set when not the asker's
    framing: str = ""  # in the asker's language: which language the quotes are in, figures
    evidence: float | None = None  # P(answerable) by the abstention model (extractive)
    evidence_features: dict[str, float] = field(default_factory=dict)  # what it rests on

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "question": self.question,
            "standalone_query": self.standalone_query,
            "language": self.language,
            "mode": self.mode,
            "notice": self.notice,
            "quote_languages": self.quote_languages or [self.language],
            "framing": self.framing,
            "evidence": None if self.evidence is None else round(self.evidence, 4),
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
