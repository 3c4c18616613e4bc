"""The partner's scoreboard: the freelancer measured by the client's result (I9, I10) and by
whether the client came back (I11), beside the score they gave themselves.

The counting is plain functions over what storage returns, so every rule is tested
without a bot; `ScoreboardService` only reads and hands the rows over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from statistics import fmean

from bot.content.questions import NOT_APPLICABLE, QUESTION_BY_ID, AnswerKind
from bot.reading.numbers import Change, compare, read_metric
from bot.services.feedback import FeedbackOverview, FeedbackService
from bot.services.outcomes import higher_is_better
from storage.reflections import ReflectionStatus
from storage.repositories import Repositories
from storage.scoreboard import NewOrder, ProjectResult
from storage.users import User

# The reflection's "will they come back?" question, answered 0..10.
FORECAST = QUESTION_BY_ID["return"]
assert FORECAST.kind is AnswerKind.ZERO_TEN


class Band(StrEnum):
    LIKELY = "likely"  # 7..10
    MAYBE = "maybe"  # 4..6
    UNLIKELY = "unlikely"  # 0..3


BANDS = (Band.LIKELY, Band.MAYBE, Band.UNLIKELY)


@dataclass(frozen=True, slots=True)
class Results:
    """Projects with a metric, and what their client's number did since."""

    tracked: int  # projects with a metric
    measured: int  # of them, with a number recorded since the project
    improved: int
    same: int
    worse: int
    no_baseline: int  # measured, but there was no number before the project

    @property
    def compared(self) -> int:
        return self.improved + self.same + self.worse

    @property
    def unmeasured(self) -> int:
        return self.tracked - self.measured


@dataclass(frozen=True, slots=True)
class BandTally:
    band: Band
    forecasts: int  # finished reflections whose forecast falls in the band
    came_back: int  # of them, clients who came back after the project


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    """Average self-assessed partner score, rounded, of measured projects."""

    improved: int  # where the client's number got better
    not_improved: int  # where it stayed the same or got worse


@dataclass(frozen=True, slots=True)
class TrustSteps:
    """Early investment in trust (I12): projects begun with a kickoff, steps done."""

    kickoffs: int
    done: int


@dataclass(frozen=True, slots=True)
class Scoreboard:
    results: Results
    forecasts: tuple[BandTally, ...]  # bands with at least one forecast, likely first
    self_assessment: SelfAssessment | None  # None unless both groups have a score
    trust: TrustSteps = TrustSteps(0, 0)
    # The clients' own view beside the freelancer's (None where it is not collected).
    client_view: FeedbackOverview | None = None


def band_of(forecast: int) -> Band:
    if forecast >= 7:
        return Band.LIKELY
    if forecast >= 4:
        return Band.MAYBE
    return Band.UNLIKELY


def is_measured(item: ProjectResult) -> bool:
    """A project with a metric and a number read after it."""
    return bool(item.project.metric) and item.latest_value is not None


def change_of(item: ProjectResult) -> Change | None:
    """How the client's number moved against the baseline; None when it was not measured
    since, or the baseline gives no number to compare with."""
    latest = item.latest_value
    baseline = read_metric(item.project.baseline or "").value
    if not item.project.metric or latest is None or baseline is None:
        return None
    return compare(baseline, latest, higher_is_better=higher_is_better(item.project))


def tally_results(items: Sequence[ProjectResult]) -> Results:
    tracked = [item for item in items if item.project.metric]
    measured = [item for item in tracked if is_measured(item)]
    changes = [change_of(item) for item in measured]
    return Results(
        tracked=len(tracked),
        measured=len(measured),
        improved=changes.count(Change.IMPROVED),
        same=changes.count(Change.SAME),
        worse=changes.count(Change.WORSE),
        no_baseline=changes.count(None),
    )


def came_back(
    item: ProjectResult, items: Sequence[ProjectResult], new_orders: Sequence[NewOrder]
) -> bool:
    """The client had a later project (finished on a later day), or a check-in brought
    a new order after this project was recorded: an order answered before that is the
    one this project came from, or an older one."""
    project = item.project
    later_project = any(
        other.project.client_id == project.client_id
        and other.project.finished_on > project.finished_on
        for other in items
    )
    new_order = any(
        order.client_id == project.client_id and order.answered_at > project.created_at
        for order in new_orders
    )
    return later_project or new_order


def tally_forecasts(
    items: Sequence[ProjectResult], new_orders: Sequence[NewOrder]
) -> tuple[BandTally, ...]:
    forecasts: dict[Band, int] = {}
    returns: dict[Band, int] = {}
    for item in items:
        if item.forecast is None or item.forecast == NOT_APPLICABLE:  # one-off work
            continue
        band = band_of(item.forecast)
        forecasts[band] = forecasts.get(band, 0) + 1
        returns[band] = returns.get(band, 0) + int(came_back(item, items, new_orders))
    return tuple(
        BandTally(band, forecasts[band], returns[band]) for band in BANDS if band in forecasts
    )


def self_assessment(items: Sequence[ProjectResult]) -> SelfAssessment | None:
    improved: list[int] = []
    not_improved: list[int] = []
    for item in items:
        change = change_of(item)
        score = (
            item.project.score if item.project.reflection_status == ReflectionStatus.DONE else None
        )
        if change is None or score is None:
            continue
        (improved if change is Change.IMPROVED else not_improved).append(score)
    if not improved or not not_improved:
        return None
    return SelfAssessment(round(fmean(improved)), round(fmean(not_improved)))


def build_scoreboard(
    items: Sequence[ProjectResult],
    new_orders: Sequence[NewOrder],
    trust: TrustSteps = TrustSteps(0, 0),
) -> Scoreboard:
    return Scoreboard(
        results=tally_results(items),
        forecasts=tally_forecasts(items, new_orders),
        self_assessment=self_assessment(items),
        trust=trust,
    )


class ScoreboardService:
    def __init__(self, repos: Repositories, feedback: FeedbackService | None = None) -> None:
        self._repos = repos
        self._feedback = feedback

    async def scoreboard(self, user: User) -> Scoreboard:
        board = self._repos.scoreboard
        built = build_scoreboard(
            await board.projects(user.id, FORECAST.id),
            await board.new_orders(user.id),
            TrustSteps(*await board.trust_steps(user.id)),
        )
        if self._feedback is None:
            return built
        # Held against the clients' own answers (I8, I11): the same scoreboard, one more row.
        return replace(built, client_view=await self._feedback.overview(user))
