"""Benchmark: what SQLAlchemy Core would cost on the bot's SQLite path.

    .venv/bin/python -m bench.db_overhead [--iterations 20000] [--update-cpu-ms 12.5]
        [--statements-per-update 8.5] [--units-per-update 2]

In a temporary SQLite file migrated by `Database.open`, 2,000 people with 10 clients
each. The same statements, with the same named binds (`:id`), then run two ways on that
file:

- aiosqlite: `storage.db.Database` as the bot runs SQLite: one aiosqlite connection
  (autocommit) behind one asyncio lock, the SQL handed to sqlite3 as it is,
  `fetchone`/`fetchall` in one `execute_fetchall`, a unit of work as `BEGIN IMMEDIATE`
  ... `COMMIT` under the lock;
- sqlalchemy: SQLAlchemy Core's async engine over aiosqlite doing the same work
  (`SQLAlchemyPath` below): one `AsyncConnection` with isolation level AUTOCOMMIT
  behind one asyncio lock, the bot's pragmas set on connect, `text()` of each SQL text
  cached as `storage.db` caches it for PostgreSQL, `conn.execute(...)` then
  `.rowcount`, `.mappings().first()` or `.mappings().all()`, each statement shielded
  from cancellation (a statement cut off halfway makes SQLAlchemy drop the one shared
  connection), and a unit of work as `BEGIN IMMEDIATE` (`exec_driver_sql`) ...
  `conn.commit()` under the lock.

Both ways first read the same rows and change one row each. Statements: a point SELECT
of a person by id, a SELECT of a person's 10 clients, an UPDATE of one row, and a unit
of work with two UPDATEs. Each way runs every statement `--iterations` times after a
warm-up, in alternating blocks of 1,000 so that a change in the machine's load hits both
ways alike; each call is timed on its own (mean and p99, wall time), and the process's
CPU time per call (the event loop's and aiosqlite's thread's together) is taken over
the blocks.

The cost per handled update is the mean difference of the three single statements times
`--statements-per-update`, plus the difference of a unit of work's BEGIN/COMMIT (the unit
less two single UPDATEs) times `--units-per-update`. The defaults, 8.5 and 2, are what
the four commands `bench/scale.py` sends make once a person is known: /menu 7
statements, /checkins 8, /clients 9, /stats 10, and 2 units of work each (counted by
wrapping `Database`'s methods under `testkit.harness`). That is set against the CPU one
update costs the bot: `--update-cpu-ms`, by default 12.5, the "bot CPU ms/update" that
`bench/scale.py` measures for SQLite in one process (12.4 on a two-core machine). The bot
is CPU-bound at full load, so the share is about what it would lose in updates per
second. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy import CursorResult, TextClause, event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage.db import BUSY_TIMEOUT_MS, Database

PEOPLE = 2_000
CLIENTS_EACH = 10
FIRST = 1_000_001
STAMP = 1_767_225_600
BLOCK = 1_000
WARMUP = 1_000

POINT = "SELECT * FROM users WHERE id = :id"
CLIENTS = "SELECT * FROM clients WHERE user_id = :user_id AND archived = 0 ORDER BY name"
UPDATE = "UPDATE users SET last_seen_at = :now WHERE id = :id"
UNIT_FIRST = "UPDATE users SET updated_at = :now WHERE id = :id"
UNIT_SECOND = (
    "UPDATE clients SET last_contact_at = :now WHERE id = :client_id AND user_id = :user_id"
)
NAMES = ("point_select", "clients_fetchall", "update_one", "unit_two_updates")
SINGLE = NAMES[:3]
WAYS = ("aiosqlite", "sqlalchemy")
UPDATE_CPU_MS = 12.5  # bench/scale.py, SQLite in one process: see the docstring

T = TypeVar("T")
Params = Mapping[str, Any]


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


class Store(Protocol):
    """The part of `storage.db.Database` the statements here use."""

    async def execute(self, sql: str, params: Params | None = None) -> int: ...

    async def fetchone(self, sql: str, params: Params | None = None) -> Any: ...

    async def fetchall(self, sql: str, params: Params | None = None) -> list[Any]: ...

    def transaction(self) -> AbstractAsyncContextManager[Any]: ...


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


# ---- the SQLAlchemy path -----------------------------------------------------------


@lru_cache(maxsize=1024)
def _statement(sql: str) -> TextClause:
    return text(sql)


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    """The bot's pragmas, on every new connection before anyone uses it."""
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "foreign_keys=ON",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


