"""Errors ingestion reports per file; one bad file never stops a batch."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be ingested, with the reason in words a user can act on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
