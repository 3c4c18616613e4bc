"""Benchmark: a broadcast to 10,000 subscribers through a fake Bot API on 127.0.0.1.

    .venv/bin/python -m bench.broadcast [--n 10000] [--baseline-n 1000]

The fake Bot API (`testkit.fake_bot_api`, the one the tests use) adds 50 ms latency to
every send, answers 429 (retry_after 1) when more than 30 messages arrive within a second,
and 403 for 2% of users. The bot's own
Broadcaster runs at BROADCAST_RATE (25/s) through the global pacer. The baseline is the
usual aiogram example: send, then sleep(0.05), one after another (measured on a smaller
list: its rate does not depend on the length). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from testkit.fake_bot_api import FakeBotAPI

TOKEN = "123456789:AAHbenchTokenNotRealAtAll_abcdefghijkl"
LATENCY_S = 0.05
LIMIT_PER_S = 30
BLOCKED_SHARE = 0.02
RATE = 25.0


class _NoWaker:
    """The broadcast needs no scheduled wake-ups."""

    def notify(self, due_at: Any) -> None:
        pass


def fake_telegram(blocked: set[int]) -> FakeBotAPI:
    """Telegram as a broadcast meets it: latency, the flood limit, some blocked users."""
    return FakeBotAPI(TOKEN, limit_per_second=LIMIT_PER_S, latency=LATENCY_S, blocked=blocked)


def blocked_users(n: int) -> set[int]:
    step = round(1 / BLOCKED_SHARE)
    return {user_id for user_id in range(1, n + 1) if user_id % step == 0}


async def subscribers_db(folder: Path, n: int) -> Any:
    from storage.db import Database

    db = await Database.open(folder / "bench.sqlite3")
    stamp = 1_767_225_600  # 2026-01-01 00:00 UTC, in epoch seconds like every moment
    await db.executemany(
        "INSERT INTO users (id, chat_id, first_name, language, timezone, tips_enabled, "
        "onboarded_at, created_at, updated_at) "
        "VALUES (:id, :id, 'U', 'en', 'UTC', 1, :stamp, :stamp, :stamp)",
        [{"id": u, "stamp": stamp} for u in range(1, n + 1)],
    )
    return db


def make_bot(url: str) -> Any:
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    return Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(url)))


async def run_broadcaster(n: int) -> dict[str, float]:
    from pydantic import SecretStr

    from bot.clock import SystemClock
    from bot.config import Settings
    from bot.delivery.pacer import Pacer
    from bot.i18n import I18n
    from bot.reading.zones import CityIndex
    from bot.telegram.app import create_delivery
    from bot.telegram.container import create_services
    from storage.broadcasts import BroadcastRepository

    blocked = blocked_users(n)
    server = fake_telegram(blocked)
    await server.start()
    with tempfile.TemporaryDirectory() as folder:
        db = await subscribers_db(Path(folder), n)
        clock = SystemClock()
        settings = Settings(_env_file=None, bot_token=SecretStr(TOKEN), broadcast_rate=RATE)  # type: ignore[call-arg]
        services = create_services(db, settings, clock, I18n(), CityIndex(), _NoWaker())
        bot = make_bot(server.url)
        broadcaster = create_delivery(bot, services, Pacer(RATE, clock)).broadcaster
        await BroadcastRepository(db).create(0, 0, 1, "tips", clock.now())
        started = time.perf_counter()
        await broadcaster.run_all()
        elapsed = time.perf_counter() - started
        await bot.session.close()
        await db.close()
    await server.stop()
    reachable = set(range(1, n + 1)) - blocked
    lost = sum(1 for user_id in reachable if server.delivered[user_id] == 0)
    duplicates = sum(count - 1 for count in server.delivered.values() if count > 1)
    sends = sum(server.delivered.values()) + server.answered_403
    return {
        "achieved_per_s": sends / elapsed,
        "n_429": server.answered_429,
        "lost": lost,
        "duplicates": duplicates,
        "elapsed_s": elapsed,
    }


async def run_baseline(n: int) -> float:
    """The usual example: for each user, send, then sleep(0.05)."""
    from aiogram.exceptions import TelegramAPIError

    server = fake_telegram(blocked_users(n))
    await server.start()
    bot = make_bot(server.url)
    started = time.perf_counter()
    for user_id in range(1, n + 1):
        with suppress(TelegramAPIError):
            await bot.copy_message(chat_id=user_id, from_chat_id=0, message_id=1)
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - started
    await bot.session.close()
    await server.stop()
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--baseline-n", type=int, default=1_000)
    args = parser.parse_args()
    print(f"broadcast to {args.n:,} subscribers at {RATE:g}/s ...", flush=True)
    ours = asyncio.run(run_broadcaster(args.n))
    print(f"baseline: send-then-sleep(0.05) to {args.baseline_n:,} ...", flush=True)
    baseline = asyncio.run(run_baseline(args.baseline_n))
    pct = 100 * ours["achieved_per_s"] / RATE
    print()
    print(f"achieved        {ours['achieved_per_s']:8.2f} /s  ({pct:.1f}% of {RATE:g}/s)")
    print(f"429 answers     {ours['n_429']:8.0f}")
    print(f"lost            {ours['lost']:8.0f}")
    print(f"duplicates      {ours['duplicates']:8.0f}")
    print(f"elapsed         {ours['elapsed_s']:8.1f} s")
    print(f"baseline        {baseline:8.2f} /s")
    print(
        json.dumps(
            {
                "n": args.n,
                "rate_configured": RATE,
                "achieved_per_s": round(ours["achieved_per_s"], 2),
                "pct_of_configured": round(pct, 1),
                "n_429": int(ours["n_429"]),
                "lost": int(ours["lost"]),
                "duplicates": int(ours["duplicates"]),
                "baseline_per_s": round(baseline, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
