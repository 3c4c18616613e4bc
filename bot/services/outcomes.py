"""The client's number after the project: asking for it, keeping what the freelancer
typed, and how it moved against the baseline. This is what the article measures a
partner by (I9, I10): the client's business result, not the work delivered."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.reading.numbers import (
    Change,
    MetricReading,
    change_percent,
    compare,
    read_metric,
)
from bot.rules.local_time import local_today
from storage.metrics import MetricReadingRow
from storage.projects import Goal, Project
from storage.repositories import Repositories
from storage.users import User


@dataclass(frozen=True, slots=True)
class MetricProgress:
    project: Project  # a project with a metric
    baseline: MetricReading  # read from the project's baseline text
    latest: MetricReadingRow | None  # None: not measured since the project
    change: Change | None  # None unless both the baseline and the latest have a number
    change_percent: float | None
    has_number: bool = False  # some reading since the project has a number to draw


@dataclass(frozen=True, slots=True)
class MetricHistory:
    """One project's number over time: what its chart shows."""

    progress: MetricProgress
    readings: list[MetricReadingRow]  # oldest first, "don't know" ones included

    @property
    def measured(self) -> list[MetricReadingRow]:
        """The readings with a number: the points of the chart."""
        return [reading for reading in self.readings if reading.value is not None]

    @property
    def without_number(self) -> int:
        return sum(1 for reading in self.readings if reading.value is None)

    @property
    def percent(self) -> bool:
        """Whether the number is a percentage: every reading with a number said so."""
        measured = self.measured
        return bool(measured) and all(reading.percent for reading in measured)


def higher_is_better(project: Project) -> bool:
    """Savings are the one goal whose number should go down (costs, hours, returns)."""
    return project.goal is not Goal.SAVINGS


class OutcomeService:
    def __init__(self, repos: Repositories, clock: Clock) -> None:
        self._repos = repos
        self._clock = clock

    async def project(self, user: User, project_id: int) -> Project | None:
        """The user's own project, if it has a number to follow."""
        project = await self._repos.projects.get(user.id, project_id)
        return project if project is not None and project.metric else None

    async def tracked_project(self, user: User, client_id: int) -> Project | None:
        """The client's latest project that has a number to follow."""
        recent = await self._repos.projects.for_client(user.id, client_id, 20)
        return next((p for p in recent.projects if p.metric), None)

    async def progress(self, user: User, project: Project) -> MetricProgress:
        latest = await self._repos.metrics.latest(user.id, project.id)
        baseline = read_metric(project.baseline or "")
        change = percent = None
        if latest is not None and latest.value is not None and baseline.value is not None:
            change = compare(
                baseline.value, latest.value, higher_is_better=higher_is_better(project)
            )
            percent = change_percent(baseline.value, latest.value)
        has_number = await self._repos.metrics.has_number(user.id, project.id)
        return MetricProgress(project, baseline, latest, change, percent, has_number)

    async def history(self, user: User, project: Project) -> list[MetricReadingRow]:
        """Every reading of the project's number, oldest first."""
        return await self._repos.metrics.for_project(user.id, project.id)

    async def chart(self, user: User, project_id: int) -> MetricHistory | None:
        """The number over time; None when the project is not the user's, has no metric,
        or no reading has a number yet (nothing to draw)."""
        project = await self.project(user, project_id)
        if project is None:
            return None
        readings = await self.history(user, project)
        if all(reading.value is None for reading in readings):
            return None
        return MetricHistory(await self.progress(user, project), readings)

    async def record(self, user: User, project_id: int, text: str) -> MetricProgress | None:
        """Keep the number as typed (and the value read from it); None when the project
        is not the user's or has no metric."""
        project = await self.project(user, project_id)
        if project is None:
            return None
        reading = read_metric(text)
        today = local_today(self._clock.now(), user.timezone)
        saved = await self._repos.metrics.add(
            user.id,
            project.id,
            reading.text,
            reading.value,
            reading.percent,
            today,
            self._clock.now(),
        )
        if saved is None:
            return None
        return await self.progress(user, project)
