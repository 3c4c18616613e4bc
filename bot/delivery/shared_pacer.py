"""One bulk-send budget per bot token for every instance, kept in Redis.

Each send reserves the next free moment in one atomic script: the later of now, the end
of a 429 pause and the moment after the previous reservation, and pushes the next free
moment one interval (1 / rate) on. Reservations from all instances form one queue spaced
by the interval, so together they never exceed the rate, with no bursts. A 429 seen by
any instance moves the pause's end for all of them; a sender whose reserved moment falls
inside a pause set while it waited reserves again.

Moments come from the Redis server's clock (one clock for every machine), or from the
injected clock in tests. A sender that wakes up well after its moment gives the moment
up and takes a new one, so a busy process never sends a backlog in one burst.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.clock import Clock
from bot.delivery.pacer import BudgetUnavailableError, Sleep

_MICRO = 1_000_000
# An event loop's ordinary lag: at high rates half an interval is far less than that, and
# giving the moment up every time would halve the rate.
LATE_TOLERANCE = 0.02

# Every script's ARGV[1] is "now" in microseconds, or "" for the Redis server's clock.
_NOW = """
local now
if ARGV[1] ~= '' then
  now = tonumber(ARGV[1])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
"""

# KEYS: next free moment, pause end (both in microseconds).
# ARGV: now, interval (µs), key lifetime (ms). Returns how long to wait (µs) and the
# reserved moment (µs, as text: Lua would round a large integer reply).
_RESERVE = (
    _NOW
    + """
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'),
                       tonumber(redis.call('GET', KEYS[2]) or '0'))
local next_free = start + tonumber(ARGV[2])
-- The key lives until well after the moment it names, however far ahead a pause put it:
-- if it lapsed early, the next sender would be given moments already handed out.
local life = math.floor((next_free - now) / 1000) + tonumber(ARGV[3])
redis.call('SET', KEYS[1], string.format('%.0f', next_free), 'PX', life)
return {math.floor(start - now), string.format('%.0f', start)}
"""
)

# KEYS: pause end. ARGV: now, pause length (µs). Moves the pause end, never back.
_PAUSE = (
    _NOW
    + """
local until_ = now + tonumber(ARGV[2])
if until_ > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], string.format('%.0f', until_),
             'PX', math.floor(tonumber(ARGV[2]) / 1000) + 1000)
end
return 1
"""
)

# KEYS: pause end. ARGV: now, the reserved moment (µs). Returns the pause left (µs, 0 if
# none) and how late the sender is for its moment (µs), both by the same clock.
_CHECK = (
    _NOW
    + """
local paused = math.max(0, math.floor(tonumber(redis.call('GET', KEYS[1]) or '0') - now))
return {paused, math.floor(now - tonumber(ARGV[2]))}
"""
)


class SharedPacer:
    """The `SendBudget` of every instance that sends with one bot token."""

    def __init__(
        self,
        redis: Redis,
        bot_id: int,
        rate_per_second: float,
        *,
        clock: Clock | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.rate = rate_per_second
        self._interval = round(_MICRO / rate_per_second)
        self._next_key = f"pace:{bot_id}:next"
        self._pause_key = f"pace:{bot_id}:paused-until"
        self._clock = clock
        self._sleep = sleep
        self._reserve = redis.register_script(_RESERVE)
        self._pause = redis.register_script(_PAUSE)
        self._check = redis.register_script(_CHECK)
        # How long the next free moment is kept after it has passed.
        self._key_life_ms = 60_000
        # Woken this much after its moment, a sender gives the moment up (see slot()).
        self._late = max(self._interval // 2, round(LATE_TOLERANCE * _MICRO))

    def _now(self) -> str:
        return str(round(self._clock.now().timestamp() * _MICRO)) if self._clock else ""

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        try:
            await self._take_moment()
        except RedisError as error:
            raise BudgetUnavailableError(f"Redis: {error}") from error
        yield

    async def _take_moment(self) -> None:
        while True:
            wait, moment = await self._reserve(
                keys=[self._next_key, self._pause_key],
                args=[self._now(), self._interval, self._key_life_ms],
            )
            if int(wait) > 0:
                await self._sleep(int(wait) / _MICRO)
            paused, late = await self._check(keys=[self._pause_key], args=[self._now(), moment])
            # Late for its moment (this process was busy, or Redis answered slowly):
            # sending now would land next to the sends of the following moments. Judged
            # by the clock the moments were handed out by, not this process's own.
            if int(late) > self._late:
                continue
            # A 429 elsewhere may have paused everyone while this send waited.
            if int(paused) == 0:
                return

    async def pause(self, seconds: float) -> None:
        with contextlib.suppress(RedisError):  # the next send finds Redis out anyway
            await self._pause(keys=[self._pause_key], args=[self._now(), round(seconds * _MICRO)])
