"""Reading many files at once: one process per core, results in file order.

Reading a published PDF costs about 2 ms of CPU per unit, as much as half of encoding it, and
it all happened in one process before encoding began. With several files and several cores the
files are read side by side instead. Each result comes back as a value (the document, or the
reason it failed), so one bad file never stops the batch and no exception has to cross a
process boundary.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ingest.errors import IngestError
from ingest.models import ParsedDocument
from ingest.parser import DocumentParser

logger = logging.getLogger(__name__)

POOL_MIN_FILES = 4  # below this, starting processes (about 0.5 s) costs more than it saves
ParseResult = ParsedDocument | IngestError


def die_with_parent(parent: int) -> None:
    """Make this worker process end when its parent does, however the parent ends.

    A `kill -9` of an ingest used to leave its workers (and, through them, multiprocessing's
    resource tracker) running for good: nothing tells a spawned process that its parent is
    gone. On Linux the kernel sends SIGKILL (PR_SET_PDEATHSIG); elsewhere a daemon thread
    notices the parent changing. Runs as the pool's initializer, so it covers every worker.
    Linux sends the signal when the *thread* that started the worker ends; pools here are
    started and shut down within one call in one thread (an upload's handler thread included),
    so that thread outlives its workers."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) != 0:  # 1 = PR_SET_PDEATHSIG
            logger.warning("cannot ask to die with the parent", extra={"errno": ctypes.get_errno()})
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def parse_one(
    parser: DocumentParser, path: Path, overrides: Mapping[str, str] | None
) -> tuple[ParsedDocument | None, str]:
    """A document, or None and the reason it cannot be ingested."""
    try:
        return parser.run(path, overrides), ""
    except IngestError as exc:
        return None, exc.reason
    except Exception as exc:  # a parser bug must not stop the batch either
        logger.exception("unexpected parser error", extra={"file": str(path)})
        return None, f"unexpected error: {exc!r}"


def parse_files(
    parser: DocumentParser,
    files: list[Path],
    overrides: Mapping[str, str] | None,
    processes: int,
    done: Callable[[], None],
) -> Iterator[tuple[Path, ParseResult]]:
    """Each file's document or IngestError, in file order; `done` is called after each."""
    if processes < 2 or len(files) < POOL_MIN_FILES:
        for path in files:
            yield path, _result(path, *parse_one(parser, path, overrides))
            done()
        return
    context = multiprocessing.get_context("spawn")
    finished = 0
    try:
        with ProcessPoolExecutor(
            min(processes, len(files)),
            mp_context=context,
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            futures = [pool.submit(parse_one, parser, path, overrides) for path in files]
            for path, future in zip(files, futures, strict=True):
                result = _result(path, *future.result())
                finished += 1
                yield path, result
                done()
    except BrokenProcessPool:
        logger.warning("parse worker died; reading the other files in this process")
        for path in files[finished:]:
            yield path, _result(path, *parse_one(parser, path, overrides))
            done()


def _result(path: Path, document: ParsedDocument | None, reason: str) -> ParseResult:
    return document if document is not None else IngestError(str(path), reason)
