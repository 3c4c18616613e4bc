"""The `projects` table. Every query is filtered by the owner's user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from storage.codec import epoch, from_day, from_epoch
from storage.db import Database, Record
from storage.reflections import ReflectionStatus

TITLE_LIMIT = 200
FIELD_LIMIT = 300


class Goal(StrEnum):
    """The client's real goal, as a business result (idea I9)."""

    SALES = "sales"
    LEADS = "leads"
    TRAFFIC = "traffic"
    SAVINGS = "savings"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class NewProject:
    user_id: int
    client_id: int
    title: str
    goal: Goal
    goal_note: str | None
    metric: str | None
    baseline: str | None
    finished_on: date


@dataclass(frozen=True, slots=True)
class Project:
    id: int
    user_id: int
    client_id: int
    client_name: str
    title: str
    goal: Goal
    goal_note: str | None
    metric: str | None
    baseline: str | None
    finished_on: date
    created_at: datetime
    reflection_status: ReflectionStatus | None  # None: not started
    score: int | None


@dataclass(frozen=True, slots=True)
class ProjectPage:
    projects: list[Project]
    total: int


_SELECT = """
    SELECT p.*, c.name AS client_name, r.status AS reflection_status, r.score AS score
    FROM projects p
    JOIN clients c ON c.id = p.client_id
    LEFT JOIN reflections r ON r.project_id = p.id
"""


def project_from_row(row: Record) -> Project:
    return Project(
        id=row["id"],
        user_id=row["user_id"],
        client_id=row["client_id"],
        client_name=row["client_name"],
        title=row["title"],
        goal=Goal(row["goal"]),
        goal_note=row["goal_note"],
        metric=row["metric"],
        baseline=row["baseline"],
        finished_on=from_day(row["finished_on"]),
        created_at=from_epoch(row["created_at"]),
        reflection_status=(
            ReflectionStatus(row["reflection_status"])
            if row["reflection_status"] is not None
            else None
        ),
        score=row["score"],
    )


class ProjectRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, new: NewProject, now: datetime) -> Project:
        # The client must belong to the same user: checked in the same statement.
        project_id = await self._db.insert(
            """
                INSERT INTO projects (user_id, client_id, title, goal, goal_note, metric,
                                      baseline, finished_on, created_at)
                SELECT user_id, id, :title, :goal, :goal_note, :metric, :baseline,
                       :finished_on, :now
                FROM clients WHERE id = :client_id AND user_id = :user_id
                RETURNING id
                """,
            {
                "title": new.title,
                "goal": new.goal.value,
                "goal_note": new.goal_note,
                "metric": new.metric,
                "baseline": new.baseline,
                "finished_on": new.finished_on.isoformat(),
                "now": epoch(now),
                "client_id": new.client_id,
                "user_id": new.user_id,
            },
        )
        if project_id is None:
            raise LookupError(f"client {new.client_id} of user {new.user_id} not found")
        project = await self.get(new.user_id, project_id)
        assert project is not None
        return project

    async def get(self, user_id: int, project_id: int) -> Project | None:
        row = await self._db.fetchone(
            f"{_SELECT} WHERE p.id = :project_id AND p.user_id = :user_id",
            {"project_id": project_id, "user_id": user_id},
        )
        return project_from_row(row) if row else None

    async def for_client(self, user_id: int, client_id: int, limit: int) -> ProjectPage:
        params = {"user_id": user_id, "client_id": client_id}
        rows = await self._db.fetchall(
            f"{_SELECT} WHERE p.user_id = :user_id AND p.client_id = :client_id "
            "ORDER BY p.finished_on DESC, p.id DESC LIMIT :limit",
            {**params, "limit": limit},
        )
        total = await self._db.fetchvalue(
            "SELECT COUNT(*) AS n FROM projects "
            "WHERE user_id = :user_id AND client_id = :client_id",
            params,
        )
        return ProjectPage([project_from_row(row) for row in rows], int(total or 0))

    async def awaiting_reflection(self, user_id: int, offset: int, limit: int) -> ProjectPage:
        """Projects without a finished reflection: drafts first, then newest."""
        where = "WHERE p.user_id = :user_id AND (r.status IS NULL OR r.status = 'draft')"
        rows = await self._db.fetchall(
            f"{_SELECT} {where} ORDER BY r.status IS NULL, p.finished_on DESC, p.id DESC "
            "LIMIT :limit OFFSET :offset",
            {"user_id": user_id, "limit": limit, "offset": offset},
        )
        total = await self._db.fetchvalue(
            "SELECT COUNT(*) AS n FROM projects p LEFT JOIN reflections r ON r.project_id = p.id "
            f"{where}",
            {"user_id": user_id},
        )
        return ProjectPage([project_from_row(row) for row in rows], int(total or 0))
