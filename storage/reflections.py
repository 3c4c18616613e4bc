"""Reflections and their answers. Every query is filtered by the owner's user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from storage.codec import epoch, from_day, from_epoch, maybe_from_epoch
from storage.db import Database, Record

COMMENT_LIMIT = 300
LESSON_LIMIT = 500


class ReflectionStatus(StrEnum):
    """A reflection being answered, or finished with its score."""

    DRAFT = "draft"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Reflection:
    id: int
    user_id: int
    project_id: int
    status: ReflectionStatus
    position: int  # index of the question being answered (drafts)
    score: int | None
    label: str | None
    decision: str | None
    lesson: str | None
    started_at: datetime
    completed_at: datetime | None
    advice: tuple[str, ...] | None  # ids of the advice shown at the end; None: not recorded

    @property
    def is_done(self) -> bool:
        return self.status == ReflectionStatus.DONE


@dataclass(frozen=True, slots=True)
class Answer:
    question_id: str
    value: int | None
    text: str | None
    comment: str | None
    skipped: bool

    @property
    def is_answered(self) -> bool:
        return self.skipped or self.value is not None or self.text is not None


@dataclass(frozen=True, slots=True)
class HistoryItem:
    reflection_id: int
    project_id: int
    project_title: str
    client_id: int
    client_name: str
    finished_on: date
    score: int | None
    label: str | None


@dataclass(frozen=True, slots=True)
class HistoryPage:
    items: list[HistoryItem]
    total: int


def _reflection(row: Record) -> Reflection:
    return Reflection(
        id=row["id"],
        user_id=row["user_id"],
        project_id=row["project_id"],
        status=ReflectionStatus(row["status"]),
        position=row["position"],
        score=row["score"],
        label=row["label"],
        decision=row["decision"],
        lesson=row["lesson"],
        started_at=from_epoch(row["started_at"]),
        completed_at=maybe_from_epoch(row["completed_at"]),
        advice=_advice(row["advice"]),
    )


def _advice(stored: str | None) -> tuple[str, ...] | None:
    return tuple(stored.split()) if stored is not None else None


_HISTORY_SELECT = """
    SELECT r.id AS reflection_id, p.id AS project_id, p.title AS project_title,
           c.id AS client_id, c.name AS client_name, p.finished_on, r.score, r.label
    FROM reflections r
    JOIN projects p ON p.id = r.project_id
    JOIN clients c ON c.id = p.client_id
