"""Gold question sets: JSONL, one question a line (format in eval/gold/README.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    lang: str
    answers: tuple[str, ...]
    answerable: bool
    citations: tuple[tuple[str, str], ...]  # (symbol, label)
    kind: str = ""
    split: str = "tune"  # "tune" (may be tuned on) or "test" (frozen, only measured)
    extra: dict = field(default_factory=dict, compare=False, hash=False)


class GoldFormatError(ValueError):
    """A gold file line that is not a valid question."""


_FIELDS = {"id", "question", "lang", "answers", "answerable", "citations", "kind", "split"}


def _split(value: object) -> str:
    if value not in ("tune", "test"):
        raise KeyError(f"split must be 'tune' or 'test', not {value!r}")
    return str(value)


def load_gold(path: Path) -> list[GoldQuestion]:
    questions: list[GoldQuestion] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            questions.append(
                GoldQuestion(
                    id=str(data["id"]),
                    question=str(data["question"]),
                    lang=str(data.get("lang", "")),
                    answers=tuple(str(a) for a in data.get("answers", [])),
                    answerable=bool(data.get("answerable", True)),
                    citations=tuple(
                        (str(c["doc"]), str(c["para"])) for c in data.get("citations", [])
                    ),
                    kind=str(data.get("kind", "")),
                    split=_split(data.get("split", "tune")),
                    extra={k: v for k, v in data.items() if k not in _FIELDS},
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldFormatError(f"{path}:{number}: {exc}") from exc
    return questions
