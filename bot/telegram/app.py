"""Building the Bot and the Dispatcher, and running them: used by main.py and by tests."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import cast
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import PRODUCTION, TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramNotFound,
    TelegramUnauthorizedError,
)
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiohttp import web
from asyncpg import PostgresError
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from bot import redis_link
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.delivery.broadcaster import LEASE_LIFETIME, Broadcaster
from bot.delivery.due_work import DueQueue, DueWorkRunner
from bot.delivery.feedback_notice_sender import FeedbackNoticeSender
from bot.delivery.nudge_sender import NudgeSender
from bot.delivery.pacer import Pacer, SendBudget
from bot.delivery.reminder_sender import ReminderSender
from bot.delivery.shared_pacer import SharedPacer
from bot.delivery.tip_sender import TipSender
from bot.delivery.wakeup import SchedulerWaker
from bot.i18n import I18n
from bot.lease import RedisLease
from bot.reading.zones import CityIndex
from bot.telegram.container import Services, create_services
from bot.telegram.context import ContextMiddleware
from bot.telegram.flood import FloodGuard, FloodMiddleware
from bot.telegram.isolation import ConversationLocks
from bot.telegram.menus import set_menus
from bot.telegram.middlewares import UserMiddleware
from bot.telegram.polling_guard import PollingGuard
from bot.telegram.webhook import build_webhook_app, webhook_full_url, webhook_path
from handlers import create_routers, on_error
from storage.db import Database
from storage.fsm import DatabaseStorage

logger = logging.getLogger(__name__)


class StartupError(Exception):
    """The bot cannot start; the message tells the operator what to do."""


def create_bot(settings: Settings) -> Bot:
    api = (
        TelegramAPIServer.from_base(settings.telegram_api_url)
        if settings.telegram_api_url
        else PRODUCTION
    )
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=AiohttpSession(api=api),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def create_dispatcher(services: Services) -> Dispatcher:
    """A Dispatcher that hands every app-wide service to handlers by parameter name."""
    settings, clock, i18n = services.settings, services.clock, services.i18n
    storage: BaseStorage
    isolation: BaseEventIsolation
    if settings.redis_url:
        # Any instance may get a person's next update: their conversation and its lock
        # must live where every instance sees them. The storage has its own connection
        # pool: the dispatcher closes it at shutdown, while delivery still drains.
        storage = RedisStorage.from_url(settings.redis_url, connection_kwargs=redis_link.OPTIONS)
        isolation = storage.create_isolation()
    else:
        storage = DatabaseStorage(services.repos.db, clock.now)
        isolation = ConversationLocks()
    dispatcher = Dispatcher(
        storage=storage, events_isolation=isolation, **services.handler_arguments()
    )
    # Flood control first: an update dropped here costs no database work.
    dispatcher.update.outer_middleware(
        FloodMiddleware(FloodGuard(clock, settings.flood_rate), i18n, settings.default_language)
    )
    dispatcher.update.outer_middleware(
        UserMiddleware(
            services.accounts,
            services.feedback,
            i18n,
            default_language=settings.default_language,
            default_timezone=settings.default_timezone,
        )
    )
    # Every button press is answered once, after its handler: with the text a handler
    # put into `callback_answer`, or silently (the spinner just stops).
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    # Then the per-update context handlers take as `ctx` (it carries that answer).
    dispatcher.message.middleware(ContextMiddleware())
    dispatcher.callback_query.middleware(ContextMiddleware())
    dispatcher.include_routers(*create_routers())
    dispatcher.errors.register(on_error)
    dispatcher.startup.register(set_menus)
    return dispatcher


@dataclass(frozen=True, slots=True)
class Delivery:
    """What the bot sends on its own: due check-ins, nudges and tips, and admin
    broadcasts."""

    due_work: DueWorkRunner
    broadcaster: Broadcaster


def create_delivery(bot: Bot, services: Services, pacer: SendBudget) -> Delivery:
    """Due work and the broadcaster, sending through `bot`. The broadcaster goes into
    the services' slot, where the admin service starts what an admin confirms."""
    i18n, clock, repos = services.i18n, services.clock, services.repos
    reminder = ReminderSender(bot, i18n, services.accounts, services.checkins, clock)
    tip = TipSender(bot, i18n, services.tips)
    nudge = NudgeSender(bot, i18n, services.kickoffs)
    feedback = FeedbackNoticeSender(bot, i18n, services.feedback)
    queues = [
        DueQueue("check-in", repos.checkins, reminder.send),
        DueQueue("nudge", repos.nudges, nudge.send),
        DueQueue("tip", repos.tips, tip.send),
        DueQueue("feedback", repos.feedback_notices, feedback.send),
    ]
    # A claim holds about ten seconds of sends: with several instances sharing one budget,
    # claimed rows wait their turn well within the claim timeout.
    batch = max(20, int(pacer.rate * 10))
    due_work = DueWorkRunner(queues, clock, pacer, services.accounts.block, batch=batch)
    # Several instances: one of them sends broadcasts at a time, the others stand by.
    lease = (
        RedisLease(services.redis, f"broadcasts:{bot.id}", LEASE_LIFETIME)
        if services.redis is not None
        else None
    )
    broadcaster = Broadcaster(
        repos.broadcasts,
        services.accounts,
        bot,
        pacer,
        i18n,
        clock,
        paid=services.settings.broadcast_paid,
        lease=lease,
    )
    services.broadcaster.attach(broadcaster)
    return Delivery(due_work, broadcaster)