"""


def _history_item(row: Record) -> HistoryItem:
    return HistoryItem(
        reflection_id=row["reflection_id"],
        project_id=row["project_id"],
        project_title=row["project_title"],
        client_id=row["client_id"],
        client_name=row["client_name"],
        finished_on=from_day(row["finished_on"]),
        score=row["score"],
        label=row["label"],
    )


class ReflectionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(self, user_id: int, project_id: int, now: datetime) -> Reflection | None:
        """The project's reflection, created as a draft if there is none yet; None when
        the project is not this user's."""
        await self._db.execute(
            """
            INSERT INTO reflections (user_id, project_id, started_at)
            SELECT user_id, id, :now FROM projects WHERE id = :project_id AND user_id = :user_id
            ON CONFLICT (project_id) DO NOTHING
            """,
            {"now": epoch(now), "project_id": project_id, "user_id": user_id},
        )
        row = await self._db.fetchone(
            "SELECT * FROM reflections WHERE project_id = :project_id AND user_id = :user_id",
            {"project_id": project_id, "user_id": user_id},
        )
        return _reflection(row) if row else None

    async def for_project(self, user_id: int, project_id: int) -> Reflection | None:
        """The project's reflection, if one was begun."""
        row = await self._db.fetchone(
            "SELECT * FROM reflections WHERE project_id = :project_id AND user_id = :user_id",
            {"project_id": project_id, "user_id": user_id},
        )
        return _reflection(row) if row else None

    async def get(self, user_id: int, reflection_id: int) -> Reflection | None:
        row = await self._db.fetchone(
            "SELECT * FROM reflections WHERE id = :reflection_id AND user_id = :user_id",
            {"reflection_id": reflection_id, "user_id": user_id},
        )
        return _reflection(row) if row else None

    async def answers(self, user_id: int, reflection_id: int) -> dict[str, Answer]:
        rows = await self._db.fetchall(
            """
            SELECT a.* FROM reflection_answers a
            JOIN reflections r ON r.id = a.reflection_id
            WHERE a.reflection_id = :reflection_id AND r.user_id = :user_id
            """,
            {"reflection_id": reflection_id, "user_id": user_id},
        )
        return {
            row["question_id"]: Answer(
                question_id=row["question_id"],
                value=row["value"],
                text=row["text"],
                comment=row["comment"],
                skipped=bool(row["skipped"]),
            )
            for row in rows
        }

    async def save_answer(
        self,
        user_id: int,
        reflection_id: int,
        question_id: str,
        *,
        value: int | None,
        text: str | None,
        skipped: bool,
        next_position: int,
    ) -> bool:
        """Store an answer (keeping a comment typed before it) and move to the next
        question, atomically; False when the draft is not this user's."""
        async with self._db.transaction() as tx:
            moved = await tx.execute(
                "UPDATE reflections SET position = :position "
                "WHERE id = :reflection_id AND user_id = :user_id AND status = 'draft'",
                {"position": next_position, "reflection_id": reflection_id, "user_id": user_id},
            )
            if moved != 1:
                return False
            await tx.execute(
                """
                INSERT INTO reflection_answers (reflection_id, question_id, value, text, skipped)
                VALUES (:reflection_id, :question_id, :value, :text, :skipped)
                ON CONFLICT (reflection_id, question_id)
                DO UPDATE SET value = excluded.value, text = excluded.text,
                              skipped = excluded.skipped
                """,
                {
                    "reflection_id": reflection_id,
                    "question_id": question_id,
                    "value": value,
                    "text": text,
                    "skipped": int(skipped),
                },
            )
        return True

    async def save_comment(
        self, user_id: int, reflection_id: int, question_id: str, comment: str
    ) -> bool:
        async with self._db.transaction() as tx:
            draft = await tx.fetchone(
                "SELECT 1 AS found FROM reflections "
                "WHERE id = :reflection_id AND user_id = :user_id AND status = 'draft'",
                {"reflection_id": reflection_id, "user_id": user_id},
            )
            if draft is None:
                return False
            await tx.execute(
                """
                INSERT INTO reflection_answers (reflection_id, question_id, comment)
                VALUES (:reflection_id, :question_id, :comment)
                ON CONFLICT (reflection_id, question_id) DO UPDATE SET comment = excluded.comment
                """,
                {"reflection_id": reflection_id, "question_id": question_id, "comment": comment},
            )
        return True

    async def set_position(self, user_id: int, reflection_id: int, position: int) -> bool:
        changed = await self._db.execute(
            "UPDATE reflections SET position = :position "
            "WHERE id = :reflection_id AND user_id = :user_id AND status = 'draft'",
            {"position": position, "reflection_id": reflection_id, "user_id": user_id},
        )
        return changed == 1

    async def complete(
        self,
        user_id: int,
        reflection_id: int,
        *,
        score: int | None,
        label: str | None,
        decision: str | None,
        lesson: str | None,
        advice: tuple[str, ...],
        now: datetime,
    ) -> bool:
        changed = await self._db.execute(
            """
            UPDATE reflections
            SET status = 'done', score = :score, label = :label, decision = :decision,
                lesson = :lesson, advice = :advice, completed_at = :now
            WHERE id = :reflection_id AND user_id = :user_id AND status = 'draft'
            """,
            {
                "score": score,
                "label": label,
                "decision": decision,
                "lesson": lesson,
                "advice": " ".join(advice),
                "now": epoch(now),
                "reflection_id": reflection_id,
                "user_id": user_id,
            },
        )
        return changed == 1

    async def last_advice(self, user_id: int) -> tuple[str, ...]:
        """The advice ids of the user's latest finished reflection; () when none."""
        row = await self._db.fetchone(
            "SELECT advice FROM reflections WHERE user_id = :user_id AND status = 'done' "
            "ORDER BY completed_at DESC, id DESC LIMIT 1",
            {"user_id": user_id},
        )
        return (_advice(row["advice"]) or ()) if row else ()

    async def history(self, user_id: int, offset: int, limit: int) -> HistoryPage:
        rows = await self._db.fetchall(
            f"{_HISTORY_SELECT} WHERE r.user_id = :user_id AND r.status = 'done' "
            "ORDER BY r.completed_at DESC, r.id DESC LIMIT :limit OFFSET :offset",
            {"user_id": user_id, "limit": limit, "offset": offset},
        )
        total = await self._db.fetchvalue(
            "SELECT COUNT(*) AS n FROM reflections WHERE user_id = :user_id AND status = 'done'",
            {"user_id": user_id},
        )
        return HistoryPage([_history_item(row) for row in rows], int(total or 0))

    async def history_item(self, user_id: int, reflection_id: int) -> HistoryItem | None:
        row = await self._db.fetchone(
            f"{_HISTORY_SELECT} WHERE r.id = :reflection_id AND r.user_id = :user_id",
            {"reflection_id": reflection_id, "user_id": user_id},
        )
        return _history_item(row) if row else None

    async def scored_in_order(self, user_id: int) -> list[HistoryItem]:
        """Finished reflections with a score, oldest project first (for trends)."""
        rows = await self._db.fetchall(
            f"{_HISTORY_SELECT} WHERE r.user_id = :user_id AND r.status = 'done' "
            "AND r.score IS NOT NULL ORDER BY p.finished_on, r.completed_at, r.id",
            {"user_id": user_id},
        )
        return [_history_item(row) for row in rows]

    async def done_values(self, user_id: int) -> list[dict[str, int | None]]:
        """The answer values of every finished reflection, for dimension averages."""
        rows = await self._db.fetchall(
            """
            SELECT a.reflection_id, a.question_id, a.value FROM reflection_answers a
            JOIN reflections r ON r.id = a.reflection_id
            WHERE r.user_id = :user_id AND r.status = 'done'
            ORDER BY a.reflection_id
            """,
            {"user_id": user_id},
        )
        grouped: dict[int, dict[str, int | None]] = {}
        for row in rows:
            grouped.setdefault(row["reflection_id"], {})[row["question_id"]] = row["value"]
        return list(grouped.values())

    async def last_lesson(self, user_id: int) -> str | None:
        row = await self._db.fetchone(
            "SELECT lesson FROM reflections WHERE user_id = :user_id AND status = 'done' "
            "AND lesson IS NOT NULL AND lesson != '' ORDER BY completed_at DESC, id DESC LIMIT 1",
            {"user_id": user_id},
        )
        return row["lesson"] if row else None

    async def latest_score_for_client(self, user_id: int, client_id: int) -> int | None:
        row = await self._db.fetchone(
            """
            SELECT r.score FROM reflections r JOIN projects p ON p.id = r.project_id
            WHERE r.user_id = :user_id AND p.client_id = :client_id AND r.status = 'done'
                  AND r.score IS NOT NULL
            ORDER BY p.finished_on DESC, r.completed_at DESC LIMIT 1
            """,
            {"user_id": user_id, "client_id": client_id},
        )
        return row["score"] if row else None

    async def repeat_client_counts(self, user_id: int) -> tuple[int, int]:
        """(clients who came back, clients with at least one project). A client came back
        as /stats says everywhere (bot/services/scoreboard.came_back): a project finished
        on a later day, or a check-in that brought a new order after their first project
        was recorded."""
        row = await self._db.fetchone(
            """
            SELECT COALESCE(SUM(CASE WHEN days >= 2 OR orders > 0 THEN 1 ELSE 0 END), 0)
                       AS repeat_clients,
                   COUNT(*) AS clients
            FROM (
                SELECT p.client_id, COUNT(DISTINCT p.finished_on) AS days,
                       (SELECT COUNT(*) FROM checkins c
                        WHERE c.user_id = :user_id AND c.client_id = p.client_id
                          AND c.outcome = 'new_order' AND c.finished_at > MIN(p.created_at))
                           AS orders
                FROM projects p WHERE p.user_id = :user_id GROUP BY p.client_id
            ) AS per_client
            """,
            {"user_id": user_id},
        )
        return (int(row["repeat_clients"]), int(row["clients"])) if row else (0, 0)
