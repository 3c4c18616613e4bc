"""Rules of the reflection: which answers are valid, where Back and Skip lead, and what
a finished reflection adds up to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.content.questions import DECISIONS, QUESTIONS, AnswerKind, Question
from bot.rules.scoring import PartnerScore, score_answers
from storage.reflections import Answer


@dataclass(frozen=True, slots=True)
class ReflectionSummary:
    """What a finished reflection adds up to."""

    score: PartnerScore | None  # None when every scored question was skipped
    decision: str | None
    lesson: str | None


def question_at(position: int) -> Question | None:
    """The question at `position`, or None past the last one (the reflection is done)."""
    return QUESTIONS[position] if 0 <= position < len(QUESTIONS) else None


def accepts(question: Question, value: int) -> bool:
    """Whether a button value is a valid answer (guards old and forged buttons)."""
    return question.kind is not AnswerKind.TEXT and value in question.values


def previous_position(position: int) -> int:
    return max(0, position - 1)


def summarize_reflection(answers: Mapping[str, Answer]) -> ReflectionSummary:
    # A skipped question is present as None: it counts as the middle answer.
    values = {qid: None if a.skipped else a.value for qid, a in answers.items()}
    decision_answer = answers.get("decision")
    decision = (
        DECISIONS[decision_answer.value].value
        if decision_answer and decision_answer.value is not None
        else None
    )
    lesson_answer = answers.get("lesson")
    lesson = lesson_answer.text if lesson_answer and not lesson_answer.skipped else None
    return ReflectionSummary(score_answers(values), decision, lesson)
