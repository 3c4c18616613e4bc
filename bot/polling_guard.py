"""Only one instance may poll Telegram with a token: a second getUpdates makes Telegram
answer 409 to both. With Redis, the poller holds a lease for as long as it runs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.lease import RedisLease

logger = logging.getLogger(__name__)

LIFETIME = timedelta(seconds=30)


class PollingGuard:
    def __init__(self, redis: Redis, bot_id: int, lifetime: timedelta = LIFETIME) -> None:
        self._lease = RedisLease(redis, f"polling:{bot_id}", lifetime)
        self._every = lifetime.total_seconds() / 3
        self._renewing: asyncio.Task[None] | None = None

    async def start(self) -> bool:
        """Take the lease and keep it; False if another instance polls."""
        if not await self._lease.acquire():
            return False
        self._renewing = asyncio.create_task(self._renew_forever())
        return True

    async def _renew_forever(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            try:
                if not await self._lease.acquire():
                    logger.error("Another instance took over polling with this token")
            except RedisError as error:  # Redis down for a moment: try again next time
                logger.warning("Could not renew the polling lease: %s", error)

    async def stop(self) -> None:
        if self._renewing is not None:
            self._renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewing
        with contextlib.suppress(RedisError):
            await self._lease.release()
