"""The numbers behind /stats: averages, the strongest and weakest habit, repeat clients."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from bot.rules.scoring import dimension_scores, weakest_first
from storage.reflections import HistoryItem


@dataclass(frozen=True, slots=True)
class StatsSummary:
    reflections: int
    average: int
    latest: int
    strongest: str | None
    weakest: str | None
    repeat_clients: int
    clients_with_projects: int

    @property
    def repeat_rate(self) -> int:
        """Percent of clients with a project who came back for another."""
        if not self.clients_with_projects:
            return 0
        return round(100 * self.repeat_clients / self.clients_with_projects)


def dimension_averages(answer_sets: Sequence[Mapping[str, int | None]]) -> dict[str, float]:
    """Mean 0..1 per dimension across reflections, each reflection's dimensions taken as
    its score takes them (so /stats, tips and the result agree on the weakest habit)."""
    collected: dict[str, list[float]] = {}
    for answers in answer_sets:
        for dimension, value in dimension_scores(answers).items():
            collected.setdefault(dimension, []).append(value)
    return {dimension: fmean(values) for dimension, values in collected.items()}


def summarize(
    scored: Sequence[HistoryItem],
    answer_sets: Sequence[Mapping[str, int | None]],
    repeat: tuple[int, int],
) -> StatsSummary | None:
    """None when there is no scored reflection yet."""
    scores = [item.score for item in scored if item.score is not None]
    if not scores:
        return None
    averages = dimension_averages(answer_sets)
    ranked = weakest_first(averages)
    return StatsSummary(
        reflections=len(scores),
        average=round(fmean(scores)),
        latest=scores[-1],
        strongest=ranked[-1] if ranked else None,
        weakest=ranked[0] if len(ranked) > 1 else None,
        repeat_clients=repeat[0],
        clients_with_projects=repeat[1],
    )
