from ingest.text_repair import Vocabulary, join_line


def test_line_end_hyphen_follows_the_document_vocabulary():
    vocabulary = Vocabulary(
        ["the organization works system-wide", "an organization of the system-wide kind"]
    )
    assert join_line("a new organiza-", "tion was set up", vocabulary) == (
        "a new organization was set up"
    )
    assert join_line("a system-", "wide evaluation", vocabulary) == "a system-wide evaluation"
    # a word the document never writes either way keeps its hyphen: it is safer to keep
    assert join_line("a decision-", "making body", vocabulary) == "a decision-making body"


def test_letter_spacing_mended_only_into_words_of_the_document():
    vocabulary = Vocabulary(["Secretary-General"] * 3 + ["spending"] * 2 + ["a new plan"] * 3)
    assert vocabulary.mend_spacing("the Secr etary-General said") == "the Secretary-General said"
    assert vocabulary.mend_spacing("total spendin g rose") == "total spending rose"
    assert vocabulary.mend_spacing("a new plan") == "a new plan"  # two known words stay apart


def test_names_are_not_glued_even_when_an_address_writes_them_together():
    vocabulary = Vocabulary(["Contact Richard Chambers at richardchambers@un.org"])
    assert vocabulary.mend_spacing("Richard Chambers") == "Richard Chambers"
    vocabulary = Vocabulary(["Under-Secretary-General"])
    assert vocabulary.mend_spacing("the Secr etary-General") == "the Secretary-General"
