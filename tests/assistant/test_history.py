"""The history service stores an Answer and gives the same Answer back: every field the chat,
the copy and the export use survives a reload."""

from __future__ import annotations

from assistant.history import HistoryService, answer_from_json, answer_to_json
from reformqa.settings import Settings

QUESTION = "2025 年人居署为哪些国家的合作框架作出了贡献？"


def test_an_answer_survives_the_round_trip(service):
    answer = service.ask(
        "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"
    )
    again = answer_from_json(answer_to_json(answer))
    assert again.text == answer.text and again.citations == answer.citations
    assert again.framing == answer.framing and again.quote_languages == answer.quote_languages
    assert (again.language, again.mode, again.abstained) == (
        answer.language,
        answer.mode,
        answer.abstained,
    )
    assert again.sources == []  # retrieved sources are not kept: the citations hold the text


def test_conversations_are_saved_beside_the_catalog_and_reopened(service, tmp_path):
    settings = Settings(store=tmp_path / "store")
    history = HistoryService.open(settings)
    answer = service.ask(QUESTION)
    conversation = history.start("amina", QUESTION)
    assert history.add("amina", conversation, QUESTION, answer) == 0
    history.close()
    assert (settings.store / "catalog.sqlite3").is_file()
    reopened = HistoryService.open(settings)
    (turn,) = reopened.turns("amina", conversation)
    assert turn.question == QUESTION and turn.answer.citations == answer.citations
    assert reopened.turns("dana", conversation) == []
    assert not reopened.rename("amina", conversation, "   ")  # a blank name is refused
    assert reopened.rename("amina", conversation, "Footnote 6")
    assert reopened.conversations("amina")[0].title == "Footnote 6"
    assert reopened.delete("amina", conversation)
    assert reopened.conversations("amina") == []
    reopened.close()
