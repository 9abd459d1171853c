"""One writer per store: an advisory lock file (`writer.lock`) held while a process writes.

Two ingests into one store used to run side by side, and the second one's start-up recovery
took the first one's half-written generation for a crashed writer's and deleted its vectors.
Now a writer holds an exclusive `flock` on `STORE/writer.lock` for as long as it writes; the
kernel drops the lock when the process dies, however it dies, so "the lock is free" proves that
no writer is alive, and only then are pending generations cleaned up. Readers never take it.

The file also records the holder's pid, for the "another ingest is running (pid N)" message.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from store.errors import StoreBusyError

logger = logging.getLogger(__name__)
POLL_SECONDS = 0.1
_SHARED: dict[Path, WriterLock] = {}
_SHARED_GUARD = threading.Lock()


def shared_lock(path: Path, timeout_s: float) -> WriterLock:
    """The one WriterLock of this process for `path`. Two indexes of one store in one process
    (the server's own and an upload's pipeline) must share it: `flock` locks belong to open
    files, so two of them would shut each other out, and a thread writing through both would
    wait for itself."""
    key = path.resolve()
    with _SHARED_GUARD:
        lock = _SHARED.get(key)
        if lock is None:
            lock = _SHARED[key] = WriterLock(key, timeout_s)
        lock.timeout_s = timeout_s
        return lock


class WriterLock:
    """Re-entrant in one process (a pipeline run holds it while `replace_many` takes it again),
    exclusive across processes; threads of one process take turns."""

    def __init__(self, path: Path, timeout_s: float) -> None:
        self.path = path
        self.timeout_s = timeout_s
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    @contextmanager
    def hold(self) -> Iterator[bool]:
        """Hold the lock; yields True when this call took it (nobody else was writing)."""
        if not self._thread_lock.acquire(timeout=self.timeout_s):
            raise StoreBusyError(
                f"another write in this process still holds {self.path.parent} after "
                f"{self.timeout_s:g} s (setting writer_timeout_s)"
            )
        try:
            fresh = self._depth == 0
            if fresh:
                self._acquire()
            self._depth += 1
            try:
                yield fresh
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()
        finally:
            self._thread_lock.release()

    def holder(self) -> int | None:
        """Pid of the process holding the lock, None when it is free."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return _read_pid(fd) or -1
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def _acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.timeout_s
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pid = _read_pid(fd)
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusyError(
                        f"another ingest is running in {self.path.parent} (pid {pid}); gave up "
                        f"after {self.timeout_s:g} s (setting writer_timeout_s, env "
                        "REFORMQA_WRITER_TIMEOUT_S)"
                    ) from None
                if not announced:
                    logger.warning(
                        f"another ingest is running (pid {pid}), waiting up to "
                        f"{self.timeout_s:g} s…",
                        extra={"store": str(self.path.parent), "pid": pid},
                    )
                    announced = True
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def _release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _read_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or 0) or None
    except (ValueError, OSError):
        return None
