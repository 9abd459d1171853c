import shutil

from ingest.errors import IngestError
from ingest.parse_pool import parse_files
from ingest.parser import DocumentParser
from tests.conftest import SEED


def _files(tmp_path):
    paths = []
    for index in range(4):
        path = tmp_path / f"copy{index}.zh.md"
        shutil.copy(SEED, path)
        paths.append(path)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 this is not a PDF")
    paths.insert(2, junk)
    return paths


def test_processes_give_the_same_results_in_file_order(tmp_path):
    files = _files(tmp_path)
    ticks = []
    pooled = list(parse_files(DocumentParser(), files, None, 2, lambda: ticks.append(1)))
    alone = list(parse_files(DocumentParser(), files, None, 1, lambda: None))
    assert [path for path, _ in pooled] == files and len(ticks) == len(files)
    for (_, a), (_, b) in zip(pooled, alone, strict=True):
        assert type(a) is type(b)
        if isinstance(a, IngestError):
            assert a.path == str(files[2]) and a.reason == b.reason
            assert "not a readable PDF" in a.reason
        else:
            assert [u.text for u in a.units] == [u.text for u in b.units]
