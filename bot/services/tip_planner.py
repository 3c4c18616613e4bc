"""Subscribing, unsubscribing and timing tips: the rules, over the repositories."""

from __future__ import annotations

from datetime import datetime

from bot.clock import Clock
from bot.services.checkin_rules import local_now, to_utc
from bot.services.tip_rules import Frequency, less_often, next_slot
from bot.wakeup import Waker
from storage.tips import TipRepository
from storage.users import User, UserRepository


class TipPlanner:
    def __init__(
        self, users: UserRepository, tips: TipRepository, waker: Waker, clock: Clock
    ) -> None:
        self._users = users
        self._tips = tips
        self._waker = waker
        self._clock = clock

    async def _fresh(self, user: User) -> User:
        fresh = await self._users.get(user.id)
        assert fresh is not None
        return fresh

    async def schedule_next(self, user: User, after: datetime | None = None) -> datetime:
        """Plan the next tip after `after` (the user's wall clock), never in the past:
        after a late delivery the schedule picks up from now, without a burst."""
        now_local = local_now(self._clock.now(), user.timezone)
        start = max(after, now_local) if after else now_local
        local = next_slot(start, Frequency(user.tips_frequency), user.tips_hour)
        due_at = to_utc(local, user.timezone)
        await self._tips.schedule(user.id, local, due_at, self._clock.now())
        self._waker.notify(due_at)
        return local

    async def subscribe(self, user: User) -> datetime:
        await self._users.set_tips(user.id, True, self._clock.now())
        return await self.schedule_next(await self._fresh(user))

    async def unsubscribe(self, user: User) -> None:
        await self._users.set_tips(user.id, False, self._clock.now())
        await self._tips.cancel_for_user(user.id, self._clock.now())

    async def set_frequency(self, user: User, frequency: Frequency) -> User:
        await self._users.set_tips_frequency(user.id, frequency.value, self._clock.now())
        return await self._replan(user)

    async def set_hour(self, user: User, hour: int) -> User:
        await self._users.set_tips_hour(user.id, hour, self._clock.now())
        return await self._replan(user)

    async def less_often(self, user: User) -> Frequency | None:
        rarer = less_often(Frequency(user.tips_frequency))
        if rarer is not None:
            await self.set_frequency(user, rarer)
        return rarer

    async def _replan(self, user: User) -> User:
        fresh = await self._fresh(user)
        if fresh.tips_enabled:
            await self.schedule_next(fresh)
        return fresh

    async def retime(self, user: User) -> None:
        """After a zone change: the next tip keeps its local hour in the new zone."""
        fresh = await self._fresh(user)
        if fresh.tips_enabled:
            await self.schedule_next(fresh)
