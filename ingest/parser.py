"""One file to one ParsedDocument: format dispatch, size and encoding checks, metadata, units.

Every way a file can be unusable ends here as an IngestError naming the file and the reason,
before anything touches the index.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from pathlib import Path

from ingest.blocks import Block
from ingest.errors import IngestError
from ingest.frontmatter import FrontMatterError, split_front_matter
from ingest.header import detect_doc_type, parse_date, parse_header
from ingest.models import DocumentMeta, ParsedDocument
from ingest.readers.docx import DocxProblem, parse_docx
from ingest.readers.html import parse_html
from ingest.readers.markdown import parse_markdown
from ingest.readers.pdf import PdfProblem, parse_pdf
from ingest.segmenter import segment
from ingest.textcodec import UndecodableText, decode_text
from reformqa.languages import UN_LANGUAGES, detect_language

logger = logging.getLogger(__name__)

# Bump when parsing changes, so that unchanged files are re-parsed once with the new rules.
PARSER_VERSION = "1"
SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".pdf", ".docx", ".html", ".htm")


class DocumentParser:
    """Parses supported files into metadata and citable units."""

    def __init__(self, max_file_bytes: int = 50 * 1024 * 1024) -> None:
        self.max_file_bytes = max_file_bytes

    def run(self, path: Path, overrides: Mapping[str, str] | None = None) -> ParsedDocument:
        """Parse one file; `overrides` (e.g. an upload form's audience) beat front matter."""
        name = str(path)
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise IngestError(
                name,
                f"unsupported format '{suffix or path.name}' "
                f"(supported: {', '.join(SUPPORTED_SUFFIXES)})",
            )
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise IngestError(name, f"cannot read file ({exc.strerror})") from exc
        if size == 0:
            raise IngestError(name, "empty file")
        if size > self.max_file_bytes:
            raise IngestError(
                name,
                f"file is {_human(size)}, over the limit of {_human(self.max_file_bytes)} "
                "(setting max_file_mb)",
            )
        data = path.read_bytes()
        content_hash = hashlib.sha256(PARSER_VERSION.encode() + data).hexdigest()
        front, blocks = self._blocks(name, suffix, data)
        front = {**front, **{k: v for k, v in (overrides or {}).items() if v}}
        document = self._document(path, content_hash, front, blocks)
        logger.debug("parsed", extra={"file": name, "units": len(document.units)})
        return document

    def _blocks(self, name: str, suffix: str, data: bytes) -> tuple[dict[str, str], list[Block]]:
        try:
            if suffix == ".pdf":
                return {}, parse_pdf(data)
            if suffix == ".docx":
                return {}, parse_docx(data)
            text = decode_text(data)
            if not text.strip():
                raise IngestError(name, "empty file (only white space)")
            if suffix in (".html", ".htm"):
                return {}, parse_html(text)
            front, body = split_front_matter(text)
            return front, parse_markdown(body, plain=suffix == ".txt")
        except (PdfProblem, DocxProblem, UndecodableText, FrontMatterError) as exc:
            raise IngestError(name, str(exc)) from exc

    def _document(
        self, path: Path, content_hash: str, front: dict[str, str], blocks: list[Block]
    ) -> ParsedDocument:
        meta = DocumentMeta(symbol="")
        segmentation = segment(blocks)
        if not parse_header(segmentation.header_lines, meta):
            segmentation = segment(blocks, has_un_header=False)
        if not segmentation.units:
            raise IngestError(str(path), "no text found to index")
        stem, _, lang_suffix = path.stem.rpartition(".")
        if lang_suffix.lower() not in UN_LANGUAGES:
            stem, lang_suffix = path.stem, ""
        meta.symbol = front.get("symbol") or meta.symbol or stem
        meta.language = (
            front.get("language", "").lower()
            or meta.language
            or lang_suffix.lower()
            or detect_language(" ".join(u.text for u in segmentation.units[:20]))
        )
        meta.title = front.get("title") or meta.title or next(iter(segmentation.headings), "")
        if "date" in front:
            meta.date = parse_date(front["date"]) or front["date"]
        meta.doc_type = front.get("doc_type") or detect_doc_type(
            meta.title, *segmentation.headings[:3]
        )
        meta.audience = front.get("audience", meta.audience).lower()
        meta.agenda_note = segmentation.notes.get("*", "").rstrip("。.")
        meta.extra = {k: v for k, v in front.items() if k not in vars(meta)}
        return ParsedDocument(str(path), content_hash, meta, segmentation.units)


def _human(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.1f} KB"
