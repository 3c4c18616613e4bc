"""The `users` table: profile, language, time zone, tips opt-in, blocked flag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.codec import epoch, from_epoch, maybe_from_epoch
from storage.db import Database, Record


@dataclass(frozen=True, slots=True)
class User:
    id: int
    chat_id: int
    first_name: str
    last_name: str | None
    username: str | None
    language: str
    timezone: str
    tips_enabled: bool
    is_blocked: bool
    onboarded_at: datetime | None
    created_at: datetime
    updated_at: datetime
    checkin_hour: int = 10  # local hour for check-ins without a chosen time
    tips_frequency: str = "twice_weekly"  # 'daily', 'twice_weekly' or 'weekly'
    tips_hour: int = 9  # local hour tips arrive
    last_seen_at: datetime | None = None

    @property
    def is_onboarded(self) -> bool:
        return self.onboarded_at is not None


@dataclass(frozen=True, slots=True)
class NewUser:
    """What the first contact tells us about a person."""

    id: int
    chat_id: int
    first_name: str
    last_name: str | None
    username: str | None
    language: str
    timezone: str


def _user(row: Record) -> User:
    return User(
        id=row["id"],
        chat_id=row["chat_id"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        username=row["username"],
        language=row["language"],
        timezone=row["timezone"],
        tips_enabled=bool(row["tips_enabled"]),
        is_blocked=bool(row["is_blocked"]),
        onboarded_at=maybe_from_epoch(row["onboarded_at"]),
        created_at=from_epoch(row["created_at"]),
        updated_at=from_epoch(row["updated_at"]),
        checkin_hour=row["checkin_hour"],
        tips_frequency=row["tips_frequency"],
        tips_hour=row["tips_hour"],
        last_seen_at=maybe_from_epoch(row["last_seen_at"]),
    )


class UserRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> User | None:
        row = await self._db.fetchone(
            "SELECT * FROM users WHERE id = :user_id", {"user_id": user_id}
        )
        return _user(row) if row else None

    async def get_or_create(self, new: NewUser, now: datetime) -> User:
        """Return the stored user, creating them at first contact."""
        stamp = epoch(now)
        await self._db.execute(
            """
            INSERT INTO users (id, chat_id, first_name, last_name, username, language,
                               timezone, created_at, updated_at, last_seen_at)
            VALUES (:id, :chat_id, :first_name, :last_name, :username, :language,
                    :timezone, :now, :now, :now)
            ON CONFLICT (id) DO NOTHING
            """,
            {
                "id": new.id,
                "chat_id": new.chat_id,
                "first_name": new.first_name,
                "last_name": new.last_name,
                "username": new.username,
                "language": new.language,
                "timezone": new.timezone,
                "now": stamp,
            },
        )
        user = await self.get(new.id)
        assert user is not None  # inserted above or already there
        return user

    async def _update(self, user_id: int, now: datetime, column: str, value: object) -> None:
        """Set one column (named by this class, never by user text) and `updated_at`."""
        await self._db.execute(
            f"UPDATE users SET {column} = :value, updated_at = :now WHERE id = :user_id",
            {"value": value, "now": epoch(now), "user_id": user_id},
        )

    async def touch(self, user_id: int, now: datetime) -> None:
        await self._db.execute(
            "UPDATE users SET last_seen_at = :now WHERE id = :user_id",
            {"now": epoch(now), "user_id": user_id},
        )

    async def set_language(self, user_id: int, language: str, now: datetime) -> None:
        await self._update(user_id, now, "language", language)

    async def set_timezone(self, user_id: int, timezone: str, now: datetime) -> None:
        await self._update(user_id, now, "timezone", timezone)

    async def set_tips(self, user_id: int, enabled: bool, now: datetime) -> None:
        await self._update(user_id, now, "tips_enabled", int(enabled))

    async def set_checkin_hour(self, user_id: int, hour: int, now: datetime) -> None:
        await self._update(user_id, now, "checkin_hour", hour)

    async def set_tips_frequency(self, user_id: int, frequency: str, now: datetime) -> None:
        await self._update(user_id, now, "tips_frequency", frequency)

    async def set_tips_hour(self, user_id: int, hour: int, now: datetime) -> None:
        await self._update(user_id, now, "tips_hour", hour)

    async def set_blocked(self, user_id: int, blocked: bool, now: datetime) -> None:
        await self._update(user_id, now, "is_blocked", int(blocked))

    async def finish_onboarding(self, user_id: int, now: datetime) -> None:
        await self._db.execute(
            "UPDATE users SET onboarded_at = COALESCE(onboarded_at, :now), updated_at = :now "
            "WHERE id = :user_id",
            {"now": epoch(now), "user_id": user_id},
        )


async def hold_user(db: Database, user_id: int) -> None:
    """Inside a unit of work: hold the person's row until it commits, so two units that
    replace one of their pending rows (their next tip, a client's next check-in) run one
    after the other, even on two instances. On SQLite units already run one at a time."""
    await db.execute(
        f"SELECT id FROM users WHERE id = :user_id{db.for_update}", {"user_id": user_id}
    )
