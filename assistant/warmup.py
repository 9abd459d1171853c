"""Warming the service up in the background, so the first question is as fast as later ones.

Measured here: the first answer after start took 4.2 s (language detection 0.8 s, the first
dense query 2.0 s: Chroma opens its index, the encoder its first batch) where later ones take
0.1 s. A server starts this right after it begins listening: the page is usable at once, and
a question that comes before the warm-up has finished waits for it instead of racing it.
"""

from __future__ import annotations

import logging
import threading
import time

from assistant.service import AssistantService

logger = logging.getLogger(__name__)

# One probe per script the first questions tend to come in (Latin, CJK, Arabic).
PROBES = (
    "What share of outcomes was reported?",
    "报告了哪些成果？",
    "ما هي النتائج المبلغ عنها؟",
)


class WarmUp:
    """Runs the probes once, in a daemon thread; `ready` tells whether it has finished.

    A warm-up nobody scheduled (tests, a server embedded elsewhere) counts as done: nothing
    waits for it and no page says "loading" forever."""

    def __init__(self, service: AssistantService) -> None:
        self.service = service
        self._done = threading.Event()
        self._scheduled = False
        self._thread: threading.Thread | None = None
        self.seconds: float | None = None

    @property
    def ready(self) -> bool:
        return not self._scheduled or self._done.is_set()

    def schedule(self) -> None:
        """Announce the warm-up before the server listens, so that a page loaded before
        `start` already says "loading the index"."""
        self._scheduled = True

    def start(self) -> None:
        self._scheduled = True
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="reformqa-warm-up", daemon=True)
            self._thread.start()

    def wait(self, timeout: float) -> bool:
        """Block until warmed up (at most `timeout` seconds); True when ready. Never started
        (tests, the CLI) counts as ready: nothing to wait for."""
        if not self._scheduled:
            return True
        return self._done.wait(timeout)

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            for probe in PROBES:
                self.service.ask(probe)
        except Exception as exc:  # a failed warm-up must not stop the server; answers still work
            logger.warning("warm-up failed", extra={"error": repr(exc)[:200]})
        finally:
            self.seconds = round(time.perf_counter() - started, 2)
            self._done.set()
            logger.info("warmed up", extra={"seconds": self.seconds})
