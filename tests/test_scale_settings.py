"""Settings and start-up for several instances: what is refused, with one clear line,
and what /healthz reports."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from redis.asyncio import Redis

from bot.logging_setup import RedactSecrets
from bot.telegram.app import Application
from bot.telegram.webhook import build_webhook_app
from testkit import engines
from testkit.fake_bot_api import BOT_ID, FakeBotAPI
from testkit.harness import TEST_TOKEN, BotHarness, make_settings
from tests.support.main_process import assert_one_clear_line, run_main

DEAD_PORT = "127.0.0.1:9"  # nothing listens there


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DATABASE_URL": "postgresql://bot:pw@db/bot"}, "REDIS_URL is required"),
        ({"DATABASE_URL": "mysql://bot@db/bot"}, "DATABASE_URL uses 'mysql'"),
        ({"DATABASE_URL": "postgresql://db/", "REDIS_URL": "redis://r"}, "needs a database name"),
        ({"REDIS_URL": "http://cache"}, "REDIS_URL must look like redis://"),
    ],
)
async def test_unusable_engine_settings_exit_with_one_line(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    code, output = await run_main(tmp_path, BOT_TOKEN=TEST_TOKEN, **env)
    assert code == 2
    assert_one_clear_line(output, expected)
    assert "pw" not in output


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI(TEST_TOKEN)
    await server.start()
    yield server
    await server.stop()


async def test_unreachable_servers_stop_the_start_with_one_line(
    tmp_path: Path, api: FakeBotAPI
) -> None:
    # Both at once: each start spends seconds importing the bot before it fails.
    (code, output), (redis_code, redis_output) = await asyncio.gather(
        run_main(
            tmp_path,
            BOT_TOKEN=TEST_TOKEN,
            TELEGRAM_API_URL=api.url,
            LOG_LEVEL="WARNING",
            DATABASE_URL=f"postgresql://bot:s3cretpw@{DEAD_PORT}/bot",
            REDIS_URL=f"redis://{DEAD_PORT}/0",
        ),
        run_main(
            tmp_path,
            BOT_TOKEN=TEST_TOKEN,
            TELEGRAM_API_URL=api.url,
            LOG_LEVEL="WARNING",
            REDIS_URL=f"redis://:s3cretpw@{DEAD_PORT}/0",
        ),
    )
    assert code == 1
    assert_one_clear_line(
        output, f"Cannot open the database at postgresql://bot:***@{DEAD_PORT}/bot"
    )
    assert "s3cretpw" not in output

    code, output = redis_code, redis_output
    assert code == 1
    assert_one_clear_line(output, f"Cannot reach Redis at redis://{DEAD_PORT}/0")
    assert "s3cretpw" not in output


async def test_healthz_reports_redis_that_stopped_answering(harness: BotHarness) -> None:
    dead = Redis.from_url(f"redis://{DEAD_PORT}/0", socket_connect_timeout=0.5)
    app = build_webhook_app(harness.dispatcher, harness.bot, harness.db, dead, "s", "/hook")
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        assert response.status == 503
        assert await response.json() == {"ok": False, "database": True, "redis": False}
    await dead.aclose()


@engines.needs_servers
async def test_a_second_polling_instance_is_refused(tmp_path: Path, api: FakeBotAPI) -> None:
    """Two processes polling one token make Telegram answer 409 to both: with Redis the
    second one is refused at start, and told to use webhooks."""
    settings = make_settings(tmp_path / "bot.sqlite3", telegram_api_url=api.url)
    first = Application(settings, handle_signals=False)
    running = asyncio.create_task(first.run())
    try:
        await api.wait_for(lambda call: call.method == "setMyCommands", timeout=30)
        code, output = await run_main(
            tmp_path,
            BOT_TOKEN=TEST_TOKEN,
            TELEGRAM_API_URL=api.url,
            LOG_LEVEL="WARNING",
            DATABASE_URL=settings.database,
            REDIS_URL=str(settings.redis_url),
        )
    finally:
        await first.stop()
        await asyncio.wait_for(running, 10)
    assert code == 1
    assert_one_clear_line(output, "Another instance is already polling Telegram")
    assert "WEBHOOK_URL" in output
    # The first one handed its lease back when it stopped: a restart is not refused.
    assert engines.REDIS_URL is not None
    redis = Redis.from_url(engines.REDIS_URL)
    try:
        assert await redis.exists(f"polling:{BOT_ID}") == 0
    finally:
        await redis.aclose()


@engines.needs_servers
async def test_a_poller_whose_lease_was_taken_stops(
    tmp_path: Path, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """Stalled past its lease, a poller finds another instance polling now: it stops
    rather than have Telegram answer 409 to both, says so, and leaves the other
    instance's lease alone."""
    settings = make_settings(tmp_path / "bot.sqlite3", telegram_api_url=api.url)
    app = Application(settings, handle_signals=False)
    running = asyncio.create_task(app.run())
    assert engines.REDIS_URL is not None
    redis = Redis.from_url(engines.REDIS_URL)
    try:
        await api.wait_for(lambda call: call.method == "setMyCommands", timeout=30)
        await redis.set(f"polling:{BOT_ID}", "another-host:1:abcd", px=60_000)
        with caplog.at_level(logging.ERROR):
            await asyncio.wait_for(running, 30)  # the next renewal notices, polling stops
        assert api.polls > 0  # it was polling before
        polls = api.polls
        await asyncio.sleep(0.6)  # longer than one long poll of the fake API
        assert api.polls == polls
        assert await redis.get(f"polling:{BOT_ID}") == b"another-host:1:abcd"
    finally:
        if not running.done():
            await app.stop()
            await asyncio.wait_for(running, 10)
        await redis.aclose()
    assert "Another instance polls with this token now: this one stops" in caplog.text


def test_logs_mask_every_secret_in_the_settings(caplog: pytest.LogCaptureFixture) -> None:
    settings = make_settings(
        Path("unused.sqlite3"),
        database_url="postgresql://coach:p%40ss-word@db.example.com/coach",
        redis_url="redis://:r3dis-pw@cache.example.com:6379/0",
        webhook_url="https://bot.example.com/hook",
        webhook_secret="hook-secret-42",
    )
    caplog.handler.addFilter(RedactSecrets(settings.secrets()))
    logger = logging.getLogger("scale-test")
    with caplog.at_level(logging.INFO):
        logger.info("connecting with p@ss-word and p%%40ss-word, r3dis-pw, %s", "hook-secret-42")
        logger.info("token %s", TEST_TOKEN)
    text = caplog.text
    for secret in ("p@ss-word", "p%40ss-word", "r3dis-pw", "hook-secret-42", TEST_TOKEN):
        assert secret not in text
