"""Per-update data: the person behind the update and their texts.

Kinds of arrival: a freelancer, the bot's user, is enrolled at first contact (their row
is created, onboarding follows); anyone else is only looked up: an inline query typed in
some other chat, or a freelancer's client opening their link and answering. Looked-up
people who are not users get `user` None and texts in their Telegram language, and
nothing is written about them here. A client becomes a user only by asking to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum, auto
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject, Update
from aiogram.types import User as TelegramUser

from bot.i18n import I18n, language_for
from bot.rules.feedback import is_payload
from bot.services.accounts import AccountService
from bot.services.feedback import FeedbackService
from bot.views.client_answers import ClientActionCb, ClientJoinCb, ClientScoreCb
from storage.users import NewUser


class Arrival(Enum):
    ENROL = auto()  # a freelancer writing to the bot: created at first contact
    LOOK_UP = auto()  # known people only, left as they were: nobody is created
    CLIENT = auto()  # a freelancer's client answering: never created
    JOIN = auto()  # a freelancer's client who chose to use the bot for their own work


def arrival(update: Update) -> Arrival:
    """Who may become a user by this update. Inline queries come from someone's other
    chats: typing the bot's name there makes nobody a user; nor does opening a
    freelancer's feedback link (the client answers, and stays a client)."""
    if update.inline_query is not None or update.chosen_inline_result is not None:
        return Arrival.LOOK_UP
    message = update.message
    if message is not None and message.text and _feedback_link(message.text):
        return Arrival.CLIENT
    query = update.callback_query
    if query is not None and query.data:
        prefix = query.data.split(":", 1)[0]
        if prefix == ClientJoinCb.__prefix__:
            return Arrival.JOIN
        if prefix in _CLIENTS_BUTTONS:  # a client's buttons make nobody a user
            return Arrival.CLIENT
    return Arrival.ENROL


_CLIENTS_BUTTONS = {ClientActionCb.__prefix__, ClientScoreCb.__prefix__}


def _feedback_link(text: str) -> bool:
    command, _, payload = text.partition(" ")
    return command == "/start" and is_payload(payload.strip())


class UserMiddleware(BaseMiddleware):
    """Puts `user` (loaded, or created at a freelancer's first contact) and `t` into data.

    The bot is a private assistant: updates from groups and channels are ignored.
    """

    def __init__(
        self,
        accounts: AccountService,
        feedback: FeedbackService,
        i18n: I18n,
        default_language: str,
        default_timezone: str,
    ) -> None:
        self._accounts = accounts
        self._feedback = feedback
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
        assert isinstance(event, Update)  # registered on the Dispatcher's updates
        wrote = _written(event)
        arrived = arrival(event)
        user = await self._accounts.get(sender.id)
        if user is not None:
            if arrived is not Arrival.LOOK_UP:
                user = await self._accounts.seen(user, wrote=wrote)
        elif await self._enrols(arrived, sender.id):
            # A first contact by a button press is a button from an earlier conversation
            # (one erased with /delete_me, say): handlers.common answers it as old.
            data["first_contact"] = True
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
                wrote=wrote,
            )
        data["user"] = user
        data["t"] = self._i18n.get(user.language if user is not None else language)
        return await handler(event, data)

    async def _enrols(self, arrived: Arrival, person_id: int) -> bool:
        """Whether someone the bot does not know becomes a user now: not when they came
        through a freelancer's link, nor afterwards (they are that freelancer's client
        here) until they ask to use the bot themselves."""
        if arrived is Arrival.ENROL:
            return not await self._feedback.is_respondent(person_id)
        return arrived is Arrival.JOIN


def _written(update: Update) -> bool:
    """A message or a button press means the person has the chat open again."""
    return isinstance(update.event, Message | CallbackQuery)
