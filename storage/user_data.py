"""Everything the bot stores about one user: read for /export, erased for /delete_me."""

from __future__ import annotations

from typing import Any

from storage.db import Database

# (name in the export, query returning that user's rows). Every query is filtered by the
# user's id, directly or through the rows that belong to them.
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
        conversation state and broadcasts they sent as an admin are removed here."""
        async with self._db.transaction() as tx:
            params = {"user_id": user_id}
            await tx.execute("DELETE FROM fsm_state WHERE user_id = :user_id", params)
            await tx.execute("DELETE FROM broadcasts WHERE admin_id = :user_id", params)
            await tx.execute("DELETE FROM users WHERE id = :user_id", params)
