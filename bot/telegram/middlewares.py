"""Per-update data: the person behind the update and their texts.

Two kinds of arrival: a freelancer, the bot's user, is enrolled at first contact (their row
is created, onboarding follows); anyone else is only looked up: an inline query typed in
some other chat, or (later) a freelancer's client opening a link. Looked-up people who are
not users get `user` None and texts in their Telegram language, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum, auto
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject, Update
from aiogram.types import User as TelegramUser

from bot.i18n import I18n, language_for
from bot.services.accounts import AccountService
from storage.users import NewUser


class Arrival(Enum):
    ENROL = auto()  # a freelancer writing to the bot: created at first contact
    LOOK_UP = auto()  # known people only: nobody is created


def arrival(update: Update) -> Arrival:
    """Who may become a user by this update. Inline queries come from someone's other
    chats: typing the bot's name there makes nobody a user."""
    if update.inline_query is not None or update.chosen_inline_result is not None:
        return Arrival.LOOK_UP
    return Arrival.ENROL


class UserMiddleware(BaseMiddleware):
    """Puts `user` (loaded, or created at a freelancer's first contact) and `t` into data.

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
        language = language_for(sender.language_code, self._default_language)
        if isinstance(event, Update) and arrival(event) is Arrival.LOOK_UP:
            user = await self._accounts.get(sender.id)
        else:
            user = await self._accounts.arrive(
                NewUser(
                    id=sender.id,
                    chat_id=chat.id if chat else sender.id,
                    first_name=sender.first_name,
                    last_name=sender.last_name,
                    username=sender.username,
                    language=language,
                    timezone=self._default_timezone,
                ),
                # A message or a button press means the person has the chat open again.
                wrote=isinstance(event, Update) and _written(event),
            )
        data["user"] = user
        data["t"] = self._i18n.get(user.language if user is not None else language)
        return await handler(event, data)


def _written(update: Update) -> bool:
    return isinstance(update.event, Message | CallbackQuery)
