"""Readings of a client's number after the project. Every query is filtered by the
owner's user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from storage.codec import day, epoch, from_day, from_epoch
from storage.db import Database, Record

READING_LIMIT = 300


@dataclass(frozen=True, slots=True)
class MetricReadingRow:
    id: int
    user_id: int
    client_id: int
    project_id: int
    text: str
    value: float | None
    percent: bool
    read_on: date
    created_at: datetime
    feedback_id: int | None = None  # given by the client in their answers to this request

    @property
    def from_client(self) -> bool:
        return self.feedback_id is not None


def _reading(row: Record) -> MetricReadingRow:
    return MetricReadingRow(
        id=row["id"],
        user_id=row["user_id"],
        client_id=row["client_id"],
        project_id=row["project_id"],
        text=row["text"],
        value=row["value"],
        percent=bool(row["percent"]),
        read_on=from_day(row["read_on"]),
        created_at=from_epoch(row["created_at"]),
        feedback_id=row["feedback_id"],
    )


class MetricReadingRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        user_id: int,
        project_id: int,
        text: str,
        value: float | None,
        percent: bool,
        read_on: date,
        now: datetime,
        feedback_id: int | None = None,
    ) -> MetricReadingRow | None:
        """None when the project is not this user's (checked in the same statement)."""
        reading_id = await self._db.insert(
            """
            INSERT INTO metric_readings (user_id, client_id, project_id, text, value, percent,
                                         read_on, created_at, feedback_id)
            SELECT user_id, client_id, id, :text, :value, :percent, :read_on, :now, :feedback_id
            FROM projects WHERE id = :project_id AND user_id = :user_id
            RETURNING id
            """,
            {
                "text": text,
                "value": value,
                "percent": int(percent),
                "read_on": day(read_on),
                "now": epoch(now),
                "feedback_id": feedback_id,
                "project_id": project_id,
                "user_id": user_id,
            },
        )
        if reading_id is None:
            return None
        row = await self._db.fetchone(
            "SELECT * FROM metric_readings WHERE id = :reading_id AND user_id = :user_id",
            {"reading_id": reading_id, "user_id": user_id},
        )
        return _reading(row) if row else None

    async def latest(self, user_id: int, project_id: int) -> MetricReadingRow | None:
        row = await self._db.fetchone(
            "SELECT * FROM metric_readings WHERE user_id = :user_id AND project_id = :project_id "
            "ORDER BY created_at DESC, id DESC LIMIT 1",
            {"user_id": user_id, "project_id": project_id},
        )
        return _reading(row) if row else None

    async def for_project(self, user_id: int, project_id: int) -> list[MetricReadingRow]:
        """Every reading of the project, oldest first: by the day it was read, then by
        when it was typed (two readings on one day keep their order)."""
        rows = await self._db.fetchall(
            "SELECT * FROM metric_readings WHERE user_id = :user_id AND project_id = :project_id "
            "ORDER BY read_on, created_at, id",
            {"user_id": user_id, "project_id": project_id},
        )
        return [_reading(row) for row in rows]

    async def has_number(self, user_id: int, project_id: int) -> bool:
        """Whether any reading of the project has a number (something to draw)."""
        found = await self._db.fetchvalue(
            "SELECT EXISTS (SELECT 1 FROM metric_readings "
            "WHERE user_id = :user_id AND project_id = :project_id AND value IS NOT NULL) AS found",
            {"user_id": user_id, "project_id": project_id},
        )
        return bool(found)

    async def never_measured(self, user_id: int, finished_before: date) -> int:
        """Projects whose client's number was never collected: no number agreed at all,
        or none read since a project that ended before `finished_before`."""
        found = await self._db.fetchvalue(
            """
            SELECT COUNT(*) AS n FROM projects p
            WHERE p.user_id = :user_id
              AND (p.metric IS NULL
                   OR (p.finished_on < :finished_before AND NOT EXISTS (
                       SELECT 1 FROM metric_readings m
                       WHERE m.user_id = p.user_id AND m.project_id = p.id
                         AND m.value IS NOT NULL)))
            """,
            {"user_id": user_id, "finished_before": day(finished_before)},
        )
        return int(found or 0)
