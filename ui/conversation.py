"""One browser session's conversation, kept on the server in a `gr.State` and saved in the
user's history (assistant.history) as each answer arrives.

Because the state never leaves the server, exports and feedback can only contain what the
service answered this user, within their audiences.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.citations import Citation
from assistant.condense import Turn
from assistant.models import Answer


@dataclass
class Exchange:
    """A question, the answer it got, and the feedback given on it (if any)."""

    question: str
    answer: Answer
    feedback: str = ""  # "helpful" | "wrong" once recorded
    position: int = -1  # its place in the saved conversation; -1 when history is off
    translatable: bool = False  # a chat model is configured: its quotes may be translated
    translation: str = ""  # the machine translation of its quotes, once asked for

    @classmethod
    def of(cls, question: str, answer: Answer) -> Exchange:
        # Retrieved sources are large and the UI needs only the citations.
        return cls(question, replace(answer, sources=[]))

    @property
    def cited(self) -> list[Citation]:
        """Citations the answer relies on (none for an abstention's closest passages)."""
        return [] if self.answer.abstained else list(self.answer.citations)

    def turn(self) -> Turn:
        """What the service needs of this exchange to condense a follow-up question."""
        symbols = list(dict.fromkeys(c.symbol for c in self.cited))
        return Turn(self.question, self.answer.standalone_query, self.answer.text, symbols)


def history(conversation: list[Exchange]) -> list[Turn]:
    return [exchange.turn() for exchange in conversation]
