"""The assistant service end to end on the seed document, in extractive mode (no LLM)."""

from __future__ import annotations

import re

import pytest

from assistant.condense import Turn, condense_heuristic, is_follow_up
from assistant.errors import QuestionError
from assistant.service import AssistantService
from reformqa.settings import Settings
from store.filters import SearchFilters

# The acceptance questions of issue 3, in Chinese, English and French.
FACTS = [
    ("人居署为联合国可持续发展合作框架的多少优先成果作出了贡献？", "9", "82%"),
    ("What share of Cooperation Framework outcomes did UN-Habitat contribute to?", "9", "82%"),
    (
        "À quelle proportion des résultats prioritaires des plans-cadres de coopération "
        "ONU-Habitat a-t-il contribué ?",
        "9",
        "82%",
    ),
    ("2025 年人居署为哪些国家的合作框架作出了贡献？", "fn6", "巴林"),
    (
        "Which countries' Cooperation Frameworks did UN-Habitat contribute to in 2025?",
        "fn6",
        "卢旺达",
    ),
    (
        "À quels pays appartiennent les plans-cadres de coopération auxquels ONU-Habitat a "
        "contribué en 2025 ?",
        "fn6",
        "乌克兰",
    ),
    ("全球有多少个国家签署了合作框架？", "fn4", "120 多个国家"),
    ("How many countries have signed Cooperation Frameworks?", "fn4", "120"),
    ("Combien de pays ont signé un plan-cadre de coopération ?", "fn4", "120"),
]
UNRELATED = [
    "What is the capital of Australia?",
    "Quelle est la recette de la ratatouille ?",
    "Who won the football world cup in 2022?",
    "2028 年奥运会在哪里举行？",
]


@pytest.mark.parametrize(("question", "label", "fact"), FACTS)
def test_acceptance_facts_cite_the_right_unit(service, question, label, fact):
    answer = service.ask(question)
    assert not answer.abstained, answer.text
    assert fact in answer.text
    assert answer.citations[0].key == ("HSP/EB.2026/12", label)
    assert answer.citations[0].supported is None  # extractive sentences are quoted verbatim


@pytest.mark.parametrize("question", UNRELATED)
def test_unrelated_questions_abstain_with_closest_passages(service, question):
    answer = service.ask(question)
    assert answer.abstained
    first_line = answer.text.splitlines()[0]
    assert first_line in {
        "The indexed documents do not appear to answer this.",
        "Les documents indexés ne semblent pas répondre à cette question.",
        "已索引的文件似乎没有回答这个问题。",
    }
    assert len(answer.citations) == 3
    assert all(c.format(answer.language) in answer.text for c in answer.citations)


def test_answers_are_at_most_three_sentences_and_600_characters(service):
    for question, _, _ in FACTS:
        answer = service.ask(question)
        lines = answer.text.splitlines()
        assert 1 <= len(lines) <= 3
        quoted = [re.sub(r"\s*[（(][^()（）]*[)）]$", "", line) for line in lines]
        assert sum(len(q) for q in quoted) <= 600
        for line in lines:  # every sentence is followed by its citation
            assert re.search(r"[（(]HSP/EB\.2026/12[，,، ][^()（）]+[)）]$", line), line


def test_citations_are_localized_in_the_question_language(service):
    assert (
        "（HSP/EB.2026/12，第 9 段）"
        in service.ask("人居署为合作框架多少优先成果作出了贡献？").text
    )
    assert (
        "(HSP/EB.2026/12, par. 9)"
        in service.ask(
            "À quelle proportion des résultats prioritaires des plans-cadres de coopération "
            "ONU-Habitat a-t-il contribué ?"
        ).text
    )


def test_direct_references_go_straight_to_the_unit(service):
    answer = service.ask("What does paragraph 14 say?")
    assert [c.label for c in answer.citations] == ["14"]
    assert answer.text.startswith("人居署认识到联合国可持续发展合作框架的首要地位")
    footnote = service.ask("脚注 6")
    assert footnote.citations[0].label == "fn6" and "（HSP/EB.2026/12，脚注 6）" in footnote.text
    assert service.ask("HSP/EB.2026/12 para 9").citations[0].label == "9"


def test_answer_json_shape(service):
    data = service.ask("How many countries have signed Cooperation Frameworks?").to_json()
    assert set(data) >= {"answer", "abstained", "citations", "standalone_query", "timings_ms"}
    citation = data["citations"][0]
    assert set(citation) >= {"doc", "para", "lang", "text", "score"}
    assert data["timings_ms"]["total"] > 0 and "retrieve_dense" in data["timings_ms"]


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("?!…", "contains no words"),
        ("x" * 2001, "over the limit"),
    ],
)
def test_empty_or_absurd_questions_are_clear_errors(service, question, reason):
    with pytest.raises(QuestionError, match=reason) as error:
        service.ask(question)
    assert str(error.value).startswith("question: ")


