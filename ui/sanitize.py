"""Document text made inert for the outputs people paste elsewhere: the Markdown copy and the
DOCX export.

Answers quote documents, and documents can carry `[portal](javascript:...)`, `data:` links or
raw `<img onerror=...>` text. The chat escapes everything (ui.render), but the "copy with
citations" text goes into Markdown editors and wikis, where such text becomes a live link or
live HTML, and a DOCX paragraph pasted into one does the same. Here:

- in Markdown, `<` is backslash-escaped (no raw HTML, no `<javascript:...>` autolinks), and a
  link or image whose destination has a scheme other than http, https or mailto loses its link
  syntax (`]\\(`), so the renderer shows the words and the address as plain text;
- in DOCX (plain text), a zero-width space after `<` before a tag-like character, and between
  `]` and `(` of such a link, keeps the text as it reads while no renderer sees markup in it;
  characters XML cannot hold (NUL, most C0 controls) are dropped, as python-docx refuses them.

A destination's scheme is judged as a browser would: entities decoded (`&#106;avascript:`),
whitespace and control characters removed (`java\\tscript:`), case folded.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
ZERO_WIDTH_SPACE = "\u200b"

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u2060\ufeff]+")
# `](` then the destination's first characters (an inline link or image)
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*)")
# `[label]: destination` at the start of a line (a reference definition)
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]):[ \t]*<?(\S*)", re.MULTILINE)
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def unsafe_destination(destination: str) -> bool:
    """Whether a link destination runs code or embeds content (any scheme but the safe ones)."""
    cleaned = _INVISIBLE.sub("", html.unescape(destination.strip("<>"))).lower()
    match = _SCHEME.match(cleaned)
    return match is not None and match.group(1) not in SAFE_SCHEMES


def _break_links(text: str, inline: str, reference: str) -> str:
    def inline_link(match: re.Match[str]) -> str:
        if not unsafe_destination(match.group(1)):
            return match.group(0)
        return inline + match.group(0)[2:]

    def reference_link(match: re.Match[str]) -> str:
        if not unsafe_destination(match.group(2)):
            return match.group(0)
        return match.group(1) + reference + match.group(0)[len(match.group(1)) + 1 :]

    return _REFERENCE.sub(reference_link, _INLINE.sub(inline_link, text))


def markdown_safe(text: str) -> str:
    """`text` for a Markdown document: reads the same rendered, runs nothing."""
    text = text.replace("<", "\\<")
    return _break_links(text, "]\\(", "\\:")


def plain_safe(text: str) -> str:
    """`text` for a plain-text document (DOCX): the same words, inert if pasted into Markdown
    or HTML, and storable in XML."""
    text = _XML_INVALID.sub("", text)
    text = _TAG_START.sub("<" + ZERO_WIDTH_SPACE, text)
    text = _break_links(text, "]" + ZERO_WIDTH_SPACE + "(", ZERO_WIDTH_SPACE + ":")
    return text
