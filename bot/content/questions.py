"""The post-project reflection: twelve questions, one per message.

Text of question `q` is `q-<id>` in the locale files; a 1-5 scale question also has
`anchor-<id>`, saying in behaviour what 1, 3 and 5 look like, so "4" means the same on any
day. A weak dimension's advice is headed `advice-<dimension>` and carries one of its tips
(bot/rules/advice.py). Scored questions feed the
partner score (bot/rules/scoring.py); several questions may feed one dimension.
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


# The answer to a question that did not apply to this project ("the spec had nothing that
# worked against the goal", "one-off work by nature"): offered only where a question says
# so, it leaves the mean, as a question never asked does.
NOT_APPLICABLE = -1


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
    # The "does not apply" answer's text key, where the question may not apply at all.
    not_applicable: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        """The answer values its buttons carry."""
        extra = (NOT_APPLICABLE,) if self.not_applicable else ()
        return (
            extra
            + {
                AnswerKind.SCALE: (1, 2, 3, 4, 5),
                AnswerKind.YES_PARTLY_NO: (2, 1, 0),
                AnswerKind.ZERO_TEN: tuple(range(11)),
                AnswerKind.DECISION: (0, 1, 2),
                AnswerKind.TEXT: (),
            }[self.kind]
        )

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
    Question("request", AnswerKind.SCALE, ("I8", "I9"), "request", 18),
    Question(
        "challenge",
        AnswerKind.YES_PARTLY_NO,
        ("I2", "I8"),
        "request",
        6,
        optional=True,
        not_applicable="answer-na-challenge",  # the spec already served the goal
    ),
    Question("measure", AnswerKind.YES_PARTLY_NO, ("I9",), "measure", 10, optional=True),
    Question("fit", AnswerKind.SCALE, ("I5", "I7"), "fit", 14),
    Question("value", AnswerKind.YES_PARTLY_NO, ("I7",), "fit", 6, optional=True),
    Question("explain", AnswerKind.YES_PARTLY_NO, ("I4", "I5"), "explain", 8, optional=True),
    Question("care", AnswerKind.SCALE, ("I3", "I6"), "care", 8),
    Question("trust", AnswerKind.YES_PARTLY_NO, ("I12",), "trust", 8, optional=True),
    Question("impact", AnswerKind.SCALE, ("I10",), "impact", 14),
    Question(
        "return",
        AnswerKind.ZERO_TEN,
        ("I11", "I1"),
        "return",
        8,
        not_applicable="answer-na-return",  # one-off work by nature: a wedding site, an audit
    ),
    Question("decision", AnswerKind.DECISION, ("I13",), None, 0),
    Question("lesson", AnswerKind.TEXT, ("I2", "I7"), None, 0, optional=True),
)
# The habits at the core of the article: the client's real request, the solution that
# fits rather than the pricier one, and the client's result. A Partner label needs each.
CORE_QUESTIONS = ("request", "fit", "impact")
QUESTION_BY_ID = {question.id: question for question in QUESTIONS}
DIMENSIONS = tuple(dict.fromkeys(q.dimension for q in QUESTIONS if q.dimension))
assert sum(q.weight for q in QUESTIONS) == 100
