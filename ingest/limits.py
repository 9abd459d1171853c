"""The limits a reader applies while parsing, from the settings (each names its setting).

A file under the size limit can still be too much to parse: a DOCX is a zip whose
document.xml may inflate a thousandfold, a text file may hold a hundred thousand paragraphs
that would take minutes to embed. Each limit fails the file with a message naming the
setting that allows more, before the work is done.
"""

from __future__ import annotations

from dataclasses import dataclass

from reformqa.settings import Settings


@dataclass(frozen=True)
class ReaderLimits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_zip_entries: int = 5000
    max_pdf_pages: int = 2000
    max_unit_chars: int = 8000
    max_document_units: int = 20000

    @classmethod
    def from_settings(cls, settings: Settings) -> ReaderLimits:
        return cls(
            max_file_bytes=settings.max_file_bytes,
            max_unpacked_bytes=int(settings.max_unpacked_mb * 1024 * 1024),
            max_zip_entries=settings.max_zip_entries,
            max_pdf_pages=settings.max_pdf_pages,
            max_unit_chars=settings.max_unit_chars,
            max_document_units=settings.max_document_units,
        )
