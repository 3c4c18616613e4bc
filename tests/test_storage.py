"""SQLite set-up, migrations and the FSM storage, on real files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey

from storage.db import Database, load_migrations
from storage.fsm import SQLiteStorage
from storage.users import NewUser, UserRepository
from tests.harness import FakeClock

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> Database:
    database = await Database.open(tmp_path / "sub" / "test.sqlite3")
    yield database  # type: ignore[misc]
    await database.close()


async def test_pragmas_and_folder(tmp_path: Path, db: Database) -> None:
    assert (tmp_path / "sub" / "test.sqlite3").exists()
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
    assert (await db.fetchone("PRAGMA synchronous"))[0] == 1  # type: ignore[index]  # NORMAL
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
    assert (await db.fetchone("PRAGMA busy_timeout"))[0] == 5000  # type: ignore[index]


async def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    first = await Database.open(path)
    latest = len(load_migrations())
    assert await first.user_version() == latest
    await first.execute(
        "INSERT INTO users (id, chat_id, language, timezone, created_at, updated_at) "
        "VALUES (1, 1, 'en', 'UTC', 'x', 'x')"
    )
    await first.close()
    again = await Database.open(path)  # a restart must not re-run (and fail on) old scripts
    assert await again.user_version() == latest
    assert (await again.fetchone("SELECT COUNT(*) FROM users"))[0] == 1  # type: ignore[index]
    await again.close()


async def _insert_then_fail(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO users (id, chat_id, language, timezone, created_at, updated_at) "
            "VALUES (5, 5, 'en', 'UTC', 'x', 'x')"
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
    storage = SQLiteStorage(db, FakeClock(NOW))
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
    storage = SQLiteStorage(db, FakeClock(NOW))
    key = StorageKey(bot_id=1, chat_id=10, user_id=10)
    await storage.set_state(key, "S:1")
    await storage.set_data(key, {"a": 1})
    await storage.set_state(key, None)
    assert await storage.get_data(key) == {"a": 1}  # data outlives the state
    await storage.set_data(key, {})
    assert await storage.get_state(key) is None
    assert (await db.fetchone("SELECT COUNT(*) FROM fsm_state"))[0] == 0  # type: ignore[index]
