"""Benchmark: check-ins as due rows woken by APScheduler (this design) against one
APScheduler job per check-in in its SQLAlchemy job store on SQLite.

    .venv/bin/pip install -r requirements-bench.txt
    .venv/bin/python -m bench.checkins

For each design, in a temporary folder: 100,000 pending check-ins for 10,000 users; the
figures are start-up time, memory added against an empty database, scheduling rate in
batch, lateness p50/p99 when 1,000 check-ins fall due within the same minute, and the
longest event-loop stall. Each design runs in its own child process so that memory
figures do not mix. Reminders go to a recording bot (no network); this design sends
them through the production pacer (25 messages/s). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from testkit.recording_session import RecordingSession

PENDING = 100_000
USERS = 10_000
WAVE = 1_000
LEAD_S = 5.0  # the wave's minute starts this long after the wave is set up
WINDOW_S = 60.0
TOKEN = "123456789:AAHbenchTokenNotRealAtAll_abcdefghijkl"
KEYS = (
    "pending",
    "startup_s",
    "rss_added_mb",
    "schedule_per_s",
    "late_p50_s",
    "late_p99_s",
    "stall_max_ms",
)


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


class StallMonitor:
    """Measures the longest time the event loop could not run a 1 ms timer."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            self.worst = max(self.worst, time.perf_counter() - before - 0.001)

    def start(self) -> None:
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> float:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        return self.worst * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def wave_times(now: datetime) -> list[datetime]:
    rng = random.Random(7)
    start = now + timedelta(seconds=LEAD_S)
    return sorted(start + timedelta(seconds=rng.uniform(0, WINDOW_S)) for _ in range(WAVE))


# ---- this design: due rows -------------------------------------------------------


async def rows_build(folder: Path) -> float:
    """Users, clients and 100,000 pending check-ins; returns check-ins scheduled per s."""
    from storage.checkins import CheckinRepository, NewCheckin
    from storage.db import Database

    for name in ("empty.sqlite3", "full.sqlite3"):
        await (await Database.open(folder / name)).close()  # migrations only
    db = await Database.open(folder / "full.sqlite3")
    stamp = 1_767_225_600  # 2026-01-01 00:00 UTC, in epoch seconds like every moment
    await db.executemany(
        "INSERT INTO users (id, chat_id, first_name, language, timezone, onboarded_at, "
        "created_at, updated_at) "
        "VALUES (:id, :id, 'U', 'en', 'Europe/Berlin', :stamp, :stamp, :stamp)",
        [{"id": u, "stamp": stamp} for u in range(1, USERS + 1)],
    )
    await db.executemany(
        "INSERT INTO clients (id, user_id, name, created_at, updated_at) "
        "VALUES (:id, :id, 'Client', :stamp, :stamp)",
        [{"id": u, "stamp": stamp} for u in range(1, USERS + 1)],
    )
    now = datetime.now(UTC)
    rng = random.Random(1)
    rows = []
    for n in range(PENDING):
        user = n % USERS + 1
        due = now + timedelta(days=2, seconds=rng.uniform(0, 365 * 86400))
        local = due.astimezone().replace(tzinfo=None)
        rows.append(NewCheckin(user, user, None, local, False, due))
    started = time.perf_counter()
    await CheckinRepository(db).insert_many(rows, now)
    rate = PENDING / (time.perf_counter() - started)
    await db.close()
    return rate


def recording_session() -> RecordingSession:
    """Telegram as the tests' recording session: it notes when each reminder was handed
    over (`sent_at`)."""
    from bot.clock import SystemClock
    from testkit.recording_session import RecordingSession

    return RecordingSession(SystemClock())


async def rows_app(path: Path, session: RecordingSession) -> tuple[Any, Any, Any]:
    """The database and the scheduling parts of the bot, built as main.py builds them."""
    from aiogram import Bot
    from pydantic import SecretStr

    from bot.clock import SystemClock
    from bot.config import Settings
    from bot.delivery.pacer import Pacer
    from bot.delivery.wakeup import SchedulerWaker
    from bot.i18n import I18n
    from bot.reading.zones import CityIndex
    from bot.telegram.app import create_delivery
    from bot.telegram.container import create_services
    from storage.db import Database

    clock = SystemClock()
    db = await Database.open(path)
    settings = Settings(_env_file=None, bot_token=SecretStr(TOKEN), database_path=path)  # type: ignore[call-arg]
    waker = SchedulerWaker(clock)
    services = create_services(db, settings, clock, I18n(), CityIndex(), waker)
    bot = Bot(TOKEN, session=session)
    pacer = Pacer(settings.broadcast_rate, clock)
    due_work = create_delivery(bot, services, pacer).due_work
    waker.attach(due_work.run_due)
    return db, waker, due_work


async def rows_start(waker: Any, due_work: Any) -> None:
    next_due = await due_work.run_due()  # the start-up sweep: catch up on anything missed
    waker.start()
    if next_due:
        waker.notify(next_due)


