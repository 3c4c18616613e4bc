"""Check-ins as due rows, claimed atomically by the due-work runner.

Queries made for a user are filtered by that user's id. The due-work runner's queries (from
DueRowStore) work across users: delivering due rows is the system's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from storage.codec import epoch, from_epoch, from_wall_clock, maybe_from_day, wall_clock
from storage.db import Record
from storage.due_rows import DueRowStore
from storage.users import hold_user

NOTE_LIMIT = 500


class CheckinStatus(StrEnum):
    """A check-in's life: due, being sent, delivered, then answered or ended."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by the due-work runner
    SENT = "sent"  # the reminder is out, waiting for the freelancer
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"  # Telegram refused it, or too many transient failures
    CANCELLED = "cancelled"  # replaced, or the client or the user is gone


# Statuses that still need the user's attention (a reminder to send or to act on).
OPEN_STATUSES = (CheckinStatus.PENDING, CheckinStatus.SENDING, CheckinStatus.SENT)


@dataclass(frozen=True, slots=True)
class Checkin:
    id: int
    user_id: int
    client_id: int
    project_id: int | None
    local_due: datetime  # naive: wall-clock time in the user's zone
    time_chosen: bool
    due_at: datetime  # aware UTC
    recurring: bool
    base_day: date | None
    status: CheckinStatus
    attempts: int
    sent_at: datetime | None
    late: bool
    outcome: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class NewCheckin:
    user_id: int
    client_id: int
    project_id: int | None
    local_due: datetime
    time_chosen: bool
    due_at: datetime
    recurring: bool = False
    base_day: date | None = None


def _checkin(row: Record) -> Checkin:
    return Checkin(
        id=row["id"],
        user_id=row["user_id"],
        client_id=row["client_id"],
        project_id=row["project_id"],
        local_due=from_wall_clock(row["local_due"]),
        time_chosen=bool(row["time_chosen"]),
        due_at=from_epoch(row["due_at"]),
        recurring=bool(row["recurring"]),
        base_day=maybe_from_day(row["base_day"]),
        status=CheckinStatus(row["status"]),
        attempts=row["attempts"],
        sent_at=from_epoch(row["sent_at"]) if row["sent_at"] is not None else None,
        late=bool(row["late"]),
        outcome=row["outcome"],
        note=row["note"],
    )


def _values(new: NewCheckin, now: datetime) -> dict[str, object]:
    return {
        "user_id": new.user_id,
        "client_id": new.client_id,
        "project_id": new.project_id,
        "local_due": wall_clock(new.local_due),
        "time_chosen": int(new.time_chosen),
        "due_at": epoch(new.due_at),
        "recurring": int(new.recurring),
        "base_day": new.base_day.isoformat() if new.base_day else None,
        "created_at": epoch(now),
    }


_INSERT = """
    INSERT INTO checkins (user_id, client_id, project_id, local_due, time_chosen, due_at,
                          recurring, base_day, created_at)
    VALUES (:user_id, :client_id, :project_id, :local_due, :time_chosen, :due_at,
            :recurring, :base_day, :created_at)
"""


