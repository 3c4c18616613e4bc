"""An aiogram session that records every request and answers like Telegram would.

It also enforces the limits Telegram enforces, so a test fails where production would:
text over 4096 characters, callback data over 64 bytes, HTML that does not parse.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
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

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "a",
                "tg-spoiler", "span", "blockquote", "tg-emoji"}  # fmt: skip


class _TelegramHTML(HTMLParser):
    """Raises on the HTML Telegram would refuse: unknown or unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise ValueError(f"unsupported tag <{tag}>")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise ValueError(f"unbalanced </{tag}>")
        self.open.pop()


def check_html(text: str) -> None:
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.open:
        raise ValueError(f"unclosed <{parser.open[-1]}>")


def check_markup(markup: Any) -> None:
    if isinstance(markup, InlineKeyboardMarkup):
        for row in markup.inline_keyboard:
            for button in row:
                if button.callback_data is not None:
                    size = len(button.callback_data.encode())
                    assert size <= 64, f"callback_data of {size} bytes: {button.callback_data}"


class RecordingSession(BaseSession):
    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock
        self.requests: list[TelegramMethod[Any]] = []
        self.messages: dict[tuple[int, int], Message] = {}
        self._failures: list[tuple[type[TelegramMethod[Any]], Exception]] = []
        self._ids = itertools.count(1)

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
        for index, (kind, error) in enumerate(self._failures):
            if isinstance(method, kind):
                del self._failures[index]
                raise error
        return self._answer(bot, method)  # type: ignore[no-any-return]

    def _answer(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, SendMessage):
            self._check_text(method, method.text)
            check_markup(method.reply_markup)
            message = Message(
                message_id=next(self._ids),
                date=self._now(),
                chat=Chat(id=int(method.chat_id), type="private"),
                from_user=self._bot_user(bot),
                text=method.text,
                reply_markup=method.reply_markup,
            )
            return self._store(message, bot)
        if isinstance(method, EditMessageText | EditMessageReplyMarkup):
            key = (int(method.chat_id or 0), int(method.message_id or 0))
            old = self.messages.get(key)
            if old is None:
                raise TelegramBadRequest(method, "Bad Request: message to edit not found")
            check_markup(method.reply_markup)
            changes: dict[str, Any] = {"reply_markup": method.reply_markup}
            if isinstance(method, EditMessageText):
                self._check_text(method, method.text)
                changes["text"] = method.text
            new = old.model_copy(update=changes)
            if new.text == old.text and new.reply_markup == old.reply_markup:
                raise TelegramBadRequest(method, "Bad Request: message is not modified")
            return self._store(new, bot)
        if isinstance(method, SendPhoto):
            caption = method.caption or ""
            if len(caption) > 1024:
                raise TelegramBadRequest(method, "Bad Request: message caption is too long")
            self._check_text(method, caption)
            check_markup(method.reply_markup)
            message = Message(
                message_id=next(self._ids),
                date=self._now(),
                chat=Chat(id=int(method.chat_id), type="private"),
                from_user=self._bot_user(bot),
                photo=[PhotoSize(file_id="photo", file_unique_id="photo", width=800, height=450)],
                caption=caption,
                reply_markup=method.reply_markup,
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

    def _check_text(self, method: TelegramMethod[Any], text: str) -> None:
        if len(text) > 4096:
            raise TelegramBadRequest(method, "Bad Request: message is too long")
        try:
            check_html(text)
        except ValueError as error:
            message = f"Bad Request: can't parse entities: {error}"
            raise TelegramBadRequest(method, message) from None

    def _store(self, message: Message, bot: Bot) -> Message:
        message = message.as_(bot)
        self.messages[(message.chat.id, message.message_id)] = message
        return message

    def _now(self) -> datetime:
        return self.clock.now()

    @staticmethod
    def _bot_user(bot: Bot) -> User:
        return User(id=bot.id, is_bot=True, first_name="Partner Coach", username="coach_bot")
