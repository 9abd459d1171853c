"""Exported conversations: owned by the user who made them, served only to that user, gone after
`Settings.export_ttl_s`.

Gradio serves a `gr.File` output from its cache to anyone signed in who has the URL, and its
cache is world-readable on disk, so a delegate could read a staff user's export. Exports live
here instead: in a folder only the server's own account can open (0700, files 0600), each under
an unguessable token, served by `ExportRoute`, an ASGI middleware that answers
`GET /rq-export/TOKEN/NAME` only to the owner (the Gradio session cookie names the user) and
only until the export expires. Anyone else, signed in or not, gets the same 404 as for a token
that never existed, so a URL tells nothing to someone who should not have it.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse

from ui.access import AccessPolicy

logger = logging.getLogger(__name__)

PREFIX = "rq-export"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Export:
    token: str
    owner: str
    path: Path
    created: float


class ExportStore:
    """The exports of one server process, by token; the folder is removed on close."""

    def __init__(self, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.clock = clock
        self.root = Path(tempfile.mkdtemp(prefix="reformqa-export-"))  # mode 0700
        self.root.chmod(0o700)
        self._items: dict[str, Export] = {}
        self._lock = threading.Lock()

    def new_path(self, name: str) -> tuple[str, Path]:
        """A fresh token and the private path to write the export to."""
        token = secrets.token_urlsafe(24)
        folder = self.root / token
        folder.mkdir(mode=0o700)
        return token, folder / Path(name).name

    def add(self, token: str, owner: str, path: Path) -> str:
        """Register a written export; its URL, relative to the app's root."""
        path.chmod(0o600)
        self.expire()
        with self._lock:
            self._items[token] = Export(token, owner, path, self.clock())
        logger.info("exported", extra={"user": owner, "file": path.name})
        return f"{PREFIX}/{token}/{quote(path.name)}"

    def get(self, token: str, user: str | None) -> Path | None:
        """The export's file, if `user` owns it and it has not expired."""
        self.expire()
        with self._lock:
            item = self._items.get(token)
        if item is None or user is None or item.owner != user:
            return None
        return item.path

    def expire(self) -> int:
        """Delete expired exports, files included; how many went."""
        now = self.clock()
        with self._lock:
            old = [i for i in self._items.values() if now - i.created >= self.ttl_s]
            for item in old:
                del self._items[item.token]
        for item in old:
            shutil.rmtree(item.path.parent, ignore_errors=True)
        return len(old)

    def close(self) -> None:
        with self._lock:
            self._items.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def session_user(scope: dict[str, Any], policy: AccessPolicy) -> str | None:
    """The signed-in user of a request, as Gradio's own routes find it (its session cookie in
    the app's token table); the local user when the server has no login."""
    if policy.users is None:
        return policy.viewer(None).name
    app = scope.get("app")
    tokens = getattr(app, "tokens", None)
    cookie_id = getattr(app, "cookie_id", None)
    if not isinstance(tokens, dict) or cookie_id is None:
        return None
    cookies = Request(scope).cookies
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(
        f"access-token-unsecure-{cookie_id}"
    )
    return tokens.get(token) if token else None


class ExportRoute:
    """ASGI middleware answering `GET /rq-export/TOKEN/NAME`; everything else passes through."""

    def __init__(self, app: Any, exports: ExportStore, policy: AccessPolicy) -> None:
        self.app = app
        self.exports = exports
        self.policy = policy

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = str(scope.get("path", ""))
        root = str(scope.get("root_path", "")).rstrip("/")
        if scope.get("type") != "http" or not path.removeprefix(root).startswith(f"/{PREFIX}/"):
            await self.app(scope, receive, send)
            return
        parts = path.removeprefix(root).split("/")
        token = parts[2] if len(parts) > 2 else ""
        user = session_user(scope, self.policy)
        found = self.exports.get(token, user) if scope.get("method") in ("GET", "HEAD") else None
        if found is None or not found.exists():
            logger.warning("export refused", extra={"user": user or "-"})
            response: Any = PlainTextResponse("not found or expired", status_code=404)
        else:
            response = FileResponse(
                found,
                media_type=DOCX_TYPE,
                filename=found.name,
                headers={"Cache-Control": "private, no-store"},
            )
        await response(scope, receive, send)
