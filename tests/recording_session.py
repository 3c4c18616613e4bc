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
    MessageEntity,
    MessageId,
    PhotoSize,
    User,
)

from bot.clock import Clock

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "a",
                "tg-spoiler", "span", "blockquote", "tg-emoji"}  # fmt: skip


_ENTITY_TYPES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic",
                 "u": "underline", "ins": "underline", "s": "strikethrough",
                 "strike": "strikethrough", "del": "strikethrough", "code": "code",
                 "pre": "pre", "a": "text_link", "tg-spoiler": "spoiler", "span": "spoiler",
                 "blockquote": "blockquote", "tg-emoji": "custom_emoji"}  # fmt: skip


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(HTMLParser):
    """Parses HTML as Telegram does: raises on what it would refuse (unknown or
    unbalanced tags) and keeps plain text plus entities, as Telegram stores a message."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int, str | None]] = []  # tag, start (UTF-16), href
        self.text = ""
        self.entities: list[MessageEntity] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise ValueError(f"unsupported tag <{tag}>")
        self.open.append((tag, _utf16(self.text), dict(attrs).get("href")))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            raise ValueError(f"unbalanced </{tag}>")
        _, start, href = self.open.pop()
        length = _utf16(self.text) - start
        if length:
            self.entities.append(
                MessageEntity(type=_ENTITY_TYPES[tag], offset=start, length=length, url=href)
            )

    def handle_data(self, data: str) -> None:
        self.text += data


def parse_html(text: str) -> tuple[str, list[MessageEntity]]:
    """The text and entities Telegram keeps for an HTML message, outer white space
    trimmed (entities shifted and clipped to match)."""
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.open:
        raise ValueError(f"unclosed <{parser.open[-1][0]}>")
    full = parser.text
    lead = _utf16(full) - _utf16(full.lstrip())
    plain = full.strip()
    size = _utf16(plain)
    entities = []
    for entity in sorted(parser.entities, key=lambda e: (e.offset, -e.length)):
        start = max(entity.offset - lead, 0)
        end = min(entity.offset - lead + entity.length, size)
        if end > start:
            entities.append(entity.model_copy(update={"offset": start, "length": end - start}))
    return plain, entities


def check_html(text: str) -> None:
    parse_html(text)


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
        self._answered_queries: set[str] = set()
        # Calls Telegram would have refused (not failures a test injected on purpose).
        self.refusals: list[tuple[TelegramMethod[Any], str]] = []
        # Chats whose person has blocked the bot: Telegram answers every send with 403.
        self.blocked_chats: set[int] = set()

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
            raise TelegramForbiddenError(method, "Forbidden: bot was blocked by the user")
        for index, (kind, error) in enumerate(self._failures):
            if isinstance(method, kind):
                del self._failures[index]
                raise error
        try:
            return self._answer(bot, method)  # type: ignore[no-any-return]
        except TelegramBadRequest as error:
            self.refusals.append((method, error.message))
            raise

    def _answer(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, AnswerCallbackQuery):
            if method.callback_query_id in self._answered_queries:
                raise TelegramBadRequest(
                    method,
                    "Bad Request: query is too old and response timeout expired "
                    "or query ID is invalid",
                )
            self._answered_queries.add(method.callback_query_id)
            return True
        if isinstance(method, SendMessage):
            text, entities = self._check_text(method, method.text)
            check_markup(method.reply_markup)
            message = Message(
                message_id=next(self._ids),
                date=self._now(),
                chat=Chat(id=int(method.chat_id), type="private"),
                from_user=self._bot_user(bot),
                text=text,
                entities=entities or None,
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
                text, entities = self._check_text(method, method.text)
                changes["text"], changes["entities"] = text, entities or None
            new = old.model_copy(update=changes)
            if (new.text, new.entities, new.reply_markup) == (
                old.text,
                old.entities,
                old.reply_markup,
            ):
                raise TelegramBadRequest(method, "Bad Request: message is not modified")
            return self._store(new, bot)
        if isinstance(method, SendPhoto):
            caption = method.caption or ""
            if len(caption) > 1024:
                raise TelegramBadRequest(method, "Bad Request: message caption is too long")
            caption, caption_entities = self._check_text(method, caption)
            check_markup(method.reply_markup)
            message = Message(
                message_id=next(self._ids),
                date=self._now(),
                chat=Chat(id=int(method.chat_id), type="private"),
                from_user=self._bot_user(bot),
                photo=[PhotoSize(file_id="photo", file_unique_id="photo", width=800, height=450)],
                caption=caption,
                caption_entities=caption_entities or None,
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

    def _check_text(
        self, method: TelegramMethod[Any], text: str
    ) -> tuple[str, list[MessageEntity]]:
        """Telegram's checks on a text: it parses, and it is not too long once parsed.
        Returns what Telegram keeps: plain text and entities."""
        try:
            plain, entities = parse_html(text)
        except ValueError as error:
            message = f"Bad Request: can't parse entities: {error}"
            raise TelegramBadRequest(method, message) from None
        if len(plain) > 4096:
            raise TelegramBadRequest(method, "Bad Request: message is too long")
        if not plain and isinstance(method, SendMessage | EditMessageText):
            raise TelegramBadRequest(method, "Bad Request: message text is empty")
        return plain, entities

    def _store(self, message: Message, bot: Bot) -> Message:
        message = message.as_(bot)
        self.messages[(message.chat.id, message.message_id)] = message
        return message

    def _now(self) -> datetime:
        return self.clock.now()

    @staticmethod
    def _bot_user(bot: Bot) -> User:
        return User(id=bot.id, is_bot=True, first_name="Partner Coach", username="coach_bot")
