"""The playground's people and their chats with the bot, kept as Telegram keeps them:
messages numbered per chat, plain text plus entities, files by id."""

from __future__ import annotations

import itertools
import struct
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the page can write as: a Telegram user with a private chat."""

    key: str
    user_id: int
    first_name: str
    language_code: str
    label: str
    admin: bool = False
    about: str = ""  # what the person switcher says of them on hover

    def telegram_user(self) -> dict[str, Any]:
        return {
            "id": self.user_id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }

    def telegram_chat(self) -> dict[str, Any]:
        return {"id": self.user_id, "type": "private", "first_name": self.first_name}


# Ids far from any real account, so a playground export never looks like someone's data.
PEOPLE = (
    Person("ru", 7_000_001, "Аня", "ru", "Аня · RU"),
    Person("en", 7_000_002, "Sam", "en", "Sam · EN"),
    Person("admin", 7_000_003, "Alex", "en", "Alex · admin", admin=True),
    # A freelancer's client: not a user of the bot, they come through a link a freelancer
    # sent them (asking for their view of a project).
    Person(
        "client",
        7_000_004,
        "Миша",
        "ru",
        "Миша · клиент",
        about="A freelancer's client: a link to the bot that a freelancer shares opens here",
    ),
)
# Who a link shared from the page goes to unless the visitor picks someone else.
CLIENT = "client"


@dataclass(frozen=True, slots=True)
class StoredFile:
    file_id: str
    data: bytes
    name: str
    mime: str


EDITABLE = ("text", "entities", "caption", "caption_entities", "inline_keyboard")


@dataclass(slots=True)
class ChatMessage:
    """One message as the chat shows it now (after its edits)."""

    message_id: int
    from_bot: bool
    date: datetime
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    photo: StoredFile | None = None
    document: StoredFile | None = None
    sticker: str | None = None  # its emoji
    inline_keyboard: list[list[dict[str, Any]]] | None = None
    edited_at: datetime | None = None

    @property
    def edited(self) -> bool:
        return self.edited_at is not None

    def content(self) -> dict[str, Any]:
        """What an edit must change, or Telegram answers "message is not modified"."""
        return {name: getattr(self, name) for name in EDITABLE}

    def telegram(self, person: Person, bot_user: dict[str, Any]) -> dict[str, Any]:
        """The Message object of the Bot API."""
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "date": int(self.date.timestamp()),
            "chat": person.telegram_chat(),
            "from": bot_user if self.from_bot else person.telegram_user(),
        }
        if self.edited_at is not None:
            message["edit_date"] = int(self.edited_at.timestamp())
        if self.text is not None:
            message["text"] = self.text
            if self.entities:
                message["entities"] = self.entities
        if self.caption:
            message["caption"] = self.caption
            if self.caption_entities:
                message["caption_entities"] = self.caption_entities
        if self.photo is not None:
            message["photo"] = [_photo_size(self.photo)]
        if self.document is not None:
            message["document"] = {
                "file_id": self.document.file_id,
                "file_unique_id": self.document.file_id,
                "file_name": self.document.name,
                "mime_type": self.document.mime,
                "file_size": len(self.document.data),
            }
        if self.sticker is not None:
            message["sticker"] = {
                "file_id": "sticker",
                "file_unique_id": "sticker",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": self.sticker,
            }
        if self.inline_keyboard:
            message["reply_markup"] = {"inline_keyboard": self.inline_keyboard}
        return message


def _photo_size(file: StoredFile) -> dict[str, Any]:
    width, height = _png_size(file.data) or (800, 450)
    return {
        "file_id": file.file_id,
        "file_unique_id": file.file_id,
        "width": width,
        "height": height,
        "file_size": len(file.data),
    }


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@dataclass(slots=True)
class Chat:
    person: Person
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    blocked: bool = False
    # Telegram lets a bot write only to people who have written to it first.
    started: bool = False
    reply_keyboard: dict[str, Any] | None = None
    notices: list[dict[str, Any]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def add(self, *, from_bot: bool, date: datetime, **content: Any) -> ChatMessage:
        """A new message, numbered after every earlier one of this chat (both sides share
        the numbering in a private chat, as in Telegram)."""
        message = ChatMessage(next(self._ids), from_bot, date, **content)
        self.messages[message.message_id] = message
        return message


def sample_photo(width: int = 320, height: int = 200) -> bytes:
    """A small PNG (a blue-to-green gradient) for the page's "send a photo" button."""
    rows = b"".join(
        b"\x00"
        + bytes(
            channel
            for x in range(width)
            for channel in (40, 90 + 120 * y // height, 200 - 120 * x // width)
        )
        for y in range(height)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