class SQLAlchemyPath:
    """SQLite through SQLAlchemy Core's async engine over aiosqlite: one AUTOCOMMIT
    connection behind one lock, units of work joined by the task that opened them."""

    def __init__(self, engine: AsyncEngine, conn: AsyncConnection) -> None:
        self._engine = engine
        self._conn = conn
        self._lock = asyncio.Lock()
        self._unit: ContextVar[tuple[asyncio.Task[Any], AsyncConnection] | None] = ContextVar(
            "bench_unit", default=None
        )

    @classmethod
    async def open(cls, path: Path) -> SQLAlchemyPath:
        engine = create_async_engine(f"sqlite+aiosqlite:///{path}")
        event.listen(engine.sync_engine, "connect", _pragmas)
        conn = await engine.connect()
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        return cls(engine, conn)

    def _unit_connection(self) -> AsyncConnection | None:
        unit = self._unit.get()
        if unit is not None and unit[0] is asyncio.current_task():
            return unit[1]
        return None

    async def _run(self, statement: Awaitable[T]) -> T:
        """Finish the statement even when the caller is cancelled, then pass the
        cancellation on."""
        task = asyncio.ensure_future(statement)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            if not task.done():
                await asyncio.wait({task})
            raise

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[AsyncConnection]:
        if self._unit_connection() is not None:
            yield self._conn
            return
        async with self._lock:
            try:
                yield self._conn
            except Exception:
                if self._conn.in_transaction():
                    await self._run(self._conn.rollback())
                raise

    async def _result(self, sql: str, params: Params | None) -> CursorResult[Any]:
        async with self._connection() as conn:
            return await self._run(conn.execute(_statement(sql), dict(params or {})))

    async def execute(self, sql: str, params: Params | None = None) -> int:
        return int((await self._result(sql, params)).rowcount)

    async def fetchone(self, sql: str, params: Params | None = None) -> Any:
        return (await self._result(sql, params)).mappings().first()

    async def fetchall(self, sql: str, params: Params | None = None) -> list[Any]:
        return list((await self._result(sql, params)).mappings().all())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SQLAlchemyPath]:
        if self._unit_connection() is not None:
            yield self
            return
        async with self._lock:
            task = asyncio.current_task()
            assert task is not None
            token = self._unit.set((task, self._conn))
            try:
                await self._run(self._conn.exec_driver_sql("BEGIN IMMEDIATE"))
                yield self
            except BaseException:
                if self._conn.in_transaction():
                    await self._run(self._conn.rollback())
                raise
            else:
                await self._run(self._conn.commit())
            finally:
                self._unit.reset(token)

    async def close(self) -> None:
        await self._conn.close()
        await self._engine.dispose()


# ---- the statements, the same for both ways ----------------------------------------


class Statements:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def point(self, n: int) -> Any:
        return await self.store.fetchone(POINT, {"id": person(n)})

    async def clients(self, n: int) -> list[Any]:
        return await self.store.fetchall(CLIENTS, {"user_id": person(n)})

    async def update(self, n: int) -> int:
        return await self.store.execute(UPDATE, {"now": STAMP + n, "id": person(n)})

    async def unit(self, n: int) -> None:
        user_id = person(n)
        async with self.store.transaction() as tx:
            await tx.execute(UNIT_FIRST, {"now": STAMP + n, "id": user_id})
            await tx.execute(
                UNIT_SECOND,
                {"now": STAMP + n, "client_id": client_of(n, user_id), "user_id": user_id},
            )

    def calls(self) -> dict[str, Call]:
        return dict(zip(NAMES, (self.point, self.clients, self.update, self.unit), strict=True))


async def block(call: Call, start: int, count: int, into: Timings | None) -> None:
    cpu = time.process_time()
    for n in range(start, start + count):
        began = time.perf_counter()
        await call(n)
        if into is not None:
            into.calls.append(time.perf_counter() - began)
    if into is not None:
        into.cpu += time.process_time() - cpu


async def check_same(first: Statements, second: Statements) -> None:
    """Both ways read the same rows and change one row each."""
    for n in range(5):
        a, b = await first.point(n), await second.point(n)
        assert a is not None and b is not None and dict(a) == dict(b)
        rows_a, rows_b = await first.clients(n), await second.clients(n)
        assert [dict(r) for r in rows_a] == [dict(r) for r in rows_b]
        assert len(rows_a) == CLIENTS_EACH
        assert await first.update(n) == 1 and await second.update(n) == 1
        await first.unit(n)
        await second.unit(n)


