"""The one pacer for bulk sends: tips, broadcasts and check-in waves all take a slot here,
so together they stay under Telegram's limit. A 429 pauses every bulk sender for
`retry_after`. Replies to people chatting with the bot do not pass through here, so a
running broadcast never delays them.

`Pacer` paces one process. With several instances, `bot.delivery.shared_pacer.SharedPacer`
keeps the same promise for all of them together through Redis; senders see only the
`SendBudget` protocol.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime, timedelta
from typing import Protocol

from aiolimiter import AsyncLimiter

from bot.clock import Clock

Sleep = Callable[[float], Awaitable[None]]


class BudgetUnavailableError(Exception):
    """The shared budget cannot be asked (Redis does not answer): nothing was sent, so
    the send is postponed, not counted as an attempt."""


class SendBudget(Protocol):
    """Where a bulk send waits for its turn."""

    @property
    def rate(self) -> float:
        """Sends per second, for sizing batches and workers."""

    def slot(self) -> AbstractAsyncContextManager[None]:
        """Wait out a pause, then for a place within the rate; send inside the block."""

    async def pause(self, seconds: float) -> None:
        """Telegram answered 429: every bulk sender waits this long."""


class Pacer:
    def __init__(self, rate_per_second: float, clock: Clock, sleep: Sleep = asyncio.sleep) -> None:
        self.rate = rate_per_second
        # One send every 1/rate seconds, no bursts: a bucket of `rate` per second would
        # let a full second's worth through at once and trip Telegram's limit.
        self._limiter = AsyncLimiter(1, 1 / rate_per_second)
        self._clock = clock
        self._sleep = sleep
        self._paused_until: datetime | None = None

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self._wait_if_paused()
        async with self._limiter:
            yield

    async def pause(self, seconds: float) -> None:
        until = self._clock.now() + timedelta(seconds=seconds)
        if self._paused_until is None or until > self._paused_until:
            self._paused_until = until

    async def _wait_if_paused(self) -> None:
        while self._paused_until is not None:
            remaining = (self._paused_until - self._clock.now()).total_seconds()
            if remaining <= 0:
                self._paused_until = None
                return
            await self._sleep(remaining)
