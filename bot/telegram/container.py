"""Every app-wide service, built once by `create_services` and handed, typed, to the
Dispatcher (handlers receive them by parameter name), to due work and to the
broadcaster."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from redis.asyncio import Redis

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import I18n
from bot.reading.zones import CityIndex
from bot.services.accounts import AccountService
from bot.services.admin import AdminService
from bot.services.checkins import CheckinService
from bot.services.clients import ClientService
from bot.services.kickoffs import KickoffService
from bot.services.outcomes import OutcomeService
from bot.services.projects import ProjectService
from bot.services.reflections import ReflectionService
from bot.services.scoreboard import ScoreboardService
from bot.services.tips import TipService
from bot.services.waking import Waker
from storage.db import Database
from storage.repositories import Repositories


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    clock: Clock
    i18n: I18n
    cities: CityIndex
    accounts: AccountService
    clients: ClientService
    projects: ProjectService
    reflections: ReflectionService
    checkins: CheckinService
    outcomes: OutcomeService
    kickoffs: KickoffService
    scoreboard: ScoreboardService
    tips: TipService
    admin: AdminService
    repos: Repositories  # for delivery's claims and the FSM storage, never for handlers
    # Shared by every instance when REDIS_URL is set: conversations, locks, the send
    # budget and the broadcast lease. None on one process with SQLite.
    redis: Redis | None = None

    def handler_arguments(self) -> dict[str, Any]:
        """What handlers may ask for by name: everything but the storage links."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("repos", "redis")
        }


def create_services(
    db: Database,
    settings: Settings,
    clock: Clock,
    i18n: I18n,
    cities: CityIndex,
    waker: Waker,
    redis: Redis | None = None,
) -> Services:
    repos = Repositories.over(db)
    outcomes = OutcomeService(repos, clock)
    checkins = CheckinService(repos, waker, clock, outcomes)
    tips = TipService(repos, waker, clock)
    kickoffs = KickoffService(repos, checkins, waker, clock)
    return Services(
        settings=settings,
        clock=clock,
        i18n=i18n,
        cities=cities,
        accounts=AccountService(repos, checkins, tips, kickoffs, clock),
        clients=ClientService(repos, outcomes, clock),
        projects=ProjectService(repos, checkins, clock),
        reflections=ReflectionService(repos, clock),
        checkins=checkins,
        outcomes=outcomes,
        kickoffs=kickoffs,
        scoreboard=ScoreboardService(repos),
        tips=tips,
        admin=AdminService(repos, clock),
        repos=repos,
        redis=redis,
    )
