"""The `clients` table. Every query is filtered by the owner's user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.codec import epoch, from_epoch, maybe_from_epoch
from storage.db import Database, Record

NAME_LIMIT = 100
TEXT_LIMIT = 1000


class Address(StrEnum):
    """How a Russian draft addresses the client: «вы» or «ты» (English has one form)."""

    FORMAL = "formal"
    INFORMAL = "informal"


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
    address: Address = Address.FORMAL  # «вы» or «ты» in every Russian draft to them


@dataclass(frozen=True, slots=True)
class ClientPage:
    clients: list[Client]
    total: int


def _client(row: Record) -> Client:
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
        address=Address(row["address"]),
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
            "VALUES (:user_id, :name, :contact, :notes, :now, :now) RETURNING id",
            {
                "user_id": user_id,
                "name": name,
                "contact": contact,
                "notes": notes,
                "now": epoch(now),
            },
        )
        client = await self.get(user_id, int(client_id or 0))
        assert client is not None
        return client

    async def get(self, user_id: int, client_id: int) -> Client | None:
        row = await self._db.fetchone(
            "SELECT * FROM clients WHERE id = :client_id AND user_id = :user_id",
            {"client_id": client_id, "user_id": user_id},
        )
        return _client(row) if row else None

    async def page(self, user_id: int, *, archived: bool, offset: int, limit: int) -> ClientPage:
        where = "WHERE user_id = :user_id AND archived = :archived"
        params = {"user_id": user_id, "archived": int(archived)}
        rows = await self._db.fetchall(
            f"SELECT * FROM clients {where} {_ORDER} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset},
        )
        total = await self._db.fetchvalue(f"SELECT COUNT(*) AS n FROM clients {where}", params)
        return ClientPage([_client(row) for row in rows], int(total or 0))

    async def count(self, user_id: int) -> int:
        total = await self._db.fetchvalue(
            "SELECT COUNT(*) AS n FROM clients WHERE user_id = :user_id", {"user_id": user_id}
        )
        return int(total or 0)

    async def update_field(
        self, user_id: int, client_id: int, field: ClientField, value: str | None, now: datetime
    ) -> bool:
        column = ClientField(field).value  # an enum member, never user text, names the column
        changed = await self._db.execute(
            f"UPDATE clients SET {column} = :value, updated_at = :now "
            "WHERE id = :client_id AND user_id = :user_id",
            {"value": value, "now": epoch(now), "client_id": client_id, "user_id": user_id},
        )
        return changed == 1

    async def set_archived(
        self, user_id: int, client_id: int, archived: bool, now: datetime
    ) -> bool:
        changed = await self._db.execute(
            "UPDATE clients SET archived = :archived, updated_at = :now "
            "WHERE id = :client_id AND user_id = :user_id",
            {
                "archived": int(archived),
                "now": epoch(now),
                "client_id": client_id,
                "user_id": user_id,
            },
        )
        return changed == 1

    async def delete(self, user_id: int, client_id: int) -> bool:
        """Remove the client; its projects and their reflections go with it (cascade)."""
        changed = await self._db.execute(
            "DELETE FROM clients WHERE id = :client_id AND user_id = :user_id",
            {"client_id": client_id, "user_id": user_id},
        )
        return changed == 1

    async def set_cadence(
        self, user_id: int, client_id: int, unit: str | None, n: int | None
    ) -> None:
        await self._db.execute(
            "UPDATE clients SET cadence_unit = :cadence_unit, cadence_n = :cadence_n "
            "WHERE id = :client_id AND user_id = :user_id",
            {"cadence_unit": unit, "cadence_n": n, "client_id": client_id, "user_id": user_id},
        )

    async def set_address(
        self, user_id: int, client_id: int, address: Address, now: datetime
    ) -> bool:
        changed = await self._db.execute(
            "UPDATE clients SET address = :address, updated_at = :now "
            "WHERE id = :client_id AND user_id = :user_id",
            {
                "address": address.value,
                "now": epoch(now),
                "client_id": client_id,
                "user_id": user_id,
            },
        )
        return changed == 1

    async def record_contact(self, user_id: int, client_id: int, at: datetime) -> None:
        """Move last contact forward to `at` (never backwards: an old project recorded
        late must not hide a newer contact)."""
        await self._db.execute(
            "UPDATE clients SET last_contact_at = :at WHERE id = :client_id AND user_id = :user_id "
            "AND (last_contact_at IS NULL OR last_contact_at < :at)",
            {"at": epoch(at), "client_id": client_id, "user_id": user_id},
        )
