"""Every app-wide object, built once by `create_services`.

Two audiences, kept apart: handlers receive `HandlerServices` (Dispatcher keyword
arguments, taken by parameter name), a typed set with no storage in it; delivery and the
FSM storage use the storage links (`repos`, `redis`) and reach the broadcaster's slot.
Tests and the playground read any of them as attributes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from redis.asyncio import Redis

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import I18n
from bot.reading.zones import CityIndex
from bot.services.accounts import AccountService
from bot.services.admin import AdminService, BroadcastRunner
from bot.services.checkins import CheckinService
from bot.services.clients import ClientService
from bot.services.feedback import FeedbackService
from bot.services.kickoffs import KickoffService
from bot.services.outcomes import OutcomeService
from bot.services.projects import ProjectService
from bot.services.reflections import ReflectionService
from bot.services.scoreboard import ScoreboardService
from bot.services.tips import TipService
from bot.services.waking import Waker
from storage.db import Database
from storage.repositories import Repositories


class HandlerServices(TypedDict):
    """What a handler may take by parameter name, and nothing else."""

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
    feedback: FeedbackService
    scoreboard: ScoreboardService
    tips: TipService
    admin: AdminService


class BroadcasterSlot:
    """The broadcaster as the admin service sees it (a BroadcastRunner). The services
    exist before the bot's senders do, so `create_delivery` attaches the broadcaster it
    builds; the latest one attached is the one kicked."""

    def __init__(self) -> None:
        self._runner: BroadcastRunner | None = None

    def attach(self, runner: BroadcastRunner) -> None:
        self._runner = runner

    def kick(self) -> None:
        # Without delivery nothing is sent at all: a queued broadcast waits in the
        # database, and the first sweep after start-up kicks the broadcaster.
        if self._runner is not None:
            self._runner.kick()


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
    feedback: FeedbackService
    scoreboard: ScoreboardService
    tips: TipService
    admin: AdminService
    # The storage links, never for handlers: delivery's claims, the FSM storage, and,
    # shared by every instance when REDIS_URL is set, conversations, locks, the send
    # budget and the broadcast lease (None on one process with SQLite).
    repos: Repositories
    redis: Redis | None
    broadcaster: BroadcasterSlot

    def handler_arguments(self) -> HandlerServices:
        """What handlers may ask for by name: the Dispatcher's keyword arguments."""
        return HandlerServices(
            settings=self.settings,
            clock=self.clock,
            i18n=self.i18n,
            cities=self.cities,
            accounts=self.accounts,
            clients=self.clients,
            projects=self.projects,
            reflections=self.reflections,
            checkins=self.checkins,
            outcomes=self.outcomes,
            kickoffs=self.kickoffs,
            feedback=self.feedback,
            scoreboard=self.scoreboard,
            tips=self.tips,
            admin=self.admin,
        )


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
    reflections = ReflectionService(repos, clock)
    feedback = FeedbackService(repos, waker, clock)
    broadcaster = BroadcasterSlot()
    return Services(
        settings=settings,
        clock=clock,
        i18n=i18n,
        cities=cities,
        accounts=AccountService(repos, checkins, tips, kickoffs, clock),
        clients=ClientService(repos, outcomes, clock, feedback),
        projects=ProjectService(repos, checkins, reflections, clock),
        reflections=reflections,
        checkins=checkins,
        outcomes=outcomes,
        kickoffs=kickoffs,
        feedback=feedback,
        scoreboard=ScoreboardService(repos, feedback),
        tips=tips,
        admin=AdminService(repos, broadcaster, clock),
        repos=repos,
        redis=redis,
        broadcaster=broadcaster,
    )
