"""The source panel: the cited paragraph highlighted among its neighbours, its metadata, its
other language versions, the viewer's filters applied, and document text always escaped."""

from __future__ import annotations

import re

from assistant.library import LibraryService
from store.filters import SearchFilters
from store.index import DocumentIndex
from tests.conftest import SEED
from tests.ui.documents import FRENCH_9, MARKUP_HTML, MARKUP_TITLE, write
from ui.source_panel import source_html

SYMBOL = "HSP/EB.2026/12"


def test_paragraph_with_neighbours_and_metadata(service):
    library = service.library
    html = source_html(library.source(SYMBOL, "9", "zh", SearchFilters()), "en")
    labels = re.findall(r'<div class="rq-unit(?: rq-cited)?" data-label="([^"]+)"', html)
    assert labels == ["8", "9", "10"]
    cited = re.search(r'<div class="rq-unit rq-cited" data-label="9">(.*?)</div>', html).group(1)
    assert "82%" in cited
    assert '<h3 class="rq-source-heading">(HSP/EB.2026/12, para. 9)</h3>' in html
    for text in (
        '<dd dir="auto">HSP/EB.2026/12</dd>',
        '<dd dir="auto">2026-02-16</dd>',
        '<dd dir="auto">中文</dd>',
        '<dd dir="auto">人居署实施联合国发展系统和管理改革的情况</dd>',
    ):
        assert text in html
    assert "rq-versions" not in html  # the seed store has only the Chinese version
    zh = source_html(library.source(SYMBOL, "fn6", "zh", SearchFilters()), "zh")
    assert "（HSP/EB.2026/12，脚注 6）" in zh and "巴林" in zh


def test_missing_or_filtered_out_paragraphs_are_not_available(service):
    library = service.library
    assert library.source(SYMBOL, "999", "zh", SearchFilters()) is None
    assert "not available" in source_html(None, "en")
    staff_only = SearchFilters(audiences=("staff",))
    hidden = source_html(library.source(SYMBOL, "9", "zh", staff_only), "en")
    assert "not available" in hidden and "82%" not in hidden


def test_other_language_versions_side_by_side(settings, ingest):
    report = ingest([SEED, write(settings.store.parent / "docs", "fr.md", FRENCH_9)])
    assert not report.failed
    index = DocumentIndex(settings)
    try:
        library = LibraryService(index)
        html = source_html(library.source(SYMBOL, "9", "fr", SearchFilters()), "fr")
        assert 'lang="fr" dir="ltr"' in html and "(HSP/EB.2026/12, par. 9)" in html
        versions = re.findall(r'<div class="rq-version" lang="(\w+)"', html)
        assert versions == ["zh"]
        assert "Autres versions linguistiques" in html and "82%" in html
    finally:
        index.close()


def test_document_markup_is_escaped(settings, ingest):
    folder = settings.store.parent / "docs"
    report = ingest([write(folder, "m.html", MARKUP_HTML), write(folder, "t.md", MARKUP_TITLE)])
    assert not report.failed
    index = DocumentIndex(settings)
    try:
        library = LibraryService(index)
        body = source_html(library.source("TEST/XSS/1", "1", "en", SearchFilters()), "en")
        assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in body and "<script" not in body
        assert "&lt;img src=x onerror=&quot;window.__xss=3&quot;&gt;" in body
        title = source_html(library.source("TEST/XSS/2", "1", "en", SearchFilters()), "en")
        assert (
            "<img" not in title and "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in title
        )
    finally:
        index.close()
