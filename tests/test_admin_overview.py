"""/admin: usage figures for admins; nobody else learns the command exists."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from testkit.harness import BotHarness
from tests.support.conversations import deliver_reminder, reflected

ADMIN = 9001


@pytest.fixture
async def admin_harness(db_path: Path) -> AsyncIterator[BotHarness]:
    started = await BotHarness.start(db_path, admin_ids=frozenset({ADMIN}))
    yield started
    await started.stop()


async def test_overview_figures(admin_harness: BotHarness) -> None:
    harness = admin_harness
    worker = harness.user(1001)
    await reflected(harness, worker)  # score 100
    await deliver_reminder(harness, worker)  # 10 Dec
    await worker.press("✅ Done")
    await worker.press("🎉 New order")
    await worker.press("Skip →")
    await worker.send("/tips")
    idle = harness.user(1002)
    await idle.onboard()
    await idle.block_bot()
    harness.clock.set(datetime(2026, 12, 20, 12, tzinfo=UTC))
    admin = harness.user(ADMIN)
    [text] = await admin.send("/admin")
    assert "Users: 3 (active in 7 days: 1, in 30 days: 3), blocked the bot: 1" in text
    assert "Tip subscribers: 1" in text
    assert "Clients: 1, projects: 1, reflections: 1" in text
    assert "Average partner score: 100" in text
    assert "Check-ins sent: 1, done: 1, of those with a new order: 100%" in text


async def test_non_admin_gets_no_hint(admin_harness: BotHarness) -> None:
    user = admin_harness.user(1001)
    await user.onboard()
    assert await user.send("/admin") == await user.send("something else")
