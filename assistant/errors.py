"""Errors the assistant reports to its callers (kept light: the CLI imports them eagerly)."""

from __future__ import annotations


class QuestionError(ValueError):
    """A question that cannot be asked: empty, too long, or without any words."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"question: {reason}")
        self.reason = reason


class ConfigurationError(ValueError):
    """Settings that cannot work together, e.g. llm mode without a model."""
