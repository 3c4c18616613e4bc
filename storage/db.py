"""The database behind every repository: SQLite (one file, the default) or PostgreSQL.

Repositories write one SQL text with named binds (`:user_id`) and call one set of
methods; rows come back as mappings (`row["score"]`). SQLite runs that text through
aiosqlite as it is (named binds are sqlite3's own style, no translation needed);
PostgreSQL through SQLAlchemy Core's async engine over asyncpg, which turns the binds into
asyncpg's `$1` placeholders and brings the pool. SQLAlchemy on the SQLite path too would
cost about 0.4 ms more per statement, a third more CPU per update (`bench/db_overhead.py`).

A unit of work (`async with db.transaction():`) commits every write inside it together or
none. Repositories never take a connection of their own: every statement made by the task
that opened the unit joins it (a context variable says which task and connection that
is), so a service can call several repositories and have all of their writes commit
together. Opening a unit inside another one joins the outer one. A task started inside a
unit inherits the variable but is another task: it does not join.

SQLite keeps one connection for the whole process behind one asyncio lock: aiosqlite runs
a connection's statements on one thread anyway, and the lock keeps a coroutine's
statement out of another coroutine's open transaction. A unit holds the lock from
`BEGIN IMMEDIATE` to `COMMIT`.

PostgreSQL takes a connection from a pool for each statement (autocommit) or unit of work
(a transaction), so units of work of several tasks, and of several instances, run side by
side; rows several instances may claim at once are taken with `FOR UPDATE SKIP LOCKED`
(`Database.skip_locked`).
"""

from __future__ import annotations

import asyncio
import logging
import re
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from itertools import count
from pathlib import Path
from typing import Any, Literal, cast

import aiosqlite
from sqlalchemy import CursorResult, TextClause, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5_000
# Several instances may start at once; one of them migrates while the others wait.
_MIGRATION_LOCK = 7_312_001
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_instances = count(1)

Engine = Literal["sqlite", "postgresql"]
# A row read by column name: `row["score"]`, `dict(row)` (sqlite3.Row or RowMapping).
Record = Mapping[str, Any]
Params = Mapping[str, Any]


class DatabaseUrlError(ValueError):
    """A DATABASE_URL this bot cannot use; the message says what would work."""


def parse_database_url(value: str) -> URL:
    """`sqlite:///data/bot.sqlite3` or `postgresql://user:pass@host/db`, with the
    async driver each engine needs (an explicit `+aiosqlite`/`+asyncpg` is kept)."""
    try:
        url = make_url(value)
    except Exception:  # SQLAlchemy raises ArgumentError with the value in it
        raise DatabaseUrlError(
            "must look like sqlite:///data/bot.sqlite3 or postgresql://user:password@host/db"
        ) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseUrlError("needs a file path, e.g. sqlite:///data/bot.sqlite3")
        return url.set(drivername="sqlite+aiosqlite")
    if backend in ("postgresql", "postgres"):
        if not url.database:
            raise DatabaseUrlError("needs a database name, e.g. postgresql://bot@localhost/bot")
        return url.set(drivername="postgresql+asyncpg")
    raise DatabaseUrlError(f"uses {backend!r}; the bot runs on sqlite or postgresql")


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path)}"


def load_migrations(engine: Engine) -> list[tuple[int, str]]:
    """The engine's numbered SQL scripts, in order, without gaps. SQLite's start at 1;
    PostgreSQL's start at the version where it joined (one script with the whole schema
    then), so one number means the same tables on both engines."""
    folder = resources.files("storage") / "migrations" / engine
    found: list[tuple[int, str]] = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _ in found]
    first = numbers[0] if numbers else 1
    if numbers != list(range(first, first + len(found))):
        raise RuntimeError(f"{engine} migrations must be numbered without gaps, got {numbers}")
    return found


@lru_cache(maxsize=1024)
def _statement(sql: str) -> TextClause:
    """Repositories build their SQL from constants, so the set of texts is small: parse
    each once."""
    return text(sql)


