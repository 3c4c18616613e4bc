"""main.py as an operator runs it: bad settings or a bad token give one clear line."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from testkit.fake_bot_api import FakeBotAPI
from testkit.harness import TEST_TOKEN
from tests.support.main_process import assert_one_clear_line, run_main, start_main


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "BOT_TOKEN is required"),
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN does not look like a token"),
        ({"BOT_TOKEN": TEST_TOKEN, "DEFAULT_TIMEZONE": "Mars/Base"}, "DEFAULT_TIMEZONE"),
        ({"BOT_TOKEN": TEST_TOKEN, "ADMIN_IDS": "12,abc"}, "ADMIN_IDS must be Telegram user ids"),
        ({"BOT_TOKEN": TEST_TOKEN, "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL must be"),
    ],
)
async def test_bad_settings_exit_with_one_line(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    # --telegram, as Docker runs it: without a token that is an error, not the playground.
    code, output = await run_main(tmp_path, "--telegram", **env)
    assert code == 2
    assert_one_clear_line(output, expected)
    assert ".env" in output


async def test_rejected_token_exits_without_leaking_it(tmp_path: Path) -> None:
    api = FakeBotAPI(TEST_TOKEN, reject_token=True)
    url = await api.start()
    try:
        code, output = await run_main(tmp_path, BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_URL=url)
    finally:
        await api.stop()
    assert code == 1
    assert_one_clear_line(output, "Telegram rejected BOT_TOKEN")
    assert TEST_TOKEN not in output
    assert TEST_TOKEN.split(":")[1] not in output


async def test_unreachable_api_exits_with_one_line(tmp_path: Path) -> None:
    code, output = await run_main(
        tmp_path, BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_URL="http://127.0.0.1:9"
    )
    assert code == 1
    assert_one_clear_line(output, "Cannot reach the Telegram Bot API")


async def test_env_file_runs_the_bot_until_sigterm(tmp_path: Path) -> None:
    """A .env in the working folder is enough; the data folder is made on first run;
    SIGTERM stops polling and the process exits cleanly."""
    api = FakeBotAPI(TEST_TOKEN)
    url = await api.start()
    (tmp_path / ".env").write_text(
        f"BOT_TOKEN={TEST_TOKEN}\nTELEGRAM_API_URL={url}\nDATABASE_PATH=nested/dir/bot.sqlite3\n"
    )
    process = await start_main(tmp_path)
    try:
        await api.wait_for(lambda call: call.method == "setMyCommands", timeout=60)
        assert (tmp_path / "nested" / "dir" / "bot.sqlite3").exists()
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
        await api.stop()
    assert process.returncode == 0, output.decode()
    assert "Traceback" not in output.decode()
    assert TEST_TOKEN not in output.decode()


async def test_a_deployed_setup_without_a_token_is_an_error_not_a_playground(
    tmp_path: Path,
) -> None:
    """Without BOT_TOKEN main.py starts the playground, unless the settings are those of
    a deployed bot: then the token was forgotten, and the operator hears so."""
    code, output = await run_main(tmp_path, WEBHOOK_URL="https://bot.example.com/telegram")
    assert code == 2
    assert_one_clear_line(output, "BOT_TOKEN is required")
