"""Webhook mode over real HTTP on 127.0.0.1: a valid update is handled; a wrong or missing
secret gets 401; a malformed body gets 400 and the server keeps running; /healthz."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.config import ConfigError, load_settings
from bot.telegram.app import Application
from testkit import engines
from testkit.fake_bot_api import FakeBotAPI
from testkit.harness import TEST_TOKEN, make_settings

SECRET = "s3cret-for-tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def start_serving(
    tmp_path: Path, latency: float = 0.0
) -> tuple[FakeBotAPI, Application, asyncio.Task[None], str]:
    api = FakeBotAPI(TEST_TOKEN, latency=latency)
    await api.start()
    port = free_port()
    settings = make_settings(
        tmp_path / "bot.sqlite3",
        telegram_api_url=api.url,
        webhook_url=f"http://127.0.0.1:{port}/hook",
        webhook_secret=SECRET,
        webhook_host="127.0.0.1",
        webhook_port=port,
    )
    app = Application(settings, handle_signals=False)
    running = asyncio.create_task(app.run())
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        for _ in range(200):  # the server is up when /healthz answers
            try:
                async with http.get(f"{base}/healthz") as response:
                    if response.status == 200:
                        break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.05)
    return api, app, running, base


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[FakeBotAPI, str]]:
    api, app, running, base = await start_serving(tmp_path)
    try:
        yield api, base
    finally:
        await app.stop()
        await asyncio.wait_for(running, 10)
        await api.stop()


def update(text: str, update_id: int = 1) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_790_000_000,
            "chat": {"id": 555, "type": "private"},
            "from": {"id": 555, "is_bot": False, "first_name": "Hook", "language_code": "en"},
            "text": text,
        },
    }


async def test_webhook_serves_updates_and_refuses_the_rest(
    served: tuple[FakeBotAPI, str],
) -> None:
    api, base = served
    hook = await api.wait_for(lambda call: call.method == "setWebhook")
    assert hook.params["url"] == f"{base}/hook"
    assert hook.params["secret_token"] == SECRET
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as response:
            assert response.status == 200
            expected = {"ok": True, "database": True}
            if engines.ON_SERVERS:
                expected["redis"] = True  # several instances share it: it must answer too
            assert await response.json() == expected
        good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with http.post(f"{base}/hook", json=update("/start"), headers=good) as response:
            assert response.status == 200
        await api.wait_for(lambda c: c.method == "sendMessage" and "Hi, Hook!" in c.params["text"])

        wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
        async with http.post(f"{base}/hook", json=update("/help", 2), headers=wrong) as response:
            assert response.status == 401
        async with http.post(f"{base}/hook", json=update("/help", 3)) as response:
            assert response.status == 401
        async with http.post(f"{base}/hook", data="{not json", headers=good) as response:
            assert response.status == 400
        async with http.post(f"{base}/hook", data=json.dumps({"hello": 1}), headers=good) as r:
            assert r.status == 400
        # Still serving after all that.
        async with http.post(f"{base}/hook", json=update("/help", 4), headers=good) as response:
            assert response.status == 200
        await api.wait_for(lambda c: c.method == "sendMessage" and "/settings" in c.params["text"])
    helps = [c for c in api.calls if c.method == "sendMessage" and "/settings" in c.params["text"]]
    assert len(helps) == 1  # the refused /help updates were never handled


def test_webhook_needs_a_secret(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f"BOT_TOKEN={TEST_TOKEN}\nWEBHOOK_URL=https://bot.example.com/hook\n")
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET is required"):
        load_settings(env)


async def test_an_update_taken_before_a_stop_is_still_answered(tmp_path: Path) -> None:
    """A rolling restart: Telegram got 200 for the update, so it will not send it again;
    the stopping instance must finish it before its session and database close."""
    api, app, running, base = await start_serving(tmp_path, latency=0.3)
    try:
        async with aiohttp.ClientSession() as http:
            good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with http.post(f"{base}/hook", json=update("/start"), headers=good) as r:
                assert r.status == 200
        await app.stop()
        await asyncio.wait_for(running, 10)
    finally:
        await api.stop()
    texts = api.sent_texts()
    # Both of /start's messages: the greeting, then the time zone question.
    assert any("Hi, Hook!" in text for text in texts)
    assert any("Which time zone" in text for text in texts)
