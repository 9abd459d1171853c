"""Direct references into real UN documents, asked through the service as a user would.

Thirteen documents from ../shared/real-docs/ are ingested once into a temporary store; each
question names a unit by its printed number (paragraph, section paragraph, annex paragraph,
footnote, recommendation) and the document by its printed symbol, and must be answered from
that unit, cited with the real symbol.
"""

from pathlib import Path

import pytest

from ingest.factory import open_pipeline
from reformqa.settings import Settings

# ingesting the thirteen documents takes ~12 s: the full suite runs it, `make test-fast` not
pytestmark = pytest.mark.slow
REAL_DOCS = Path(__file__).resolve().parents[3] / "shared" / "real-docs"

if not REAL_DOCS.is_dir():
    pytest.skip(f"real UN documents not found at {REAL_DOCS}", allow_module_level=True)

QUESTIONS = [
    ("What does paragraph 29A.12 of A/81/6 (Sect. 29A) say?", "A/81/6 (Sect. 29A)", "29A.12"),
    ("paragraph 12 of DP/2025/11", "DP/2025/11", "12"),
    ("Show me annex I, para. 3 of CEB/2025/4", "CEB/2025/4", "annex I.3"),
    ("footnote 14 of DP/OPS/2025/4", "DP/OPS/2025/4", "fn14"),
    ("recommendation 4 of JIU/REP/2025/2", "JIU/REP/2025/2", "rec4"),
    ("Que dit le paragraphe 40 de E/2025/57 ?", "E/2025/57", "40"),
    ("UNW/2025/2 para 99", "UNW/2025/2", "99"),
    ("What does paragraph 21 of E/ICEF/2025/11 say?", "E/ICEF/2025/11", "21"),
    ("paragraph 44 of A/80/604/Add.1", "A/80/604/Add.1", "44"),
]


@pytest.fixture(scope="module")
def real_service(tmp_path_factory, embedder):
    from assistant.service import AssistantService

    settings = Settings(store=tmp_path_factory.mktemp("real") / "store")
    with open_pipeline(settings, embedder) as pipeline:
        report = pipeline.run([REAL_DOCS])
    assert not report.failed and len(report.added) == 13
    service = AssistantService(settings, embedder=embedder)
    yield service
    service.close()


@pytest.mark.parametrize(("question", "symbol", "label"), QUESTIONS)
def test_direct_reference_returns_that_unit(real_service, question, symbol, label):
    answer = real_service.ask(question)
    assert [(c.symbol, c.label) for c in answer.citations] == [(symbol, label)]
    assert not answer.abstained


def test_citations_print_the_real_symbol(real_service):
    answer = real_service.ask("annex I, para. 3 of CEB/2025/4")
    assert "(CEB/2025/4, annex I, para. 3)" in answer.text
    symbols = {
        row[0] for row in real_service.index.catalog.db.execute("SELECT symbol FROM documents")
    }
    assert "A/79/716" in symbols and "A/81/6 (Sect. 29A)" in symbols
    assert not any("-" in symbol.split("/")[0] for symbol in symbols)
