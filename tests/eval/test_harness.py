"""The harness on a tiny corpus with known answers: a perfect answerer scores 1.0, an
always-abstaining one 0 accuracy and 1.0 unanswerable_abstained; the real assistant runs end
to end through `reformqa eval`, and the threshold check fails when it should."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assistant.citations import Citation
from assistant.models import Answer, Source
from eval.gold import load_gold
from eval.report import build_report, check_thresholds
from eval.runner import EvalRunner
from store.queries import StoredUnit

REFORMQA = str(Path(sys.executable).parent / "reformqa")
GOLD_LINES = [
    {
        "id": "t-1",
        "question": "How many regional offices does the agency have?",
        "lang": "en",
        "answers": ["four regional offices"],
        "answerable": True,
        "citations": [{"doc": "TST/2026/1", "para": "1"}],
        "kind": "number",
    },
    {
        "id": "t-2",
        "question": "Which city hosts the agency headquarters?",
        "lang": "en",
        "answers": ["Nairobi"],
        "answerable": True,
        "citations": [{"doc": "TST/2026/1", "para": "2"}],
        "kind": "fact",
    },
    {
        "id": "t-3",
        "question": "总部设在哪个城市？",
        "lang": "zh",
        "answers": ["内罗毕"],
        "answerable": True,
        "citations": [{"doc": "TST/2026/1", "para": "fn1"}],
        "kind": "footnote",
    },
    {
        "id": "t-4",
        "question": "Who won the 1998 football world cup?",
        "lang": "en",
        "answers": [],
        "answerable": False,
        "citations": [],
        "kind": "unanswerable",
    },
]
DOCUMENT = """---
symbol: TST/2026/1
language: en
title: Test note
date: 2026-01-05
---
## I. Offices

1. The agency runs four regional offices, in Africa, Asia, Europe and the Americas.

2. Its headquarters are in Nairobi, where the Executive Board meets twice a year.<sup>1</sup>

---

