"""One person flooding the bot is slowed down with one notice; others are not affected."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from testkit.harness import BotHarness


@pytest.fixture
async def guarded(db_path: Path) -> AsyncIterator[BotHarness]:
    started = await BotHarness.start(db_path, flood_rate=5)  # the default of FLOOD_RATE
    yield started
    await started.stop()


async def test_flood_is_slowed_with_one_notice(guarded: BotHarness) -> None:
    harness = guarded
    flooder = harness.user(1001)
    calm = harness.user(2002)
    for person in (flooder, calm):
        await person.send("/start")
        harness.clock.advance(seconds=5)
    replies = []
    for _ in range(12):  # twelve messages within the same second
        replies.extend(await flooder.send("/help"))
    notices = [r for r in replies if r.startswith("That's a lot of messages")]
    helps = [r for r in replies if "/settings" in r]
    assert len(helps) == 5
    assert len(notices) == 1
    assert "/settings" in (await calm.send("/help"))[0]  # someone else is not slowed
    harness.clock.advance(seconds=2)
    assert "/settings" in (await flooder.send("/help"))[0]  # and the flooder recovers
