"""An aiogram session that records every request and answers like Telegram would.

It also enforces the limits Telegram enforces, so a test fails where production would:
text over 4096 characters, callback data over 64 bytes, HTML that does not parse.

Why a session and not the HTTP fake (`testkit.fake_bot_api`, which the wire tests and the
benchmarks share): most tests feed the Dispatcher hundreds of updates and look at the
typed methods the bot made, in the test's own process; a socket, JSON both ways and a
second task per request would cost more than the handlers under test and hide the
typed requests. The rules it enforces are Telegram's, shared with the playground's
Bot API through `playground.telegram_rules`.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.methods import (
    AnswerCallbackQuery,
    CopyMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    Chat,
    Document,
    InlineKeyboardMarkup,
    Message,
    MessageId,
    PhotoSize,
    User,
)

from bot.clock import Clock
from playground.telegram_rules import (
    BLOCKED,
    NOT_MODIFIED,
    QUERY_TOO_OLD,
    BotAPIError,
    check_markup,
    check_text,
    parse_html,
)

__all__ = ["RecordingSession", "parse_html"]


class RecordingSession(BaseSession):
    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock
        self.requests: list[TelegramMethod[Any]] = []
        self.messages: dict[tuple[int, int], Message] = {}
        self._failures: list[tuple[type[TelegramMethod[Any]], Exception]] = []
        self._ids = itertools.count(1)
        self._answered_queries: set[str] = set()
        # Calls Telegram would have refused (not failures a test injected on purpose).
        self.refusals: list[tuple[TelegramMethod[Any], str]] = []
        # Chats whose person has blocked the bot: Telegram answers every send with 403.
        self.blocked_chats: set[int] = set()
        # When (wall-clock seconds) each chat last got a message: how late a delivery was.
        self.sent_at: dict[int, float] = {}

    def adopt(self, other: RecordingSession) -> None:
        """Carry a chat over from a session of an earlier process (a restart): the old
        messages stay, and new ones are numbered after them, as Telegram does."""
        self.messages.update(other.messages)
        last = max((message_id for _, message_id in self.messages), default=0)
        self._ids = itertools.count(last + 1)

    def fail_next(self, method: type[TelegramMethod[Any]], error: Exception) -> None:
        """The next request of this type raises `error` instead of succeeding."""
        self._failures.append((method, error))

    async def close(self) -> None:
        pass

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.requests.append(method)
        chat_id = getattr(method, "chat_id", None)
        if isinstance(chat_id, int) and chat_id in self.blocked_chats:
            raise TelegramForbiddenError(method, BLOCKED)
        for index, (kind, error) in enumerate(self._failures):
            if isinstance(method, kind):
                del self._failures[index]
                raise error
        try:
            return self._answer(bot, method)  # type: ignore[no-any-return]
        except BotAPIError as refusal:
            self.refusals.append((method, refusal.description))
            raise TelegramBadRequest(method, refusal.description) from None

    def _answer(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, AnswerCallbackQuery):
            if method.callback_query_id in self._answered_queries:
                raise TelegramBadRequest(method, QUERY_TOO_OLD)
            self._answered_queries.add(method.callback_query_id)
            return True
        if isinstance(method, SendMessage):
            text, entities = check_text(method.text)
            check_markup(_wire(method.reply_markup))
            message = Message(
                message_id=next(self._ids),
                date=self._now(),
                chat=Chat(id=int(method.chat_id), type="private"),
                from_user=self._bot_user(bot),
                text=text,
                entities=entities or None,
                reply_markup=_shown(method.reply_markup),
            )
            return self._store(message, bot)
        if isinstance(method, EditMessageText | EditMessageReplyMarkup):
            key = (int(method.chat_id or 0), int(method.message_id or 0))
            old = self.messages.get(key)
            if old is None:
                raise BotAPIError("Bad Request: message to edit not found")
            check_markup(_wire(method.reply_markup))
            changes: dict[str, Any] = {"reply_markup": _shown(method.reply_markup)}
            if isinstance(method, EditMessageText):
                text, entities = check_text(method.text or "")  # empty: Telegram refuses
                changes["text"], changes["entities"] = text, entities or None
            new = old.model_copy(update=changes)
            if (new.text, new.entities, new.reply_markup) == (
                old.text,
                old.entities,
                old.reply_markup,
            ):
                raise BotAPIError(NOT_MODIFIED)
            return self._store(new, bot)
        if isinstance(method, SendPhoto):
            caption, caption_entities = check_text(method.caption or "", caption=True)
            check_markup(_wire(method.reply_markup))
            message = Message(
                message_id=next(self._ids),
                date=self._now(),
                chat=Chat(id=int(method.chat_id), type="private"),
                from_user=self._bot_user(bot),
                photo=[PhotoSize(file_id="photo", file_unique_id="photo", width=800, height=450)],
                caption=caption,
                caption_entities=caption_entities or None,
                reply_markup=_shown(method.reply_markup),
            )
            return self._store(message, bot)
        if isinstance(method, SendDocument):
            message = Message(
                message_id=next(self._ids),
                date=self._now(),
                chat=Chat(id=int(method.chat_id), type="private"),
                from_user=self._bot_user(bot),
                document=Document(file_id="doc", file_unique_id="doc"),
                caption=method.caption,
            )
            return self._store(message, bot)
        if isinstance(method, CopyMessage):
            return MessageId(message_id=next(self._ids))
        if isinstance(method, GetMe):
            return self._bot_user(bot)
        return True

    def _store(self, message: Message, bot: Bot) -> Message:
        message = message.as_(bot)
        self.sent_at[message.chat.id] = time.time()
        self.messages[(message.chat.id, message.message_id)] = message
        return message

    def _now(self) -> datetime:
        return self.clock.now()

    @staticmethod
    def _bot_user(bot: Bot) -> User:
        return User(id=bot.id, is_bot=True, first_name="Partner Coach", username="coach_bot")


def _shown(markup: Any) -> InlineKeyboardMarkup | None:
    """What a message keeps of a reply markup: its inline keyboard. A reply keyboard is
    shown under the input field, not on the message."""
    return markup if isinstance(markup, InlineKeyboardMarkup) else None


def _wire(markup: Any) -> Any:
    """A reply markup as aiogram puts it on the wire, for the shared checks."""
    return markup.model_dump(exclude_none=True) if markup is not None else None
