"""The due-work dispatcher: claims due check-ins atomically, delivers them through the
global pacer, and records what happened. The database is the source of truth; whoever
wakes this (APScheduler, a test) only says "look now".

Failure handling: a crash between claim and send leaves the row 'sending'; after
`claim_timeout` the next sweep takes it again (at most one duplicate per crash, none lost).
403 (blocked) cancels that user's check-ins only. 429 pauses all delivery for
`retry_after`, then retries. Network errors and 5xx retry with backoff, then fail.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiolimiter import AsyncLimiter

from bot.clock import Clock
from storage.checkins import Checkin, CheckinRepository

logger = logging.getLogger(__name__)

Deliver = Callable[[Checkin, bool], Awaitable[None]]
OnBlocked = Callable[[int], Awaitable[None]]
Sleep = Callable[[float], Awaitable[None]]

MAX_ATTEMPTS = 5
MAX_429_RETRIES = 5


class DueWorkDispatcher:
    def __init__(
        self,
        checkins: CheckinRepository,
        deliver: Deliver,
        clock: Clock,
        limiter: AsyncLimiter,
        on_blocked: OnBlocked,
        *,
        sleep: Sleep = asyncio.sleep,
        batch: int = 500,
        claim_timeout: timedelta = timedelta(minutes=2),
        late_after: timedelta = timedelta(minutes=5),
        retry_base: timedelta = timedelta(seconds=30),
    ) -> None:
        self._checkins = checkins
        self._deliver = deliver
        self._clock = clock
        self._limiter = limiter
        self._on_blocked = on_blocked
        self._sleep = sleep
        self._batch = batch
        self._claim_timeout = claim_timeout
        self._late_after = late_after
        self._retry_base = retry_base
        self._paused_until: datetime | None = None
        self._in_flight: set[asyncio.Task[None]] = set()

    async def run_due(self) -> datetime | None:
        """Deliver everything due now; return when the next pending row falls due."""
        while True:
            now = self._clock.now()
            stale = now - self._claim_timeout
            rows = await self._checkins.due(now, stale, self._batch)
            claimed = [row for row in rows if await self._checkins.claim(row.id, now, stale)]
            await asyncio.gather(*(self._deliver_tracked(row) for row in claimed))
            if len(rows) < self._batch or not claimed:
                return await self._checkins.earliest_due()

    async def drain(self) -> None:
        """Wait for deliveries in progress (graceful shutdown)."""
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)

    async def _deliver_tracked(self, row: Checkin) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            await self._deliver_one(row)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def _wait_if_paused(self) -> None:
        while self._paused_until is not None:
            remaining = (self._paused_until - self._clock.now()).total_seconds()
            if remaining <= 0:
                self._paused_until = None
                return
            await self._sleep(remaining)

    async def _deliver_one(self, row: Checkin) -> None:
        late = self._clock.now() - row.due_at > self._late_after
        for _ in range(MAX_429_RETRIES + 1):
            await self._wait_if_paused()
            try:
                async with self._limiter:
                    await self._deliver(row, late)
            except TelegramRetryAfter as error:
                # Telegram asks everyone to slow down: pause all delivery, then retry.
                until = self._clock.now() + timedelta(seconds=error.retry_after)
                if self._paused_until is None or until > self._paused_until:
                    self._paused_until = until
                logger.warning("429 from Telegram: pausing delivery for %ss", error.retry_after)
                continue
            except TelegramForbiddenError:
                logger.info("User %s blocked the bot; their check-ins stop", row.user_id)
                await self._checkins.mark_failed(row.id, self._clock.now())
                await self._on_blocked(row.user_id)
                return
            except TelegramBadRequest as error:
                logger.error("Check-in %s refused by Telegram: %s", row.id, error.message)
                await self._checkins.mark_failed(row.id, self._clock.now())
                return
            except (TelegramNetworkError, TelegramServerError) as error:
                await self._retry_or_fail(row, f"{type(error).__name__}: {error.message}")
                return
            except Exception as error:  # a bug must not stop the other deliveries
                logger.exception("Check-in %s failed", row.id)
                await self._retry_or_fail(row, repr(error))
                return
            await self._checkins.mark_sent(row.id, self._clock.now(), late)
            return
        await self._retry_or_fail(row, "too many 429 answers")

    async def _retry_or_fail(self, row: Checkin, reason: str) -> None:
        attempts = row.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            logger.error("Check-in %s failed after %s attempts: %s", row.id, attempts, reason)
            await self._checkins.mark_failed(row.id, self._clock.now())
            return
        delay = self._retry_base * 2 ** (attempts - 1)
        logger.warning("Check-in %s: %s; retrying in %s", row.id, reason, delay)
        await self._checkins.retry_later(row.id, self._clock.now() + delay, attempts)
