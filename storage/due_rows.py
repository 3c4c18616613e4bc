"""The delivery side of a table of due rows: find, claim, mark sent, release, retry, fail.

A due-row table has `id`, `user_id`, `status` ('pending' -> 'sending' -> 'sent', or
'failed' / 'cancelled'), `due_at` and `claimed_at` (epoch seconds), `attempts`, `sent_at`,
`late` and `finished_at`. Check-ins, trust-action nudges and tip deliveries are such
tables; the same due-work runner serves them all.

Rows of a person who blocked the bot are held: they stay 'pending' but are not due
until the person comes back, so nothing is sent to them, nothing is counted as sent,
and nothing is lost.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Generic, Protocol, TypeVar

from storage.codec import epoch, from_epoch
from storage.db import Database, Record


class DueRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def user_id(self) -> int: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def attempts(self) -> int: ...


RowT = TypeVar("RowT", bound=DueRow)

# Only rows of people who can be reached: a blocked person's rows wait for them.
_REACHABLE = "user_id IN (SELECT id FROM users WHERE is_blocked = 0)"


class DueRowStore(Generic[RowT]):
    TABLE: ClassVar[str]  # a constant of the subclass, never user input

    def __init__(self, db: Database) -> None:
        self._db = db

    def _parse(self, row: Record) -> RowT:
        raise NotImplementedError

    async def claim_due(
        self, now: datetime, stale_claim_before: datetime, limit: int
    ) -> list[RowT]:
        """Take up to `limit` rows to send now, in one statement: pending and due, or
        claimed so long ago that their sender must have died (a crash between claim and
        send). On PostgreSQL, rows another instance is claiming at this moment are
        skipped, not waited for (`FOR UPDATE SKIP LOCKED`), so any number of instances
        sweep side by side and each row goes to exactly one of them."""
        rows = await self._db.fetchall(
            f"""
            UPDATE {self.TABLE} SET status = 'sending', claimed_at = :now
            WHERE id IN (
                SELECT id FROM {self.TABLE}
                WHERE ((status = 'pending' AND due_at <= :now)
                       OR (status = 'sending' AND claimed_at <= :stale_claim_before))
                  AND {_REACHABLE}
                ORDER BY due_at LIMIT :limit{self._db.skip_locked}
            )
            RETURNING *
            """,
            {"now": epoch(now), "stale_claim_before": epoch(stale_claim_before), "limit": limit},
        )
        return sorted((self._parse(row) for row in rows), key=lambda row: (row.due_at, row.id))

    async def claim(self, row_id: int, now: datetime, stale_claim_before: datetime) -> bool:
        """Atomically take one row for sending; False if another sweep has it."""
        changed = await self._db.execute(
            f"""
            UPDATE {self.TABLE} SET status = 'sending', claimed_at = :now
            WHERE id = :row_id AND (status = 'pending'
                                    OR (status = 'sending' AND claimed_at <= :stale_claim_before))
            """,
            {"now": epoch(now), "row_id": row_id, "stale_claim_before": epoch(stale_claim_before)},
        )
        return changed == 1

    async def mark_sent(self, row_id: int, now: datetime, late: bool) -> None:
        await self._db.execute(
            f"UPDATE {self.TABLE} SET status = 'sent', sent_at = :now, late = :late "
            "WHERE id = :row_id AND status = 'sending'",
            {"now": epoch(now), "late": int(late), "row_id": row_id},
        )

    async def release(self, row_id: int) -> None:
        """Not sent after all (the person blocked the bot): back to pending, held until
        they return, with its due time unchanged."""
        await self._db.execute(
            f"UPDATE {self.TABLE} SET status = 'pending', claimed_at = NULL "
            "WHERE id = :row_id AND status = 'sending'",
            {"row_id": row_id},
        )

    async def cancel(self, row_id: int, now: datetime) -> None:
        """Nothing left to send (the subscription or the client is gone)."""
        await self._db.execute(
            f"UPDATE {self.TABLE} SET status = 'cancelled', finished_at = :now "
            "WHERE id = :row_id AND status = 'sending'",
            {"now": epoch(now), "row_id": row_id},
        )

    async def retry_later(self, row_id: int, retry_at: datetime, attempts: int) -> None:
        await self._db.execute(
            f"UPDATE {self.TABLE} SET status = 'pending', claimed_at = NULL, due_at = :due_at, "
            "attempts = :attempts WHERE id = :row_id AND status = 'sending'",
            {"due_at": epoch(retry_at), "attempts": attempts, "row_id": row_id},
        )

    async def mark_failed(self, row_id: int, now: datetime) -> None:
        await self._db.execute(
            f"UPDATE {self.TABLE} SET status = 'failed', finished_at = :now WHERE id = :row_id",
            {"now": epoch(now), "row_id": row_id},
        )

    async def earliest_due(self) -> datetime | None:
        value = await self._db.fetchvalue(
            # ORDER BY + LIMIT walks the (status, due_at) index and stops at the first
            # reachable row; MIN() with the extra filter would read every pending row.
            f"SELECT due_at FROM {self.TABLE} WHERE status = 'pending' AND {_REACHABLE} "
            "ORDER BY due_at LIMIT 1"
        )
        return from_epoch(value) if value is not None else None
