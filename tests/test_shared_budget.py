"""The bulk-send budget and the leases that several instances share through Redis."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from bot.delivery.shared_pacer import SharedPacer
from bot.lease import RedisLease
from testkit import engines
from testkit.harness import FakeClock

pytestmark = engines.needs_servers

BOT_ID = 123456789


@pytest.fixture
async def clients() -> AsyncIterator[tuple[Redis, Redis]]:
    """Two instances' own connections to one Redis."""
    assert engines.REDIS_URL is not None
    pair = (Redis.from_url(engines.REDIS_URL), Redis.from_url(engines.REDIS_URL))
    yield pair
    for client in pair:
        await client.aclose()


async def test_two_instances_together_keep_one_rate(clients: tuple[Redis, Redis]) -> None:
    redis, second_redis = clients
    clock = FakeClock(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    waits: list[float] = []

    async def record(seconds: float) -> None:  # the clock stands still: only record
        waits.append(seconds)

    first = SharedPacer(redis, BOT_ID, 30, clock=clock, sleep=record)
    second = SharedPacer(second_redis, BOT_ID, 30, clock=clock, sleep=record)

    async def send(pacer: SharedPacer) -> None:
        async with pacer.slot():
            pass

    await asyncio.gather(*(send(first if n % 2 else second) for n in range(90)))
    # Every send got its own moment, 1/30 s after the previous one, whichever instance
    # asked: 90 sends take three seconds, never a burst.
    moments = sorted([0.0, *waits])
    assert len(moments) == 90
    gaps = [later - earlier for earlier, later in itertools.pairwise(moments)]
    assert min(gaps) == pytest.approx(1 / 30, abs=1e-5)
    assert moments[-1] == pytest.approx(89 / 30, abs=1e-4)


async def test_a_429_on_one_instance_pauses_the_other(clients: tuple[Redis, Redis]) -> None:
    redis, second_redis = clients
    clock = FakeClock(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    waits: list[float] = []

    async def advance(seconds: float) -> None:
        waits.append(seconds)
        clock.advance(seconds=seconds)

    first = SharedPacer(redis, BOT_ID, 30, clock=clock, sleep=advance)
    second = SharedPacer(second_redis, BOT_ID, 30, clock=clock, sleep=advance)
    await first.pause(5)
    start = clock.now()
    async with second.slot():
        sent_at = clock.now()
    assert sent_at - start >= timedelta(seconds=5)


async def test_a_lease_has_one_holder_and_lapses_when_it_dies(
    clients: tuple[Redis, Redis],
) -> None:
    redis, second_redis = clients
    first = RedisLease(redis, "broadcast:7", timedelta(milliseconds=300))
    second = RedisLease(second_redis, "broadcast:7", timedelta(milliseconds=300))
    assert await first.acquire()
    assert not await second.acquire()
    assert await first.renew()
    await second.release()  # not its lease: nothing happens
    assert not await second.acquire()
    await asyncio.sleep(0.4)  # the holder stops renewing, as a killed instance would
    assert await second.acquire()
    assert not await first.renew()  # the old holder cannot take it back by renewing


async def test_the_next_free_moment_outlives_a_long_pause(clients: tuple[Redis, Redis]) -> None:
    """After a 429 with a long retry_after, the queue of moments must not be forgotten
    before it is used: a lapsed key would hand the same moments out again, in a burst."""
    redis, _ = clients
    clock = FakeClock(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))

    async def advance(seconds: float) -> None:
        clock.advance(seconds=seconds)

    pacer = SharedPacer(redis, BOT_ID, 30, clock=clock, sleep=advance)
    await pacer.pause(300)
    async with pacer.slot():
        pass
    assert await redis.pttl(f"pace:{BOT_ID}:next") > 300_000
