"""Feedback on answers, appended to `<store>/feedback.jsonl` in the gold-set format.

Each line is a gold question (eval/gold/README.md) with `"source": "feedback"` and the verdict,
user, time and answer beside it, so a reviewer can turn reviewed lines into gold questions:
- helpful: `answers` is empty (the reviewer picks the short answer strings), `citations` are
  the units the answer cited, and `answerable` is whether it answered (a helpful abstention
  says the documents do not answer).
- wrong: `answers` holds the correction if one was given, `citations` is empty (the cited
  units were wrong or incomplete), and `answerable` is true: the user expected an answer.
  `"reviewed": false` on every line marks it as not yet a gold question.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ui.conversation import Exchange

logger = logging.getLogger(__name__)

VERDICTS = ("helpful", "wrong")


def feedback_record(
    exchange: Exchange, verdict: str, correction: str, user: str, now: datetime | None = None
) -> dict[str, Any]:
    if verdict not in VERDICTS:
        raise ValueError(f"verdict: one of {', '.join(VERDICTS)}")
    answer = exchange.answer
    correction = correction.strip() if verdict == "wrong" else ""
    moment = now or datetime.now(UTC)
    if verdict == "helpful":
        answerable = not answer.abstained
        citations = [{"doc": c.symbol, "para": c.label} for c in exchange.cited]
    else:  # the documents should have answered, or answered otherwise; a reviewer checks
        answerable = True
        citations = []
    return {
        "id": f"fb-{moment:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}",
        "question": exchange.question,
        "lang": answer.language,
        "answers": [correction] if correction else [],
        "answerable": answerable,
        "citations": list({(c["doc"], c["para"]): c for c in citations}.values()),
        "kind": "feedback",
        "source": "feedback",
        "reviewed": False,
        "verdict": verdict,
        "user": user,
        "timestamp": moment.isoformat(timespec="seconds"),
        "answer": answer.text,
    }


class FeedbackLog:
    """Appends feedback lines; one lock, so concurrent sessions never interleave a line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, exchange: Exchange, verdict: str, correction: str, user: str) -> dict:
        record = feedback_record(exchange, verdict, correction, user)
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line)
        logger.info("feedback", extra={"id": record["id"], "verdict": verdict, "user": user})
        return record
