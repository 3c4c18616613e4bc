"""Tips: subscribing, how often and when, and which tip goes out next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.content.tips import Tip
from bot.rules.local_time import local_now, local_today, to_utc
from bot.rules.scoring import weakest_first
from bot.rules.stats import dimension_averages
from bot.rules.tips import RECENTLY, Frequency, choose_tip, less_often, next_slot
from bot.services.waking import Waker
from storage.repositories import Repositories
from storage.tips import TipDelivery
from storage.users import User

# A project's number can be read a couple of weeks after it ended; until then, a
# reading missing is not yet a habit missing.
MEASURE_AFTER = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class TipToSend:
    user: User
    tip: Tip
    went_round: bool  # every tip was seen: a new round starts with this one


class TipService:
    def __init__(self, repos: Repositories, waker: Waker, clock: Clock) -> None:
        self._repos = repos
        self._users = repos.users
        self._tips = repos.tips
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
        """Tips on; returns when the first one comes (the user's wall clock)."""
        async with self._repos.transaction():
            await self._users.set_tips(user.id, True, self._clock.now())
            return await self.schedule_next(await self._fresh(user))

    async def unsubscribe(self, user: User) -> User:
        async with self._repos.transaction():
            await self._users.set_tips(user.id, False, self._clock.now())
            await self._tips.cancel_for_user(user.id, self._clock.now())
            return await self._fresh(user)

    async def set_frequency(self, user: User, frequency: Frequency) -> User:
        async with self._repos.transaction():
            await self._users.set_tips_frequency(user.id, frequency.value, self._clock.now())
            return await self._replan(user)

    async def set_hour(self, user: User, hour: int) -> User:
        async with self._repos.transaction():
            await self._users.set_tips_hour(user.id, hour, self._clock.now())
            return await self._replan(user)

    async def less_often(self, user: User) -> Frequency | None:
        """One step rarer; None when already weekly."""
        rarer = less_often(Frequency(user.tips_frequency))
        if rarer is not None:
            await self.set_frequency(user, rarer)
        return rarer

    async def _replan(self, user: User) -> User:
        """The next tip follows the user's current settings (zone, hour, frequency);
        used after any of them changed, and when a blocked user comes back."""
        fresh = await self._fresh(user)
        if fresh.tips_enabled:
            await self.schedule_next(fresh)
        return fresh

    async def retime(self, user: User) -> None:
        """After a zone change: the next tip keeps its local hour in the new zone."""
        await self._replan(user)

    async def resume(self, user: User) -> None:
        """Back after a block: the subscription goes on as it was, from the next slot
        (no tip held during the block arrives late)."""
        await self._replan(user)

    # ---- delivery ------------------------------------------------------------------

    async def next_tip(self, delivery: TipDelivery) -> TipToSend | None:
        """The tip this delivery carries: the first unseen one, preferring measurement
        while a client's number was never collected, else the user's weakest reflection
        dimension. None when the user no longer wants tips."""
        user = await self._users.get(delivery.user_id)
        if user is None or not user.tips_enabled:
            return None
        averages = dimension_averages(await self._repos.reflections.done_values(user.id))
        preferred = weakest_first(averages)[:1]
        # A client's number never collected comes before any other habit (I9): the
        # article measures a partner by the client's result. Once the measuring tips are
        # read, the weakest habit's come next.
        today = local_today(self._clock.now(), user.timezone)
        if await self._repos.metrics.never_measured(user.id, today - MEASURE_AFTER):
            preferred = ["measure", *preferred]
        tip, went_round = choose_tip(await self._tips.seen(user.id), preferred, self._clock.now())
        return TipToSend(user, tip, went_round)

    async def delivered(self, delivery: TipDelivery, sent: TipToSend) -> None:
        """The tip reached the user: remember it, and plan the one after."""
        user_id, now = sent.user.id, self._clock.now()
        async with self._repos.transaction():
            if sent.went_round:
                await self._tips.reset_seen(user_id, before=now - RECENTLY)
            await self._tips.mark_seen(user_id, sent.tip.id, now)
            await self._tips.record_tip(delivery.id, sent.tip.id)
            await self.schedule_next(sent.user, after=delivery.local_due)
