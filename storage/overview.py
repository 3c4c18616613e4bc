"""Figures for the admin overview: how the bot is used, across all users."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.codec import epoch
from storage.db import Database


@dataclass(frozen=True, slots=True)
class Overview:
    users: int
    active_7d: int
    active_30d: int
    blocked: int
    tip_subscribers: int
    clients: int
    projects: int
    reflections: int
    average_score: int | None
    checkins_sent: int
    checkins_done: int
    new_orders: int
    broadcasts: int

    @property
    def new_order_share(self) -> int:
        """Percent of completed check-ins that brought a new order."""
        return round(100 * self.new_orders / self.checkins_done) if self.checkins_done else 0


class OverviewRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def _count(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        return int(await self._db.fetchvalue(sql, params) or 0)

    async def overview(self, now: datetime) -> Overview:
        week, month = epoch(now - timedelta(days=7)), epoch(now - timedelta(days=30))
        average = await self._db.fetchvalue(
            "SELECT AVG(score) AS average FROM reflections "
            "WHERE status = 'done' AND score IS NOT NULL"
        )
        return Overview(
            users=await self._count("SELECT COUNT(*) AS n FROM users"),
            active_7d=await self._count(
                "SELECT COUNT(*) AS n FROM users WHERE last_seen_at >= :since", {"since": week}
            ),
            active_30d=await self._count(
                "SELECT COUNT(*) AS n FROM users WHERE last_seen_at >= :since", {"since": month}
            ),
            blocked=await self._count("SELECT COUNT(*) AS n FROM users WHERE is_blocked = 1"),
            tip_subscribers=await self._count(
                "SELECT COUNT(*) AS n FROM users WHERE tips_enabled = 1 AND is_blocked = 0"
            ),
            clients=await self._count("SELECT COUNT(*) AS n FROM clients"),
            projects=await self._count("SELECT COUNT(*) AS n FROM projects"),
            reflections=await self._count(
                "SELECT COUNT(*) AS n FROM reflections WHERE status = 'done'"
            ),
            # AVG is a float on SQLite and a Decimal on PostgreSQL.
            average_score=round(float(average)) if average is not None else None,
            checkins_sent=await self._count(
                "SELECT COUNT(*) AS n FROM checkins WHERE sent_at IS NOT NULL"
            ),
            checkins_done=await self._count(
                "SELECT COUNT(*) AS n FROM checkins WHERE status = 'done'"
            ),
            new_orders=await self._count(
                "SELECT COUNT(*) AS n FROM checkins WHERE outcome = 'new_order'"
            ),
            broadcasts=await self._count("SELECT COUNT(*) AS n FROM broadcasts"),
        )
