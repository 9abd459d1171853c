"""YAML front matter: the author's word on metadata, which overrides header detection."""

from __future__ import annotations

import re

import yaml

FRONT_MATTER_KEYS = ("symbol", "language", "title", "date", "doc_type", "audience")
_FENCE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


class FrontMatterError(ValueError):
    """Front matter that is present but not a YAML mapping."""


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (front matter as strings, remaining text); no fence means an empty mapping."""
    match = _FENCE.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML front matter: {exc}") from exc
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values")
    values = {str(k).strip().lower(): str(v).strip() for k, v in data.items() if v is not None}
    return values, text[match.end() :]
