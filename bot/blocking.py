"""A user who blocked the bot (Telegram's 403): nothing more is sent to them."""

from __future__ import annotations

from bot.clock import Clock
from storage.checkins import CheckinRepository
from storage.tips import TipRepository
from storage.users import UserRepository


class BlockedUsers:
    def __init__(
        self, users: UserRepository, checkins: CheckinRepository, tips: TipRepository, clock: Clock
    ) -> None:
        self._users = users
        self._checkins = checkins
        self._tips = tips
        self._clock = clock

    async def __call__(self, user_id: int) -> None:
        """Mark blocked, unsubscribe from tips, stop pending check-ins (403 is final)."""
        now = self._clock.now()
        await self._users.set_blocked(user_id, True, now)
        await self._users.set_tips(user_id, False, now)
        await self._checkins.cancel_for_user(user_id, now)
        await self._tips.cancel_for_user(user_id, now)
