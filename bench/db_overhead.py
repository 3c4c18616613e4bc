"""Benchmark: what SQLAlchemy Core costs on the SQLite path, against raw aiosqlite.

    .venv/bin/python -m bench.db_overhead [--iterations 20000] [--updates-per-s 450]

In a temporary SQLite file migrated by `Database.open`, 2,000 people with 10 clients
each. The same statements then run two ways, on the same file:

- raw: one aiosqlite connection (autocommit, `row_factory = aiosqlite.Row`, the bot's
  pragmas) with `?` placeholders, as the bot did before SQLAlchemy: an asyncio lock
  around each statement, `async with conn.execute(sql, params) as cur: await
  cur.fetchone()`, and a unit of work as `BEGIN IMMEDIATE` ... `COMMIT` under the lock;
- core: `storage.db.Database` (SQLAlchemy Core's async engine on aiosqlite), with named
  binds, `fetchone`/`fetchall`/`execute` and `async with db.transaction()`.

Statements: a point SELECT of a person by id, a SELECT of a person's 10 clients, an
UPDATE of one row, and a unit of work with two UPDATEs. Each way runs every statement
`--iterations` times after a warm-up, in alternating blocks of 1,000 so that a change in
the machine's load hits both ways alike; each call is timed on its own (mean and p99,
wall time), and the process's CPU time per call is taken over the blocks.

The overhead per handled update is the mean difference of the three single statements
times 6 (a typical update makes about six statements), set against the time one update
takes at `--updates-per-s` (450: what the bot answered on one process with SQLite). The
last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiosqlite

from storage.db import BUSY_TIMEOUT_MS, Database

PEOPLE = 2_000
CLIENTS_EACH = 10
FIRST = 1_000_001
STAMP = 1_767_225_600
BLOCK = 1_000
WARMUP = 1_000
STATEMENTS_PER_UPDATE = 6

# (raw SQL with ?, core SQL with named binds)
POINT = (
    "SELECT * FROM users WHERE id = ?",
    "SELECT * FROM users WHERE id = :id",
)
CLIENTS = (
    "SELECT * FROM clients WHERE user_id = ? AND archived = 0 ORDER BY name",
    "SELECT * FROM clients WHERE user_id = :user_id AND archived = 0 ORDER BY name",
)
UPDATE = (
    "UPDATE users SET last_seen_at = ? WHERE id = ?",
    "UPDATE users SET last_seen_at = :now WHERE id = :id",
)
UNIT_FIRST = (
    "UPDATE users SET updated_at = ? WHERE id = ?",
    "UPDATE users SET updated_at = :now WHERE id = :id",
)
UNIT_SECOND = (
    "UPDATE clients SET last_contact_at = ? WHERE id = ? AND user_id = ?",
    "UPDATE clients SET last_contact_at = :now WHERE id = :client_id AND user_id = :user_id",
)
NAMES = ("point_select", "clients_fetchall", "update_one", "unit_two_updates")
SINGLE = NAMES[:3]


@dataclass
class Timings:
    calls: list[float] = field(default_factory=list)  # seconds, wall, one per call
    cpu: float = 0.0  # process CPU seconds over all calls

    def mean_us(self) -> float:
        return statistics.fmean(self.calls) * 1e6

    def p99_us(self) -> float:
        ordered = sorted(self.calls)
        return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1e6

    def cpu_us(self) -> float:
        return self.cpu / len(self.calls) * 1e6


Call = Callable[[int], Awaitable[Any]]


def person(n: int) -> int:
    return FIRST + (n * 7919) % PEOPLE  # a stride: every call another row


def client_of(n: int, user_id: int) -> int:
    """The id of one of this person's clients (inserted in order: 10 per person)."""
    return (user_id - FIRST) * CLIENTS_EACH + 1 + n % CLIENTS_EACH


