"""Several bot processes in webhook mode against one PostgreSQL and Redis, as an operator
runs them behind a load balancer: started from main.py with settings in the
environment, seen healthy through /healthz, stopped or killed like a lost machine.
Used by the two-instance test and by bench/scale.py."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp

from storage.checkins import CheckinRepository, NewCheckin
from storage.codec import epoch
from storage.db import Database

ROOT = Path(__file__).resolve().parents[1]
SECRET = "instances-secret"
STAMP = 1_767_225_600  # 2026-01-01 00:00 UTC: when the seeded people joined


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class BotInstance:
    """One `python main.py` serving a webhook on its own port."""

    port: int
    env: dict[str, str]
    process: asyncio.subprocess.Process | None = None
    log: Path | None = None
    _log_file: Any = field(default=None, repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def start(self, log: Path) -> None:
        self.log = log
        self._log_file = log.open("wb")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(ROOT / "main.py"),
            cwd=log.parent,
            env=self.env,
            stdout=self._log_file,
            stderr=asyncio.subprocess.STDOUT,
        )

    async def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        async with aiohttp.ClientSession() as http:
            while True:
                assert self.process is not None and self.process.returncode is None, self.output()
                try:
                    async with http.get(f"{self.base}/healthz") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    raise TimeoutError(f"instance on {self.port} never healthy:\n{self.output()}")
                await asyncio.sleep(0.2)

    async def post_update(self, http: aiohttp.ClientSession, update: dict[str, Any]) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with http.post(f"{self.base}/hook", json=update, headers=headers) as response:
            return response.status

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when a machine is lost."""
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        if self._log_file is not None:
            self._log_file.close()

    def output(self) -> str:
        return (
            self.log.read_text(errors="replace")[-4000:] if self.log and self.log.exists() else ""
        )


def instance_env(
    *, token: str, api_url: str, database_url: str, redis_url: str, port: int, **extra: str
) -> dict[str, str]:
    """Settings as an operator would give each instance; nothing from the test's own
    environment leaks in but PATH-like basics."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {
        **keep,
        "BOT_TOKEN": token,
        "TELEGRAM_API_URL": api_url,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/hook",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_HOST": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


async def seed_people(db: Database, ids: range, language: str = "en") -> None:
    """Onboarded people, as if each had run /start a while ago."""
    await db.executemany(
        "INSERT INTO users (id, chat_id, first_name, language, timezone, onboarded_at, "
        "created_at, updated_at) "
        "VALUES (:id, :id, 'U', :language, 'Europe/Berlin', :stamp, :stamp, :stamp)",
        [{"id": user_id, "language": language, "stamp": STAMP} for user_id in ids],
    )


async def seed_due_checkins(db: Database, ids: range, due_at: datetime) -> None:
    """One client each and one check-in with that client falling due at `due_at`."""
    await db.execute(
        "INSERT INTO clients (user_id, name, created_at, updated_at) "
        "SELECT id, 'Acme', :stamp, :stamp FROM users WHERE id BETWEEN :first AND :last",
        {"stamp": STAMP, "first": ids[0], "last": ids[-1]},
    )
    clients = await db.fetchall(
        "SELECT id, user_id FROM clients WHERE user_id BETWEEN :first AND :last",
        {"first": ids[0], "last": ids[-1]},
    )
    local = due_at.replace(tzinfo=None)
    await CheckinRepository(db).insert_many(
        [NewCheckin(row["user_id"], row["id"], None, local, True, due_at) for row in clients],
        due_at,
    )


def message_update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": epoch(datetime.now().astimezone()),
            "chat": {"id": user_id, "type": "private", "first_name": "U"},
            "from": {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "en"},
            "text": text,
        },
    }


def busiest(moments: list[float], span: float) -> int:
    """The most sends that arrived within any `span` seconds."""
    ordered = sorted(moments)
    start, most = 0, 0
    for end, moment in enumerate(ordered):
        while moment - ordered[start] >= span:
            start += 1
        most = max(most, end - start + 1)
    return most
