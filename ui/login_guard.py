"""Login throttling: password checks off the event loop, one at a time, with backoff per account
and per client address.

Gradio's `POST /login` is an async route that calls the auth function inline, so a synchronous
PBKDF2 check (600,000 iterations, about half a second) stopped the event loop: eight wrong
passwords made every page wait seconds. `LoginGuard.check` is a coroutine, which Gradio awaits;
the hash runs in one worker thread (hashlib releases the GIL, so the loop and the other cores
stay free). Beyond the free attempts, each account and each address waits an exponential
backoff, during which attempts are refused with 429 before any hashing. Attempts count when
they are admitted, not when they fail, so fifty requests arriving together cannot all pass the
check before the first one has failed. Unknown names are throttled exactly like known ones, so
the throttling does not tell which names exist.

Gradio gives the auth function only the name and password; `ClientAddressMiddleware` puts the
connection's peer address in a context variable for the request. Behind a reverse proxy every
request has the proxy's address, and the per-address limit applies to the proxy as a whole.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException

from reformqa.settings import Settings
from ui.auth import UserStore

logger = logging.getLogger(__name__)

UNKNOWN_ADDRESS = "unknown"
CLIENT_ADDRESS: ContextVar[str] = ContextVar("reformqa_client_address", default=UNKNOWN_ADDRESS)
MAX_TRACKED = 10_000  # keys remembered; older ones are forgotten first beyond this


class ClientAddressMiddleware:
    """ASGI middleware: the peer address of each HTTP request, for the auth function."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = CLIENT_ADDRESS.set(str(client[0]) if client else UNKNOWN_ADDRESS)
        try:
            await self.app(scope, receive, send)
        finally:
            CLIENT_ADDRESS.reset(token)


@dataclass
class _Attempts:
    count: int
    last: float


class Backoff:
    """Attempts per key: `free` of them at once, then a wait of base, 2 base, 4 base, ... (at
    most `max_s`) after the latest; a key quiet for `forget_s` starts afresh."""

    def __init__(
        self,
        free: int,
        base_s: float,
        max_s: float,
        forget_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.base_s, self.max_s, self.forget_s = free, base_s, max_s, forget_s
        self.clock = clock
        self._entries: dict[str, _Attempts] = {}

    def wait(self, key: str) -> float:
        """Seconds before `key` may try again (0: now)."""
        entry = self._entries.get(key)
        now = self.clock()
        if entry is None:
            return 0.0
        if now - entry.last > self.forget_s:
            del self._entries[key]
            return 0.0
        if entry.count < self.free:
            return 0.0
        delay = min(self.base_s * 2 ** min(entry.count - self.free, 32), self.max_s)
        return max(0.0, entry.last + delay - now)

    def admit(self, key: str) -> None:
        now = self.clock()
        entry = self._entries.pop(key, None) or _Attempts(0, now)
        entry.count, entry.last = entry.count + 1, now
        self._entries[key] = entry  # re-inserted: the dict stays ordered by latest attempt
        while len(self._entries) > MAX_TRACKED:
            del self._entries[next(iter(self._entries))]

    def forgive(self, key: str) -> None:
        """Take back one attempt (a successful login from a shared address)."""
        entry = self._entries.get(key)
        if entry is not None:
            entry.count = max(0, entry.count - 1)

    def reset(self, key: str) -> None:
        self._entries.pop(key, None)


def too_many(seconds: float, reason: str) -> HTTPException:
    wait = max(1, math.ceil(seconds))
    return HTTPException(
        status_code=429,
        detail=f"{reason}; try again in {wait} s",
        headers={"Retry-After": str(wait)},
    )


class LoginGuard:
    """The auth function Gradio awaits: throttle, then check the password in a worker thread."""

    def __init__(
        self, users: UserStore, settings: Settings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.users = users
        backoff = (settings.login_backoff_s, settings.login_backoff_max_s, settings.login_forget_s)
        self.accounts = Backoff(settings.login_free_attempts_account, *backoff, clock=clock)
        self.addresses = Backoff(settings.login_free_attempts_address, *backoff, clock=clock)
        self.max_pending = settings.login_max_pending
        # One thread: a flood from many addresses still hashes on one core at most.
        self._hasher = ThreadPoolExecutor(1, thread_name_prefix="reformqa-login")
        self._pending = 0

    async def check(self, username: str, password: str) -> bool:
        """True when the name exists and the password matches; raises 429 while throttled.

        Runs on the event loop only (Gradio awaits it there), so the counters need no lock."""
        address = CLIENT_ADDRESS.get()
        account = username[:128]
        wait = max(self.accounts.wait(account), self.addresses.wait(address))
        if wait > 0:
            logger.warning("login throttled", extra={"user": account, "address": address})
            raise too_many(wait, "too many sign-in attempts")
        if self._pending >= self.max_pending:
            logger.warning("login refused: busy", extra={"address": address})
            raise too_many(1, "too many sign-ins at once")
        self.accounts.admit(account)
        self.addresses.admit(address)
        self._pending += 1
        try:
            loop = asyncio.get_running_loop()
            ok = await loop.run_in_executor(self._hasher, self.users.check, username, password)
        finally:
            self._pending -= 1
        if ok:
            self.accounts.reset(account)
            self.addresses.forgive(address)
            logger.info("login", extra={"user": account, "address": address})
        else:
            logger.warning("login failed", extra={"user": account, "address": address})
        return ok

    def close(self) -> None:
        self._hasher.shutdown(wait=False, cancel_futures=True)
