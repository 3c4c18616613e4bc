"""Benchmark: how the bot scales from SQLite in one process to PostgreSQL + Redis in two.

    scripts/with-servers .venv/bin/python -m bench.scale [--people 1000] [--updates 3000]
        [--warmup 300] [--in-flight 50]

Every bot here is a real `python main.py` in webhook mode (testkit.instances.BotInstance),
talking to a fake Telegram Bot API on 127.0.0.1 (testkit.fake_bot_api.FakeBotAPI) that
runs in this process, next to the load generator.

a. Updates answered per second through webhooks, for SQLite in one process (no Redis),
   PostgreSQL + Redis in one process, and PostgreSQL + Redis in two processes. Each
   configuration gets a fresh database with `--people` onboarded people (three clients
   each); the load generator keeps `--in-flight` updates outstanding, posting them
   round-robin over the instances' ports as a load balancer would. The updates are
   /menu, /clients, /stats and /checkins (all read the database) from distinct people
   in turn, so one person sends one every couple of seconds and never has two
   outstanding. An update is answered when the fake API records the bot's sendMessage
   or sendPhoto to that person; its latency runs from the post to that record. After
   `--warmup` updates (not counted), `--updates` are measured: the rate is their count
   over the span from the first post to the last answer. The CPU the bot processes
   used per update is read from /proc, and that of this process (load generator and
   fake API) from getrusage: on a small machine they compete for the same cores.
b. The bulk rate with two instances against BROADCAST_RATE (25/s): two PostgreSQL
   instances, a fake API answering 429 above 30 sends a second, 600 check-ins falling
   due at once and a queued broadcast to 1,000 people. Reported: the combined rate
   (sends over the span from the first send to the last), its share of BROADCAST_RATE,
   the busiest 1-second and 5-second windows, 429 answers, and anyone missed or
   reached twice.

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

ADMIN = 42
BROADCAST_RATE = 25  # the setting's default
TELEGRAM_LIMIT = 30
CHECKINS_DUE = 600
BROADCAST_PEOPLE = 1_000
FIRST_PERSON = 100_001
CLIENTS_EACH = 3
COMMANDS = ("/menu", "/clients", "/stats", "/checkins")
ANSWERS = ("sendMessage", "sendPhoto")
ANSWER_TIMEOUT_S = 60.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def servers() -> tuple[str, str]:
    database, redis = os.environ.get("TEST_DATABASE_URL"), os.environ.get("TEST_REDIS_URL")
    if not database or not redis:
        sys.exit(
            "bench.scale needs PostgreSQL and Redis: run it as "
            "scripts/with-servers .venv/bin/python -m bench.scale"
        )
    return database, redis


# ---- answers as the fake API records them ------------------------------------------


class AnswerWatch(list[Any]):
    """The fake API's `calls`: resolves the waiting update of a person the moment the
    bot's answer to them is recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, asyncio.Future[float]] = {}

    def append(self, call: Any) -> None:
        super().append(call)
        if call.method in ANSWERS:
            future = self.waiting.pop(int(call.params["chat_id"]), None)
            if future is not None and not future.done():
                future.set_result(time.monotonic())

    async def expect(self, person: int) -> asyncio.Future[float]:
        """A future for this person's next answer; a person has one outstanding update
        at a time (a slow answer holds their next update back until it comes)."""
        while (earlier := self.waiting.get(person)) is not None:
            await asyncio.wait({earlier})
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[person] = future
        return future

    def forget(self, person: int) -> None:
        """Give up on an answer that never came."""
        future = self.waiting.pop(person, None)
        if future is not None:
            future.cancel()


# ---- figures -----------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# ---- setting up --------------------------------------------------------------------


async def seed_throughput(url: str, people: range) -> None:
    from storage.db import Database
    from testkit.instances import STAMP, seed_people

    db = await Database.open(url)
    try:
        await seed_people(db, people)
        await db.executemany(
            "INSERT INTO clients (user_id, name, contact, created_at, updated_at) "
            "VALUES (:user_id, :name, 'mail@example.com', :stamp, :stamp)",
            [
                {"user_id": person, "name": f"Client {n}", "stamp": STAMP}
                for person in people
                for n in range(CLIENTS_EACH)
            ],
        )
    finally:
        await db.close()