async def seed(db: Database) -> None:
    people = range(FIRST, FIRST + PEOPLE)
    await db.executemany(
        "INSERT INTO users (id, chat_id, first_name, language, timezone, onboarded_at, "
        "created_at, updated_at) VALUES (:id, :id, 'U', 'en', 'Europe/Berlin', :stamp, "
        ":stamp, :stamp)",
        [{"id": user_id, "stamp": STAMP} for user_id in people],
    )
    await db.executemany(
        "INSERT INTO clients (user_id, name, contact, created_at, updated_at) "
        "VALUES (:user_id, :name, 'mail@example.com', :stamp, :stamp)",
        [
            {"user_id": user_id, "name": f"Client {n}", "stamp": STAMP}
            for user_id in people
            for n in range(CLIENTS_EACH)
        ],
    )


class Raw:
    """The bot's storage before SQLAlchemy: one aiosqlite connection behind one lock."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Raw:
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = aiosqlite.Row
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                       f"busy_timeout={BUSY_TIMEOUT_MS}"):  # fmt: skip
            await conn.execute(f"PRAGMA {pragma}")
        return cls(conn)

    async def point(self, n: int) -> Any:
        async with self.lock, self.conn.execute(POINT[0], (person(n),)) as cur:
            return await cur.fetchone()

    async def clients(self, n: int) -> Any:
        async with self.lock, self.conn.execute(CLIENTS[0], (person(n),)) as cur:
            return list(await cur.fetchall())

    async def update(self, n: int) -> int:
        async with self.lock:
            cur = await self.conn.execute(UPDATE[0], (STAMP + n, person(n)))
            changed = cur.rowcount
            await cur.close()
            return changed

    async def _change(self, sql: str, params: tuple[Any, ...]) -> int:
        cur = await self.conn.execute(sql, params)
        changed = cur.rowcount
        await cur.close()
        return changed

    async def unit(self, n: int) -> None:
        user_id = person(n)
        async with self.lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                await self._change(UNIT_FIRST[0], (STAMP + n, user_id))
                await self._change(UNIT_SECOND[0], (STAMP + n, client_of(n, user_id), user_id))
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")


class Core:
    """The bot's storage now: storage.db.Database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def point(self, n: int) -> Any:
        return await self.db.fetchone(POINT[1], {"id": person(n)})

    async def clients(self, n: int) -> Any:
        return await self.db.fetchall(CLIENTS[1], {"user_id": person(n)})

    async def update(self, n: int) -> int:
        return await self.db.execute(UPDATE[1], {"now": STAMP + n, "id": person(n)})

    async def unit(self, n: int) -> None:
        user_id = person(n)
        async with self.db.transaction() as tx:
            await tx.execute(UNIT_FIRST[1], {"now": STAMP + n, "id": user_id})
            await tx.execute(
                UNIT_SECOND[1],
                {"now": STAMP + n, "client_id": client_of(n, user_id), "user_id": user_id},
            )


async def block(call: Call, start: int, count: int, into: Timings | None) -> None:
    cpu = time.process_time()
    for n in range(start, start + count):
        began = time.perf_counter()
        await call(n)
        if into is not None:
            into.calls.append(time.perf_counter() - began)
    if into is not None:
        into.cpu += time.process_time() - cpu


async def check_same(raw: Raw, core: Core) -> None:
    """Both ways read the same rows and change one row each."""
    for n in range(5):
        a, b = await raw.point(n), await core.point(n)
        assert a is not None and b is not None and dict(a) == dict(b)
        rows_a, rows_b = await raw.clients(n), await core.clients(n)
        assert [dict(r) for r in rows_a] == [dict(r) for r in rows_b]
        assert len(rows_a) == CLIENTS_EACH
        assert await raw.update(n) == 1 and await core.update(n) == 1


