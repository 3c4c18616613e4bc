"""Per-update data: the stored user and their translator."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject
from aiogram.types import User as TelegramUser

from bot.clock import Clock
from bot.i18n import I18n, language_for
from storage.users import NewUser, UserRepository

SEEN_PRECISION = timedelta(hours=1)


class UserMiddleware(BaseMiddleware):
    """Loads (or, at first contact, creates) the user and puts `user` and `t` into data.

    The bot is a private assistant: updates from groups and channels are ignored.
    """

    def __init__(
        self,
        users: UserRepository,
        i18n: I18n,
        clock: Clock,
        default_language: str,
        default_timezone: str,
    ) -> None:
        self._users = users
        self._i18n = i18n
        self._clock = clock
        self._default_language = default_language
        self._default_timezone = default_timezone

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: TelegramUser | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if sender is None or sender.is_bot:
            return await handler(event, data)
        if chat is not None and chat.type != "private":
            return None
        user = await self._users.get_or_create(
            NewUser(
                id=sender.id,
                chat_id=chat.id if chat else sender.id,
                first_name=sender.first_name,
                last_name=sender.last_name,
                username=sender.username,
                language=language_for(sender.language_code, self._default_language),
                timezone=self._default_timezone,
            ),
            self._clock.now(),
        )
        now = self._clock.now()
        # "Last seen" feeds the admin's active counts; an hour's precision is plenty and
        # keeps this from being a write on every update.
        if user.last_seen_at is None or now - user.last_seen_at > SEEN_PRECISION:
            await self._users.touch(user.id, now)
        data["user"] = user
        data["t"] = self._i18n.get(user.language)
        return await handler(event, data)