class CheckinRepository(DueRowStore[Checkin]):
    TABLE = "checkins"

    def _parse(self, row: Record) -> Checkin:
        return _checkin(row)

    # ---- for the user ----------------------------------------------------------

    async def replace_for_client(self, new: NewCheckin, now: datetime) -> Checkin:
        """Schedule the client's next check-in, replacing a pending one: one reminder
        per client at a time keeps the list honest."""
        async with self._db.transaction() as tx:
            await hold_user(tx, new.user_id)
            await tx.execute(
                "UPDATE checkins SET status = 'cancelled', finished_at = :now "
                "WHERE user_id = :user_id AND client_id = :client_id AND status = 'pending'",
                {"now": epoch(now), "user_id": new.user_id, "client_id": new.client_id},
            )
            checkin_id = await tx.insert(f"{_INSERT} RETURNING id", _values(new, now))
        assert checkin_id is not None
        found = await self.get(new.user_id, checkin_id)
        assert found is not None
        return found

    async def insert_many(self, rows: Iterable[NewCheckin], now: datetime) -> None:
        """Batch insert (used by the benchmark and imports)."""
        await self._db.executemany(_INSERT, (_values(row, now) for row in rows))

    async def get(self, user_id: int, checkin_id: int) -> Checkin | None:
        row = await self._db.fetchone(
            "SELECT * FROM checkins WHERE id = :checkin_id AND user_id = :user_id",
            {"checkin_id": checkin_id, "user_id": user_id},
        )
        return _checkin(row) if row else None

    async def next_for_client(self, user_id: int, client_id: int) -> Checkin | None:
        row = await self._db.fetchone(
            "SELECT * FROM checkins "
            "WHERE user_id = :user_id AND client_id = :client_id AND status = 'pending' "
            "ORDER BY due_at LIMIT 1",
            {"user_id": user_id, "client_id": client_id},
        )
        return _checkin(row) if row else None

    async def open_for_user(self, user_id: int, until: datetime) -> list[Checkin]:
        """Pending ones due before `until`, and reminders sent but not acted on."""
        rows = await self._db.fetchall(
            "SELECT * FROM checkins WHERE user_id = :user_id AND "
            "(status = 'sent' OR (status IN ('pending', 'sending') AND due_at <= :until)) "
            "ORDER BY due_at",
            {"user_id": user_id, "until": epoch(until)},
        )
        return [_checkin(row) for row in rows]

    async def pending_for_user(self, user_id: int) -> list[Checkin]:
        rows = await self._db.fetchall(
            "SELECT * FROM checkins WHERE user_id = :user_id AND status = 'pending'",
            {"user_id": user_id},
        )
        return [_checkin(row) for row in rows]

    async def move(
        self,
        user_id: int,
        checkin_id: int,
        local_due: datetime,
        time_chosen: bool,
        due_at: datetime,
    ) -> bool:
        """Snooze or reschedule: a new time, and the reminder is due again."""
        changed = await self._db.execute(
            """
            UPDATE checkins SET local_due = :local_due, time_chosen = :time_chosen,
                                due_at = :due_at, status = 'pending',
                                claimed_at = NULL, attempts = 0, late = 0
            WHERE id = :checkin_id AND user_id = :user_id AND status IN ('pending', 'sent')
            """,
            {
                "local_due": wall_clock(local_due),
                "time_chosen": int(time_chosen),
                "due_at": epoch(due_at),
                "checkin_id": checkin_id,
                "user_id": user_id,
            },
        )
        return changed == 1

    async def retime_many(self, user_id: int, changes: Sequence[tuple[int, datetime]]) -> None:
        """New UTC moments for pending rows (after a zone or check-in hour change)."""
        async with self._db.transaction() as tx:
            await tx.executemany(
                "UPDATE checkins SET due_at = :due_at "
                "WHERE id = :checkin_id AND user_id = :user_id AND status = 'pending'",
                [
                    {"due_at": epoch(due_at), "checkin_id": checkin_id, "user_id": user_id}
                    for checkin_id, due_at in changes
                ],
            )

    async def set_local_due(self, user_id: int, checkin_id: int, local_due: datetime) -> None:
        await self._db.execute(
            "UPDATE checkins SET local_due = :local_due "
            "WHERE id = :checkin_id AND user_id = :user_id",
            {"local_due": wall_clock(local_due), "checkin_id": checkin_id, "user_id": user_id},
        )

    async def finish(
        self,
        user_id: int,
        checkin_id: int,
        status: CheckinStatus,
        now: datetime,
        outcome: str | None = None,
        note: str | None = None,
    ) -> bool:
        changed = await self._db.execute(
            """
            UPDATE checkins SET status = :status, outcome = :outcome, note = :note,
                                finished_at = :now
            WHERE id = :checkin_id AND user_id = :user_id
              AND status IN ('pending', 'sending', 'sent')
            """,
            {
                "status": status,
                "outcome": outcome,
                "note": note,
                "now": epoch(now),
                "checkin_id": checkin_id,
                "user_id": user_id,
            },
        )
        return changed == 1

    async def set_outcome(
        self, user_id: int, checkin_id: int, outcome: str, note: str | None
    ) -> bool:
        changed = await self._db.execute(
            "UPDATE checkins SET outcome = :outcome, note = :note "
            "WHERE id = :checkin_id AND user_id = :user_id AND status = 'done'",
            {"outcome": outcome, "note": note, "checkin_id": checkin_id, "user_id": user_id},
        )
        return changed == 1

    async def cancel_for_client(self, user_id: int, client_id: int, now: datetime) -> int:
        """Stop everything open for the client, reminders already delivered included."""
        return await self._db.execute(
            "UPDATE checkins SET status = 'cancelled', finished_at = :now "
            "WHERE user_id = :user_id AND client_id = :client_id "
            "AND status IN ('pending', 'sending', 'sent')",
            {"now": epoch(now), "user_id": user_id, "client_id": client_id},
        )

    async def cancel_for_user(self, user_id: int, now: datetime) -> int:
        return await self._db.execute(
            "UPDATE checkins SET status = 'cancelled', finished_at = :now "
            "WHERE user_id = :user_id AND status IN ('pending', 'sending')",
            {"now": epoch(now), "user_id": user_id},
        )

    async def log_contact(
        self, user_id: int, client_id: int, happened_on: date, source: str, now: datetime
    ) -> None:
        await self._db.execute(
            "INSERT INTO contacts (user_id, client_id, happened_on, source, created_at) "
            "SELECT :user_id, id, :happened_on, :source, :now FROM clients "
            "WHERE id = :client_id AND user_id = :user_id",
            {
                "user_id": user_id,
                "happened_on": happened_on.isoformat(),
                "source": source,
                "now": epoch(now),
                "client_id": client_id,
            },
        )