async def check_token(bot: Bot, settings: Settings) -> None:
    """Ask Telegram who we are, turning failures into one line for the operator."""
    where = settings.telegram_api_url or "api.telegram.org"
    try:
        me = await bot.get_me()
    except (TelegramUnauthorizedError, TelegramNotFound):
        raise StartupError(
            "Telegram rejected BOT_TOKEN: copy the token from @BotFather into .env."
        ) from None
    except TelegramNetworkError:
        raise StartupError(
            f"Cannot reach the Telegram Bot API at {where}: "
            "check the internet connection or TELEGRAM_API_URL."
        ) from None
    logger.info("Authorised as @%s (id %s)", me.username, me.id)


class Application:
    """The whole bot: open the database, check the token, then poll, or serve a webhook
    when WEBHOOK_URL is set, until stopped (SIGTERM, Ctrl+C or `stop()`)."""

    def __init__(
        self, settings: Settings, clock: Clock | None = None, *, handle_signals: bool = True
    ) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.handle_signals = handle_signals
        self.dispatcher: Dispatcher | None = None
        # Set once the bot serves: what the playground reaches into (its clock buttons
        # wake due work; its page reads a person's time zone).
        self.services: Services | None = None
        self.waker: SchedulerWaker | None = None
        self._sweep: Callable[[], Awaitable[datetime | None]] | None = None
        self._stopped = asyncio.Event()

    async def run(self) -> None:
        bot = create_bot(self.settings)
        try:
            # The token first: a wrong one should not leave a database file behind.
            await check_token(bot, self.settings)
            db = await self._open_database()
            try:
                redis = await self._open_redis()
                try:
                    await self._serve(bot, db, redis)
                finally:
                    if redis is not None:
                        await redis.aclose()
            finally:
                await db.close()
        finally:
            await bot.session.close()

    async def _open_database(self) -> Database:
        settings = self.settings
        try:
            return await Database.open(settings.database)
        except (OSError, SQLAlchemyError, PostgresError) as error:
            reason = error.strerror if isinstance(error, OSError) else _first_line(error)
            advice = (
                "check DATABASE_URL, that the server runs and the user may connect"
                if settings.engine == "postgresql"
                else "check DATABASE_PATH and the folder's permissions"
            )
            raise StartupError(
                f"Cannot open the database at {settings.database_label} ({reason}): {advice}."
            ) from None

    async def _open_redis(self) -> Redis | None:
        settings = self.settings
        if not settings.redis_url:
            return None
        redis = redis_link.connect(settings.redis_url)
        try:
            await cast(Awaitable[bool], redis.ping())
        except (RedisError, OSError) as error:
            await redis.aclose()
            where = urlsplit(settings.redis_url)._replace(netloc=_host_only(settings.redis_url))
            raise StartupError(
                f"Cannot reach Redis at {where.geturl()} ({_first_line(error)}): "
                "check REDIS_URL and that the server runs."
            ) from None
        return redis

    async def _serve(self, bot: Bot, db: Database, redis: Redis | None) -> None:
        settings = self.settings
        polling = not settings.webhook_url
        guard = (
            PollingGuard(redis, bot.id, on_lost=self.stop)
            if polling and redis is not None
            else None
        )
        if guard is not None and not await guard.start():
            raise StartupError(
                "Another instance is already polling Telegram with this BOT_TOKEN: several "
                "instances need webhook mode (set WEBHOOK_URL), or stop the other one."
            )
        cities = CityIndex()
        # Reading city names takes a second or two; start now, off the event loop.
        preload = asyncio.create_task(cities.load())
        waker = SchedulerWaker(self.clock)
        services = create_services(db, settings, self.clock, I18n(), cities, waker, redis)
        self.dispatcher = create_dispatcher(services)
        # One pacer for every bulk send: check-ins, tips and broadcasts share the rate,
        # across every instance when they share Redis.
        pacer: SendBudget = (
            SharedPacer(redis, bot.id, settings.broadcast_rate)
            if redis is not None
            else Pacer(settings.broadcast_rate, self.clock)
        )
        delivery = create_delivery(bot, services, pacer)
        due_work, broadcaster = delivery.due_work, delivery.broadcaster

        sweeping = asyncio.Lock()

        async def sweep() -> datetime | None:
            # One sweep at a time in a process: the scheduler's, and the playground's
            # clock walk, which must not jump the clock past a claim still being sent.
            async with sweeping:
                # A broadcast whose instance died is taken over at the next sweep.
                broadcaster.kick()
                return await due_work.run_due()

        waker.attach(sweep)
        self.services, self.waker, self._sweep = services, waker, sweep
        # The first sweep runs at once: check-ins missed while down go out now, and a
        # broadcast interrupted by a stop resumes where it was.
        waker.start()
        try:
            if not polling:
                await self._serve_webhook(bot, db, redis, self.dispatcher)
            else:
                await self.dispatcher.start_polling(
                    bot, handle_signals=self.handle_signals, close_bot_session=False
                )
        finally:
            self.services = self.waker = self._sweep = None
            if guard is not None:
                await guard.stop()
            # Graceful: no new work, and what is on its way finishes before the database
            # closes. An interrupted broadcast resumes at the next start.
            preload.cancel()
            await waker.close()
            await due_work.drain()
            await broadcaster.stop()

    async def _serve_webhook(
        self, bot: Bot, db: Database, redis: Redis | None, dispatcher: Dispatcher
    ) -> None:
        settings = self.settings
        assert settings.webhook_url and settings.webhook_secret
        secret = settings.webhook_secret.get_secret_value()
        app = build_webhook_app(
            dispatcher, bot, db, redis, secret, webhook_path(settings.webhook_url)
        )
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()  # runs the dispatcher's start-up (command menus)
        site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise StartupError(
                f"Cannot listen on {settings.webhook_host}:{settings.webhook_port} "
                f"({error.strerror}): check WEBHOOK_HOST and WEBHOOK_PORT."
            ) from None
        try:
            # Every instance registers the same URL (the load balancer's): harmless.
            await bot.set_webhook(
                webhook_full_url(settings.webhook_url),
                secret_token=secret,
                allowed_updates=dispatcher.resolve_used_update_types(),
            )
            logger.info(
                "Serving the webhook on %s:%s", settings.webhook_host, settings.webhook_port
            )
            if self.handle_signals:
                loop = asyncio.get_running_loop()
                for signum in (signal.SIGTERM, signal.SIGINT):
                    loop.add_signal_handler(signum, self._stopped.set)
            await self._stopped.wait()
        finally:
            # Stops taking requests, lets the updates already taken finish, then runs
            # the dispatcher's shutdown; delivery drains after this, in _serve.
            await runner.cleanup()

    async def run_due_work(self) -> datetime | None:
        """Deliver what is due now on the bot's clock; returns when the next row falls
        due (None before the bot serves, or with nothing pending)."""
        return await self._sweep() if self._sweep is not None else None

    async def stop(self) -> None:
        self._stopped.set()
        if self.dispatcher is not None and not self.settings.webhook_url:
            await self.dispatcher.stop_polling()


def _first_line(error: BaseException) -> str:
    """A driver error's own words, without SQLAlchemy's appendix of links and SQL."""
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(error).__name__


def _host_only(url: str) -> str:
    """host:port of a URL, without the password that may precede it."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname or "")
