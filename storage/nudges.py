"""Nudges for the early trust actions chosen at kickoff, as due rows claimed by the
due-work runner. Queries made for a user are filtered by that user's id; the runner's
queries (from DueRowStore) work across users."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.codec import epoch, from_epoch, from_wall_clock, wall_clock
from storage.db import Record
from storage.due_rows import DueRowStore


class NudgeKind(StrEnum):
    """What a nudge is about: one of the early trust actions (idea I12), or the planned
    end of the work."""

    CALL = "call"  # a call to hear the business
    CONFIRM = "confirm"  # the goal and the number confirmed in writing
    PROGRESS = "progress"  # a short progress note every few days
    EARLY_DRAFT = "early_draft"  # the first draft shown early
    WRAP_UP = "wrap_up"  # the planned end day: finished, a week more, or called off


class NudgeStatus(StrEnum):
    """A nudge's life: due, being sent, delivered, then answered or ended."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by the due-work runner
    SENT = "sent"  # delivered, waiting for the freelancer's answer
    DONE = "done"
    SKIPPED = "skipped"
    STOPPED = "stopped"  # no more of this action for the project
    FAILED = "failed"  # Telegram refused it, or too many transient failures
    CANCELLED = "cancelled"  # no longer wanted: the project ended, or the action stopped


# The actions a freelancer may pick at kickoff, in the order they are offered.
TRUST_ACTIONS = (NudgeKind.CALL, NudgeKind.CONFIRM, NudgeKind.PROGRESS, NudgeKind.EARLY_DRAFT)


@dataclass(frozen=True, slots=True)
class Nudge:
    id: int
    user_id: int
    kickoff_id: int
    action: NudgeKind
    local_due: datetime  # naive: wall-clock time in the user's zone
    due_at: datetime
    status: NudgeStatus
    attempts: int


@dataclass(frozen=True, slots=True)
class NewNudge:
    user_id: int
    kickoff_id: int
    action: NudgeKind
    local_due: datetime
    due_at: datetime


def _nudge(row: Record) -> Nudge:
    return Nudge(
        id=row["id"],
        user_id=row["user_id"],
        kickoff_id=row["kickoff_id"],
        action=NudgeKind(row["action"]),
        local_due=from_wall_clock(row["local_due"]),
        due_at=from_epoch(row["due_at"]),
        status=NudgeStatus(row["status"]),
        attempts=row["attempts"],
    )


class NudgeRepository(DueRowStore[Nudge]):
    TABLE = "nudges"

    def _parse(self, row: Record) -> Nudge:
        return _nudge(row)

    async def add(self, new: NewNudge, now: datetime) -> Nudge:
        # The kickoff must belong to the same user: checked in the same statement.
        nudge_id = await self._db.insert(
            "INSERT INTO nudges (user_id, kickoff_id, action, local_due, due_at, created_at) "
            "SELECT :user_id, id, :action, :local_due, :due_at, :now FROM kickoffs "
            "WHERE id = :kickoff_id AND user_id = :user_id "
            "RETURNING id",
            {
                "user_id": new.user_id,
                "action": new.action.value,
                "local_due": wall_clock(new.local_due),
                "due_at": epoch(new.due_at),
                "now": epoch(now),
                "kickoff_id": new.kickoff_id,
            },
        )
        if nudge_id is None:
            raise LookupError(f"kickoff {new.kickoff_id} of user {new.user_id} not found")
        found = await self.get(new.user_id, nudge_id)
        assert found is not None
        return found

    async def get(self, user_id: int, nudge_id: int) -> Nudge | None:
        row = await self._db.fetchone(
            "SELECT * FROM nudges WHERE id = :nudge_id AND user_id = :user_id",
            {"nudge_id": nudge_id, "user_id": user_id},
        )
        return _nudge(row) if row else None

    async def pending_for_user(self, user_id: int) -> list[Nudge]:
        rows = await self._db.fetchall(
            "SELECT * FROM nudges WHERE user_id = :user_id AND status = 'pending'",
            {"user_id": user_id},
        )
        return [_nudge(row) for row in rows]

    async def for_kickoff(self, user_id: int, kickoff_id: int) -> list[Nudge]:
        rows = await self._db.fetchall(
            "SELECT * FROM nudges WHERE user_id = :user_id AND kickoff_id = :kickoff_id "
            "ORDER BY due_at, id",
            {"user_id": user_id, "kickoff_id": kickoff_id},
        )
        return [_nudge(row) for row in rows]

    async def answer(self, user_id: int, nudge_id: int, status: NudgeStatus, now: datetime) -> bool:
        """Done, skipped or stopped, for a delivered nudge (or one pressed in the moment
        between its delivery and being marked sent); False for an old button."""
        changed = await self._db.execute(
            "UPDATE nudges SET status = :status, finished_at = :now "
            "WHERE id = :nudge_id AND user_id = :user_id AND status IN ('sending', 'sent')",
            {"status": status, "now": epoch(now), "nudge_id": nudge_id, "user_id": user_id},
        )
        return changed == 1

    async def cancel_open(
        self, user_id: int, kickoff_id: int, now: datetime, action: NudgeKind | None = None
    ) -> int:
        """Nothing more for this kickoff (or for one of its actions): pending ones are
        cancelled; delivered ones no longer wait for an answer."""
        only_action = "AND action = :action" if action is not None else ""
        params: dict[str, object] = {
            "now": epoch(now),
            "user_id": user_id,
            "kickoff_id": kickoff_id,
        }
        if action is not None:
            params["action"] = action.value
        return await self._db.execute(
            "UPDATE nudges SET status = 'cancelled', finished_at = :now "
            "WHERE user_id = :user_id AND kickoff_id = :kickoff_id "
            f"AND status IN ('pending', 'sending', 'sent') {only_action}",
            params,
        )

    async def retime_many(
        self, user_id: int, changes: Sequence[tuple[int, datetime, datetime]]
    ) -> None:
        """New local times and UTC moments for pending nudges (a zone or hour change)."""
        async with self._db.transaction() as tx:
            await tx.executemany(
                "UPDATE nudges SET local_due = :local_due, due_at = :due_at "
                "WHERE id = :nudge_id AND user_id = :user_id AND status = 'pending'",
                [
                    {
                        "local_due": wall_clock(local),
                        "due_at": epoch(due_at),
                        "nudge_id": nudge_id,
                        "user_id": user_id,
                    }
                    for nudge_id, local, due_at in changes
                ],
            )

    async def answered(self, user_id: int, kickoff_id: int) -> Counter[NudgeStatus]:
        """How many nudges of the kickoff were done, skipped, ... by status."""
        rows = await self._db.fetchall(
            "SELECT status, COUNT(*) AS n FROM nudges "
            "WHERE user_id = :user_id AND kickoff_id = :kickoff_id GROUP BY status",
            {"user_id": user_id, "kickoff_id": kickoff_id},
        )
        return Counter({NudgeStatus(row["status"]): int(row["n"]) for row in rows})
