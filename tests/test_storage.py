"""Database set-up, migrations, units of work and the FSM storage, on real databases:
SQLite files, and PostgreSQL on the server run (the SQLite-only set-up tests open files
themselves)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.content.questions import QUESTIONS
from storage.checkins import CheckinRepository
from storage.clients import ClientRepository
from storage.db import Database, load_migrations
from storage.fsm import DatabaseStorage
from storage.tips import TipRepository
from storage.users import NewUser, UserRepository
from testkit import engines
from testkit.harness import FakeClock
from testkit.instances import seed_due_checkins, seed_people

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(await engines.migrated(tmp_path / "sub" / "test.sqlite3"))
    yield database
    await database.close()


async def test_pragmas_and_folder(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sub" / "test.sqlite3")
    try:
        assert (tmp_path / "sub" / "test.sqlite3").exists()
        assert await db.fetchvalue("PRAGMA journal_mode") == "wal"
        assert await db.fetchvalue("PRAGMA synchronous") == 1  # NORMAL
        assert await db.fetchvalue("PRAGMA foreign_keys") == 1
        assert await db.fetchvalue("PRAGMA busy_timeout") == 5000
    finally:
        await db.close()


async def test_migrations_apply_once(tmp_path: Path) -> None:
    path = engines.database_for(tmp_path / "m.sqlite3")
    first = await Database.open(path)
    latest = load_migrations(first.engine)[-1][0]
    assert await first.user_version() == latest
    await first.execute(
        "INSERT INTO users (id, chat_id, language, timezone, created_at, updated_at) "
        "VALUES (1, 1, 'en', 'UTC', 0, 0)"
    )
    await first.close()
    again = await Database.open(path)  # a restart must not re-run (and fail on) old scripts
    assert await again.user_version() == latest
    assert await again.fetchvalue("SELECT COUNT(*) FROM users") == 1
    await again.close()


async def _insert_then_fail(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO users (id, chat_id, language, timezone, created_at, updated_at) "
            "VALUES (5, 5, 'en', 'UTC', 0, 0)"
        )
        raise RuntimeError("boom")


async def test_transaction_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError):
        await _insert_then_fail(db)
    assert await db.fetchone("SELECT id FROM users WHERE id = 5") is None


async def test_users_are_created_once_and_updated(db: Database) -> None:
    repo = UserRepository(db)
    new = NewUser(1, 1, "Anna", None, "anna", "en", "UTC")
    created = await repo.get_or_create(new, NOW)
    again = await repo.get_or_create(NewUser(1, 1, "Changed", None, None, "ru", "X"), NOW)
    assert created == again  # first contact wins; later updates go through setters
    await repo.set_timezone(1, "Europe/Berlin", NOW)
    await repo.finish_onboarding(1, NOW)
    user = await repo.get(1)
    assert user is not None
    assert (user.timezone, user.onboarded_at, user.created_at) == ("Europe/Berlin", NOW, NOW)
    # Another user's row is not touched by these updates.
    await repo.get_or_create(NewUser(2, 2, "Bob", None, None, "en", "UTC"), NOW)
    other = await repo.get(2)
    assert other is not None and other.timezone == "UTC" and other.onboarded_at is None


async def test_fsm_storage_keeps_full_key_apart(db: Database) -> None:
    storage = DatabaseStorage(db, FakeClock(NOW).now)
    plain = StorageKey(bot_id=1, chat_id=10, user_id=10)
    thread = StorageKey(bot_id=1, chat_id=10, user_id=10, thread_id=7)
    business = StorageKey(bot_id=1, chat_id=10, user_id=10, business_connection_id="bc")
    destiny = StorageKey(bot_id=1, chat_id=10, user_id=10, destiny="dialog")
    other_bot = StorageKey(bot_id=2, chat_id=10, user_id=10)
    keys = [plain, thread, business, destiny, other_bot]
    for index, key in enumerate(keys):
        await storage.set_state(key, f"S:{index}")
        await storage.set_data(key, {"n": index, "text": "привет <b>"})
    for index, key in enumerate(keys):
        assert await storage.get_state(key) == f"S:{index}"
        assert await storage.get_data(key) == {"n": index, "text": "привет <b>"}
    assert await storage.update_data(plain, {"extra": [1, 2]}) == {
        "n": 0,
        "text": "привет <b>",
        "extra": [1, 2],
    }


async def test_fsm_storage_drops_empty_records(db: Database) -> None:
    storage = DatabaseStorage(db, FakeClock(NOW).now)
    key = StorageKey(bot_id=1, chat_id=10, user_id=10)
    await storage.set_state(key, "S:1")
    await storage.set_data(key, {"a": 1})
    await storage.set_state(key, None)
    assert await storage.get_data(key) == {"a": 1}  # data outlives the state
    await storage.set_data(key, {})
    assert await storage.get_state(key) is None
    assert await db.fetchvalue("SELECT COUNT(*) FROM fsm_state") == 0


async def test_repositories_join_the_unit_of_work(db: Database) -> None:
    """Two repositories inside one unit of work: both writes go, or neither does."""
    users, clients = UserRepository(db), ClientRepository(db)
    await users.get_or_create(NewUser(1, 1, "Anna", None, None, "en", "UTC"), NOW)

    async def crash_between_writes() -> None:
        async with db.transaction():
            await clients.add(1, "Acme", None, None, NOW)
            async with db.transaction():  # a nested unit joins the outer one
                await users.set_timezone(1, "Europe/Berlin", NOW)
            raise RuntimeError("crash between the writes")

    with pytest.raises(RuntimeError):
        await crash_between_writes()
    assert await clients.count(1) == 0
    assert (await users.get(1)).timezone == "UTC"  # type: ignore[union-attr]
    async with db.transaction():
        await clients.add(1, "Acme", None, None, NOW)
        await users.set_timezone(1, "Europe/Berlin", NOW)
    assert await clients.count(1) == 1
    assert (await users.get(1)).timezone == "Europe/Berlin"  # type: ignore[union-attr]


_SLOW = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000) "
    "SELECT COUNT(*) AS n FROM c"
)


async def test_a_cancelled_statement_leaves_the_database_usable(db: Database) -> None:
    """A task cancelled mid-statement (a stopped progress reporter, a shutdown) must not
    break the connection everyone else uses, nor leave its unit half written."""
    users = UserRepository(db)
    await users.get_or_create(NewUser(1, 1, "Anna", None, None, "en", "UTC"), NOW)

    async def unit_cut_off() -> None:
        async with db.transaction():
            await users.set_timezone(1, "Europe/Berlin", NOW)
            await db.fetchall(_SLOW)

    for work in (db.fetchall(_SLOW), unit_cut_off()):
        task = asyncio.ensure_future(work)
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    await users.set_language(1, "ru", NOW)
    stored = await users.get(1)
    assert stored is not None and (stored.timezone, stored.language) == ("UTC", "ru")


async def test_other_tasks_wait_for_an_open_unit_of_work(db: Database) -> None:
    """A statement from another coroutine never lands inside someone else's unit of work
    (it would be rolled back with it)."""
    users = UserRepository(db)
    await users.get_or_create(NewUser(1, 1, "Anna", None, None, "en", "UTC"), NOW)
    inside = asyncio.Event()

    async def other() -> None:
        await inside.wait()
        await users.set_language(1, "ru", NOW)

    async def failing_unit() -> None:
        async with db.transaction():
            await users.set_timezone(1, "Europe/Berlin", NOW)
            inside.set()
            await asyncio.sleep(0.01)  # the other coroutine tries to write now
            raise RuntimeError("boom")

    results = await asyncio.gather(failing_unit(), other(), return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    stored = await users.get(1)
    assert stored is not None and (stored.timezone, stored.language) == ("UTC", "ru")


async def test_text_moments_of_early_tables_become_epoch_seconds(tmp_path: Path) -> None:
    """Migration 7 turns the ISO text moments of the first tables into epoch seconds,
    keeping every row and its links."""
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA foreign_keys=ON")
    for number, script in load_migrations("sqlite")[:6]:
        raw.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
    stamp = "2026-11-26T09:30:00+00:00"
    raw.execute(
        "INSERT INTO users (id, chat_id, language, timezone, created_at, updated_at, "
        "onboarded_at, last_seen_at) VALUES (1, 1, 'en', 'UTC', ?, ?, ?, NULL)",
        (stamp, stamp, stamp),
    )
    raw.execute(
        "INSERT INTO clients (id, user_id, name, last_contact_at, created_at, updated_at) "
        "VALUES (7, 1, 'Acme', ?, ?, ?)",
        (stamp, stamp, stamp),
    )
    raw.close()
    db = await Database.open(path)
    try:
        user = await UserRepository(db).get(1)
        client = await ClientRepository(db).get(1, 7)
        assert user is not None and client is not None
        assert (user.created_at, user.onboarded_at, user.last_seen_at) == (NOW, NOW, None)
        assert (client.created_at, client.last_contact_at) == (NOW, NOW)
        assert await db.fetchvalue("SELECT typeof(created_at) FROM users") == "integer"
        assert await db.fetchall("PRAGMA foreign_key_check") == []
    finally:
        await db.close()


async def test_a_draft_reflection_keeps_its_question_when_the_reflection_grows(
    tmp_path: Path,
) -> None:
    """A draft left at the ten-question reflection's question 4 ("explain") points at the
    same question after the upgrade to twelve, where it is question 6."""
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA foreign_keys=ON")
    for number, script in load_migrations("sqlite")[:9]:
        raw.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
    raw.execute(
        "INSERT INTO users (id, chat_id, language, timezone, created_at, updated_at) "
        "VALUES (1, 1, 'en', 'UTC', 0, 0)"
    )
    raw.execute(
        "INSERT INTO clients (id, user_id, name, created_at, updated_at) "
        "VALUES (7, 1, 'Acme', 0, 0)"
    )
    raw.execute(
        "INSERT INTO projects (id, user_id, client_id, title, goal, finished_on, created_at) "
        "VALUES (3, 1, 7, 'Landing', 'sales', '2026-11-20', 0), "
        "(4, 1, 7, 'Banner', 'leads', '2026-11-21', 0)"
    )
    raw.execute(
        "INSERT INTO reflections (id, user_id, project_id, status, position, started_at) "
        "VALUES (1, 1, 3, 'draft', 3, 0), (2, 1, 4, 'done', 10, 0)"
    )
    raw.close()
    db = await Database.open(path)
    try:
        positions = await db.fetchall("SELECT id, position FROM reflections ORDER BY id")
        assert [(row["id"], row["position"]) for row in positions] == [
            (1, 5),
            (2, 10),
        ]  # a finished one stays
        assert QUESTIONS[5].id == "explain"
    finally:
        await db.close()


async def test_sweeps_of_two_instances_claim_each_due_row_once(tmp_path: Path) -> None:
    """Two instances (two connections or pools on one database) sweeping at the same
    moment: every due check-in is claimed by exactly one of them, none is left."""
    url = engines.database_for(tmp_path / "shared.sqlite3")
    first, second = await Database.open(url), await Database.open(url)
    try:
        await seed_people(first, range(1, 301))
        await seed_due_checkins(first, range(1, 301), NOW)
        sweeps = [
            CheckinRepository(db).claim_due(NOW, NOW - timedelta(minutes=2), 40)
            for _ in range(5)
            for db in (first, second)
        ]
        claimed = [row.id for batch in await asyncio.gather(*sweeps) for row in batch]
        assert len(claimed) == len(set(claimed)) == 300
        assert (
            await first.fetchvalue("SELECT COUNT(*) FROM checkins WHERE status = 'sending'") == 300
        )
    finally:
        await first.close()
        await second.close()


async def test_units_of_two_instances_replacing_a_next_tip_leave_one(tmp_path: Path) -> None:
    """ "Cancel the pending one, insert the new one" from two instances at once (a tip
    going out while the person changes their tips hour): still one pending tip."""
    url = engines.database_for(tmp_path / "shared.sqlite3")
    first, second = await Database.open(url), await Database.open(url)
    try:
        await seed_people(first, range(1, 2))
        due = NOW + timedelta(days=1)
        await asyncio.gather(
            *(
                TipRepository(db).schedule(1, due.replace(tzinfo=None), due, NOW)
                for _ in range(5)
                for db in (first, second)
            )
        )
        pending = "SELECT COUNT(*) FROM tip_deliveries WHERE status = 'pending'"
        assert await first.fetchvalue(pending) == 1
    finally:
        await first.close()
        await second.close()
