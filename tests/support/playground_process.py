"""The playground as a person starts it (`main.py` with no BOT_TOKEN), in a folder of its
own, or its page and local Bot API alone in the test's process with aiogram playing the bot,
and headless Chromium to look at them: shared by the browser tests."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiohttp import web

from bot.i18n import I18n
from playground.bot_api import LocalBotAPI
from playground.chats import PEOPLE
from playground.clock import MovableClock
from playground.run import playground_token
from playground.web import PlaygroundPage

ROOT = Path(__file__).resolve().parents[2]
# Chromium's own background traffic is refused on a closed network; these keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_or_skip() -> str:
    """Debian's Chromium and Playwright, or a skip (a failure on CI, which installs both)."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        reason = "the browser tests need Debian's chromium and Playwright (requirements-dev)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests, but {reason}")
        pytest.skip(reason)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def without_settings() -> dict[str, str]:
    """This environment without the bot's settings a developer may have exported."""
    settings = (
        "BOT_TOKEN",
        "DATABASE_URL",
        "REDIS_URL",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "TELEGRAM_API_URL",
        "PLAYGROUND_PORT",
        "ADMIN_IDS",
    )
    return {key: value for key, value in os.environ.items() if key not in settings}


@dataclass
class PlaygroundProcess:
    url: str
    folder: Path
    process: asyncio.subprocess.Process

    def output(self) -> str:
        """What it printed and logged."""
        return (self.folder / "playground.log").read_text()

    async def state(self, person: str) -> dict[str, Any]:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{self.url}/api/state?person={person}&after=-1") as answer,
        ):
            return await answer.json()  # type: ignore[no-any-return]


@asynccontextmanager
async def playground_process(
    folder: Path,
    *,
    now: datetime | None = None,
    env: dict[str, str] | None = None,
    arguments: tuple[str, ...] = (),
) -> AsyncIterator[PlaygroundProcess]:
    """`main.py` run from `folder` (with no .env unless the test put one there); `now`
    sets where its clock starts. Stopped with Ctrl+C (SIGINT) at the end."""
    (folder / "data").mkdir(exist_ok=True)
    if now is not None:
        ahead = (now - datetime.now(UTC)).total_seconds()
        clock_file = folder / "data" / "playground.clock.json"
        clock_file.write_text(json.dumps({"ahead_seconds": ahead}))
    port = free_port()
    environment = without_settings() | (env or {})
    # Output to a file: a pipe nobody reads would stop the process once full.
    with (folder / "playground.log").open("w") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(ROOT / "main.py"),
            "--port",
            str(port),
            *arguments,
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    running = PlaygroundProcess(f"http://127.0.0.1:{port}", folder, process)
    try:
        await _wait_until_serving(running)
        yield running
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()


async def _wait_until_serving(running: PlaygroundProcess) -> None:
    """Until the bot has set its command menus: then it polls the local Bot API."""
    for _ in range(600):
        if running.process.returncode is not None:
            raise AssertionError(f"the playground stopped at start:\n{running.output()}")
        try:
            if (await running.state("ru"))["commands"]:
                return
        except (aiohttp.ClientError, ValueError):
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("the playground did not start within a minute")


@dataclass
class LocalPlayground:
    """The page and the local Bot API without the bot: the test sends as the bot."""

    url: str
    api: LocalBotAPI
    bot: Bot


@asynccontextmanager
async def local_playground(now: datetime) -> AsyncIterator[LocalPlayground]:
    """On a free port of 127.0.0.1, the clock standing at `now`; every person has written
    to the bot before, so it may write to them."""
    token = playground_token()
    clock = MovableClock(wall=lambda: now)
    api = LocalBotAPI(token, clock, PEOPLE)
    for chat in api.chats.values():
        chat.started = True

    async def no_profile(user_id: int) -> None:
        return None

    async def nothing_due() -> None:
        return None

    page = PlaygroundPage(
        api,
        clock,
        I18n(),
        hint="",
        profile=no_profile,
        run_due=nothing_due,
        on_clock_moved=lambda: None,
    )
    runner = web.AppRunner(page.create_app(), access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}"
    bot = Bot(
        token,
        session=AiohttpSession(api=TelegramAPIServer.from_base(url)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    try:
        yield LocalPlayground(url, api, bot)
    finally:
        await bot.session.close()
        await api.close()
        await runner.cleanup()
