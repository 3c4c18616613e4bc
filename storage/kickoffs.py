"""Projects at their start (kickoffs). Every query is filtered by the owner's user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from storage.clients import Address as Address  # where it was first defined
from storage.codec import day, epoch, from_day, from_epoch
from storage.db import Database, Record
from storage.projects import Goal

RED_FLAGS_LIMIT = 500


class BudgetFit(StrEnum):
    """Does the budget fit the goal, or would a smaller solution do (ideas I5, I7)?"""

    FITS = "fits"
    SMALLER = "smaller"
    UNSURE = "unsure"


class KickoffStatus(StrEnum):
    """A project under way, or how it ended."""

    ACTIVE = "active"
    FINISHED = "finished"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class NewKickoff:
    user_id: int
    client_id: int
    title: str
    goal: Goal
    goal_note: str | None
    metric: str | None
    baseline: str | None
    target: str | None
    ends_on: date
    budget_fit: BudgetFit
    red_flags: str | None
    address: Address


@dataclass(frozen=True, slots=True)
class Kickoff:
    id: int
    user_id: int
    client_id: int
    client_name: str
    project_id: int | None
    title: str
    goal: Goal
    goal_note: str | None
    metric: str | None
    baseline: str | None
    target: str | None
    ends_on: date
    budget_fit: BudgetFit
    red_flags: str | None
    address: Address
    status: KickoffStatus
    created_at: datetime

    @property
    def active(self) -> bool:
        return self.status == KickoffStatus.ACTIVE


_SELECT = """
    SELECT k.*, c.name AS client_name, c.address AS client_address
    FROM kickoffs k JOIN clients c ON c.id = k.client_id
"""


def _kickoff(row: Record) -> Kickoff:
    return Kickoff(
        id=row["id"],
        user_id=row["user_id"],
        client_id=row["client_id"],
        client_name=row["client_name"],
        project_id=row["project_id"],
        title=row["title"],
        goal=Goal(row["goal"]),
        goal_note=row["goal_note"],
        metric=row["metric"],
        baseline=row["baseline"],
        target=row["target"],
        ends_on=from_day(row["ends_on"]),
        budget_fit=BudgetFit(row["budget_fit"]),
        red_flags=row["red_flags"],
        # The client's form of address as it is now: changed on the card, it holds for
        # the drafts of a project under way too (the kickoff's column keeps the answer).
        address=Address(row["client_address"]),
        status=KickoffStatus(row["status"]),
        created_at=from_epoch(row["created_at"]),
    )


class KickoffRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, new: NewKickoff, now: datetime) -> Kickoff:
        # The client must belong to the same user: checked in the same statement.
        kickoff_id = await self._db.insert(
            """
            INSERT INTO kickoffs (user_id, client_id, title, goal, goal_note, metric, baseline,
                                  target, ends_on, budget_fit, red_flags, address, created_at)
            SELECT :user_id, id, :title, :goal, :goal_note, :metric, :baseline, :target,
                   :ends_on, :budget_fit, :red_flags, :address, :now
            FROM clients
            WHERE id = :client_id AND user_id = :user_id
            RETURNING id
            """,
            {
                "user_id": new.user_id,
                "title": new.title,
                "goal": new.goal.value,
                "goal_note": new.goal_note,
                "metric": new.metric,
                "baseline": new.baseline,
                "target": new.target,
                "ends_on": day(new.ends_on),
                "budget_fit": new.budget_fit.value,
                "red_flags": new.red_flags,
                "address": new.address.value,
                "now": epoch(now),
                "client_id": new.client_id,
            },
        )
        if kickoff_id is None:
            raise LookupError(f"client {new.client_id} of user {new.user_id} not found")
        kickoff = await self.get(new.user_id, kickoff_id)
        assert kickoff is not None
        return kickoff

    async def get(self, user_id: int, kickoff_id: int) -> Kickoff | None:
        row = await self._db.fetchone(
            f"{_SELECT} WHERE k.id = :kickoff_id AND k.user_id = :user_id",
            {"kickoff_id": kickoff_id, "user_id": user_id},
        )
        return _kickoff(row) if row else None

    async def active(self, user_id: int, limit: int) -> list[Kickoff]:
        """Projects under way, the nearest end first."""
        rows = await self._db.fetchall(
            f"{_SELECT} WHERE k.user_id = :user_id AND k.status = 'active' "
            "ORDER BY k.ends_on, k.id LIMIT :limit",
            {"user_id": user_id, "limit": limit},
        )
        return [_kickoff(row) for row in rows]

    async def active_for_client(self, user_id: int, client_id: int) -> list[Kickoff]:
        rows = await self._db.fetchall(
            f"{_SELECT} WHERE k.user_id = :user_id AND k.client_id = :client_id "
            "AND k.status = 'active' ORDER BY k.ends_on, k.id",
            {"user_id": user_id, "client_id": client_id},
        )
        return [_kickoff(row) for row in rows]

    async def for_project(self, user_id: int, project_id: int) -> Kickoff | None:
        row = await self._db.fetchone(
            f"{_SELECT} WHERE k.user_id = :user_id AND k.project_id = :project_id",
            {"user_id": user_id, "project_id": project_id},
        )
        return _kickoff(row) if row else None

    async def finish(self, user_id: int, kickoff_id: int, project_id: int, now: datetime) -> bool:
        """The project is recorded as finished; False if the kickoff is no longer active."""
        changed = await self._db.execute(
            "UPDATE kickoffs SET status = 'finished', project_id = :project_id, "
            "finished_at = :now "
            "WHERE id = :kickoff_id AND user_id = :user_id AND status = 'active'",
            {
                "project_id": project_id,
                "now": epoch(now),
                "kickoff_id": kickoff_id,
                "user_id": user_id,
            },
        )
        return changed == 1

    async def set_end(self, user_id: int, kickoff_id: int, ends_on: date) -> bool:
        changed = await self._db.execute(
            "UPDATE kickoffs SET ends_on = :ends_on "
            "WHERE id = :kickoff_id AND user_id = :user_id AND status = 'active'",
            {"ends_on": day(ends_on), "kickoff_id": kickoff_id, "user_id": user_id},
        )
        return changed == 1

    async def drop(self, user_id: int, kickoff_id: int, now: datetime) -> bool:
        changed = await self._db.execute(
            "UPDATE kickoffs SET status = 'dropped', finished_at = :now "
            "WHERE id = :kickoff_id AND user_id = :user_id AND status = 'active'",
            {"now": epoch(now), "kickoff_id": kickoff_id, "user_id": user_id},
        )
        return changed == 1
