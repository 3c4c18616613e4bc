"""Starting the playground as a person does: `./scripts/run` (main.py) with no BOT_TOKEN,
or with --playground beside a production setup it must never touch."""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.i18n import I18n
from testkit import engines
from tests.support.playground_process import (
    ROOT,
    PlaygroundProcess,
    playground_process,
    without_settings,
)

pytestmark = pytest.mark.skipif(
    engines.ON_SERVERS, reason="the playground runs on SQLite alone: the SQLite run covers it"
)


async def act(playground: PlaygroundProcess, action: str, **body: Any) -> None:
    """One thing a person does, at a person's pace: the bot slows down anyone who sends
    more than five updates a second."""
    await asyncio.sleep(0.25)
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{playground.url}/api/{action}", json=body) as answer,
    ):
        assert answer.status == 200, await answer.text()


async def say(playground: PlaygroundProcess, person: str, text: str) -> None:
    await act(playground, "send", person=person, text=text)


async def press(playground: PlaygroundProcess, person: str, label: str) -> None:
    """Press the newest button with this label, once it is on the page."""
    for _ in range(200):
        for message in reversed((await playground.state(person))["messages"]):
            for row in message["inline_keyboard"] or []:
                for button in row:
                    if button["text"] == label:
                        data = button["callback_data"]
                        await act(
                            playground, "press", person=person, message_id=message["id"], data=data
                        )
                        return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no button {label!r}: {(await playground.state(person))['messages']}")


async def first_message(
    playground: PlaygroundProcess, person: str, matches: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """The first message of the person's chat that matches, waiting up to ten seconds."""
    for _ in range(200):
        messages: list[dict[str, Any]] = (await playground.state(person))["messages"]
        found = [m for m in messages if matches(m)]
        if found:
            return found[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no such message: {(await playground.state(person))['messages']}")


async def texts(playground: PlaygroundProcess, person: str, containing: str) -> list[str]:
    """Bot messages with this text, waiting a little for the first."""
    message = await first_message(
        playground,
        person,
        lambda m: m["from"] == "bot" and containing in (m["text"] or m["caption"] or ""),
    )
    return [message["text"] or message["caption"]]


async def wait_for_bot_message(playground: PlaygroundProcess, person: str) -> None:
    await first_message(playground, person, lambda m: m["from"] == "bot")


async def test_without_a_token_the_playground_serves_the_page_and_keeps_its_clock(
    tmp_path: Path,
) -> None:
    async with playground_process(tmp_path) as playground:
        async with aiohttp.ClientSession() as http, http.get(playground.url + "/") as page:
            assert page.status == 200
            assert "Partner Coach" in await page.text()
        await say(playground, "en", "/start")
        await wait_for_bot_message(playground, "en")
        before = (await playground.state("en"))["clock"]["label"]
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"{playground.url}/api/clock", json={"step": "month"}) as moved,
        ):
            assert moved.status == 200
        moved_label = (await playground.state("en"))["clock"]["label"]
        assert moved_label != before
    output = playground.output()
    assert f"open {playground.url} in your browser" in output
    assert "To run on Telegram instead: put BOT_TOKEN from @BotFather in .env" in output
    assert playground.process.returncode == 0  # Ctrl+C ends it cleanly
    assert "Traceback" not in output
    assert (tmp_path / "data" / "playground.sqlite3").exists()
    assert not (tmp_path / "data" / "bot.sqlite3").exists()

    # A restart keeps the moved clock: check-ins planned in that time stay where they were.
    async with playground_process(tmp_path) as again:
        day = (await again.state("en"))["clock"]["label"].rsplit(",", 1)[0]
        assert day == moved_label.rsplit(",", 1)[0]


async def test_with_a_token_the_playground_leaves_the_production_data_alone(
    tmp_path: Path,
) -> None:
    production = tmp_path / "data" / "bot.sqlite3"
    production.parent.mkdir()
    production.write_bytes(b"the production database")
    (tmp_path / ".env").write_text(
        "BOT_TOKEN=123456789:AAHrealLookingTokenForTheProductionBot\n"
        "DATABASE_PATH=data/bot.sqlite3\nADMIN_IDS=1\n"
    )
    # Even a production URL in the environment is not used.
    servers = {
        "DATABASE_URL": "postgresql://coach:secret@127.0.0.1:9/coach",
        "REDIS_URL": "redis://127.0.0.1:9/0",
    }
    async with playground_process(tmp_path, env=servers, arguments=("--playground",)) as running:
        await say(running, "ru", "/start")
        await wait_for_bot_message(running, "ru")
    assert production.read_bytes() == b"the production database"
    # Not opened at all: SQLite would have left its -wal and -shm files beside it.
    assert not [path.name for path in production.parent.glob("bot.sqlite3-*")]
    assert (production.parent / "playground.sqlite3").exists()
    assert "secret" not in running.output()


async def test_a_busy_port_gets_one_line_naming_another(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(ROOT / "main.py"),
            "--playground",
            "--port",
            str(port),
            cwd=tmp_path,
            env=without_settings(),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, error = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 1
    [line] = error.decode().strip().splitlines()
    assert f"Cannot serve the playground on 127.0.0.1:{port}" in line
    assert f"--playground --port {port + 1}" in line


async def test_tips_an_admin_broadcast_and_an_export_work_in_the_playground(
    tmp_path: Path,
) -> None:
    t = I18n().get("en")
    async with playground_process(tmp_path) as playground:
        # Sam subscribes to tips; a week on the clock brings them.
        await say(playground, "en", "/start")
        await press(playground, "en", "Europe/Berlin")
        await press(playground, "en", t.label("button-tips-yes"))
        await act(playground, "clock", step="week")
        assert await texts(playground, "en", "Something to try")

        # The admin broadcasts to everyone; Sam gets it as sent.
        await say(playground, "admin", "/start")
        await press(playground, "admin", "Europe/London")
        await press(playground, "admin", t.label("button-tips-no"))
        await say(playground, "admin", "/broadcast")
        assert await texts(playground, "admin", "Send me the message to broadcast")
        await say(playground, "admin", "Coffee chat on Friday")
        await press(playground, "admin", t.label("audience-all", n=2))
        await press(playground, "admin", t.label("button-broadcast-send"))
        assert await texts(playground, "admin", "sent 2, blocked 0, failed 0 of 2")
        assert await texts(playground, "en", "Coffee chat on Friday")

        # /export sends a zip the page can download.
        await say(playground, "en", "/export")
        message = await first_message(playground, "en", lambda m: bool(m["document"]))
        async with (
            aiohttp.ClientSession() as http,
            http.get(playground.url + message["document"]["url"]) as download,
        ):
            assert download.headers["Content-Disposition"].endswith(".zip")
            assert (await download.read())[:2] == b"PK"


async def test_the_client_opens_a_link_to_the_bot_and_gets_its_answer_in_their_chat(
    tmp_path: Path,
) -> None:
    """Миша, a freelancer's client, opens a personal link: /start with its payload arrives
    as them, in their own chat, and the bot answers there."""
    payload = "fb_" + "Q2xpZW50LXZpZXc_-Ab1" + "x" * 12  # 32 characters after fb_, as the bot makes
    async with playground_process(tmp_path) as playground:
        await act(playground, "start", person="client", payload=payload)
        reply = await first_message(playground, "client", lambda m: m["from"] == "bot")
        assert reply["text"] or reply["caption"]
        sent, *_ = (await playground.state("client"))["messages"]
        assert (sent["from"], sent["text"]) == ("user", f"/start {payload}")
        assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
        assert (await playground.state("ru"))["messages"] == []
    assert "Traceback" not in playground.output()
