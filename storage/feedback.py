"""A freelancer's requests for their client's own view, the client's answers, the
clients who asked not to be asked again, and the notices that an answer came.

Queries the freelancer makes are filtered by their user id; the client reaches a request
only by its token's hash, and then only the one person who opened it first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.codec import epoch, from_epoch, maybe_from_epoch
from storage.db import Database, Record
from storage.due_rows import DueRowStore

COMMENT_LIMIT = 500


class FeedbackStatus(StrEnum):
    WAITING = "waiting"  # past expires_at: expired (see FeedbackRequest.state)
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"  # by the freelancer
    DECLINED = "declined"  # the client chose "don't ask me again"
    ERASED = "erased"  # the client deleted their answers


class FeedbackState(StrEnum):
    """What the card says about a request: its status, with 'expired' for a waiting one
    whose time is up."""

    WAITING = "waiting"
    ANSWERED = "answered"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"
    ERASED = "erased"


class FeedbackQuestion(StrEnum):
    UNDERSTOOD = "understood"  # 1-5: did they understand what you really needed
    NUMBER = "number"  # the project's number now, as typed; value None: "don't know"
    AGAIN = "again"  # 0-10: how likely you are to work with them again


@dataclass(frozen=True, slots=True)
class FeedbackRequest:
    id: int
    user_id: int
    client_id: int
    project_id: int
    status: FeedbackStatus
    respondent_id: int | None
    created_at: datetime
    expires_at: datetime
    opened_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None

    def state(self, now: datetime) -> FeedbackState:
        if self.status is FeedbackStatus.WAITING and now >= self.expires_at:
            return FeedbackState.EXPIRED
        return FeedbackState(self.status.value)

    def is_open(self, now: datetime) -> bool:
        return self.state(now) is FeedbackState.WAITING


@dataclass(frozen=True, slots=True)
class FeedbackAnswer:
    question: FeedbackQuestion
    value: float | None
    percent: bool = False
    text: str | None = None
    comment: str | None = None
    skipped: bool = False


def _request(row: Record) -> FeedbackRequest:
    return FeedbackRequest(
        id=row["id"],
        user_id=row["user_id"],
        client_id=row["client_id"],
        project_id=row["project_id"],
        status=FeedbackStatus(row["status"]),
        respondent_id=row["respondent_id"],
        created_at=from_epoch(row["created_at"]),
        expires_at=from_epoch(row["expires_at"]),
        opened_at=maybe_from_epoch(row["opened_at"]),
        answered_at=maybe_from_epoch(row["answered_at"]),
        closed_at=maybe_from_epoch(row["closed_at"]),
    )


def _answer(row: Record) -> FeedbackAnswer:
    return FeedbackAnswer(
        question=FeedbackQuestion(row["question_id"]),
        value=row["value"],
        percent=bool(row["percent"]),
        text=row["text"],
        comment=row["comment"],
        skipped=bool(row["skipped"]),
    )


class FeedbackRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ---- the freelancer's side ---------------------------------------------------------

    async def add(
        self, user_id: int, project_id: int, token_hash: str, now: datetime, expires_at: datetime
    ) -> FeedbackRequest | None:
        """None when the project is not this user's (checked in the same statement)."""
        request_id = await self._db.insert(
            """
            INSERT INTO feedback_requests (user_id, client_id, project_id, token_hash,
                                           created_at, expires_at)
            SELECT user_id, client_id, id, :token_hash, :now, :expires_at
            FROM projects WHERE id = :project_id AND user_id = :user_id
            RETURNING id
            """,
            {
                "token_hash": token_hash,
                "now": epoch(now),
                "expires_at": epoch(expires_at),
                "project_id": project_id,
                "user_id": user_id,
            },
        )
        return await self.get(user_id, request_id) if request_id is not None else None

    async def get(self, user_id: int, request_id: int) -> FeedbackRequest | None:
        row = await self._db.fetchone(
            "SELECT * FROM feedback_requests WHERE id = :request_id AND user_id = :user_id",
            {"request_id": request_id, "user_id": user_id},
        )
        return _request(row) if row else None

    async def for_client(self, user_id: int, client_id: int) -> list[FeedbackRequest]:
        """The client's requests, newest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM feedback_requests WHERE user_id = :user_id AND client_id = :client_id "
            "ORDER BY created_at DESC, id DESC",
            {"user_id": user_id, "client_id": client_id},
        )
        return [_request(row) for row in rows]

    async def for_project(self, user_id: int, project_id: int) -> list[FeedbackRequest]:
        """The project's requests, newest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM feedback_requests WHERE user_id = :user_id AND project_id = :project_id "
            "ORDER BY created_at DESC, id DESC",
            {"user_id": user_id, "project_id": project_id},
        )
        return [_request(row) for row in rows]

    async def answered(self, user_id: int) -> list[FeedbackRequest]:
        """Every answered request of the user, oldest answer first."""
        rows = await self._db.fetchall(
            "SELECT * FROM feedback_requests WHERE user_id = :user_id AND status = 'answered' "
            "ORDER BY answered_at, id",
            {"user_id": user_id},
        )
        return [_request(row) for row in rows]

    async def withdraw(self, user_id: int, request_id: int, now: datetime) -> bool:
        """Withdraw a request not answered yet; False when it is not waiting any more."""
        changed = await self._db.execute(
            "UPDATE feedback_requests SET status = 'withdrawn', closed_at = :now "
            "WHERE id = :request_id AND user_id = :user_id AND status = 'waiting'",
            {"now": epoch(now), "request_id": request_id, "user_id": user_id},
        )
        return changed == 1

    async def client_opted_out(self, user_id: int, client_id: int) -> bool:
        found = await self._db.fetchvalue(
            "SELECT EXISTS (SELECT 1 FROM feedback_opt_outs "
            "WHERE user_id = :user_id AND client_id = :client_id) AS found",
            {"user_id": user_id, "client_id": client_id},
        )
        return bool(found)

    # ---- the client's side -------------------------------------------------------------

    async def by_token(self, token_hash: str) -> FeedbackRequest | None:
        row = await self._db.fetchone(
            "SELECT * FROM feedback_requests WHERE token_hash = :token_hash",
            {"token_hash": token_hash},
        )
        return _request(row) if row else None

    async def for_respondent(self, request_id: int, person_id: int) -> FeedbackRequest | None:
        """The request this person opened; None for anyone else."""
        row = await self._db.fetchone(
            "SELECT * FROM feedback_requests WHERE id = :request_id AND respondent_id = :person",
            {"request_id": request_id, "person": person_id},
        )
        return _request(row) if row else None

    async def claim(self, request_id: int, respondent_id: int, now: datetime) -> bool:
        """The link is this person's from the first time they open it: False when it is
        someone else's already, or no longer waiting."""
        changed = await self._db.execute(
            """
            UPDATE feedback_requests
            SET respondent_id = :respondent_id, opened_at = COALESCE(opened_at, :now)
            WHERE id = :request_id AND status = 'waiting' AND expires_at > :now
              AND (respondent_id IS NULL OR respondent_id = :respondent_id)
            """,
            {"respondent_id": respondent_id, "now": epoch(now), "request_id": request_id},
        )
        return changed == 1

    async def mark_answered(self, request_id: int, respondent_id: int, now: datetime) -> bool:
        """Close the request as answered by its respondent; False when it is not theirs
        or no longer waiting (withdrawn meanwhile, expired, answered already)."""
        changed = await self._db.execute(
            """
            UPDATE feedback_requests SET status = 'answered', answered_at = :now
            WHERE id = :request_id AND respondent_id = :respondent_id
              AND status = 'waiting' AND expires_at > :now
            """,
            {"respondent_id": respondent_id, "now": epoch(now), "request_id": request_id},
        )
        return changed == 1

    async def add_answers(self, request_id: int, answers: Sequence[FeedbackAnswer]) -> None:
        await self._db.executemany(
            "INSERT INTO feedback_answers (request_id, question_id, value, percent, text, "
            "comment, skipped) VALUES (:request_id, :question_id, :value, :percent, :text, "
            ":comment, :skipped)",
            [
                {
                    "request_id": request_id,
                    "question_id": answer.question.value,
                    "value": answer.value,
                    "percent": int(answer.percent),
                    "text": answer.text,
                    "comment": answer.comment,
                    "skipped": int(answer.skipped),
                }
                for answer in answers
            ],
        )

    async def answers(self, request_id: int) -> list[FeedbackAnswer]:
        rows = await self._db.fetchall(
            "SELECT * FROM feedback_answers WHERE request_id = :request_id",
            {"request_id": request_id},
        )
        return [_answer(row) for row in rows]

    async def decline(
        self, request_id: int, user_id: int, client_id: int, respondent_id: int, now: datetime
    ) -> None:
        """ "Don't ask me again": this request and every later one from this freelancer
        to this person end here."""
        await self._db.execute(
            "UPDATE feedback_requests SET status = 'declined', closed_at = :now, "
            "respondent_id = :respondent_id WHERE id = :request_id AND status = 'waiting'",
            {"now": epoch(now), "respondent_id": respondent_id, "request_id": request_id},
        )
        await self._db.execute(
            "INSERT INTO feedback_opt_outs (user_id, respondent_id, client_id, created_at) "
            "VALUES (:user_id, :respondent_id, :client_id, :now) "
            "ON CONFLICT (user_id, respondent_id) DO NOTHING",
            {
                "user_id": user_id,
                "respondent_id": respondent_id,
                "client_id": client_id,
                "now": epoch(now),
            },
        )

    async def opted_out(self, user_id: int, respondent_id: int) -> bool:
        found = await self._db.fetchvalue(
            "SELECT EXISTS (SELECT 1 FROM feedback_opt_outs "
            "WHERE user_id = :user_id AND respondent_id = :respondent_id) AS found",
            {"user_id": user_id, "respondent_id": respondent_id},
        )
        return bool(found)

    async def is_respondent(self, person_id: int) -> bool:
        """Whether this Telegram account has opened a freelancer's link (or declined
        one): such a person is that freelancer's client here, not a new user."""
        found = await self._db.fetchvalue(
            "SELECT EXISTS (SELECT 1 FROM feedback_requests WHERE respondent_id = :person) "
            "OR EXISTS (SELECT 1 FROM feedback_opt_outs WHERE respondent_id = :person) AS found",
            {"person": person_id},
        )
        return bool(found)

    async def erase_respondent(self, person_id: int, now: datetime) -> list[FeedbackRequest]:
        """Everything this person gave as a client, in every freelancer's data: their
        answers and the readings made of them are deleted, their answered requests say
        'erased', the ones they only opened are free again, their opt-outs are gone.
        Returns the requests whose answers were erased."""
        rows = await self._db.fetchall(
            "SELECT * FROM feedback_requests WHERE respondent_id = :person",
            {"person": person_id},
        )
        erased = [r for r in map(_request, rows) if r.status is FeedbackStatus.ANSWERED]
        params = {"person": person_id, "now": epoch(now)}
        await self._db.execute(
            "DELETE FROM metric_readings WHERE feedback_id IN "
            "(SELECT id FROM feedback_requests WHERE respondent_id = :person)",
            params,
        )
        await self._db.execute(
            "DELETE FROM feedback_answers WHERE request_id IN "
            "(SELECT id FROM feedback_requests WHERE respondent_id = :person)",
            params,
        )
        await self._db.execute(
            "DELETE FROM feedback_notices WHERE request_id IN "
            "(SELECT id FROM feedback_requests WHERE respondent_id = :person)",
            params,
        )
        await self._db.execute(
            "UPDATE feedback_requests SET status = 'erased', closed_at = :now, "
            "respondent_id = NULL WHERE respondent_id = :person AND status = 'answered'",
            params,
        )
        # A request they only opened may be answered by whoever opens it next; a withdrawn
        # one keeps having been opened (it counts toward the monthly limit).
        await self._db.execute(
            "UPDATE feedback_requests SET respondent_id = NULL, "
            "opened_at = CASE WHEN status = 'waiting' THEN NULL ELSE opened_at END "
            "WHERE respondent_id = :person",
            params,
        )
        await self._db.execute(
            "DELETE FROM feedback_opt_outs WHERE respondent_id = :person", params
        )
        return erased


@dataclass(frozen=True, slots=True)
class FeedbackNotice:
    id: int
    user_id: int
    request_id: int
    due_at: datetime
    attempts: int


class FeedbackNoticeRepository(DueRowStore[FeedbackNotice]):
    """ "Your client answered": delivered by the due-work runner like a check-in."""

    TABLE = "feedback_notices"

    def _parse(self, row: Record) -> FeedbackNotice:
        return FeedbackNotice(
            id=row["id"],
            user_id=row["user_id"],
            request_id=row["request_id"],
            due_at=from_epoch(row["due_at"]),
            attempts=row["attempts"],
        )

    async def add(self, user_id: int, request_id: int, due_at: datetime, now: datetime) -> None:
        await self._db.execute(
            "INSERT INTO feedback_notices (user_id, request_id, due_at, created_at) "
            "VALUES (:user_id, :request_id, :due_at, :now)",
            {
                "user_id": user_id,
                "request_id": request_id,
                "due_at": epoch(due_at),
                "now": epoch(now),
            },
        )