class Database(ABC):
    """Statements, units of work and migrations; open one with `Database.open(url)`."""

    engine: Engine
    skip_locked: str  # appended to a SELECT of rows that several instances may claim
    for_update: str  # appended to a SELECT of a row a unit of work must hold alone

    def __init__(self) -> None:
        # The task that holds the open unit of work, and its connection.
        self._unit: ContextVar[tuple[asyncio.Task[Any], Any] | None] = ContextVar(
            f"db{next(_instances)}", default=None
        )

    @staticmethod
    async def open(target: str | Path) -> Database:
        """Connect to a database URL (or a SQLite file path) and bring its schema up to
        date."""
        url = (
            parse_database_url(target)
            if isinstance(target, str) and "://" in target
            else parse_database_url(sqlite_url(target))
        )
        database: Database
        if url.get_backend_name() == "sqlite":
            database = await SQLiteDatabase.connect(url)
        else:
            database = await PostgresDatabase.connect(url)
        try:
            await database.migrate()
        except BaseException:
            await database.close()
            raise
        return database

    # -- statements --------------------------------------------------------------------

    def _unit_connection(self) -> Any:
        """The connection of the unit of work this task holds, if it holds one."""
        unit = self._unit.get()
        if unit is not None and unit[0] is asyncio.current_task():
            return unit[1]
        return None

    @abstractmethod
    async def execute(self, sql: str, params: Params | None = None) -> int:
        """Run one statement; return the number of rows it changed."""

    @abstractmethod
    async def insert(self, sql: str, params: Params | None = None) -> int | None:
        """Run an `INSERT ... RETURNING id`; return the new row's id, or None when it
        inserted nothing (an `INSERT ... SELECT` whose SELECT found no row)."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """One statement for each set of binds, in one unit of work."""

    @abstractmethod
    async def fetchone(self, sql: str, params: Params | None = None) -> Record | None: ...

    @abstractmethod
    async def fetchall(self, sql: str, params: Params | None = None) -> list[Record]: ...

    async def fetchvalue(self, sql: str, params: Params | None = None) -> Any:
        """The first column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return row[next(iter(row.keys()))] if row is not None else None

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Database]:
        """A unit of work, rolled back on any error; inside one already open in this
        task, it simply joins it."""

    # -- schema ------------------------------------------------------------------------

    @abstractmethod
    async def migrate(self) -> int:
        """Apply every migration newer than the database's version; return the version."""

    @abstractmethod
    async def user_version(self) -> int:
        """The number of the last migration applied."""

    async def ping(self) -> bool:
        return bool(await self.fetchvalue("SELECT 1") == 1)

    @abstractmethod
    async def close(self) -> None: ...


class SQLiteDatabase(Database):
    engine: Engine = "sqlite"
    # One process writes the file, and BEGIN IMMEDIATE already runs units one at a time.
    skip_locked = ""
    for_update = ""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        super().__init__()
        self._conn = connection
        self._lock = asyncio.Lock()

    @classmethod
    async def connect(cls, url: URL) -> SQLiteDatabase:
        assert url.database is not None
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: autocommit; `transaction()` sends BEGIN IMMEDIATE itself,
        # so a unit of work takes the write lock before its first read.
        connection = await aiosqlite.connect(url.database, isolation_level=None)
        connection.row_factory = aiosqlite.Row
        try:
            for pragma in (
                "journal_mode=WAL",
                "synchronous=NORMAL",
                "foreign_keys=ON",
                f"busy_timeout={BUSY_TIMEOUT_MS}",
            ):
                await connection.execute(f"PRAGMA {pragma}")
        except BaseException:
            await connection.close()
            raise
        return cls(connection)

    @asynccontextmanager
    async def _statement(self) -> AsyncIterator[aiosqlite.Connection]:
        """Inside a unit of work the task already holds the lock; outside, take it."""
        if self._unit_connection() is not None:
            yield self._conn
            return
        async with self._lock:
            yield self._conn

    async def execute(self, sql: str, params: Params | None = None) -> int:
        async with self._statement() as conn:
            cursor = await conn.execute(sql, params or {})
            changed = cursor.rowcount
            await cursor.close()
            return changed

    async def insert(self, sql: str, params: Params | None = None) -> int | None:
        async with self._statement() as conn:
            rows = await conn.execute_fetchall(sql, params or {})
        return next((int(row[0]) for row in rows), None)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction():
            await self._conn.executemany(sql, [dict(row) for row in rows])

    async def fetchone(self, sql: str, params: Params | None = None) -> Record | None:
        async with self._statement() as conn:
            rows = list(await conn.execute_fetchall(sql, params or {}))
        return cast(Record, rows[0]) if rows else None

    async def fetchall(self, sql: str, params: Params | None = None) -> list[Record]:
        async with self._statement() as conn:
            # One hand-over to aiosqlite's thread for the statement and its rows.
            return cast(list[Record], list(await conn.execute_fetchall(sql, params or {})))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        if self._unit_connection() is not None:
            yield self
            return
        async with self._lock:
            token = self._unit.set((_current_task(), self._conn))
            try:
                # Inside the try: a task cancelled while BEGIN waits for the file's write
                # lock must still end the transaction BEGIN opened.
                await self._conn.execute("BEGIN IMMEDIATE")
                yield self
            except BaseException:
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                raise
            else:
                await self._conn.execute("COMMIT")
            finally:
                self._unit.reset(token)

    async def migrate(self) -> int:
        async with self._lock:
            version = await self._read_version()
            for number, script in load_migrations("sqlite"):
                if number <= version:
                    continue
                logger.info("Applying database migration %04d", number)
                # executescript commits first; BEGIN/COMMIT make each script atomic.
                await self._conn.executescript(
                    f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;"
                )
                version = number
            return version

    async def _read_version(self) -> int:
        rows = list(await self._conn.execute_fetchall("PRAGMA user_version"))
        return int(rows[0][0]) if rows else 0

    async def user_version(self) -> int:
        async with self._lock:
            return await self._read_version()

    async def close(self) -> None:
        await self._conn.close()