async def rows_measure(folder: Path) -> dict[str, float]:
    import bot.telegram.app  # noqa: F401  # imports before the baseline, as in a running bot

    session = recording_session()
    db, waker, due_work = await rows_app(folder / "empty.sqlite3", session)
    await rows_start(waker, due_work)
    baseline = rss_mb()
    await waker.close()
    await db.close()

    started = time.perf_counter()
    db, waker, due_work = await rows_app(folder / "full.sqlite3", session)
    # Stalls are measured from the first sweep on, as for APScheduler from start().
    monitor = StallMonitor()
    monitor.start()
    await rows_start(waker, due_work)
    startup = time.perf_counter() - started
    added = rss_mb() - baseline

    due = wave_times(datetime.now(UTC))
    users = random.Random(3).sample(range(1, USERS + 1), WAVE)
    await db.executemany(
        "UPDATE checkins SET due_at = :due_at WHERE id = (SELECT id FROM checkins "
        "WHERE user_id = :user_id AND status = 'pending' LIMIT 1)",
        [
            {"due_at": int(moment.timestamp()), "user_id": user}
            for moment, user in zip(due, users, strict=True)
        ],
    )
    waker.notify(min(due).replace(microsecond=0))
    deadline = time.time() + LEAD_S + WINDOW_S + 60
    # Polling the recorder: the wait is for the scheduler under test, not for an event.
    while len([u for u in users if u in session.sent_at]) < WAVE and time.time() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.2)
    # due_at is stored in whole seconds: lateness counts from that stored second.
    late = [
        session.sent_at[u] - int(m.timestamp())
        for m, u in zip(due, users, strict=True)
        if u in session.sent_at
    ]
    stall = await monitor.stop()
    await waker.close()
    await db.close()
    return {
        "pending": PENDING,
        "startup_s": startup,
        "rss_added_mb": added,
        "late_p50_s": percentile(late, 0.5),
        "late_p99_s": percentile(late, 0.99),
        "stall_max_ms": stall,
        "lost": WAVE - len(late),
    }


# ---- the baseline: one APScheduler job per check-in ---------------------------------

FIRED: dict[int, float] = {}


async def aps_job(checkin_id: int) -> None:
    FIRED[checkin_id] = time.time()


def aps_scheduler(path: Path) -> Any:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    store = SQLAlchemyJobStore(url=f"sqlite:///{path}")
    return AsyncIOScheduler(jobstores={"default": store}, timezone="UTC")


async def aps_build(folder: Path) -> float:
    for name in ("empty-jobs.sqlite3", "jobs.sqlite3"):
        scheduler = aps_scheduler(folder / name)
        scheduler.start(paused=True)
        if name == "jobs.sqlite3":
            now = datetime.now(UTC)
            rng = random.Random(1)
            started = time.perf_counter()
            for n in range(PENDING):
                due = now + timedelta(days=2, seconds=rng.uniform(0, 365 * 86400))
                scheduler.add_job(aps_job, "date", run_date=due, args=[n], id=str(n))
            rate = PENDING / (time.perf_counter() - started)
        scheduler.shutdown(wait=False)
    return rate


async def aps_measure(folder: Path) -> dict[str, float]:
    empty = aps_scheduler(folder / "empty-jobs.sqlite3")
    empty.start()
    baseline = rss_mb()
    empty.shutdown(wait=False)

    started = time.perf_counter()
    scheduler = aps_scheduler(folder / "jobs.sqlite3")
    monitor = StallMonitor()
    monitor.start()
    scheduler.start()
    await asyncio.sleep(0)  # let the first wake-up run, as the rows design does
    startup = time.perf_counter() - started
    added = rss_mb() - baseline

    due = wave_times(datetime.now(UTC))
    ids = random.Random(3).sample(range(PENDING), WAVE)
    for moment, job_id in zip(due, ids, strict=True):
        scheduler.reschedule_job(str(job_id), trigger="date", run_date=moment)
    deadline = time.time() + LEAD_S + WINDOW_S + 60
    while len([i for i in ids if i in FIRED]) < WAVE and time.time() < deadline:
        if time.time() > due[-1].timestamp() + 5:
            break  # APScheduler drops jobs over its 1 s misfire grace: they never come
        await asyncio.sleep(0.2)
    late = [FIRED[i] - m.timestamp() for m, i in zip(due, ids, strict=True) if i in FIRED]
    stall = await monitor.stop()
    scheduler.shutdown(wait=False)
    return {
        "pending": PENDING,
        "startup_s": startup,
        "rss_added_mb": added,
        "late_p50_s": percentile(late, 0.5) if late else float("nan"),
        "late_p99_s": percentile(late, 0.99) if late else float("nan"),
        "stall_max_ms": stall,
        "lost": WAVE - len(late),
    }


# ---- running ---------------------------------------------------------------------


def child(design: str, phase: str, folder: str) -> None:
    """One measurement in this process; prints one JSON line."""
    path = Path(folder)
    if phase == "build":
        rate = asyncio.run(rows_build(path) if design == "rows" else aps_build(path))
        print(json.dumps({"schedule_per_s": rate}))
    else:
        measure = rows_measure(path) if design == "rows" else aps_measure(path)
        print(json.dumps(asyncio.run(measure)))


def run_child(design: str, phase: str, folder: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "bench.checkins", "--child", design, phase, folder],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs=3, metavar=("DESIGN", "PHASE", "FOLDER"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for design in ("rows", "apscheduler"):
            print(f"{design}: building {PENDING:,} pending check-ins ...", flush=True)
            built = run_child(design, "build", folder)
            print(f"{design}: measuring start-up and a wave of {WAVE:,} ...", flush=True)
            figures[design] = {**run_child(design, "measure", folder), **built}
    print()
    print(f"{'':24}{'due rows (this design)':>26}{'APScheduler job per row':>26}")
    for key in (*KEYS[1:], "lost"):
        ours, theirs = figures["rows"][key], figures["apscheduler"][key]
        print(f"{key:24}{ours:>26.3f}{theirs:>26.3f}")
    summary: dict[str, float] = {key: round(figures["rows"][key], 3) for key in KEYS}
    summary.update({f"apscheduler_{key}": round(figures["apscheduler"][key], 3) for key in KEYS})
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
