"""One aiosqlite connection shared by the whole process, with migrations and units of work.

Every statement outside a unit of work goes through one asyncio lock. aiosqlite runs all
statements of a connection on one thread anyway, so the lock costs nothing in throughput,
and it keeps a coroutine's statement from landing inside another coroutine's open
transaction.

A unit of work (`async with db.transaction():`) holds the lock from BEGIN to COMMIT.
Repositories never take a connection of their own: every statement made by the task that
opened the unit of work joins it (a context variable says which task that is), so a
service can call several repositories and have all of their writes commit together or
not at all. Opening a unit of work inside another one joins the outer one.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from importlib import resources
from itertools import count
from pathlib import Path
from typing import Any

import aiosqlite

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5_000
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_instances = count(1)

Params = Sequence[Any] | dict[str, Any]
Row = aiosqlite.Row


def load_migrations() -> list[tuple[int, str]]:
    """Numbered SQL scripts from storage/migrations, in order; numbers must be 1..N."""
    folder = resources.files("storage") / "migrations"
    found: list[tuple[int, str]] = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _ in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps, got {numbers}")
    return found


class Database:
    """The connection plus a lock; open it with `Database.open(path)`."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._conn = connection
        self._lock = asyncio.Lock()
        # The task that holds the open unit of work. A task started inside one inherits
        # the variable but is another task: it waits for the lock like everyone else.
        self._unit_owner: ContextVar[asyncio.Task[Any] | None] = ContextVar(
            f"db{next(_instances)}", default=None
        )

    @classmethod
    async def open(cls, path: str | Path) -> Database:
        """Connect, set the pragmas and bring the schema up to date."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: autocommit; multi-statement work uses `transaction()`.
        connection = await aiosqlite.connect(str(path), isolation_level=None)
        connection.row_factory = aiosqlite.Row
        try:
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA synchronous=NORMAL")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            database = cls(connection)
            await database.migrate()
        except BaseException:
            await connection.close()
            raise
        return database

    async def migrate(self) -> int:
        """Apply every migration newer than `PRAGMA user_version`; return the version."""
        async with self._lock:
            version = await self._user_version()
            for number, script in load_migrations():
                if number <= version:
                    continue
                logger.info("Applying database migration %04d", number)
                # executescript commits first; BEGIN/COMMIT make each script atomic.
                await self._conn.executescript(
                    f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;"
                )
                version = number
            return version

    async def _user_version(self) -> int:
        async with self._conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def user_version(self) -> int:
        async with self._statement():
            return await self._user_version()

    def _in_unit(self) -> bool:
        owner = self._unit_owner.get()
        return owner is not None and owner is asyncio.current_task()

    @asynccontextmanager
    async def _statement(self) -> AsyncIterator[None]:
        """Inside a unit of work the task already holds the lock; outside, take it."""
        if self._in_unit():
            yield
            return
        async with self._lock:
            yield

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        async with self._statement():
            cursor = await self._conn.execute(sql, params)
            changed = cursor.rowcount
            await cursor.close()
            return changed

    async def insert(self, sql: str, params: Params = ()) -> int | None:
        """Run an INSERT; return the new row's id, or None when it inserted nothing
        (an `INSERT ... SELECT` whose SELECT found no row)."""
        async with self._statement():
            cursor = await self._conn.execute(sql, params)
            inserted = cursor.rowcount
            row_id = cursor.lastrowid
            await cursor.close()
            return int(row_id) if inserted == 1 and row_id is not None else None

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction():
            await self._conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._statement(), self._conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._statement(), self._conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchvalue(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return row[0] if row is not None else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        """A unit of work: `BEGIN IMMEDIATE` ... `COMMIT`, rolled back on any error.
        Inside one already open in this task, it simply joins it."""
        if self._in_unit():
            yield self
            return
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            token = self._unit_owner.set(asyncio.current_task())
            try:
                yield self
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            else:
                await self._conn.execute("COMMIT")
            finally:
                self._unit_owner.reset(token)

    async def ping(self) -> bool:
        return await self.fetchone("SELECT 1") is not None

    async def close(self) -> None:
        await self._conn.close()
