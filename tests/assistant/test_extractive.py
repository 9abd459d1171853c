from assistant.extractive import join_sentences, shorten


def test_shorten_never_cuts_inside_a_number_or_word():
    text = "UN-Habitat contributed to at least 82 per cent of 1,234,567 outcomes in 2025."
    for limit in range(20, len(text)):
        cut = shorten(text, limit)
        assert len(cut) <= limit and cut.endswith("…")
        kept = cut[:-1]
        assert text.startswith(kept) and (text[len(kept)] == " " or kept.endswith((",", ";")))
    assert shorten("至少 82% 的国家级活动", 8) == "至少 82%…"


def test_sentences_of_one_paragraph_joined_by_script():
    assert join_sentences(["First.", "Second."]) == "First. Second."
    assert join_sentences(["第一句。", "第二句。"]) == "第一句。第二句。"


def test_answers_read_sentence_vectors_instead_of_encoding(service, embedder):
    """The seed store was ingested with sentence vectors: an answer encodes the question
    once (shared with retrieval) and no sentence; without the vectors (a store indexed
    before they existed) the same answer comes from encoding them."""
    from assistant.extractive import ExtractiveAnswerer
    from store.filters import SearchFilters

    question = "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"
    before = embedder.texts
    answer = service.ask(question)
    assert embedder.texts - before == 1 and not answer.abstained
    retrieval = service.retriever.run(question, SearchFilters(), k=5)
    reading = service.extractive.run(question, retrieval, "en")
    before = embedder.texts
    encoding = ExtractiveAnswerer(embedder, service.extractive.threshold).run(
        question, retrieval, "en"
    )
    assert embedder.texts - before > 10  # the top sources' sentences, encoded now
    assert reading.text == encoding.text and abs(reading.evidence - encoding.evidence) < 1e-5
