"""The partner score formula and the numbers behind /stats, without a bot."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.questions import (
    CORE_QUESTIONS,
    DECISIONS,
    DIMENSIONS,
    NOT_APPLICABLE,
    QUESTION_BY_ID,
    QUESTIONS,
    AnswerKind,
    Decision,
    Question,
)
from bot.i18n import I18n
from bot.rules.scoring import Label, label_for, score_answers, weakest_first
from bot.rules.stats import dimension_averages, summarize
from storage.reflections import HistoryItem


def _real(question: Question) -> list[int]:
    """The answers that say how it went (not "does not apply")."""
    return [v for v in question.values if v != NOT_APPLICABLE]


BEST = {q.id: max(q.values) for q in QUESTIONS if q.dimension}
WORST = {q.id: min(_real(q)) for q in QUESTIONS if q.dimension}
OPTIONAL = [q.id for q in QUESTIONS if q.dimension and q.optional]


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


def test_a_skip_counts_as_the_lowest_answer() -> None:
    answers: dict[str, int | None] = dict(BEST)
    answers.update({q: None for q in OPTIONAL})
    answers["request"] = 1  # 0.0 on a weight of 18
    result = score_answers(answers)
    assert result is not None
    # Optional weights 6 + 10 + 6 + 8 + 8 = 38 at zero; others 62 - 18 = 44.
    assert result.value == 44
    assert result.label is Label.CONVEYOR
    assert result.dimensions["measure"] == 0.0
    no = score_answers({**answers, **dict.fromkeys(OPTIONAL, 0)})
    assert no is not None and no.value == result.value


def test_does_not_apply_leaves_the_mean_as_a_question_never_asked() -> None:
    """A spec that already served the goal, and one-off work by nature, cost nothing."""
    answers: dict[str, int | None] = dict(BEST, request=1)
    never_asked = {q: v for q, v in answers.items() if q not in ("challenge", "return")}
    not_applying = dict(answers, challenge=NOT_APPLICABLE, **{"return": NOT_APPLICABLE})
    assert score_answers(not_applying) == score_answers(never_asked)
    assert QUESTION_BY_ID["challenge"].optional  # and skipping it is still "No"


def test_a_question_never_asked_leaves_the_mean() -> None:
    """A reflection from before a question existed is scored on what was asked."""
    older = {qid: value for qid, value in BEST.items() if qid not in ("challenge", "value")}
    older["request"] = 1
    result = score_answers(older)
    assert result is not None
    assert result.value == round(100 * (88 - 18) / 88)


# The three ways the score could be gamed, each with the same self-report otherwise.
FOURS = {q.id: 4 for q in QUESTIONS if q.kind is AnswerKind.SCALE} | {"return": 8}


def test_skipping_the_optional_questions_scores_as_an_honest_no() -> None:
    """With the same core answers, skipping every optional question once lifted a
    Conveyor score to Halfway; now it is the same as answering "No"."""
    answers = dict(FOURS, care=3)
    skipped, partly, no = (
        score_answers({**answers, **dict.fromkeys(OPTIONAL, v)}) for v in (None, 1, 0)
    )
    assert skipped is not None and partly is not None and no is not None
    assert skipped.value == no.value == 45 < partly.value
    assert skipped.label is no.label is Label.CONVEYOR


def test_the_partner_label_needs_every_core_habit_in_the_middle() -> None:
    answers = dict(BEST, request=2)  # the real request barely understood
    result = score_answers(answers)
    assert result is not None
    assert result.value >= 75
    assert result.label is Label.IN_BETWEEN
    assert score_answers(dict(BEST, request=3)).label is Label.PARTNER  # type: ignore[union-attr]


def test_letting_a_client_go_takes_the_come_back_forecast_out() -> None:
    let_go = DECISIONS.index(Decision.LET_GO)
    unlikely = score_answers(dict(BEST, decision=let_go, **{"return": 0}))
    likely = score_answers(dict(BEST, decision=let_go, **{"return": 10}))
    kept = score_answers(dict(BEST, decision=0, **{"return": 0}))
    assert unlikely is not None and likely is not None and kept is not None
    assert unlikely.value == likely.value == 100
    assert "return" not in unlikely.dimensions
    assert kept.value < 100  # keeping a client who won't come back still counts


SCORED = [q for q in QUESTIONS if q.dimension]
LABEL_RANK = {Label.CONVEYOR: 0, Label.IN_BETWEEN: 1, Label.PARTNER: 2}


@st.composite
def reflections(draw: st.DrawFn) -> dict[str, int | None]:
    """Any finished reflection: every scored question answered or (if optional)
    skipped, and a decision."""
    answers: dict[str, int | None] = {}
    for question in SCORED:
        choices = st.sampled_from(question.values)
        answers[question.id] = draw(st.none() | choices if question.optional else choices)
    answers["decision"] = draw(st.sampled_from(QUESTION_BY_ID["decision"].values))
    return answers


@settings(max_examples=400, deadline=None)
@given(reflections(), st.sampled_from(SCORED), st.data())
def test_raising_any_one_answer_never_lowers_the_score(
    answers: dict[str, int | None], question: Question, data: st.DataObject
) -> None:
    current = answers[question.id]
    low = min(_real(question)) if current in (None, NOT_APPLICABLE) else current
    assert low is not None
    higher = data.draw(st.sampled_from([v for v in _real(question) if v >= low]))
    before, after = score_answers(answers), score_answers({**answers, question.id: higher})
    assert after is not None
    if current is None:  # a skip is the lowest answer: compare with that
        lowest = score_answers({**answers, question.id: low})
        assert lowest is not None and before is not None
        assert before.value == lowest.value
    if current == NOT_APPLICABLE:  # not a rating: raise from the lowest instead
        before = score_answers({**answers, question.id: low})
    assert before is not None
    assert after.value >= before.value
    assert LABEL_RANK[after.label] >= LABEL_RANK[before.label]


@settings(max_examples=400, deadline=None)
@given(reflections(), st.sampled_from([q for q in SCORED if q.optional]))
def test_skipping_never_beats_any_answer(
    answers: dict[str, int | None], question: Question
) -> None:
    skipped = score_answers({**answers, question.id: None})
    assert skipped is not None
    for value in _real(question):
        answered = score_answers({**answers, question.id: value})
        assert answered is not None
        assert skipped.value <= answered.value
        assert LABEL_RANK[skipped.label] <= LABEL_RANK[answered.label]


@settings(max_examples=400, deadline=None)
@given(reflections())
def test_the_label_never_exceeds_what_the_core_habits_allow(
    answers: dict[str, int | None],
) -> None:
    result = score_answers(answers)
    assert result is not None
    core_below_middle = any(
        QUESTION_BY_ID[qid].normalise(answers[qid]) < 0.5  # type: ignore[arg-type]
        for qid in CORE_QUESTIONS
    )
    if core_below_middle:
        assert result.label is not Label.PARTNER
    assert result.label is label_for(result.value) or result.label is Label.IN_BETWEEN


def _middle(question: Question) -> int:
    """The middle answer: 3 of 5, partly, 5 of 10."""
    values = sorted(_real(question))
    return values[len(values) // 2]


def test_nothing_scored_gives_no_score() -> None:
    assert score_answers({"decision": 0, "lesson": None}) is None
    assert score_answers({}) is None


def test_label_bands() -> None:
    assert [label_for(s) for s in (0, 49, 50, 74, 75, 100)] == [
        Label.CONVEYOR,
        Label.CONVEYOR,
        Label.IN_BETWEEN,
        Label.IN_BETWEEN,
        Label.PARTNER,
        Label.PARTNER,
    ]


def test_question_set_covers_the_article() -> None:
    ids = {q.id for q in QUESTIONS}
    assert len(QUESTIONS) <= 12  # the reflection stays short
    assert {
        "request",
        "challenge",
        "measure",
        "fit",
        "value",
        "explain",
        "care",
        "trust",
        "impact",
        "return",
        "decision",
        "lesson",
    } == ids
    carried = {idea for q in QUESTIONS for idea in q.ideas}
    assert carried == {f"I{n}" for n in range(1, 14)}  # every idea of the article
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


def test_every_scale_question_says_what_1_3_and_5_look_like() -> None:
    i18n = I18n()
    for language in ("en", "ru"):
        t = i18n.get(language)
        for question in QUESTIONS:
            if question.kind is AnswerKind.SCALE:
                anchors = t(f"anchor-{question.id}")
                found = re.findall(r"(?:^|· )([1-5])[: ]", anchors)
                assert found == ["1", "3", "5"], (language, question.id)


def test_stats_and_tips_see_the_same_weakest_habit_as_the_score() -> None:
    answers: dict[str, int | None] = dict(BEST, request=1, challenge=2, impact=2)
    result = score_answers(answers)
    assert result is not None
    assert weakest_first(dimension_averages([answers]))[0] == result.weakest[0] == "request"
    let_go = dict(BEST, decision=DECISIONS.index(Decision.LET_GO), **{"return": 0})
    assert "return" not in dimension_averages([let_go])
    skipped: dict[str, int | None] = dict(BEST, measure=None)
    assert dimension_averages([skipped])["measure"] == 0.0  # a skip is the lowest answer
