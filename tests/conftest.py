from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from testkit import engines
from testkit.harness import BotHarness


@pytest.fixture(autouse=True)
def _fresh_servers() -> Iterator[None]:
    """On the PostgreSQL + Redis run, each test's databases and keys go with it."""
    yield
    engines.forget_databases()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bot.sqlite3"


@pytest.fixture
async def harness(db_path: Path) -> AsyncIterator[BotHarness]:
    started = await BotHarness.start(db_path)
    yield started
    await started.stop()
    # Telegram refuses an edit that changes nothing; the bot must never make one.
    unchanged = [m for m, reason in started.session.refusals if "not modified" in reason]
    assert not unchanged, f"edits that change nothing: {unchanged}"
