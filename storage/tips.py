"""Tip deliveries (due rows) and the tips each user has seen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.codec import epoch, from_epoch, from_wall_clock, wall_clock
from storage.db import Record
from storage.due_rows import DueRowStore
from storage.users import hold_user


class TipDeliveryStatus(StrEnum):
    """A tip delivery's life: due, being sent, then sent or ended."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by the due-work runner
    SENT = "sent"
    FAILED = "failed"  # Telegram refused it, or too many transient failures
    CANCELLED = "cancelled"  # replaced by a newer one, or the subscription ended


@dataclass(frozen=True, slots=True)
class TipDelivery:
    id: int
    user_id: int
    local_due: datetime  # naive: wall-clock time in the user's zone
    due_at: datetime
    status: TipDeliveryStatus
    attempts: int
    tip_id: str | None


def _delivery(row: Record) -> TipDelivery:
    return TipDelivery(
        id=row["id"],
        user_id=row["user_id"],
        local_due=from_wall_clock(row["local_due"]),
        due_at=from_epoch(row["due_at"]),
        status=TipDeliveryStatus(row["status"]),
        attempts=row["attempts"],
        tip_id=row["tip_id"],
    )


class TipRepository(DueRowStore[TipDelivery]):
    TABLE = "tip_deliveries"

    def _parse(self, row: Record) -> TipDelivery:
        return _delivery(row)

    async def schedule(
        self, user_id: int, local_due: datetime, due_at: datetime, now: datetime
    ) -> None:
        """The user's next tip; one pending delivery per user at a time."""
        async with self._db.transaction() as tx:
            await hold_user(tx, user_id)
            await tx.execute(
                "UPDATE tip_deliveries SET status = 'cancelled', finished_at = :now "
                "WHERE user_id = :user_id AND status = 'pending'",
                {"now": epoch(now), "user_id": user_id},
            )
            await tx.execute(
                "INSERT INTO tip_deliveries (user_id, local_due, due_at, created_at) "
                "VALUES (:user_id, :local_due, :due_at, :now)",
                {
                    "user_id": user_id,
                    "local_due": wall_clock(local_due),
                    "due_at": epoch(due_at),
                    "now": epoch(now),
                },
            )

    async def next_for_user(self, user_id: int) -> TipDelivery | None:
        row = await self._db.fetchone(
            "SELECT * FROM tip_deliveries WHERE user_id = :user_id AND status = 'pending' "
            "ORDER BY due_at LIMIT 1",
            {"user_id": user_id},
        )
        return _delivery(row) if row else None

    async def cancel_for_user(self, user_id: int, now: datetime) -> None:
        await self._db.execute(
            "UPDATE tip_deliveries SET status = 'cancelled', finished_at = :now "
            "WHERE user_id = :user_id AND status IN ('pending', 'sending')",
            {"now": epoch(now), "user_id": user_id},
        )

    async def record_tip(self, delivery_id: int, tip_id: str) -> None:
        await self._db.execute(
            "UPDATE tip_deliveries SET tip_id = :tip_id WHERE id = :delivery_id",
            {"tip_id": tip_id, "delivery_id": delivery_id},
        )

    async def seen(self, user_id: int) -> dict[str, datetime]:
        """Tip and advice ids the user has seen, with when they last saw each."""
        rows = await self._db.fetchall(
            "SELECT tip_id, seen_at FROM tips_seen WHERE user_id = :user_id",
            {"user_id": user_id},
        )
        return {row["tip_id"]: from_epoch(row["seen_at"]) for row in rows}

    async def mark_seen(self, user_id: int, tip_id: str, now: datetime) -> None:
        """Seen now: a text seen again (a new round, or shown as advice) moves its time
        forward, so "seen in the last four weeks" stays true to the latest reading."""
        await self._db.execute(
            "INSERT INTO tips_seen (user_id, tip_id, seen_at) VALUES (:user_id, :tip_id, :now) "
            "ON CONFLICT (user_id, tip_id) DO UPDATE SET seen_at = excluded.seen_at",
            {"user_id": user_id, "tip_id": tip_id, "now": epoch(now)},
        )

    async def reset_seen(self, user_id: int, before: datetime) -> None:
        """A new round of the library: forget what was seen up to `before`. Rows from
        the last four weeks stay, so advice can still tell what was read lately."""
        await self._db.execute(
            "DELETE FROM tips_seen WHERE user_id = :user_id AND seen_at <= :before",
            {"user_id": user_id, "before": epoch(before)},
        )
