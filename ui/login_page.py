"""The sign-in page in the visitor's language: title, message, `lang` and direction.

Gradio renders its login page from a bare config (no title, no custom head, the one English
`auth_message`), so an Arabic delegate met an English, left-to-right page with an empty
`<title>`. This middleware rewrites that one HTML response on the way out, from the request's
Accept-Language: `<html lang dir>`, a `<title>`, and the message in that language. Every other
response passes through untouched.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ui.i18n import direction, label, pick_language

_MARK = re.compile(rb'"auth_required":\s*true')
_HTML_TAG = re.compile(rb"<html(\s[^>]*)?", re.IGNORECASE)
_LANG = re.compile(rb'\s(?:lang|dir)="[^"]*"')


def localise_login(html: bytes, language: str) -> bytes:
    """The login page's HTML with its language, direction, title and message set."""
    title = label("sign_in_title", language)
    english = json.dumps(label("auth_message", "en")).encode()
    local = json.dumps(label("auth_message", language)).encode()
    html = html.replace(english, local, 1)
    titled = b'"auth_required":true,"title":' + json.dumps(title).encode()
    html = _MARK.sub(lambda _: titled, html, count=1)
    opening = f'<html lang="{language}" dir="{direction(language)}"'.encode()
    html = _HTML_TAG.sub(lambda match: opening + _LANG.sub(b"", match.group(1)), html, count=1)
    return html.replace(b"<head>", f"<head><title>{title}</title>".encode(), 1)


class LoginPageMiddleware:
    """ASGI middleware: localises GET / when Gradio answers it with the login page."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET" or scope["path"] != "/":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        language = pick_language(headers.get(b"accept-language", b"").decode("latin-1"))
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def buffered(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            html = b"".join(body)
            if _MARK.search(html):
                html = localise_login(html, language)
            fields = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            fields.append((b"content-length", str(len(html)).encode()))
            await send({**start, "headers": fields})
            await send({"type": "http.response.body", "body": html})

        await self.app(scope, receive, buffered)