def settings_for(
    api_url: str, database_url: str, redis_url: str | None, port: int, **extra: str
) -> dict[str, str]:
    from testkit.harness import TEST_TOKEN
    from testkit.instances import instance_env

    env = instance_env(
        token=TEST_TOKEN,
        api_url=api_url,
        database_url=database_url,
        redis_url=redis_url or "",
        port=port,
        LOG_LEVEL="WARNING",
        **extra,
    )
    if redis_url is None:
        del env["REDIS_URL"]  # SQLite: one process, nothing shared
    return env


@dataclass
class Fleet:
    """Bot processes behind one imagined load balancer."""

    instances: list[Any] = field(default_factory=list)

    async def start(self, folder: Path, envs: list[dict[str, str]]) -> None:
        from testkit.instances import BotInstance

        for n, env in enumerate(envs):
            instance = BotInstance(int(env["WEBHOOK_PORT"]), env)
            self.instances.append(instance)
            await instance.start(folder / f"instance-{n}.log")
        for instance in self.instances:
            await instance.wait_healthy()

    def cpu(self) -> float:
        return sum(cpu_seconds(instance.pid) for instance in self.instances)

    async def stop(self) -> None:
        for instance in self.instances:
            await instance.stop()


# ---- a. updates answered per second ------------------------------------------------