async def measure(iterations: int) -> dict[str, dict[str, Timings]]:
    results: dict[str, dict[str, Timings]] = {
        way: {name: Timings() for name in NAMES} for way in ("raw", "core")
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        db = await Database.open(path)
        raw: Raw | None = None
        try:
            await seed(db)
            raw = await Raw.open(path)
            core = Core(db)
            await check_same(raw, core)
            ways: dict[str, dict[str, Call]] = {
                "raw": dict(zip(NAMES, (raw.point, raw.clients, raw.update, raw.unit),
                                strict=True)),
                "core": dict(zip(NAMES, (core.point, core.clients, core.update, core.unit),
                                 strict=True)),
            }  # fmt: skip
            for name in NAMES:
                for calls in ways.values():
                    await block(calls[name], 0, WARMUP, None)
                done = 0
                while done < iterations:
                    count = min(BLOCK, iterations - done)
                    for way, calls in ways.items():
                        await block(calls[name], done, count, results[way][name])
                    done += count
                print(f"  {name}: done", flush=True)
        finally:
            if raw is not None:
                await raw.conn.close()
            await db.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--updates-per-s", type=float, default=450.0)
    args = parser.parse_args()
    load_before = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"{PEOPLE:,} people with {CLIENTS_EACH} clients each; {args.iterations:,} calls per "
        f"statement and way (load average {load_before}) ...",
        flush=True,
    )
    results = asyncio.run(measure(args.iterations))
    raw, core = results["raw"], results["core"]

    print()
    print(f"{'µs per call':20}{'raw mean':>10}{'p99':>8}{'cpu':>8}"
          f"{'core mean':>12}{'p99':>8}{'cpu':>8}{'Δ mean':>10}{'Δ cpu':>8}")  # fmt: skip
    for name in NAMES:
        a, b = raw[name], core[name]
        print(
            f"{name:20}{a.mean_us():>10.1f}{a.p99_us():>8.1f}{a.cpu_us():>8.1f}"
            f"{b.mean_us():>12.1f}{b.p99_us():>8.1f}{b.cpu_us():>8.1f}"
            f"{b.mean_us() - a.mean_us():>10.1f}{b.cpu_us() - a.cpu_us():>8.1f}"
        )

    per_statement = statistics.fmean(core[n].mean_us() - raw[n].mean_us() for n in SINGLE)
    per_statement_cpu = statistics.fmean(core[n].cpu_us() - raw[n].cpu_us() for n in SINGLE)
    per_update = per_statement * STATEMENTS_PER_UPDATE
    per_update_cpu = per_statement_cpu * STATEMENTS_PER_UPDATE
    update_us = 1e6 / args.updates_per_s
    print()
    print(
        f"overhead per statement (mean of the three single ones): {per_statement:.1f} µs wall, "
        f"{per_statement_cpu:.1f} µs CPU"
    )
    print(
        f"per handled update (~{STATEMENTS_PER_UPDATE} statements): {per_update:.0f} µs wall, "
        f"{per_update_cpu:.0f} µs CPU; one update at {args.updates_per_s:g}/s takes "
        f"{update_us:.0f} µs, so {per_update / update_us:.1%} (wall) / "
        f"{per_update_cpu / update_us:.1%} (CPU) of it"
    )
    load_after = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average before: {load_before}; after: {load_after}; cores: {os.cpu_count()}")

    summary: dict[str, Any] = {}
    for name in NAMES:
        for way, timings in (("raw", raw[name]), ("core", core[name])):
            summary[f"{name}_{way}_mean_us"] = round(timings.mean_us(), 1)
            summary[f"{name}_{way}_p99_us"] = round(timings.p99_us(), 1)
            summary[f"{name}_{way}_cpu_us"] = round(timings.cpu_us(), 1)
        summary[f"{name}_diff_mean_us"] = round(core[name].mean_us() - raw[name].mean_us(), 1)
    summary.update(
        {
            "overhead_per_statement_us": round(per_statement, 1),
            "overhead_per_update_us": round(per_update, 1),
            "overhead_per_update_cpu_us": round(per_update_cpu, 1),
            "reference_updates_per_s": args.updates_per_s,
            "overhead_share_of_update": round(per_update / update_us, 4),
            "overhead_cpu_share_of_update": round(per_update_cpu / update_us, 4),
            "load_average_before": load_before,
        }
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
