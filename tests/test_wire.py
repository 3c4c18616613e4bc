"""The real polling loop over HTTP against a fake Bot API on 127.0.0.1, started the way
main.py starts the bot (Application with TELEGRAM_API_URL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.telegram.app import Application, StartupError
from storage.db import Database
from storage.users import UserRepository
from testkit.fake_bot_api import Call, FakeBotAPI
from testkit.harness import TEST_TOKEN, make_settings


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI(TEST_TOKEN)
    await server.start()
    yield server
    await server.stop()


def _sent(text: str) -> object:
    return lambda call: call.method == "sendMessage" and text in call.params["text"]


async def test_onboarding_over_real_polling(api: FakeBotAPI, tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data" / "bot.sqlite3", telegram_api_url=api.url)
    app = Application(settings, handle_signals=False)
    running = asyncio.create_task(app.run())
    try:
        commands = await api.wait_for(
            lambda c: c.method == "setMyCommands" and c.params.get("language_code") == "ru"
        )
        assert {"command": "settings", "description": "Язык, часовой пояс, советы"} in (
            commands.params["commands"]
        )
        english = [
            c for c in api.calls if c.method == "setMyCommands" and "language_code" not in c.params
        ]
        assert english, "the default (English) command menu is set too"

        api.push_message(555, "/start")
        question: Call = await api.wait_for(_sent("Which time zone"))
        api.push_press(555, question.result, "Europe/Berlin")
        tips: Call = await api.wait_for(_sent("Would you like a short tip"))
        api.push_press(555, tips.result, "Yes, send tips")
        await api.wait_for(_sent("All set"))
    finally:
        await app.stop()
        await asyncio.wait_for(running, 10)

    db = await Database.open(settings.database)
    try:
        user = await UserRepository(db).get(555)
    finally:
        await db.close()
    assert user is not None
    assert (user.timezone, user.tips_enabled, user.is_onboarded) == ("Europe/Berlin", True, True)


async def test_rejected_token_is_a_startup_error(api: FakeBotAPI, tmp_path: Path) -> None:
    api.reject_token = True
    app = Application(make_settings(tmp_path / "db.sqlite3", telegram_api_url=api.url))
    with pytest.raises(StartupError, match="Telegram rejected BOT_TOKEN"):
        await app.run()


async def test_unreachable_api_is_a_startup_error(tmp_path: Path) -> None:
    # Port 9 (discard) on loopback: nothing listens there, the connection is refused.
    app = Application(make_settings(tmp_path / "db.sqlite3", telegram_api_url="http://127.0.0.1:9"))
    with pytest.raises(StartupError, match=r"Cannot reach the Telegram Bot API at http://127"):
        await app.run()
