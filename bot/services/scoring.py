"""The partner score of one reflection.

Each scored answer becomes 0..1 (scale 1-5: (v-1)/4; yes/partly/no: 1/0.5/0; 0-10: v/10).
The score is the weighted mean of the answered questions, times 100, rounded:

    score = round(100 * sum(weight * value) / sum(weight of answered questions))

Weights (out of 100): real request 20, fit over upsell 15, client earns more 15,
measurement 10, explained quality 10, care 10, early trust 10, will come back 10.
Skipped questions leave the mean (they neither help nor hurt). Labels: 75 and above
Partner, 50 to 74 In between, below 50 Conveyor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.content.questions import QUESTIONS

PARTNER_FROM = 75
IN_BETWEEN_FROM = 50


class Label(StrEnum):
    PARTNER = "partner"
    IN_BETWEEN = "in_between"
    CONVEYOR = "conveyor"


@dataclass(frozen=True, slots=True)
class PartnerScore:
    value: int  # 0..100
    label: Label
    dimensions: dict[str, float]  # dimension -> 0..1, answered ones only
    weakest: tuple[str, ...]  # up to two, weakest first


def label_for(score: int) -> Label:
    if score >= PARTNER_FROM:
        return Label.PARTNER
    if score >= IN_BETWEEN_FROM:
        return Label.IN_BETWEEN
    return Label.CONVEYOR


def score_answers(values: Mapping[str, int | None]) -> PartnerScore | None:
    """Score answers keyed by question id (None = skipped); None if nothing was scored."""
    dimensions: dict[str, float] = {}
    weights: dict[str, int] = {}
    for question in QUESTIONS:
        value = values.get(question.id)
        if question.dimension is None or value is None:
            continue
        dimensions[question.dimension] = question.normalise(value)
        weights[question.dimension] = question.weight
    if not dimensions:
        return None
    total = sum(weights.values())
    score = round(100 * sum(weights[d] * v for d, v in dimensions.items()) / total)
    # Weakest first; between equals, the heavier dimension matters more to work on.
    ranked = sorted(dimensions, key=lambda d: (dimensions[d], -weights[d]))
    weakest = tuple(d for d in ranked[:2] if dimensions[d] < 1.0)
    return PartnerScore(score, label_for(score), dimensions, weakest)
