"""A lease in Redis: a named right that one instance holds at a time and that lapses by
itself when its holder dies.

The holder writes its own random id under the name with a lifetime and renews it well
before the lifetime ends; renewing and releasing check the id in one script, so an
instance that lost its lease (paused too long, network cut) can never extend or drop a
lease another instance took meanwhile. Used for "one instance polls Telegram" and "one
instance runs a broadcast".
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from datetime import timedelta
from typing import Protocol

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class Lease(Protocol):
    async def acquire(self) -> bool:
        """Take the lease if nobody holds it (or keep it if we do)."""

    async def renew(self) -> bool:
        """Extend it; False if it lapsed and is no longer ours."""

    async def release(self) -> None:
        """Give it up (only if it is still ours)."""


class RedisLease:
    def __init__(self, redis: Redis, name: str, lifetime: timedelta) -> None:
        self._redis = redis
        self.name = name
        self._lifetime_ms = int(lifetime.total_seconds() * 1000)
        # Host and process first, so an operator can see which instance holds it.
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._renew = redis.register_script(_RENEW)
        self._release = redis.register_script(_RELEASE)

    async def acquire(self) -> bool:
        if await self._redis.set(self.name, self.holder, nx=True, px=self._lifetime_ms):
            return True
        return await self.renew()

    async def renew(self) -> bool:
        return bool(await self._renew(keys=[self.name], args=[self.holder, self._lifetime_ms]))

    async def release(self) -> None:
        await self._release(keys=[self.name], args=[self.holder])


async def keep(lease: Lease, lifetime: timedelta) -> None:
    """Renew `lease` every third of its lifetime; return once it is lost: another holder
    has it, or it could not be renewed for a whole lifetime (Redis unreachable), so it
    has lapsed. Runs on real time, whatever clock the rest runs on: the lease lapses in
    Redis."""
    loop = asyncio.get_running_loop()
    every = lifetime.total_seconds() / 3
    renewed = loop.time()
    while True:
        await asyncio.sleep(every)
        try:
            if await lease.renew():
                renewed = loop.time()
                continue
        except Exception:  # a moment without Redis: try again, within the lifetime
            logger.warning("Could not renew a lease", exc_info=True)
            if loop.time() - renewed < lifetime.total_seconds():
                continue
        return


class LocalLease:
    """One process on SQLite: nobody else could hold it."""

    async def acquire(self) -> bool:
        return True

    async def renew(self) -> bool:
        return True

    async def release(self) -> None:
        return None
