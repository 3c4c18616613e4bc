"""Broadcasts and the status of every recipient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.codec import epoch, from_epoch
from storage.db import Database, Record


class Audience(StrEnum):
    """Who a broadcast goes to: everyone reachable, tip subscribers, or one language."""

    ALL = "all"
    TIPS = "tips"
    EN = "en"
    RU = "ru"


class BroadcastStatus(StrEnum):
    """Where a broadcast is: queued, being sent, or over."""

    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class RecipientStatus(StrEnum):
    """What became of one recipient's copy."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by the instance holding the broadcast lease
    SENT = "sent"
    BLOCKED = "blocked"  # 403: they had blocked the bot
    FAILED = "failed"  # refused (400), or transient failures too many times


_AUDIENCE_WHERE = {
    Audience.ALL: "",
    Audience.TIPS: "AND tips_enabled = 1",
    Audience.EN: "AND language = 'en'",
    Audience.RU: "AND language = 'ru'",
}


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    admin_id: int
    from_chat_id: int
    message_id: int
    audience: str
    status: BroadcastStatus
    total: int
    progress_message_id: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    chat_id: int


@dataclass(frozen=True, slots=True)
class Progress:
    sent: int
    blocked: int
    failed: int
    remaining: int


def _broadcast(row: Record) -> Broadcast:
    return Broadcast(
        id=row["id"],
        admin_id=row["admin_id"],
        from_chat_id=row["from_chat_id"],
        message_id=row["message_id"],
        audience=row["audience"],
        status=BroadcastStatus(row["status"]),
        total=row["total"],
        progress_message_id=row["progress_message_id"],
        created_at=from_epoch(row["created_at"]),
    )


class BroadcastRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def audience_size(self, audience: str) -> int:
        count = await self._db.fetchvalue(
            "SELECT COUNT(*) AS n FROM users "
            f"WHERE is_blocked = 0 {_AUDIENCE_WHERE[Audience(audience)]}"
        )
        return int(count) if count is not None else 0

    async def create(
        self, admin_id: int, from_chat_id: int, message_id: int, audience: str, now: datetime
    ) -> Broadcast:
        """A queued broadcast with its recipients fixed now (people who join later are
        not added halfway)."""
        async with self._db.transaction() as tx:
            broadcast_id = await tx.insert(
                "INSERT INTO broadcasts (admin_id, from_chat_id, message_id, audience, total, "
                "created_at) VALUES (:admin_id, :from_chat_id, :message_id, :audience, 0, :now) "
                "RETURNING id",
                {
                    "admin_id": admin_id,
                    "from_chat_id": from_chat_id,
                    "message_id": message_id,
                    "audience": audience,
                    "now": epoch(now),
                },
            )
            assert broadcast_id is not None
            total = await tx.execute(
                "INSERT INTO broadcast_recipients (broadcast_id, user_id, chat_id) "
                "SELECT :broadcast_id, id, chat_id FROM users WHERE is_blocked = 0 "
                f"{_AUDIENCE_WHERE[Audience(audience)]}",
                {"broadcast_id": broadcast_id},
            )
            await tx.execute(
                "UPDATE broadcasts SET total = :total WHERE id = :broadcast_id",
                {"total": total, "broadcast_id": broadcast_id},
            )
        found = await self.get(broadcast_id)
        assert found is not None
        return found

    async def get(self, broadcast_id: int) -> Broadcast | None:
        row = await self._db.fetchone(
            "SELECT * FROM broadcasts WHERE id = :broadcast_id", {"broadcast_id": broadcast_id}
        )
        return _broadcast(row) if row else None

    async def recent(self, limit: int) -> list[Broadcast]:
        rows = await self._db.fetchall(
            "SELECT * FROM broadcasts ORDER BY id DESC LIMIT :limit", {"limit": limit}
        )
        return [_broadcast(row) for row in rows]

    async def next_to_run(self) -> Broadcast | None:
        """The broadcast that was sending when the process stopped, else the oldest queued."""
        row = await self._db.fetchone(
            "SELECT * FROM broadcasts WHERE status IN ('sending', 'queued') "
            "ORDER BY status = 'queued', id LIMIT 1"
        )
        return _broadcast(row) if row else None

    async def is_running(self) -> bool:
        row = await self._db.fetchone("SELECT 1 FROM broadcasts WHERE status = 'sending'")
        return row is not None

    async def start(self, broadcast_id: int, now: datetime) -> None:
        """Mark it sending; recipients caught mid-send by a crash are sent again (at
        most one duplicate each, none lost)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE broadcasts SET status = 'sending', "
                "started_at = COALESCE(started_at, :now) "
                "WHERE id = :broadcast_id AND status IN ('queued', 'sending')",
                {"now": epoch(now), "broadcast_id": broadcast_id},
            )
            await tx.execute(
                "UPDATE broadcast_recipients SET status = 'pending' "
                "WHERE broadcast_id = :broadcast_id AND status = 'sending'",
                {"broadcast_id": broadcast_id},
            )

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        await self._db.execute(
            "UPDATE broadcasts SET progress_message_id = :message_id WHERE id = :broadcast_id",
            {"message_id": message_id, "broadcast_id": broadcast_id},
        )

    async def finish(self, broadcast_id: int, status: BroadcastStatus, now: datetime) -> bool:
        changed = await self._db.execute(
            "UPDATE broadcasts SET status = :status, finished_at = :now "
            "WHERE id = :broadcast_id AND status IN ('queued', 'sending')",
            {"status": status, "now": epoch(now), "broadcast_id": broadcast_id},
        )
        return changed == 1

    async def claim(self, broadcast_id: int, limit: int) -> list[Recipient]:
        """Take up to `limit` pending recipients for sending, in one statement (rows
        locked by another instance are skipped on PostgreSQL)."""
        rows = await self._db.fetchall(
            "UPDATE broadcast_recipients SET status = 'sending' "
            "WHERE broadcast_id = :broadcast_id AND user_id IN ("
            "  SELECT user_id FROM broadcast_recipients "
            "  WHERE broadcast_id = :broadcast_id AND status = 'pending' "
            f"  ORDER BY user_id LIMIT :limit{self._db.skip_locked}"
            ") RETURNING user_id, chat_id",
            {"broadcast_id": broadcast_id, "limit": limit},
        )
        found = [Recipient(row["user_id"], row["chat_id"]) for row in rows]
        return sorted(found, key=lambda recipient: recipient.user_id)

    async def mark(self, broadcast_id: int, user_id: int, status: RecipientStatus) -> None:
        await self._db.execute(
            "UPDATE broadcast_recipients SET status = :status "
            "WHERE broadcast_id = :broadcast_id AND user_id = :user_id",
            {"status": status, "broadcast_id": broadcast_id, "user_id": user_id},
        )

    async def release(self, broadcast_id: int) -> int:
        """Recipients claimed but not sent go back to pending (after a cancel they stay
        unsent); returns how many."""
        return await self._db.execute(
            "UPDATE broadcast_recipients SET status = 'pending' "
            "WHERE broadcast_id = :broadcast_id AND status = 'sending'",
            {"broadcast_id": broadcast_id},
        )

    async def progress(self, broadcast_id: int) -> Progress:
        rows = await self._db.fetchall(
            "SELECT status, COUNT(*) AS n FROM broadcast_recipients "
            "WHERE broadcast_id = :broadcast_id GROUP BY status",
            {"broadcast_id": broadcast_id},
        )
        counts = {RecipientStatus(row["status"]): int(row["n"]) for row in rows}
        return Progress(
            sent=counts.get(RecipientStatus.SENT, 0),
            blocked=counts.get(RecipientStatus.BLOCKED, 0),
            failed=counts.get(RecipientStatus.FAILED, 0),
            remaining=counts.get(RecipientStatus.PENDING, 0)
            + counts.get(RecipientStatus.SENDING, 0),
        )
