"""Recording a finished project: the client (new or existing), the project, and the
contact it was, written together or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum, auto

from bot.clock import Clock
from bot.reading.dates import NotAPastDay, read_past_day
from bot.services.calendar import PersonalCalendar
from bot.services.checkins import CheckinService, ContactSource
from bot.services.clients import chosen_or_new, recent_clients
from bot.services.reflections import ReflectionService
from storage.clients import Client
from storage.kickoffs import Kickoff
from storage.projects import Goal, NewProject, Project
from storage.reflections import Reflection
from storage.repositories import Repositories
from storage.users import User


@dataclass(frozen=True, slots=True)
class ProjectDraft:
    """What the /done form collected. Either `client_id` (an existing client) or
    `new_client` (a name: the client is created with the project)."""

    client_id: int | None
    new_client: str | None
    title: str
    goal: Goal
    goal_note: str | None
    metric: str | None
    baseline: str | None


class RecordProblem(Enum):
    KICKOFF_GONE = auto()  # the kickoff was recorded meanwhile, from another message
    CLIENT_GONE = auto()  # the chosen client was deleted meanwhile: nothing was written


@dataclass(frozen=True, slots=True)
class Recorded:
    project: Project
    # The project's reflection, begun at once; None only if the project was deleted
    # in this very moment.
    reflection: Reflection | None


class ProjectService(PersonalCalendar):
    def __init__(
        self,
        repos: Repositories,
        checkins: CheckinService,
        reflections: ReflectionService,
        clock: Clock,
    ) -> None:
        self._repos = repos
        self._checkins = checkins
        self._reflections = reflections
        self._clock = clock

    async def read_finish_day(self, user: User, text: str) -> date | NotAPastDay:
        """The day the project ended, as the user typed it, in their zone."""
        return await read_past_day(text, self.today(user))

    async def last_lesson(self, user: User) -> str | None:
        """Last time's "one thing to do differently", to carry into the next project."""
        return await self._repos.reflections.last_lesson(user.id)

    async def client_choices(self, user: User, limit: int) -> list[Client]:
        return await recent_clients(self._repos, user, limit)

    async def record(
        self, user: User, source: ProjectDraft | int, day: date
    ) -> Recorded | RecordProblem:
        """A finished project, from what /done collected or from the kickoff with this
        id, saved, and its reflection begun: /done goes straight into it."""
        if isinstance(source, int):
            project = await self.record_kickoff(user, source, day)
            if project is None:
                return RecordProblem.KICKOFF_GONE
        else:
            project = await self.record_finished(user, source, day)
            if project is None:
                return RecordProblem.CLIENT_GONE
        return Recorded(project, await self._reflections.start(user, project))

    async def record_finished(self, user: User, draft: ProjectDraft, day: date) -> Project | None:
        """One unit of work: a crash anywhere leaves no half a record. None when the
        chosen client was deleted meanwhile (nothing is written)."""
        repos, now = self._repos, self._clock.now()
        async with repos.transaction():
            client = await chosen_or_new(repos, user, draft.client_id, draft.new_client, now)
            if client is None:
                return None
            project = await repos.projects.add(
                NewProject(
                    user_id=user.id,
                    client_id=client.id,
                    title=draft.title,
                    goal=draft.goal,
                    goal_note=draft.goal_note,
                    metric=draft.metric,
                    baseline=draft.baseline,
                    finished_on=day,
                ),
                now,
            )
            # Finishing a project is a real contact: logged, and a cadence counts from it.
            await self._checkins.contacted(user, client.id, day, ContactSource.PROJECT)
        return project

    async def kickoff(self, user: User, kickoff_id: int) -> Kickoff | None:
        return await self._repos.kickoffs.get(user.id, kickoff_id)

    async def started(self, user: User, limit: int) -> list[Kickoff]:
        """Projects begun with /kickoff and not finished yet, the nearest end first."""
        return await self._repos.kickoffs.active(user.id, limit)

    async def record_kickoff(self, user: User, kickoff_id: int, day: date) -> Project | None:
        """A project begun with /kickoff ended on `day`: recorded with the goal, number
        and baseline agreed at the start, and its nudges stop. One unit of work. None
        when the kickoff is not this user's active one (finished meanwhile, or gone)."""
        repos, now = self._repos, self._clock.now()
        async with repos.transaction():
            kickoff = await repos.kickoffs.get(user.id, kickoff_id)
            if kickoff is None or not kickoff.active:
                return None
            project = await repos.projects.add(
                NewProject(
                    user_id=user.id,
                    client_id=kickoff.client_id,
                    title=kickoff.title,
                    goal=kickoff.goal,
                    goal_note=kickoff.goal_note,
                    metric=kickoff.metric,
                    baseline=kickoff.baseline,
                    finished_on=day,
                ),
                now,
            )
            await repos.kickoffs.finish(user.id, kickoff.id, project.id, now)
            await repos.nudges.cancel_open(user.id, kickoff.id, now)
            await self._checkins.contacted(user, kickoff.client_id, day, ContactSource.PROJECT)
        return project
