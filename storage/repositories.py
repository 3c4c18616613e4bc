"""Every repository over one database, and the unit of work they share.

Services receive this one object. `async with repos.transaction():` opens a unit of
work; every repository call made inside it by the same task joins it, so a use case that
writes several rows commits them together or not at all.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from storage.broadcasts import BroadcastRepository
from storage.checkins import CheckinRepository
from storage.clients import ClientRepository
from storage.db import Database
from storage.feedback import FeedbackNoticeRepository, FeedbackRepository
from storage.kickoffs import KickoffRepository
from storage.metrics import MetricReadingRepository
from storage.nudges import NudgeRepository
from storage.overview import OverviewRepository
from storage.projects import ProjectRepository
from storage.reflections import ReflectionRepository
from storage.scoreboard import ScoreboardRepository
from storage.tips import TipRepository
from storage.user_data import UserDataRepository
from storage.users import UserRepository


@dataclass(frozen=True, slots=True)
class Repositories:
    db: Database
    users: UserRepository
    clients: ClientRepository
    projects: ProjectRepository
    reflections: ReflectionRepository
    checkins: CheckinRepository
    tips: TipRepository
    broadcasts: BroadcastRepository
    user_data: UserDataRepository
    metrics: MetricReadingRepository
    overview: OverviewRepository
    scoreboard: ScoreboardRepository
    kickoffs: KickoffRepository
    nudges: NudgeRepository
    feedback: FeedbackRepository
    feedback_notices: FeedbackNoticeRepository

    @classmethod
    def over(cls, db: Database) -> Repositories:
        return cls(
            db=db,
            users=UserRepository(db),
            clients=ClientRepository(db),
            projects=ProjectRepository(db),
            reflections=ReflectionRepository(db),
            checkins=CheckinRepository(db),
            tips=TipRepository(db),
            broadcasts=BroadcastRepository(db),
            user_data=UserDataRepository(db),
            metrics=MetricReadingRepository(db),
            overview=OverviewRepository(db),
            scoreboard=ScoreboardRepository(db),
            kickoffs=KickoffRepository(db),
            nudges=NudgeRepository(db),
            feedback=FeedbackRepository(db),
            feedback_notices=FeedbackNoticeRepository(db),
        )

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        async with self.db.transaction():
            yield
