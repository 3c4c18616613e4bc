"""Which engines the tests run on.

By default every test runs on SQLite files in its own temporary folder. When
`TEST_DATABASE_URL` (an admin URL of a throwaway PostgreSQL server) and `TEST_REDIS_URL`
are set, as `scripts/with-servers` does, the same tests run on PostgreSQL and Redis: each
SQLite path a test names becomes its own PostgreSQL database, copied from a migrated
template (fast, and a restart of the bot on the same path finds the same data), and the
bot keeps conversations, locks and the send budget in Redis. Databases are dropped and
Redis is emptied after every test.

A bot the harness starts finds its schema in place on either engine: on SQLite its file
is a copy of one migrated once per process (`migrated`), as the PostgreSQL databases are
copies of a migrated template; the tests of migrations themselves open files of their own.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy import make_url

from storage.db import Database

# pytest-xdist runs the tests in several processes at once ("gw0", "gw1", ...), all on one
# pair of servers. Nothing is shared between them, so nothing needs a lock across
# processes: each worker has a template database of its own (another worker drops and
# builds only its own), its databases are named after its own temporary folder, and it
# has a Redis database number of its own, which its flush after every test empties.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_WORKER_INDEX = int(WORKER[2:]) if WORKER.startswith("gw") and WORKER[2:].isdigit() else 0


def _worker_redis(url: str | None) -> str | None:
    if url is None or not WORKER:
        return url
    # Redis has 16 numbered databases by default; with-servers hands out number 0.
    return make_url(url).set(database=str(_WORKER_INDEX)).render_as_string(hide_password=False)


ADMIN_URL = os.environ.get("TEST_DATABASE_URL") or None
REDIS_URL = _worker_redis(os.environ.get("TEST_REDIS_URL") or None)
ON_SERVERS = ADMIN_URL is not None
if ON_SERVERS and REDIS_URL is None:
    raise RuntimeError("TEST_DATABASE_URL needs TEST_REDIS_URL too: the bot needs both")

TEMPLATE = f"bot_template_{WORKER}" if WORKER else "bot_template"
_created: dict[Path, str] = {}
_template_ready = False
# Within one process: tests run admin statements from several threads (`_run`).
_lock = threading.Lock()
_sqlite_template: Path | None = None

T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run admin statements from sync or async test code alike: on a thread with its own
    event loop, so a running loop is never blocked into re-entry."""
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as error:  # handed back to the caller's thread
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


def _url_of(name: str) -> str:
    assert ADMIN_URL is not None
    return make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _admin_dsn() -> str:
    assert ADMIN_URL is not None
    return make_url(ADMIN_URL).set(drivername="postgresql").render_as_string(hide_password=False)


async def _make_template() -> None:
    admin = await asyncpg.connect(_admin_dsn())
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {TEMPLATE}")
    finally:
        await admin.close()
    db = await Database.open(_url_of(TEMPLATE))
    await db.close()


async def _copy_template(name: str) -> None:
    # FILE_COPY copies the small template's files at once: about ten times faster
    # than the default, which writes every page to the log (durability a throwaway
    # server does not need).
    admin = await asyncpg.connect(_admin_dsn())
    try:
        await admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
    finally:
        await admin.close()


async def _drop(names: list[str]) -> None:
    admin = await asyncpg.connect(_admin_dsn())
    try:
        for name in names:
            await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await admin.close()


def database_for(path: Path) -> str:
    """The database a test means by a SQLite path: that file, or on the server run a
    PostgreSQL database of its own (the same one each time the path is named)."""
    if not ON_SERVERS:
        return f"sqlite:///{path}"
    global _template_ready
    with _lock:
        if path not in _created:
            if not _template_ready:
                _run(_make_template())
                _template_ready = True
            name = "t_" + hashlib.sha1(str(path).encode()).hexdigest()[:16]
            _run(_copy_template(name))
            _created[path] = name
        return _url_of(_created[path])


async def migrated(path: Path) -> str:
    """`database_for(path)`, with the schema already in place. On SQLite a file that does
    not exist yet becomes a copy of one migrated once per process: running every
    migration costs about as much as the rest of starting a bot."""
    if ON_SERVERS:
        return await asyncio.to_thread(database_for, path)
    _copy_unless_there(await _migrated_sqlite_file(), path)
    return database_for(path)


def _copy_unless_there(template: Path, path: Path) -> None:
    # A copy of a small local file, on the loop's thread: a hop to a worker thread would
    # cost more than it saves. A file already there is a restart's: its data stays.
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, path)


async def _migrated_sqlite_file() -> Path:
    global _sqlite_template
    if _sqlite_template is None:
        folder = Path(tempfile.mkdtemp(prefix="bot-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = folder / "template.sqlite3"
        db = await Database.open(template)
        # Closing the last connection checkpoints the log into the file: one file to copy.
        await db.close()
        _sqlite_template = template
    return _sqlite_template


def forget_databases() -> None:
    """After a test: drop its databases and empty Redis."""
    if not ON_SERVERS:
        return
    with _lock:
        names = list(_created.values())
        _created.clear()
    if names:
        _run(_drop(names))
    _run(_flush_redis())


async def _flush_redis() -> None:
    from redis.asyncio import Redis

    assert REDIS_URL is not None
    client = Redis.from_url(REDIS_URL)
    try:
        await client.flushdb()
    finally:
        await client.aclose()


def server_settings() -> dict[str, Any]:
    """Settings the bot needs on the server run, on top of a test's own."""
    return {"redis_url": REDIS_URL} if ON_SERVERS else {}


needs_servers = pytest.mark.skipif(
    not ON_SERVERS, reason="runs on the PostgreSQL + Redis run (scripts/test starts the servers)"
)
