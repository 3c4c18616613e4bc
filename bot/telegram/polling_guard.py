"""Only one instance may poll Telegram with a token: a second getUpdates makes Telegram
answer 409 to both. With Redis, the poller holds a lease for as long as it runs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.lease import RedisLease, keep

logger = logging.getLogger(__name__)

LIFETIME = timedelta(seconds=30)


class PollingGuard:
    def __init__(
        self,
        redis: Redis,
        bot_id: int,
        on_lost: Callable[[], Awaitable[object]],
        lifetime: timedelta = LIFETIME,
    ) -> None:
        self._lease = RedisLease(redis, f"polling:{bot_id}", lifetime)
        self._on_lost = on_lost
        self._lifetime = lifetime
        self._renewing: asyncio.Task[None] | None = None

    async def start(self) -> bool:
        """Take the lease and keep it; False if another instance polls."""
        if not await self._lease.acquire():
            return False
        self._renewing = asyncio.create_task(self._renew_forever())
        return True

    async def _renew_forever(self) -> None:
        """Keep the lease; once it is lost (this one was stalled past its lifetime, or
        Redis was out that long), stop polling: two pollers would both get 409 from
        Telegram."""
        await keep(self._lease, self._lifetime)
        logger.error("Another instance polls with this token now: this one stops")
        await self._on_lost()

    async def stop(self) -> None:
        if self._renewing is not None:
            self._renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewing
        with contextlib.suppress(RedisError):
            await self._lease.release()
