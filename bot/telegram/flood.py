"""Slows down one person who sends far more than a human types, without touching others:
updates over the limit are dropped, with one polite notice per burst."""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import TelegramObject
from aiogram.types import User as TelegramUser

from bot.clock import Clock
from bot.i18n import I18n, language_for

WINDOW = timedelta(seconds=1)  # FLOOD_RATE updates per person within this window
FORGET_AFTER = timedelta(minutes=5)


@dataclass
class _Recent:
    times: deque[datetime] = field(default_factory=deque)
    warned: bool = False


class FloodGuard:
    def __init__(self, clock: Clock, max_per_second: int) -> None:
        self._clock = clock
        self._max = max_per_second
        self._people: dict[int, _Recent] = {}

    def check(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, send the notice now)."""
        now = self._clock.now()
        recent = self._people.setdefault(user_id, _Recent())
        while recent.times and now - recent.times[0] >= WINDOW:
            recent.times.popleft()
        if len(recent.times) < self._max:
            recent.times.append(now)
            recent.warned = False
            return True, False
        notify = not recent.warned
        recent.warned = True
        self._forget_idle(now)
        return False, notify

    def _forget_idle(self, now: datetime) -> None:
        idle = [
            uid for uid, r in self._people.items() if r.times and now - r.times[-1] > FORGET_AFTER
        ]
        for user_id in idle:
            del self._people[user_id]


class FloodMiddleware(BaseMiddleware):
    def __init__(self, guard: FloodGuard, i18n: I18n, default_language: str) -> None:
        self._guard = guard
        self._i18n = i18n
        self._default_language = default_language

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: TelegramUser | None = data.get("event_from_user")
        if sender is None or sender.is_bot:
            return await handler(event, data)
        allowed, notify = self._guard.check(sender.id)
        if allowed:
            return await handler(event, data)
        if notify:
            bot: Bot = data["bot"]
            t = self._i18n.get(language_for(sender.language_code, self._default_language))
            # They may have blocked the bot meanwhile: then there is nothing to tell.
            with suppress(TelegramAPIError):
                await bot.send_message(sender.id, t("flood-notice"))
        return None