def test_empty_store_says_so(tmp_path, embedder):
    service = AssistantService(Settings(store=tmp_path / "empty"), embedder=embedder)
    try:
        answer = service.ask("What share of outcomes?")
        assert answer.abstained and "reformqa ingest" in answer.text
    finally:
        service.close()


def test_follow_up_heuristic_carries_topic_and_symbol():
    history = [
        Turn(
            "What share of Cooperation Framework outcomes did UN-Habitat contribute to?",
            "What share of Cooperation Framework outcomes did UN-Habitat contribute to?",
            symbols=["HSP/EB.2026/12"],
        )
    ]
    standalone, symbol = condense_heuristic("and what about the regions?", history)
    assert standalone.startswith("and what about the regions?") and "Cooperation" in standalone
    assert symbol == "HSP/EB.2026/12"
    assert condense_heuristic("show me footnote 6", history) == (
        "show me footnote 6",
        "HSP/EB.2026/12",
    )
    assert condense_heuristic("Which countries signed frameworks in 2025?", history)[1] is None
    assert is_follow_up("还有区域呢？") and not is_follow_up(
        "Which regional economic commissions overlap with UN-Habitat's mandate?"
    )


def test_follow_up_in_the_service_uses_history(service):
    first = service.ask(
        "Which countries' Cooperation Frameworks did UN-Habitat contribute to in 2025?"
    )
    history = [
        Turn(
            first.question, first.standalone_query, first.text, [c.symbol for c in first.citations]
        )
    ]
    follow = service.ask("show me footnote 4", history=history)
    assert follow.citations[0].key == ("HSP/EB.2026/12", "fn4")
    regions = service.ask("and in the Arab States?", history=history)
    assert regions.standalone_query.startswith("and in the Arab States?")
    assert any(c.label == "21" for c in regions.citations), regions.text


def test_reference_to_a_paragraph_that_is_not_indexed_abstains(service):
    for question in ("What does paragraph 99 say?", "para 1 of HSP/EB.2030/77", "脚注 12"):
        answer = service.ask(question)
        assert answer.abstained, (question, answer.text)


def test_user_who_may_see_nothing_is_told_nothing_is_indexed(service):
    from store.filters import SearchFilters

    answer = service.ask("What share of outcomes?", filters=SearchFilters(audiences=("board",)))
    assert answer.abstained and "reformqa ingest" in answer.text and not answer.citations


def test_a_named_paragraph_is_quoted_whole_once(service):
    answer = service.ask("What does paragraph 14 say?")
    lines = answer.text.splitlines()
    assert len(lines) == 1 and lines[0].count("(HSP/EB.2026/12, para. 14)") == 1
    assert "2024 年和 2025 年，人居署至少 82% 的国家级活动" in lines[0]
    assert lines[0].index("这种参与会加强") > lines[0].index("人居署认识到")  # the whole paragraph


def test_a_follow_up_does_not_repeat_the_previous_answer(service):
    from assistant.condense import Turn

    first_question = "What share of Cooperation Framework priority outcomes did UN-Habitat support?"
    first = service.ask(first_question)
    turn = Turn(first_question, first.standalone_query, first.text, ["HSP/EB.2026/12"])
    follow_up = service.ask("And in which countries?", [turn])
    assert follow_up.standalone_query.startswith("And in which countries?")
    assert not follow_up.abstained
    first_sentences = {line.rsplit(" (", 1)[0] for line in first.text.splitlines()}
    assert not any(
        line.rsplit(" (", 1)[0] in first_sentences for line in follow_up.text.splitlines()
    )


def test_a_delegate_never_gets_staff_units_though_they_are_the_nearest(settings, embedder):
    """Staff-only units are the 200 nearest neighbours of the question (and its best BM25
    hits): through the service a delegate still gets k public sources, and only those,
    however many candidates the unfiltered search had to fetch."""
    from store.index import DocumentIndex
    from tests.store.audience_store import fill

    question = "How many zebra crossings were repainted?"
    index = DocumentIndex(settings, embedder)
    audiences = fill(index, embedder.encode([question])[0], "zebra crossings repainted")
    svc = AssistantService(settings, index=index, embedder=embedder)
    try:
        delegate = SearchFilters(audiences=("public",))
        answer = svc.ask(question, filters=delegate, k=5, depth=30)
        assert len(answer.sources) == 30
        assert {audiences[source.unit.unit_id] for source in answer.sources} == {"public"}
        assert all(c.symbol.startswith("PUB/") for c in answer.citations)
        staff = svc.ask(question, filters=SearchFilters(audiences=("public", "staff")), k=5)
        assert {audiences[source.unit.unit_id] for source in staff.sources} == {"staff"}
    finally:
        svc.close()
