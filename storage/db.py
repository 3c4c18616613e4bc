"""One aiosqlite connection shared by the whole process, with migrations.

Every statement goes through one asyncio lock. aiosqlite runs all statements of a
connection on one thread anyway, so the lock costs nothing in throughput, and it keeps
a coroutine's statement from landing inside another coroutine's open transaction.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5_000
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

Params = Sequence[Any] | dict[str, Any]


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
        async with self._lock:
            return await self._user_version()

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        async with self._lock:
            cursor = await self._conn.execute(sql, params)
            changed = cursor.rowcount
            await cursor.close()
            return changed

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction() as tx:
            await tx.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        async with self._lock, self._conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        async with self._lock, self._conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """`BEGIN IMMEDIATE` ... `COMMIT`, rolled back on any error."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    async def ping(self) -> bool:
        return await self.fetchone("SELECT 1") is not None

    async def close(self) -> None:
        await self._conn.close()
