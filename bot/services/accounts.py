"""The person behind a chat: first contact, settings that move their schedule, blocking
and unblocking the bot, taking their data with them or erasing it.

Each domain event is one call here, used by every path that notices it: "the user blocked
the bot" comes from Telegram's my_chat_member update, from a 403 while delivering a
reminder, a tip or a broadcast, and from a 403 while answering; all of them call `block`.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.clock import Clock
from bot.services.checkins import CheckinService
from bot.services.export import build_export
from bot.services.kickoffs import KickoffService
from bot.services.tips import TipService
from storage.repositories import Repositories
from storage.users import NewUser, User

logger = logging.getLogger(__name__)

# "Last seen" feeds the admin's active counts; an hour's precision is plenty and keeps
# it from being a write on every update.
SEEN_PRECISION = timedelta(hours=1)


class AccountService:
    def __init__(
        self,
        repos: Repositories,
        checkins: CheckinService,
        tips: TipService,
        kickoffs: KickoffService,
        clock: Clock,
    ) -> None:
        self._repos = repos
        self._users = repos.users
        self._checkins = checkins
        self._tips = tips
        self._kickoffs = kickoffs
        self._clock = clock

    async def get(self, user_id: int) -> User | None:
        return await self._users.get(user_id)

    async def current(self, user: User) -> User:
        """The person as stored now, with whatever this update changed."""
        return await self._fresh(user.id)

    async def _fresh(self, user_id: int) -> User:
        user = await self._users.get(user_id)
        assert user is not None, "the user exists: they are talking to the bot"
        return user

    async def arrive(self, new: NewUser, *, wrote: bool) -> User:
        """The sender of an update, created at first contact."""
        return await self.seen(await self._users.get_or_create(new, self._clock.now()), wrote=wrote)

    async def seen(self, user: User, *, wrote: bool) -> User:
        """A user sent an update. Someone who writes to the bot (a message or a button)
        can be reached again, whatever we thought before."""
        now = self._clock.now()
        if user.last_seen_at is None or now - user.last_seen_at > SEEN_PRECISION:
            await self._users.touch(user.id, now)
        if wrote and user.is_blocked:
            await self.unblock(user.id)
            user = await self._fresh(user.id)
        return user

    async def block(self, user_id: int) -> bool:
        """The user blocked the bot: nothing is sent to them until they come back. Their
        check-ins, nudges and tip subscription are held, not lost. False if already known."""
        user = await self._users.get(user_id)
        if user is None or user.is_blocked:
            return False
        await self._users.set_blocked(user_id, True, self._clock.now())
        logger.info("User %s blocked the bot; their scheduled sends are held", user_id)
        return True

    async def unblock(self, user_id: int) -> bool:
        """The user is back: held check-ins, nudges and tips go on. False if they were
        not blocked."""
        user = await self._users.get(user_id)
        if user is None or not user.is_blocked:
            return False
        async with self._repos.transaction():
            await self._users.set_blocked(user_id, False, self._clock.now())
            user = await self._fresh(user_id)
            await self._checkins.resume(user)
            await self._kickoffs.resume(user)
            await self._tips.resume(user)
        logger.info("User %s is reachable again; held check-ins and tips resume", user_id)
        return True

    async def change_zone(self, user: User, zone: str) -> User:
        """A new time zone: pending check-ins, nudges and the next tip keep their local
        time."""
        async with self._repos.transaction():
            await self._users.set_timezone(user.id, zone, self._clock.now())
            fresh = await self._fresh(user.id)
            await self._checkins.retime(fresh)
            await self._kickoffs.retime(fresh)
            await self._tips.retime(fresh)
        return fresh

    async def set_checkin_hour(self, user: User, hour: int) -> User:
        async with self._repos.transaction():
            await self._users.set_checkin_hour(user.id, hour, self._clock.now())
            fresh = await self._fresh(user.id)
            await self._checkins.retime(fresh)
            await self._kickoffs.retime(fresh)
        return fresh

    async def set_language(self, user: User, language: str) -> User:
        await self._users.set_language(user.id, language, self._clock.now())
        return await self._fresh(user.id)

    async def finish_onboarding(self, user: User, *, tips: bool) -> User:
        if tips:
            await self._tips.subscribe(user)
        else:
            await self._tips.unsubscribe(user)
        await self._users.finish_onboarding(user.id, self._clock.now())
        return await self._fresh(user.id)

    async def export(self, user: User) -> bytes:
        """A zip of everything stored about the user."""
        tables = await self._repos.user_data.collect(user.id)
        return build_export(tables, self._clock.now())

    async def erase(self, user: User) -> None:
        """Every row of the user's, and what they answered as someone else's client: those
        answers go from every freelancer's data (each request then says 'erased'), in the
        same unit of work."""
        async with self._repos.transaction():
            await self._repos.feedback.erase_respondent(user.id, self._clock.now())
            await self._repos.user_data.erase(user.id)
        logger.info("User %s erased their data", user.id)
