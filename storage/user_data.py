"""Everything the bot stores about one user: read for /export, erased for /delete_me."""

from __future__ import annotations

from typing import Any

from storage.db import Database

# (name in the export, query returning that user's rows). Every query is filtered by the
# user's id, directly or through the rows that belong to them. Of the requests for a
# client's view, a link's token hash is never exported (it is not the user's to keep) and
# neither is the Telegram id of the client who answered (the client's personal data): an
# opt-out is only "this client asked not to be asked again".
USER_TABLES: tuple[tuple[str, str], ...] = (
    ("profile", "SELECT * FROM users WHERE id = :user_id"),
    ("clients", "SELECT * FROM clients WHERE user_id = :user_id ORDER BY id"),
    ("projects", "SELECT * FROM projects WHERE user_id = :user_id ORDER BY id"),
    ("reflections", "SELECT * FROM reflections WHERE user_id = :user_id ORDER BY id"),
    (
        "reflection_answers",
        "SELECT a.* FROM reflection_answers a JOIN reflections r ON r.id = a.reflection_id "
        "WHERE r.user_id = :user_id ORDER BY a.reflection_id, a.question_id",
    ),
    ("checkins", "SELECT * FROM checkins WHERE user_id = :user_id ORDER BY id"),
    ("contacts", "SELECT * FROM contacts WHERE user_id = :user_id ORDER BY id"),
    ("kickoffs", "SELECT * FROM kickoffs WHERE user_id = :user_id ORDER BY id"),
    ("nudges", "SELECT * FROM nudges WHERE user_id = :user_id ORDER BY id"),
    ("metric_readings", "SELECT * FROM metric_readings WHERE user_id = :user_id ORDER BY id"),
    ("tip_deliveries", "SELECT * FROM tip_deliveries WHERE user_id = :user_id ORDER BY id"),
    ("tips_seen", "SELECT * FROM tips_seen WHERE user_id = :user_id ORDER BY tip_id"),
    (
        "feedback_requests",
        "SELECT id, user_id, client_id, project_id, status, created_at, expires_at, opened_at, "
        "answered_at, closed_at FROM feedback_requests WHERE user_id = :user_id ORDER BY id",
    ),
    (
        "feedback_answers",
        "SELECT a.* FROM feedback_answers a JOIN feedback_requests r ON r.id = a.request_id "
        "WHERE r.user_id = :user_id ORDER BY a.request_id, a.question_id",
    ),
    (
        "feedback_opt_outs",
        "SELECT user_id, client_id, created_at FROM feedback_opt_outs WHERE user_id = :user_id "
        "ORDER BY created_at, client_id",
    ),
    ("feedback_notices", "SELECT * FROM feedback_notices WHERE user_id = :user_id ORDER BY id"),
    # What the user answered as someone else's client: their own words, without the
    # other freelancer's data.
    (
        "feedback_given",
        "SELECT a.question_id, a.value, a.percent, a.text, a.comment, a.skipped, "
        "r.answered_at FROM feedback_answers a JOIN feedback_requests r ON r.id = a.request_id "
        "WHERE r.respondent_id = :user_id ORDER BY r.answered_at, r.id, a.question_id",
    ),
)


class UserDataRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def collect(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for name, query in USER_TABLES:
            rows = await self._db.fetchall(query, {"user_id": user_id})
            found[name] = [dict(row) for row in rows]
        return found

    async def erase(self, user_id: int) -> None:
        """Every row of the user. Their clients, projects, reflections, check-ins, contacts,
        readings, tips and broadcast receipts go with the `users` row (ON DELETE CASCADE); the
        conversation state, broadcasts they sent as an admin, and their requests for clients'
        views with the clients' answers, the readings made of them, the notices and the
        opt-outs are removed here. What the user answered as someone else's client is
        `FeedbackRepository.erase_respondent`'s (the same unit of work in
        `AccountService.erase`)."""
        async with self._db.transaction() as tx:
            params = {"user_id": user_id}
            await tx.execute("DELETE FROM fsm_state WHERE user_id = :user_id", params)
            await tx.execute("DELETE FROM broadcasts WHERE admin_id = :user_id", params)
            await tx.execute("DELETE FROM feedback_notices WHERE user_id = :user_id", params)
            await tx.execute(
                "DELETE FROM metric_readings WHERE feedback_id IN "
                "(SELECT id FROM feedback_requests WHERE user_id = :user_id)",
                params,
            )
            await tx.execute(
                "DELETE FROM feedback_answers WHERE request_id IN "
                "(SELECT id FROM feedback_requests WHERE user_id = :user_id)",
                params,
            )
            await tx.execute("DELETE FROM feedback_requests WHERE user_id = :user_id", params)
            await tx.execute("DELETE FROM feedback_opt_outs WHERE user_id = :user_id", params)
            await tx.execute("DELETE FROM users WHERE id = :user_id", params)
