"""main.py run as an operator runs it, with only the settings a test gives: shared by the
tests of start-up errors and of settings for several instances."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

MAIN = Path(__file__).resolve().parents[2] / "main.py"


SETTING_NAMES = (
    "BOT_TOKEN",
    "ADMIN_IDS",
    "DATABASE_PATH",
    "DATABASE_URL",
    "REDIS_URL",
    "DEFAULT_LANGUAGE",
    "DEFAULT_TIMEZONE",
    "LOG_LEVEL",
    "TELEGRAM_API_URL",
)


async def start_main(cwd: Path, *arguments: str, **env: str) -> asyncio.subprocess.Process:
    clean = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        str(MAIN),
        *arguments,
        cwd=cwd,
        env={**clean, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def run_main(cwd: Path, *arguments: str, **env: str) -> tuple[int, str]:
    process = await start_main(cwd, *arguments, **env)
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, output.decode()


def assert_one_clear_line(output: str, expected: str) -> None:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert expected in lines[0]
    assert "Traceback" not in output
