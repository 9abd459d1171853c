"""Feedback lines are gold questions (eval.gold reads them) with source "feedback"."""

from __future__ import annotations

import json
import threading

import pytest

from eval.gold import load_gold
from ui.conversation import Exchange
from ui.feedback import FeedbackLog, feedback_record

NINE = "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"


@pytest.fixture(scope="module")
def exchanges(service):
    return {
        "nine": Exchange.of(NINE, service.ask(NINE)),
        "abstain": Exchange.of("Qui a gagné la coupe ?", service.ask("Qui a gagné la coupe ?")),
    }


def test_feedback_lines_load_as_gold_questions(exchanges, tmp_path):
    log = FeedbackLog(tmp_path / "store" / "feedback.jsonl")
    log.record(exchanges["nine"], "helpful", "ignored for helpful", "amina")
    log.record(exchanges["nine"], "wrong", "  82 per cent  ", "li")
    log.record(exchanges["abstain"], "helpful", "", "li")
    lines = [json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines()]
    assert [line["verdict"] for line in lines] == ["helpful", "wrong", "helpful"]
    gold = load_gold(log.path)
    helpful, wrong, abstained = gold
    assert helpful.question == NINE and helpful.lang == "en" and helpful.kind == "feedback"
    assert helpful.answers == () and helpful.answerable
    assert helpful.citations == (("HSP/EB.2026/12", "9"),)
    assert helpful.extra["source"] == "feedback" and helpful.extra["user"] == "amina"
    assert helpful.extra["reviewed"] is False and "82" in helpful.extra["answer"]
    assert wrong.answers == ("82 per cent",) and wrong.citations == () and wrong.answerable
    assert abstained.lang == "fr" and not abstained.answerable and abstained.citations == ()
    assert len({q.id for q in gold}) == 3


def test_unknown_verdicts_are_refused(exchanges):
    with pytest.raises(ValueError):
        feedback_record(exchanges["nine"], "meh", "", "amina")


def test_concurrent_feedback_never_interleaves(exchanges, tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    threads = [
        threading.Thread(target=log.record, args=(exchanges["nine"], "wrong", "x" * 5000, f"u{i}"))
        for i in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    users = sorted(q.extra["user"] for q in load_gold(log.path))
    assert users == sorted(f"u{i}" for i in range(16))
