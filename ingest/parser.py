"""One file to one ParsedDocument: format dispatch, size and encoding checks, metadata, units.

Every way a file can be unusable ends here as an IngestError naming the file and the reason,
before anything touches the index.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from pathlib import Path

from ingest.blocks import Reading
from ingest.cover import Cover
from ingest.errors import IngestError
from ingest.frontmatter import FrontMatterError, split_front_matter
from ingest.header import detect_doc_type, parse_date, parse_header
from ingest.limits import ReaderLimits
from ingest.models import DocumentMeta, ParsedDocument
from ingest.readers.docx import DocxProblem, parse_docx
from ingest.readers.html import parse_html
from ingest.readers.markdown import parse_markdown
from ingest.readers.pdf import PdfProblem, parse_pdf
from ingest.segmenter import segment
from ingest.textcodec import UndecodableText, decode_text
from reformqa.languages import UN_LANGUAGES, detect_language
from reformqa.symbols import symbol_from_file_stem

logger = logging.getLogger(__name__)

# Bump when parsing changes, so that unchanged files are re-parsed once with the new rules.
PARSER_VERSION = "3"
SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".pdf", ".docx", ".html", ".htm")


class DocumentParser:
    """Parses supported files into metadata and citable units."""

    def __init__(self, limits: ReaderLimits | None = None) -> None:
        self.limits = limits or ReaderLimits()

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
        if path.is_symlink() and not path.exists():
            raise IngestError(
                name, f"broken link (it points to {path.readlink()}, which is missing)"
            )
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise IngestError(name, f"cannot read file ({exc.strerror})") from exc
        if size == 0:
            raise IngestError(name, "empty file")
        if size > self.limits.max_file_bytes:
            raise IngestError(
                name,
                f"file is {_human(size)}, over the limit of {_human(self.limits.max_file_bytes)} "
                "(setting max_file_mb)",
            )
        data = path.read_bytes()
        content_hash = hashlib.sha256(PARSER_VERSION.encode() + data).hexdigest()
        reading = self._read(name, suffix, data)
        front = {**reading.front, **{k: v for k, v in (overrides or {}).items() if v}}
        document = self._document(path, content_hash, front, reading)
        logger.debug("parsed", extra={"file": name, "units": len(document.units)})
        return document

    def _read(self, name: str, suffix: str, data: bytes) -> Reading:
        try:
            if suffix == ".pdf":
                return parse_pdf(data, self.limits.max_pdf_pages)
            if suffix == ".docx":
                return parse_docx(data, self.limits)
            text = decode_text(data)
            if not text.strip():
                raise IngestError(name, "empty file (only white space)")
            if suffix in (".html", ".htm"):
                return Reading(parse_html(text))
            front, body = split_front_matter(text)
            return Reading(parse_markdown(body, plain=suffix == ".txt"), front=front)
        except (PdfProblem, DocxProblem, UndecodableText, FrontMatterError) as exc:
            raise IngestError(name, str(exc)) from exc

    def _document(
        self, path: Path, content_hash: str, front: dict[str, str], reading: Reading
    ) -> ParsedDocument:
        meta = DocumentMeta(symbol="")
        cover = reading.cover
        cap = self.limits.max_unit_chars
        if cover is not None and cover.found:
            segmentation = segment(reading.blocks, header_read=True, max_unit_chars=cap)
            _apply_cover(cover, meta)
        else:
            segmentation = segment(reading.blocks, max_unit_chars=cap)
            if not parse_header(segmentation.header_lines, meta):
                segmentation = segment(reading.blocks, has_un_header=False, max_unit_chars=cap)
        if not segmentation.units:
            raise IngestError(str(path), "no text found to index")
        if len(segmentation.units) > self.limits.max_document_units:
            raise IngestError(
                str(path),
                f"{len(segmentation.units):,} units, over the limit of "
                f"{self.limits.max_document_units:,} (setting max_document_units)",
            )
        meta.warnings.extend(segmentation.warnings)
        stem, _, lang_suffix = path.stem.rpartition(".")
        if lang_suffix.lower() not in UN_LANGUAGES:
            stem, lang_suffix = path.stem, ""
        if front.get("symbol"):
            meta.symbol, meta.symbol_source = front["symbol"], "front matter"
            meta.symbols = [meta.symbol, *[s for s in meta.symbols if s != meta.symbol]]
        elif meta.symbol:
            meta.symbol_source = meta.symbol_source or "cover"
        else:
            meta.symbol = symbol_from_file_stem(stem) or stem
            meta.symbol_source = "file name"
            meta.warnings.append(
                f"symbol not printed in the document; '{meta.symbol}' comes from the file name"
            )
        meta.symbols = meta.symbols or [meta.symbol]
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
            meta.title, meta.subtitle, *segmentation.headings[:3]
        )
        meta.audience = front.get("audience", meta.audience).lower()
        meta.agenda_note = segmentation.notes.get("*", "").rstrip("。.")
        meta.extra = {k: v for k, v in front.items() if k not in vars(meta)}
        meta.warnings.extend(reading.warnings)
        return ParsedDocument(str(path), content_hash, meta, segmentation.units)


def _apply_cover(cover: Cover, meta: DocumentMeta) -> None:
    meta.symbols = list(cover.symbols)
    meta.symbol = cover.symbols[0] if cover.symbols else ""
    meta.symbol_source = "cover" if cover.symbols else ""
    meta.body = cover.body
    meta.distribution = cover.distribution
    meta.date = cover.date
    meta.language = cover.language
    meta.original_language = cover.original_language
    meta.session = cover.session
    meta.agenda_item = cover.agenda_item
    meta.title = cover.title
    meta.subtitle = cover.subtitle


def _human(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.1f} KB"