<sup>1</sup> 总部设在内罗毕。
"""


def write_gold(path: Path) -> Path:
    path.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in GOLD_LINES), encoding="utf-8"
    )
    return path


def unit(label: str, text: str) -> StoredUnit:
    return StoredUnit(
        f"TST/2026/1|en#1#{label}",
        "TST/2026/1|en",
        "TST/2026/1",
        "en",
        label,
        "para",
        "",
        None,
        1,
        (),
        text,
        "Test note",
        "2026-01-05",
        "note",
        "public",
    )


def _english(symbol: str, label: str) -> list[str]:
    """The scripted documents exist in English only."""
    return ["en"]


class ScriptedService:
    """An answerer whose answers are scripted: perfect, or always abstaining."""

    def __init__(self, perfect: bool, questions) -> None:
        self.perfect = perfect
        self.by_question = {q.question: q for q in questions}
        self.histories: dict[str, list] = {}

    def ask(self, question: str, history=(), mode=None, k=None, depth=0) -> Answer:
        self.histories[question] = list(history)
        gold = self.by_question[question]
        decoy = Source(unit("99", "unrelated"), 0.1)
        if not self.perfect or not gold.answerable:
            return Answer(
                question,
                "The indexed documents do not appear to answer this.",
                True,
                [decoy.citation()],
                question,
                gold.lang,
                "scripted",
                {"total": 5.0},
                sources=[decoy],
                evidence=0.1 if self.perfect else None,
            )
        sources = [Source(unit(label, gold.answers[0]), 1.0) for _, label in gold.citations]
        citations = [
            Citation(symbol, label, "en", gold.answers[0]) for symbol, label in gold.citations
        ]
        text = f"{gold.answers[0]} {citations[0].format('en')}"
        return Answer(
            question,
            text,
            False,
            citations,
            question,
            gold.lang,
            "scripted",
            {"total": 5.0, "answer": 1.0},
            sources=sources + [decoy],
            evidence=0.9,
        )


def test_perfect_answerer_scores_one(tmp_path):
    questions = load_gold(write_gold(tmp_path / "gold.jsonl"))
    scores = EvalRunner(
        ScriptedService(True, questions), progress=False, document_languages=_english
    ).run(questions)
    report = build_report(scores, {"name": "perfect"})
    for key in ("recall@1", "recall@3", "recall@5", "recall@10", "mrr"):
        assert report["retrieval"][key] == 1.0
    assert report["answer"]["accuracy"] == 1.0 and report["answer"]["f1"] == 1.0
    assert report["citation"] == {"precision": 1.0, "recall": 1.0}
    assert report["abstention"] == {
        "unanswerable_abstained": 1.0,
        "answerable_abstained": 0.0,
        "balanced_accuracy": 1.0,
        "auroc": 1.0,  # its evidence ranks every answerable question above the unanswerable
    }
    assert report["by_lang"]["zh"]["answer"]["accuracy"] == 1.0


def test_always_abstaining_answerer_scores_zero_accuracy(tmp_path):
    questions = load_gold(write_gold(tmp_path / "gold.jsonl"))
    scores = EvalRunner(
        ScriptedService(False, questions), progress=False, document_languages=_english
    ).run(questions)
    report = build_report(scores, {"name": "abstainer"})
    assert report["answer"]["accuracy"] == 0.0
    assert report["abstention"] == {
        "unanswerable_abstained": 1.0,
        "answerable_abstained": 1.0,
        "balanced_accuracy": 0.5,
        "auroc": None,  # it gives no evidence to rank by
    }
    assert report["citation"]["recall"] == 0.0
    assert report["retrieval"]["recall@10"] == 0.0


def test_reformqa_eval_end_to_end_with_compare_and_check(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "test-note.en.md").write_text(DOCUMENT, encoding="utf-8")
    gold = write_gold(tmp_path / "gold.jsonl")
    strict = tmp_path / "strict.toml"
    strict.write_text('[min]\n"answer.accuracy" = 1.01\n[max]\n"latency_ms.p95" = 100000\n')
    out = tmp_path / "out"
    result = subprocess.run(
        [
            REFORMQA,
            "eval",
            "--gold",
            str(gold),
            "--corpus",
            str(corpus),
            "--out",
            str(out),
            "--compare",
            "k1=k=1",
            "--check",
            str(strict),
            "--no-progress",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "BELOW THRESHOLD answer.accuracy" in result.stdout
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["n"] == 4
    for block in ("retrieval", "answer", "citation", "abstention", "latency_ms"):
        assert block in report and block in report["by_lang"]["en"]
    assert set(report["retrieval"]) >= {"recall@1", "recall@3", "recall@5", "recall@10", "mrr"}
    assert report["retrieval"]["recall@3"] == 1.0  # three units: every gold unit is found
    assert report["config"]["corpus"] == str(corpus) and report["intervals_95"]
    for name in (
        "report.md",
        "per_language.png",
        "latency.png",
        "compare.md",
        "compare.png",
        "k1/report.json",
    ):
        assert (out / name).exists(), name
    assert not (tmp_path / ".reformqa").exists()  # --corpus leaves the user's store alone
    assert check_thresholds(report, strict) == [
        f"answer.accuracy = {report['answer']['accuracy']} is below the threshold 1.01"
    ]


def test_a_follow_up_is_asked_after_the_question_it_follows(tmp_path):
    path = tmp_path / "gold.jsonl"
    rows = [
        {"id": "q1", "question": "How many requests in 2024?", "lang": "en", "answers": ["858"],
         "citations": [{"doc": "DP/2025/11", "para": "4"}], "kind": "number"},
        {"id": "q2", "question": "And in 2023?", "lang": "en", "answers": ["700"],
         "citations": [{"doc": "DP/2025/11", "para": "5"}], "kind": "followup", "pair": "q1"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    questions = load_gold(path)
    service = ScriptedService(True, questions)
    EvalRunner(service, progress=False, document_languages=_english).run(questions)
    assert service.histories["How many requests in 2024?"] == []
    (turn,) = service.histories["And in 2023?"]
    assert turn.question == "How many requests in 2024?" and turn.answer.startswith("858")
