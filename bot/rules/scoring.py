"""The partner score of one reflection.

Each scored answer becomes 0..1 (scale 1-5: (v-1)/4; yes/partly/no: 1/0.5/0; 0-10: v/10).
The score is the weighted mean over the scored questions, times 100, rounded:

    score = round(100 * sum(weight * value) / sum(weight))

Weights (out of 100): the real request 18 and one spec item challenged 6; the number
agreed 10; the solution that fits 14 and the price by the value of the result 6; the
client understood the trade-off 8; no surprises later 8; early trust 8; the client earns
more 14; will come back 8.

Rules that keep the score honest:
- A skipped question counts as its lowest answer (the Skip button says so): no pattern
  of skips scores better than answering, an honest "No" included. A question that was
  never asked (a reflection from before it existed) leaves the mean, and so does the
  explicit "does not apply" of the two questions that may not apply to a project (a spec
  that already served the goal; one-off work by nature).
- When the decision is to let the client go, "will they come back" leaves the score: a
  bad fit let go is what the article recommends (I13), not a loss.
- Labels: 75 and above Partner, 50 to 74 Halfway, below 50 Conveyor; but Partner needs
  each core habit (the real request, the solution that fits, the client's result) at least
  in the middle (3 of 5). Below that the label is at most Halfway, whatever the total.

Raising any one answer never lowers the score or the label (tests/test_scoring.py checks
these rules as properties over all answers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.content.questions import (
    CORE_QUESTIONS,
    DECISIONS,
    NOT_APPLICABLE,
    QUESTION_BY_ID,
    QUESTIONS,
    Decision,
)

PARTNER_FROM = 75
IN_BETWEEN_FROM = 50
MIDDLE = 0.5  # the middle answer of every scored kind, normalised: the core habits' bar
SKIPPED = 0.0  # a skip is the lowest answer, so skipping never scores better than answering
_LET_GO = DECISIONS.index(Decision.LET_GO)
# Each dimension's share of the score: the weights of its questions together.
DIMENSION_WEIGHTS: dict[str, int] = {}
for _question in QUESTIONS:
    if _question.dimension:
        DIMENSION_WEIGHTS[_question.dimension] = (
            DIMENSION_WEIGHTS.get(_question.dimension, 0) + _question.weight
        )


class Label(StrEnum):
    PARTNER = "partner"
    IN_BETWEEN = "in_between"
    CONVEYOR = "conveyor"


@dataclass(frozen=True, slots=True)
class PartnerScore:
    value: int  # 0..100
    label: Label
    dimensions: dict[str, float]  # dimension -> 0..1, asked ones only
    weakest: tuple[str, ...]  # up to two, weakest first


def label_for(score: int) -> Label:
    if score >= PARTNER_FROM:
        return Label.PARTNER
    if score >= IN_BETWEEN_FROM:
        return Label.IN_BETWEEN
    return Label.CONVEYOR


def normalised_answers(values: Mapping[str, int | None]) -> dict[str, float]:
    """Each scored question that was asked and applies, as 0..1; a skip (None) is the
    lowest answer."""
    let_go = values.get("decision") == _LET_GO
    found: dict[str, float] = {}
    for question in QUESTIONS:
        if question.dimension is None or question.id not in values:
            continue
        if let_go and question.id == "return":
            continue
        value = values[question.id]
        if value == NOT_APPLICABLE:
            continue
        found[question.id] = SKIPPED if value is None else question.normalise(value)
    return found


def dimension_scores(values: Mapping[str, int | None]) -> dict[str, float]:
    """Each asked dimension of one reflection as 0..1, by the same rules as the score
    (a skip is the lowest answer; a let-go takes the come-back forecast out)."""
    answers = normalised_answers(values)
    return _by_dimension(answers, {qid: QUESTION_BY_ID[qid].weight for qid in answers})[0]


def strongest(dimensions: Mapping[str, float]) -> str | None:
    """The habit to name first on the result: the best one, when it reaches the middle
    (between equals, the heavier)."""
    if not dimensions:
        return None
    best = max(dimensions, key=lambda d: (dimensions[d], DIMENSION_WEIGHTS[d]))
    return best if dimensions[best] >= MIDDLE else None


def weakest_first(dimensions: Mapping[str, float]) -> list[str]:
    """Weakest first; between equals, the heavier dimension matters more to work on."""
    return sorted(dimensions, key=lambda d: (dimensions[d], -DIMENSION_WEIGHTS[d]))


def score_answers(values: Mapping[str, int | None]) -> PartnerScore | None:
    """Score answers keyed by question id (None = skipped, absent = never asked); None
    when no scored question was answered at all."""
    if all(values.get(q.id) in (None, NOT_APPLICABLE) for q in QUESTIONS if q.dimension):
        return None
    answers = normalised_answers(values)
    weights = {qid: QUESTION_BY_ID[qid].weight for qid in answers}
    score = round(100 * sum(weights[q] * v for q, v in answers.items()) / sum(weights.values()))
    label = label_for(score)
    core_met = all(answers.get(qid, MIDDLE) >= MIDDLE for qid in CORE_QUESTIONS)
    if label is Label.PARTNER and not core_met:
        label = Label.IN_BETWEEN
    dimensions = _by_dimension(answers, weights)[0]
    ranked = weakest_first(dimensions)
    weakest = tuple(d for d in ranked[:2] if dimensions[d] < 1.0)
    return PartnerScore(score, label, dimensions, weakest)


def _by_dimension(
    answers: Mapping[str, float], weights: Mapping[str, int]
) -> tuple[dict[str, float], dict[str, int]]:
    """Each dimension as the weighted mean of its questions, and its total weight."""
    totals: dict[str, float] = {}
    dimension_weights: dict[str, int] = {}
    for qid, value in answers.items():
        dimension = QUESTION_BY_ID[qid].dimension
        assert dimension is not None
        totals[dimension] = totals.get(dimension, 0.0) + weights[qid] * value
        dimension_weights[dimension] = dimension_weights.get(dimension, 0) + weights[qid]
    return (
        {d: totals[d] / dimension_weights[d] for d in totals},
        dimension_weights,
    )