class PostgresDatabase(Database):
    engine: Engine = "postgresql"
    skip_locked = " FOR UPDATE SKIP LOCKED"
    for_update = " FOR UPDATE"

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__()
        self._engine = engine
        # A statement outside a unit of work commits on its own, without BEGIN/COMMIT
        # round trips; the pool is shared with the units.
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")

    @classmethod
    async def connect(cls, url: URL) -> PostgresDatabase:
        engine = create_async_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)
        return cls(engine)

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[AsyncConnection]:
        unit = self._unit_connection()
        if unit is not None:
            yield unit
            return
        async with self._autocommit.connect() as conn:
            yield conn

    async def _result(self, sql: str, params: Params | None) -> CursorResult[Any]:
        """One statement's result, read in full before the connection is let go."""
        async with self._connection() as conn:
            return await conn.execute(_statement(sql), dict(params or {}))

    async def execute(self, sql: str, params: Params | None = None) -> int:
        return int((await self._result(sql, params)).rowcount)

    async def insert(self, sql: str, params: Params | None = None) -> int | None:
        row = (await self._result(sql, params)).first()
        return int(row[0]) if row is not None else None

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        batch = [dict(row) for row in rows]
        if not batch:
            return
        async with self.transaction(), self._connection() as conn:
            await conn.execute(_statement(sql), batch)

    async def fetchone(self, sql: str, params: Params | None = None) -> Record | None:
        return cast(Record | None, (await self._result(sql, params)).mappings().first())

    async def fetchall(self, sql: str, params: Params | None = None) -> list[Record]:
        return cast(list[Record], list((await self._result(sql, params)).mappings().all()))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        if self._unit_connection() is not None:
            yield self
            return
        async with self._engine.begin() as conn:
            token = self._unit.set((_current_task(), conn))
            try:
                yield self
            finally:
                self._unit.reset(token)

    async def migrate(self) -> int:
        scripts = load_migrations("postgresql")
        async with self._engine.begin() as conn:
            # Held to the end of this transaction: another instance starting now waits
            # here, then finds the schema up to date.
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            await conn.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
            )
            version = await self._read_version(conn)
            raw = await conn.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None
            for number, script in scripts:
                if number <= version:
                    continue
                logger.info("Applying database migration %04d", number)
                await driver.execute(script)  # several statements: asyncpg's simple protocol
                version = number
            await conn.exec_driver_sql("DELETE FROM schema_version")
            await conn.execute(
                text("INSERT INTO schema_version (version) VALUES (:version)"),
                {"version": version},
            )
            return version

    @staticmethod
    async def _read_version(conn: AsyncConnection) -> int:
        result = await conn.exec_driver_sql("SELECT MAX(version) FROM schema_version")
        value = result.scalar()
        return int(value) if value is not None else 0

    async def user_version(self) -> int:
        async with self._autocommit.connect() as conn:
            return await self._read_version(conn)

    async def close(self) -> None:
        await self._engine.dispose()


def _current_task() -> asyncio.Task[Any]:
    task = asyncio.current_task()
    if task is None:  # pragma: no cover - every caller runs inside the event loop
        raise RuntimeError("a unit of work needs a running task")
    return task