@dataclass
class Load:
    fleet: Fleet
    watch: AnswerWatch
    people: range
    in_flight: int
    update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    next_turn: int = 0  # the next run goes on with the next person

    async def run(self, count: int) -> tuple[float, list[float], int]:
        """Post `count` updates; return the span from the first post to the last answer,
        the latencies and the number never answered."""
        from testkit.instances import message_update

        posted: list[float] = []
        latencies: list[float] = []
        answered: list[float] = []
        lost = 0
        remaining = iter(range(self.next_turn, self.next_turn + count))
        self.next_turn += count
        instances = self.fleet.instances
        n_people = len(self.people)

        async def worker(http: aiohttp.ClientSession) -> None:
            nonlocal lost
            for n in remaining:
                person = self.people[n % n_people]
                # Each person's turn brings the next command: a mix over people and time.
                command = COMMANDS[(n + n // n_people) % len(COMMANDS)]
                instance = instances[n % len(instances)]
                update = message_update(next(self.update_ids), person, command)
                answer = await self.watch.expect(person)
                sent = time.monotonic()
                posted.append(sent)
                status = await instance.post_update(http, update)
                if status != 200:
                    raise RuntimeError(f"webhook answered {status}:\n{instance.output()}")
                try:
                    moment = await asyncio.wait_for(answer, ANSWER_TIMEOUT_S)
                except TimeoutError:
                    self.watch.forget(person)
                    lost += 1
                    continue
                answered.append(moment)
                latencies.append(moment - sent)

        connector = aiohttp.TCPConnector(limit=self.in_flight * 2)
        async with aiohttp.ClientSession(connector=connector) as http:
            await asyncio.gather(*(worker(http) for _ in range(self.in_flight)))
        span = max(answered) - min(posted) if answered else float("nan")
        return span, latencies, lost


async def throughput(
    name: str,
    folder: Path,
    make_url: Callable[[], Awaitable[str]],
    redis_url: str | None,
    processes: int,
    args: argparse.Namespace,
) -> dict[str, float]:
    from testkit import engines
    from testkit.fake_bot_api import FakeBotAPI
    from testkit.harness import TEST_TOKEN
    from testkit.instances import free_port

    people = range(FIRST_PERSON, FIRST_PERSON + args.people)
    watch = AnswerWatch()
    api = FakeBotAPI(TEST_TOKEN, calls=watch)
    await api.start()
    fleet = Fleet()
    try:
        url = await make_url()
        await seed_throughput(url, people)
        envs = [
            settings_for(api.url, url, redis_url, free_port(), FLOOD_RATE="1000")
            for _ in range(processes)
        ]
        await fleet.start(folder, envs)
        load = Load(fleet, watch, people, args.in_flight)
        print(f"{name}: warm-up, {args.warmup:,} updates ...", flush=True)
        await load.run(args.warmup)
        print(f"{name}: measuring {args.updates:,} updates ...", flush=True)
        bot_cpu, own_cpu = fleet.cpu(), own_cpu_seconds()
        span, latencies, lost = await load.run(args.updates)
        bot_cpu, own_cpu = fleet.cpu() - bot_cpu, own_cpu_seconds() - own_cpu
    finally:
        await fleet.stop()
        await api.stop()
        await asyncio.to_thread(engines.forget_databases)
    answered = len(latencies)
    return {
        "updates_per_s": answered / span,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "lost": lost,
        "bot_cpu_ms_per_update": bot_cpu / answered * 1000,
        "harness_cpu_ms_per_update": own_cpu / answered * 1000,
        "span_s": span,
    }


# ---- b. bulk sends with two instances ----------------------------------------------


async def until(check: Callable[[], Awaitable[bool]], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.5)


async def bulk(folder: Path, redis_url: str) -> dict[str, float]:
    from storage.broadcasts import Audience, BroadcastRepository
    from storage.db import Database
    from testkit import engines
    from testkit.fake_bot_api import FakeBotAPI
    from testkit.harness import TEST_TOKEN
    from testkit.instances import busiest, free_port, seed_due_checkins, seed_people

    people = range(FIRST_PERSON, FIRST_PERSON + BROADCAST_PEOPLE)
    with_checkins = range(FIRST_PERSON, FIRST_PERSON + CHECKINS_DUE)
    api = FakeBotAPI(TEST_TOKEN, limit_per_second=TELEGRAM_LIMIT)
    await api.start()
    fleet = Fleet()
    db: Database | None = None
    try:
        url = await asyncio.to_thread(engines.database_for, folder / "bulk")
        db = await Database.open(url)
        now = datetime.now(UTC)
        await seed_people(db, people)
        await seed_due_checkins(db, with_checkins, now)
        broadcast = await BroadcastRepository(db).create(ADMIN, ADMIN, 1, Audience.EN, now)
        await seed_people(db, range(ADMIN, ADMIN + 1))
        bulk_settings = {"ADMIN_IDS": str(ADMIN), "BROADCAST_RATE": str(BROADCAST_RATE)}
        envs = [
            settings_for(api.url, url, redis_url, free_port(), **bulk_settings) for _ in range(2)
        ]
        print(
            f"bulk: two instances, {CHECKINS_DUE} check-ins due and a broadcast to "
            f"{broadcast.total:,} people ...",
            flush=True,
        )
        await fleet.start(folder, envs)
        shared = db

        async def done() -> bool:
            sent = await shared.fetchvalue("SELECT COUNT(*) FROM checkins WHERE status = 'sent'")
            status = await shared.fetchvalue(
                "SELECT status FROM broadcasts WHERE id = :id", {"id": broadcast.id}
            )
            return bool(sent == CHECKINS_DUE and status == "done")

        expected_s = (CHECKINS_DUE + broadcast.total) / BROADCAST_RATE
        await until(done, expected_s * 3 + 60, "the check-ins and the broadcast")
    finally:
        await fleet.stop()
        await api.stop()
        if db is not None:
            await db.close()
        await asyncio.to_thread(engines.forget_databases)
    copies = Counter(int(c.params["chat_id"]) for c in api.calls if c.method == "copyMessage")
    reminders = Counter(int(c.params["chat_id"]) for c in api.calls if c.method == "sendMessage")
    sends = len(api.send_times)
    span = max(api.send_times) - min(api.send_times)
    rate = sends / span
    return {
        "sends": sends,
        "span_s": span,
        "rate_per_s": rate,
        "share_of_rate": rate / BROADCAST_RATE,
        "busiest_1s": busiest(api.send_times, 1.0),
        "busiest_5s": busiest(api.send_times, 5.0),
        "answered_429": api.answered_429,
        "missed": len(set(people) - set(copies)) + len(set(with_checkins) - set(reminders)),
        "duplicates": sum(n - 1 for n in copies.values()) + sum(n - 1 for n in reminders.values()),
    }


# ---- running -----------------------------------------------------------------------


async def run(args: argparse.Namespace, redis_url: str) -> dict[str, Any]:
    from testkit import engines

    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)

        async def sqlite_file() -> str:
            return f"sqlite:///{folder / 'sqlite' / 'bot.sqlite3'}"

        async def fresh_postgres(tag: str) -> str:
            return await asyncio.to_thread(engines.database_for, folder / tag)

        configurations: list[tuple[str, Callable[[], Awaitable[str]], str | None, int]] = [
            ("sqlite_1", sqlite_file, None, 1),
            ("postgres_1", lambda: fresh_postgres("pg1"), redis_url, 1),
            ("postgres_2", lambda: fresh_postgres("pg2"), redis_url, 2),
        ]
        for name, make_url, redis, processes in configurations:
            (folder / name).mkdir()
            figures[name] = await throughput(name, folder / name, make_url, redis, processes, args)
            print(f"{name}: load average {load_average()}", flush=True)
        (folder / "bulk").mkdir()
        figures["bulk"] = await bulk(folder / "bulk", redis_url)
        print(f"bulk: load average {load_average()}", flush=True)
    return figures


def report(figures: dict[str, Any], args: argparse.Namespace, load_before: str) -> None:
    print()
    print(
        f"a. webhook updates answered ({args.updates:,} after {args.warmup:,} warm-up, "
        f"{args.in_flight} in flight, {args.people:,} people)"
    )
    names = ("sqlite_1", "postgres_1", "postgres_2")
    labels = ("SQLite, 1 proc", "PG+Redis, 1 proc", "PG+Redis, 2 procs")
    print(f"{'':28}" + "".join(f"{label:>20}" for label in labels))
    rows = (
        ("updates/s", "updates_per_s", ".1f"),
        ("latency p50, ms", "p50_ms", ".1f"),
        ("latency p99, ms", "p99_ms", ".1f"),
        ("lost", "lost", ".0f"),
        ("bot CPU ms/update", "bot_cpu_ms_per_update", ".2f"),
        ("harness CPU ms/update", "harness_cpu_ms_per_update", ".2f"),
    )
    for title, key, shape in rows:
        print(f"{title:28}" + "".join(f"{figures[n][key]:>20{shape}}" for n in names))
    b = figures["bulk"]
    print()
    print(f"b. bulk sends, two instances, BROADCAST_RATE {BROADCAST_RATE}, 429 above 30/s")
    print(f"{'sends':28}{b['sends']:>10}")
    print(f"{'span, s':28}{b['span_s']:>10.1f}")
    print(f"{'combined rate, /s':28}{b['rate_per_s']:>10.2f}")
    print(f"{'share of BROADCAST_RATE':28}{b['share_of_rate']:>10.1%}")
    print(f"{'busiest 1 s':28}{b['busiest_1s']:>10}")
    print(f"{'busiest 5 s':28}{b['busiest_5s']:>10}  (limit {BROADCAST_RATE * 5})")
    print(f"{'429 answers':28}{b['answered_429']:>10}")
    print(f"{'missed / duplicates':28}{b['missed']:>6} / {b['duplicates']}")
    print()
    print(f"load average before: {load_before}; after: {load_average()}; cores: {os.cpu_count()}")
    summary: dict[str, Any] = {
        f"{name}_{key}": round(figures[name][key], 3)
        for name in names
        for key in ("updates_per_s", "p50_ms", "p99_ms", "lost", "bot_cpu_ms_per_update")
    }
    summary.update({f"bulk_{key}": round(value, 3) for key, value in b.items()})
    summary["load_average_before"] = load_before
    print(json.dumps(summary))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--updates", type=int, default=3_000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--in-flight", type=int, default=50)
    args = parser.parse_args()
    _, redis_url = servers()
    if args.in_flight > args.people:
        sys.exit("--in-flight must not exceed --people: one outstanding update per person")
    load_before = load_average()
    figures = asyncio.run(run(args, redis_url))
    report(figures, args, load_before)


if __name__ == "__main__":
    main()
