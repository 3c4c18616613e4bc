"""What the partner's scoreboard reads: every project with its forecast and the client's
latest number, and the new orders check-ins brought. Every query is filtered by the
owner's user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.codec import from_epoch
from storage.db import Database
from storage.projects import Project, project_from_row


@dataclass(frozen=True, slots=True)
class ProjectResult:
    project: Project
    forecast: int | None  # the finished reflection's answer to the forecast question
    latest_value: float | None  # the latest reading of the client's number that has one


@dataclass(frozen=True, slots=True)
class NewOrder:
    client_id: int
    answered_at: datetime  # when the check-in was marked done with a new order


class ScoreboardRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def projects(self, user_id: int, forecast_question: str) -> list[ProjectResult]:
        """Every project of the user, oldest first. The rows have the shape
        ProjectRepository reads, so they become real Projects (the goal tells which way
        the client's number should move)."""
        rows = await self._db.fetchall(
            """
            SELECT p.*, c.name AS client_name, r.status AS reflection_status, r.score AS score,
                   (SELECT a.value FROM reflection_answers a
                    WHERE a.reflection_id = r.id AND a.question_id = :forecast_question
                          AND r.status = 'done'
                   ) AS forecast,
                   (SELECT m.value FROM metric_readings m
                    WHERE m.user_id = p.user_id AND m.project_id = p.id AND m.value IS NOT NULL
                    ORDER BY m.created_at DESC, m.id DESC LIMIT 1
                   ) AS latest_value
            FROM projects p
            JOIN clients c ON c.id = p.client_id
            LEFT JOIN reflections r ON r.project_id = p.id
            WHERE p.user_id = :user_id
            ORDER BY p.finished_on, p.id
            """,
            {"forecast_question": forecast_question, "user_id": user_id},
        )
        return [
            ProjectResult(project_from_row(row), row["forecast"], row["latest_value"])
            for row in rows
        ]

    async def new_orders(self, user_id: int) -> list[NewOrder]:
        rows = await self._db.fetchall(
            "SELECT client_id, finished_at FROM checkins "
            "WHERE user_id = :user_id AND outcome = 'new_order' AND finished_at IS NOT NULL "
            "ORDER BY finished_at",
            {"user_id": user_id},
        )
        return [NewOrder(row["client_id"], from_epoch(row["finished_at"])) for row in rows]

    async def trust_steps(self, user_id: int) -> tuple[int, int]:
        """Projects begun with a kickoff (not dropped), and the early trust steps the
        freelancer marked done across them."""
        started = await self._db.fetchvalue(
            "SELECT COUNT(*) AS n FROM kickoffs WHERE user_id = :user_id AND status != 'dropped'",
            {"user_id": user_id},
        )
        # "Done" on the planned end day answers "is the work finished?": not a trust step.
        done = await self._db.fetchvalue(
            "SELECT COUNT(*) AS n FROM nudges "
            "WHERE user_id = :user_id AND status = 'done' AND action != 'wrap_up'",
            {"user_id": user_id},
        )
        return int(started or 0), int(done or 0)
