"""What Telegram refuses, and in which words: the limits and the HTML parsing of the Bot
API, shared by the playground's local Bot API and the tests' recording session, so a text
or a keyboard that passes here passes on Telegram too."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from aiogram.types import MessageEntity

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64  # bytes
MAX_COMMANDS = 100

# The HTML subset Telegram parses, and the entity each tag becomes.
ENTITY_TYPES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic",
                "u": "underline", "ins": "underline", "s": "strikethrough",
                "strike": "strikethrough", "del": "strikethrough", "code": "code",
                "pre": "pre", "a": "text_link", "tg-spoiler": "spoiler", "span": "spoiler",
                "blockquote": "blockquote", "tg-emoji": "custom_emoji"}  # fmt: skip
ALLOWED_TAGS = frozenset(ENTITY_TYPES)

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
BLOCKED = "Forbidden: bot was blocked by the user"
TEXT_BUTTON = "Bad Request: text buttons are unallowed in the inline keyboard"


class BotAPIError(Exception):
    """A request Telegram would refuse: its HTTP code and description, word for word."""

    def __init__(self, description: str, code: int = 400) -> None:
        super().__init__(description)
        self.description = description
        self.code = code


def utf16_length(text: str) -> int:
    """Telegram measures entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(HTMLParser):
    """Parses HTML as Telegram does: raises on what it would refuse (unknown or
    unbalanced tags) and keeps plain text plus entities, as Telegram stores a message."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.open: list[tuple[str, int, str | None]] = []  # tag, start (UTF-16), href
        self.text = ""
        self.entities: list[MessageEntity] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise ValueError(f'Unsupported start tag "{tag}" at byte offset {self._offset()}')
        href = dict(attrs).get("href")
        if tag == "a" and href is not None and not _is_link(href):
            raise ValueError(f'Unsupported URL "{href}" at byte offset {self._offset()}')
        self.open.append((tag, utf16_length(self.text), href))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            expected = f', expected "</{self.open[-1][0]}>"' if self.open else ""
            raise ValueError(
                f'Unmatched end tag at byte offset {self._offset()}{expected}, found "</{tag}>"'
            )
        _, start, href = self.open.pop()
        length = utf16_length(self.text) - start
        if length:
            self.entities.append(
                MessageEntity(type=ENTITY_TYPES[tag], offset=start, length=length, url=href)
            )

    def handle_data(self, data: str) -> None:
        self.text += data

    def _offset(self) -> int:
        line, column = self.getpos()
        lines = self.source.split("\n")
        index = sum(len(text) + 1 for text in lines[: line - 1]) + column
        return len(self.source[:index].encode())


def _is_link(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "tg", "mailto") and bool(parts.netloc or parts.path)


def parse_html(text: str) -> tuple[str, list[MessageEntity]]:
    """The text and entities Telegram keeps for an HTML message, outer white space
    trimmed (entities shifted and clipped to match). ValueError says what does not parse,
    in Telegram's words."""
    parser = _TelegramHTML(text)
    parser.feed(text)
    parser.close()
    if parser.open:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{parser.open[-1][0]}"')
    full = parser.text
    lead = utf16_length(full) - utf16_length(full.lstrip())
    plain = full.strip()
    size = utf16_length(plain)
    entities = []
    for entity in sorted(parser.entities, key=lambda e: (e.offset, -e.length)):
        start = max(entity.offset - lead, 0)
        end = min(entity.offset - lead + entity.length, size)
        if end > start:
            entities.append(entity.model_copy(update={"offset": start, "length": end - start}))
    return plain, entities


def check_text(
    text: str, *, caption: bool = False, html: bool = True
) -> tuple[str, list[MessageEntity]]:
    """Telegram's checks on a message text or a caption: it parses, it is not too long
    once parsed, and a message's text is not empty. Returns what Telegram keeps."""
    if html:
        try:
            plain, entities = parse_html(text)
        except ValueError as error:
            raise BotAPIError(f"Bad Request: can't parse entities: {error}") from None
    else:
        plain, entities = text.strip(), []
    if caption and len(plain) > MAX_CAPTION:
        raise BotAPIError("Bad Request: message caption is too long")
    if not caption and len(plain) > MAX_TEXT:
        raise BotAPIError("Bad Request: message is too long")
    if not caption and not plain:
        raise BotAPIError("Bad Request: message text is empty")
    return plain, entities


def check_markup(markup: Mapping[str, Any] | None) -> None:
    """A reply markup as sent on the wire (JSON): every button has a text and one action,
    callback data of 1 to 64 bytes, links Telegram opens."""
    if not markup:
        return
    if "inline_keyboard" in markup:
        for button in _buttons(markup["inline_keyboard"]):
            if not str(button.get("text") or "").strip():
                raise BotAPIError("Bad Request: text buttons are unallowed in the inline keyboard")
            data, url = button.get("callback_data"), button.get("url")
            if data is None and url is None:
                raise BotAPIError("Bad Request: text buttons are unallowed in the inline keyboard")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise BotAPIError("Bad Request: BUTTON_DATA_INVALID")
            if url is not None and not _is_link(str(url)):
                raise BotAPIError("Bad Request: BUTTON_URL_INVALID")
    elif "keyboard" in markup:
        buttons = _buttons(markup["keyboard"])
        if not buttons:
            raise BotAPIError("Bad Request: keyboard must be non-empty")
        for button in buttons:
            label = button.get("text") if isinstance(button, Mapping) else button
            if not str(label or "").strip():
                raise BotAPIError("Bad Request: keyboard button text must be non-empty")


def _buttons(rows: Any) -> list[Any]:
    if not isinstance(rows, Sequence) or not all(isinstance(row, Sequence) for row in rows):
        raise BotAPIError("Bad Request: can't parse reply keyboard markup JSON object")
    return [button for row in rows for button in row]


def check_commands(commands: Any) -> None:
    """setMyCommands: up to 100 commands, each 1-32 of a-z, 0-9 and _, with a
    description of 1-256 characters."""
    if not isinstance(commands, Sequence) or len(commands) > MAX_COMMANDS:
        raise BotAPIError("Bad Request: too many commands")
    for command in commands:
        name = str(command.get("command", "")) if isinstance(command, Mapping) else ""
        if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
            raise BotAPIError("Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise BotAPIError("Bad Request: command description must be non-empty")