async def measure(iterations: int) -> dict[str, dict[str, Timings]]:
    results = {way: {name: Timings() for name in NAMES} for way in WAYS}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        db = await Database.open(path)
        alchemy: SQLAlchemyPath | None = None
        try:
            await seed(db)
            alchemy = await SQLAlchemyPath.open(path)
            statements = {"aiosqlite": Statements(db), "sqlalchemy": Statements(alchemy)}
            await check_same(statements["aiosqlite"], statements["sqlalchemy"])
            ways = {way: statements[way].calls() for way in WAYS}
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
            if alchemy is not None:
                await alchemy.close()
            await db.close()
    return results


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument(
        "--update-cpu-ms",
        type=float,
        default=UPDATE_CPU_MS,
        help="CPU one handled update costs the bot (bench/scale.py, SQLite, 1 process)",
    )
    parser.add_argument("--statements-per-update", type=float, default=8.5)
    parser.add_argument("--units-per-update", type=float, default=2.0)
    args = parser.parse_args()
    load_before = load_average()
    print(
        f"{PEOPLE:,} people with {CLIENTS_EACH} clients each; {args.iterations:,} calls per "
        f"statement and way (load average {load_before}) ...",
        flush=True,
    )
    results = asyncio.run(measure(args.iterations))
    direct, alchemy = results["aiosqlite"], results["sqlalchemy"]

    def diff(name: str, cpu: bool) -> float:
        if cpu:
            return alchemy[name].cpu_us() - direct[name].cpu_us()
        return alchemy[name].mean_us() - direct[name].mean_us()

    print()
    print(
        f"{'µs per call':20}{'aiosqlite':>10}{'p99':>8}{'cpu':>8}"
        f"{'sqlalchemy':>12}{'p99':>8}{'cpu':>8}{'Δ mean':>10}{'Δ cpu':>8}"
    )
    for name in NAMES:
        a, b = direct[name], alchemy[name]
        print(
            f"{name:20}{a.mean_us():>10.1f}{a.p99_us():>8.1f}{a.cpu_us():>8.1f}"
            f"{b.mean_us():>12.1f}{b.p99_us():>8.1f}{b.cpu_us():>8.1f}"
            f"{diff(name, False):>10.1f}{diff(name, True):>8.1f}"
        )

    # (wall, CPU): per single statement, per unit's BEGIN/COMMIT, per handled update
    statement = tuple(statistics.fmean(diff(n, cpu) for n in SINGLE) for cpu in (False, True))
    framing = tuple(
        diff("unit_two_updates", cpu) - 2 * diff("update_one", cpu) for cpu in (False, True)
    )
    update = tuple(
        args.statements_per_update * statement[i] + args.units_per_update * framing[i]
        for i in (0, 1)
    )
    share = update[1] / (args.update_cpu_ms * 1000)
    print()
    print(
        f"SQLAlchemy's cost per statement (mean of the three single ones): "
        f"{statement[0]:.1f} µs wall, {statement[1]:.1f} µs CPU; "
        f"per unit's BEGIN/COMMIT: {framing[0]:.1f} µs wall, {framing[1]:.1f} µs CPU"
    )
    print(
        f"per handled update ({args.statements_per_update:g} statements, "
        f"{args.units_per_update:g} units): {update[0]:.0f} µs wall, {update[1]:.0f} µs CPU; "
        f"an update costs the bot {args.update_cpu_ms:g} ms CPU, so {share:.1%} more"
    )
    print(f"load average before: {load_before}; after: {load_average()}; cores: {os.cpu_count()}")

    summary: dict[str, Any] = {}
    for name in NAMES:
        for way in WAYS:
            timings = results[way][name]
            summary[f"{name}_{way}_mean_us"] = round(timings.mean_us(), 1)
            summary[f"{name}_{way}_p99_us"] = round(timings.p99_us(), 1)
            summary[f"{name}_{way}_cpu_us"] = round(timings.cpu_us(), 1)
        summary[f"{name}_diff_mean_us"] = round(diff(name, False), 1)
        summary[f"{name}_diff_cpu_us"] = round(diff(name, True), 1)
    summary.update(
        {
            "sqlalchemy_per_statement_us": round(statement[0], 1),
            "sqlalchemy_per_statement_cpu_us": round(statement[1], 1),
            "sqlalchemy_per_unit_framing_us": round(framing[0], 1),
            "sqlalchemy_per_unit_framing_cpu_us": round(framing[1], 1),
            "sqlalchemy_per_update_us": round(update[0], 1),
            "sqlalchemy_per_update_cpu_us": round(update[1], 1),
            "statements_per_update": args.statements_per_update,
            "units_per_update": args.units_per_update,
            "reference_update_cpu_ms": args.update_cpu_ms,
            "sqlalchemy_cpu_share_of_update": round(share, 4),
            "load_average_before": load_before,
        }
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
