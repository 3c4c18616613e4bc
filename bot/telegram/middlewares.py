"""Per-update data: the stored user and their translator."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject, Update
from aiogram.types import User as TelegramUser

from bot.i18n import I18n, language_for
from bot.services.accounts import AccountService
from storage.users import NewUser


class UserMiddleware(BaseMiddleware):
    """Loads (or, at first contact, creates) the user and puts `user` and `t` into data.

    The bot is a private assistant: updates from groups and channels are ignored.
    """

    def __init__(
        self,
        accounts: AccountService,
        i18n: I18n,
        default_language: str,
        default_timezone: str,
    ) -> None:
        self._accounts = accounts
        self._i18n = i18n
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
        user = await self._accounts.arrive(
            NewUser(
                id=sender.id,
                chat_id=chat.id if chat else sender.id,
                first_name=sender.first_name,
                last_name=sender.last_name,
                username=sender.username,
                language=language_for(sender.language_code, self._default_language),
                timezone=self._default_timezone,
            ),
            # A message or a button press means the person has the chat open again.
            wrote=isinstance(event, Update) and _written(event),
        )
        data["user"] = user
        data["t"] = self._i18n.get(user.language)
        return await handler(event, data)


def _written(update: Update) -> bool:
    return isinstance(update.event, Message | CallbackQuery)
