from __future__ import annotations

import gc
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


def pytest_collection_finish(session: pytest.Session) -> None:
    # Everything imported so far (aiogram's hundreds of models, the bot) lives for the
    # whole run: out of the collector's sight, its full collections stop walking it again
    # and again while the tests make their short-lived garbage.
    gc.collect()
    gc.freeze()


# Modules whose tests start main.py, Chromium or several bots: seconds each, mostly
# spent importing the bot in a child process.
_SLOW_MODULES = (
    "test_playground_browser",
    "test_playground_run",
    "test_two_instances",
    "test_main_process",
    "test_scale_settings",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The slow ones first: handed out early, they run beside the many quick tests
    # instead of leaving one worker busy alone at the end of a parallel run.
    items.sort(
        key=lambda item: (
            item.module.__name__.rsplit(".", 1)[-1] not in _SLOW_MODULES
            if isinstance(item, pytest.Function) and item.module
            else True
        )
    )
