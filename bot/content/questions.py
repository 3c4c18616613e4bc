"""The post-project reflection: ten questions, one per message.

Text of question `q` is `q-<id>` in the locale files; advice for a weak dimension is
`advice-<dimension>`. Scored questions feed the partner score (bot/services/scoring.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AnswerKind(StrEnum):
    SCALE = "scale"  # 1..5
    YES_PARTLY_NO = "ypn"  # 2 = yes, 1 = partly, 0 = no
    ZERO_TEN = "0-10"
    DECISION = "decision"  # keep / renegotiate / let go
    TEXT = "text"


class Decision(StrEnum):
    KEEP = "keep"
    RENEGOTIATE = "renegotiate"
    LET_GO = "let_go"


DECISIONS = (Decision.KEEP, Decision.RENEGOTIATE, Decision.LET_GO)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: AnswerKind
    ideas: tuple[str, ...]
    dimension: str | None  # the partner-score dimension it measures, if scored
    weight: int  # share of the score, out of 100
    optional: bool = False

    @property
    def values(self) -> tuple[int, ...]:
        """The answer values its buttons carry."""
        return {
            AnswerKind.SCALE: (1, 2, 3, 4, 5),
            AnswerKind.YES_PARTLY_NO: (2, 1, 0),
            AnswerKind.ZERO_TEN: tuple(range(11)),
            AnswerKind.DECISION: (0, 1, 2),
            AnswerKind.TEXT: (),
        }[self.kind]

    def normalise(self, value: int) -> float:
        """0.0 (conveyor) .. 1.0 (partner)."""
        if self.kind is AnswerKind.SCALE:
            return (value - 1) / 4
        if self.kind is AnswerKind.YES_PARTLY_NO:
            return value / 2
        if self.kind is AnswerKind.ZERO_TEN:
            return value / 10
        raise ValueError(f"question {self.id} is not scored")


QUESTIONS: tuple[Question, ...] = (
    Question("request", AnswerKind.SCALE, ("I8", "I9"), "request", 20),
    Question("measure", AnswerKind.YES_PARTLY_NO, ("I9",), "measure", 10, optional=True),
    Question("fit", AnswerKind.SCALE, ("I5", "I7"), "fit", 15),
    Question("explain", AnswerKind.YES_PARTLY_NO, ("I4",), "explain", 10, optional=True),
    Question("care", AnswerKind.SCALE, ("I3", "I6"), "care", 10),
    Question("trust", AnswerKind.YES_PARTLY_NO, ("I12",), "trust", 10, optional=True),
    Question("impact", AnswerKind.SCALE, ("I10",), "impact", 15),
    Question("return", AnswerKind.ZERO_TEN, ("I11", "I1"), "return", 10),
    Question("decision", AnswerKind.DECISION, ("I13",), None, 0),
    Question("lesson", AnswerKind.TEXT, ("I2", "I7"), None, 0, optional=True),
)
QUESTION_BY_ID = {question.id: question for question in QUESTIONS}
DIMENSIONS = tuple(q.dimension for q in QUESTIONS if q.dimension)
assert sum(q.weight for q in QUESTIONS) == 100
