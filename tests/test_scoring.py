"""The partner score formula and the numbers behind /stats, without a bot."""

from __future__ import annotations

from datetime import date

from bot.content.questions import DIMENSIONS, QUESTIONS, AnswerKind
from bot.services.scoring import Label, label_for, score_answers
from bot.services.stats import summarize
from storage.reflections import HistoryItem

BEST = {q.id: max(q.values) for q in QUESTIONS if q.dimension}
WORST = {q.id: min(q.values) for q in QUESTIONS if q.dimension}


def test_all_best_is_a_full_partner_score() -> None:
    result = score_answers(BEST)
    assert result is not None
    assert (result.value, result.label, result.weakest) == (100, Label.PARTNER, ())


def test_all_worst_is_conveyor_with_the_heaviest_gaps_first() -> None:
    result = score_answers(WORST)
    assert result is not None
    assert (result.value, result.label) == (0, Label.CONVEYOR)
    # All dimensions are at zero: the two with most weight come first.
    assert result.weakest == ("request", "fit")


def test_skipped_answers_leave_the_mean() -> None:
    answers: dict[str, int | None] = dict(BEST)
    answers.update(measure=None, explain=None, trust=None)  # the optional ones
    answers["request"] = 1  # 0.0 on a weight of 20
    result = score_answers(answers)
    assert result is not None
    # Answered weights: 20 + 15 + 10 + 15 + 10 = 70; earned: 50 -> 71.
    assert result.value == round(100 * 50 / 70) == 71
    assert result.label is Label.IN_BETWEEN
    assert result.weakest == ("request",)
    assert "measure" not in result.dimensions


def test_nothing_scored_gives_no_score() -> None:
    assert score_answers({"decision": 0, "lesson": None}) is None
    assert score_answers({}) is None


def test_label_bands() -> None:
    assert [label_for(s) for s in (0, 49, 50, 74, 75, 100)] == [
        Label.CONVEYOR, Label.CONVEYOR, Label.IN_BETWEEN,
        Label.IN_BETWEEN, Label.PARTNER, Label.PARTNER,
    ]  # fmt: skip


def test_question_set_covers_the_article() -> None:
    ids = {q.id for q in QUESTIONS}
    assert 8 <= len(QUESTIONS) <= 12
    assert {"request", "measure", "fit", "explain", "care", "trust", "impact", "return",
            "decision", "lesson"} <= ids  # fmt: skip
    assert all(q.ideas and all(i.startswith("I") for i in q.ideas) for q in QUESTIONS)
    assert next(q for q in QUESTIONS if q.id == "return").kind is AnswerKind.ZERO_TEN
    assert len(DIMENSIONS) == 8


def _item(score: int, n: int) -> HistoryItem:
    return HistoryItem(n, n, f"P{n}", 1, "C", date(2026, 11, n), score, None)


def test_stats_summary() -> None:
    weak_measure = dict(BEST, measure=0)
    summary = summarize([_item(40, 1), _item(90, 2)], [BEST, weak_measure], repeat=(1, 3))
    assert summary is not None
    assert (summary.reflections, summary.average, summary.latest) == (2, 65, 90)
    assert summary.weakest == "measure"
    assert summary.repeat_rate == 33
    assert summarize([], [], (0, 0)) is None
