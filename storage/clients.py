"""The `clients` table. Every query is filtered by the owner's user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from storage.codec import epoch, from_epoch, maybe_from_epoch
from storage.db import Database

NAME_LIMIT = 100
TEXT_LIMIT = 1000


class ClientField(StrEnum):
    NAME = "name"
    CONTACT = "contact"
    NOTES = "notes"


@dataclass(frozen=True, slots=True)
class Client:
    id: int
    user_id: int
    name: str
    contact: str | None
    notes: str | None
    archived: bool
    last_contact_at: datetime | None
    created_at: datetime
    cadence_unit: str | None = None  # 'week' or 'month': keep in touch every cadence_n
    cadence_n: int | None = None


@dataclass(frozen=True, slots=True)
class ClientPage:
    clients: list[Client]
    total: int


def _client(row: aiosqlite.Row) -> Client:
    return Client(
        id=row["id"],
        user_id=row["user_id"],
        name=row["name"],
        contact=row["contact"],
        notes=row["notes"],
        archived=bool(row["archived"]),
        last_contact_at=maybe_from_epoch(row["last_contact_at"]),
        created_at=from_epoch(row["created_at"]),
        cadence_unit=row["cadence_unit"],
        cadence_n=row["cadence_n"],
    )


# Most recent contact first; clients never contacted go last, newest of them first.
_ORDER = "ORDER BY last_contact_at IS NULL, last_contact_at DESC, created_at DESC, id DESC"


class ClientRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, user_id: int, name: str, contact: str | None, notes: str | None, now: datetime
    ) -> Client:
        client_id = await self._db.insert(
            "INSERT INTO clients (user_id, name, contact, notes, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, name, contact, notes, epoch(now), epoch(now)),
        )
        client = await self.get(user_id, int(client_id or 0))
        assert client is not None
        return client

    async def get(self, user_id: int, client_id: int) -> Client | None:
        row = await self._db.fetchone(
            "SELECT * FROM clients WHERE id = ? AND user_id = ?", (client_id, user_id)
        )
        return _client(row) if row else None

    async def page(self, user_id: int, *, archived: bool, offset: int, limit: int) -> ClientPage:
        rows = await self._db.fetchall(
            f"SELECT * FROM clients WHERE user_id = ? AND archived = ? {_ORDER} LIMIT ? OFFSET ?",
            (user_id, int(archived), limit, offset),
        )
        total = await self._db.fetchone(
            "SELECT COUNT(*) FROM clients WHERE user_id = ? AND archived = ?",
            (user_id, int(archived)),
        )
        return ClientPage([_client(row) for row in rows], int(total[0]) if total else 0)

    async def count(self, user_id: int) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM clients WHERE user_id = ?", (user_id,))
        return int(row[0]) if row else 0

    async def update_field(
        self, user_id: int, client_id: int, field: ClientField, value: str | None, now: datetime
    ) -> bool:
        column = ClientField(field).value  # an enum member, never user text, names the column
        changed = await self._db.execute(
            f"UPDATE clients SET {column} = ?, updated_at = ? WHERE id = ? AND user_id = ?",
            (value, epoch(now), client_id, user_id),
        )
        return changed == 1

    async def set_archived(
        self, user_id: int, client_id: int, archived: bool, now: datetime
    ) -> bool:
        changed = await self._db.execute(
            "UPDATE clients SET archived = ?, updated_at = ? WHERE id = ? AND user_id = ?",
            (int(archived), epoch(now), client_id, user_id),
        )
        return changed == 1

    async def delete(self, user_id: int, client_id: int) -> bool:
        """Remove the client; its projects and their reflections go with it (cascade)."""
        changed = await self._db.execute(
            "DELETE FROM clients WHERE id = ? AND user_id = ?", (client_id, user_id)
        )
        return changed == 1

    async def set_cadence(
        self, user_id: int, client_id: int, unit: str | None, n: int | None
    ) -> None:
        await self._db.execute(
            "UPDATE clients SET cadence_unit = ?, cadence_n = ? WHERE id = ? AND user_id = ?",
            (unit, n, client_id, user_id),
        )

    async def record_contact(self, user_id: int, client_id: int, at: datetime) -> None:
        """Move last contact forward to `at` (never backwards: an old project recorded
        late must not hide a newer contact)."""
        await self._db.execute(
            "UPDATE clients SET last_contact_at = ? WHERE id = ? AND user_id = ? "
            "AND (last_contact_at IS NULL OR last_contact_at < ?)",
            (epoch(at), client_id, user_id, epoch(at)),
        )
