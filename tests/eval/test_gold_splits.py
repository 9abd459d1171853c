"""The gold files' splits: frozen test questions, follow-ups beside their question, and no
document whose questions are partly tuned on in the document-split files."""

import json

import pytest

from eval.gold import load_gold
from eval.gold_splits import GOLD_DIR, fingerprint_of_test_split, recorded_fingerprints

GOLD_FILES = sorted(path.name for path in GOLD_DIR.glob("*.jsonl"))
SPLIT_BY_DOCUMENT = ("collection.jsonl", "real-docs.jsonl")


def test_every_question_file_is_fingerprinted():
    question_files = [n for n in GOLD_FILES if n != "question-languages.jsonl"]
    assert sorted(recorded_fingerprints()) == question_files


@pytest.mark.parametrize("name", sorted(recorded_fingerprints()))
def test_the_test_split_is_frozen(name):
    assert fingerprint_of_test_split(GOLD_DIR / name) == recorded_fingerprints()[name], (
        f"the test questions of {name} changed: the test split is frozen (eval/gold/README.md)"
    )


@pytest.mark.parametrize("name", sorted(recorded_fingerprints()))
def test_follow_ups_share_their_question_split(name):
    questions = {q.id: q for q in load_gold(GOLD_DIR / name)}
    for question in questions.values():
        if question.kind == "followup":
            assert questions[question.extra["pair"]].split == question.split, question.id


@pytest.mark.parametrize("name", SPLIT_BY_DOCUMENT)
def test_a_test_document_has_no_tune_questions(name):
    """Documents are split whole: the test split measures documents never tuned on."""
    test_docs, tune_docs = set(), set()
    for line in (GOLD_DIR / name).read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        docs = {c["doc"] for c in data["citations"]}
        (test_docs if data["split"] == "test" else tune_docs).update(docs)
    assert not test_docs & tune_docs - _compared_across(name)


def _compared_across(name: str) -> set[str]:
    """Tune documents a test question compares with a test document (it goes to test)."""
    shared = set()
    for line in (GOLD_DIR / name).read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        if data["split"] == "test" and len(data["citations"]) > 1:
            shared.update(c["doc"] for c in data["citations"])
    return shared
