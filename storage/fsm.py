"""aiogram FSM storage in the bot's database, so conversations survive restarts."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from storage.codec import epoch
from storage.db import Database

# The columns of fsm_state's primary key, which are also the names of their binds.
_KEY_COLUMNS = "bot_id, chat_id, user_id, thread_id, business_connection_id, destiny"
_KEY_WHERE = (
    "bot_id = :bot_id AND chat_id = :chat_id AND user_id = :user_id "
    "AND thread_id = :thread_id AND business_connection_id = :business_connection_id "
    "AND destiny = :destiny"
)


def _key(key: StorageKey) -> dict[str, int | str]:
    return {
        "bot_id": key.bot_id,
        "chat_id": key.chat_id,
        "user_id": key.user_id,
        "thread_id": key.thread_id or 0,
        "business_connection_id": key.business_connection_id or "",
        "destiny": key.destiny,
    }


class DatabaseStorage(BaseStorage):
    """State and data of one StorageKey in one row; the row goes when both are empty."""

    def __init__(self, db: Database, now: Callable[[], datetime]) -> None:
        self._db = db
        self._now = now

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(key, "state", value)

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._db.fetchone(f"SELECT state FROM fsm_state WHERE {_KEY_WHERE}", _key(key))
        return row["state"] if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._upsert(key, "data", json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._db.fetchone(f"SELECT data FROM fsm_state WHERE {_KEY_WHERE}", _key(key))
        return dict(json.loads(row["data"])) if row else {}

    async def _upsert(self, key: StorageKey, column: str, value: str | None) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                f"""
                INSERT INTO fsm_state ({_KEY_COLUMNS}, {column}, updated_at)
                VALUES (:bot_id, :chat_id, :user_id, :thread_id, :business_connection_id,
                        :destiny, :value, :updated_at)
                ON CONFLICT ({_KEY_COLUMNS}) DO UPDATE SET {column} = excluded.{column},
                                                          updated_at = excluded.updated_at
                """,
                {**_key(key), "value": value, "updated_at": epoch(self._now())},
            )
            # An empty record is the same as no record: keep the table small.
            await tx.execute(
                f"DELETE FROM fsm_state WHERE {_KEY_WHERE} AND state IS NULL AND data = '{{}}'",
                _key(key),
            )

    async def close(self) -> None:
        """The database belongs to the application, which closes it."""
