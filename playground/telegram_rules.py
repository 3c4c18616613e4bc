"""What Telegram refuses, and in which words: the limits and the HTML parsing of the Bot
API, shared by the playground's local Bot API and the tests' recording session, so a text
or a keyboard that passes here passes on Telegram too."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from aiogram.types import MessageEntity

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64  # bytes
MAX_COMMANDS = 100
MAX_COPY_TEXT = 256  # characters a copy_text button puts on the clipboard
# What a t.me/<bot>?start=<payload> link may carry; an app that gets anything else opens
# the bot and sends a plain /start.
START_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")

# The HTML subset Telegram parses, and the entity each tag becomes.
ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
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


# White space as Telegram's parser counts it; the end of the text counts as one too.
_SPACE = " \t\r\n\0\v\f"
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class _HTMLReader:
    """Telegram's HTML parser, step by step as it reads: a tag it does not know, an
    attribute without a value, a "<" that starts no tag, or tags that do not nest are
    refused with the words Telegram uses; only &lt; &gt; &amp; &quot; and numeric
    references are decoded, any other "&" stays as it is."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0
        self.text: list[str] = []
        self.size = 0  # of the text so far, in UTF-16 units
        self.open: list[tuple[str, str, int]] = []  # tag, argument, start (UTF-16)
        self.entities: list[MessageEntity] = []

    def read(self) -> None:
        source = self.source
        while self.at < len(source):
            char = source[self.at]
            if char == "&" and (decoded := self._entity()) is not None:
                self._add(decoded)
            elif char != "<":
                self._add(char)
                self.at += 1
            elif source[self.at + 1 : self.at + 2] == "/":
                self._end_tag()
            else:
                self._start_tag()
        if self.open:
            raise ValueError(f'Can\'t find end tag corresponding to start tag "{self.open[-1][0]}"')

    def _char(self, index: int) -> str:
        return self.source[index] if index < len(self.source) else "\0"

    def _offset(self, index: int) -> int:
        return len(self.source[:index].encode())

    def _add(self, text: str) -> None:
        self.text.append(text)
        self.size += utf16_length(text)

    def _entity(self) -> str | None:
        """The character an "&...;" reference stands for, moving past it; None (and "&"
        kept as text) when it is not one Telegram decodes."""
        end = self.source.find(";", self.at + 1, self.at + 12)
        if end < 0:
            return None
        name = self.source[self.at + 1 : end]
        decoded = _NAMED_ENTITIES.get(name)
        if decoded is None and name.startswith("#") and len(name) > 1:
            digits, base = (name[2:], 16) if name[1] in "xX" else (name[1:], 10)
            try:
                code = int(digits, base)
                decoded = chr(code) if 0 < code < 0x110000 and digits.isalnum() else None
            except ValueError:
                decoded = None
        if decoded is not None:
            self.at = end + 1
        return decoded

    def _start_tag(self) -> None:
        begin, at = self.at, self.at + 1
        while self._char(at) not in _SPACE and self._char(at) != ">":
            at += 1
        if at >= len(self.source):
            raise ValueError(f"Unclosed start tag at byte offset {self._offset(begin)}")
        tag = self.source[self.at + 1 : at].lower()
        if tag not in ALLOWED_TAGS:
            raise ValueError(f'Unsupported start tag "{tag}" at byte offset {self._offset(begin)}')
        argument = ""
        while self._char(at) != ">":
            while at < len(self.source) and self._char(at) in _SPACE:
                at += 1
            if self._char(at) == ">":
                break
            name_begin = at
            while self._char(at) not in _SPACE and self._char(at) not in "=>":
                at += 1
            name = self.source[name_begin:at]
            if not name:
                raise ValueError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {self._offset(begin)}'
                )
            while at < len(self.source) and self._char(at) in _SPACE:
                at += 1
            if self._char(at) != "=" and tag == "blockquote" and name == "expandable":
                argument = "1"  # the one attribute Telegram reads without a value
                continue
            if self._char(at) != "=":
                raise ValueError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {self._offset(begin)}"
                )
            at += 1
            while at < len(self.source) and self._char(at) in _SPACE:
                at += 1
            if at >= len(self.source):
                raise ValueError(f'Unclosed start tag "{tag}" at byte offset {self._offset(begin)}')
            value, at = self._attribute_value(at)
            if at >= len(self.source):
                raise ValueError(f"Unclosed start tag at byte offset {self._offset(begin)}")
            argument = _argument(tag, name, value) or argument
        if tag == "span" and argument != "spoiler":
            raise ValueError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._offset(begin)}'
            )
        self.open.append((tag, argument, self.size))
        self.at = at + 1

    def _attribute_value(self, at: int) -> tuple[str, int]:
        quote = self._char(at)
        if quote not in "'\"":
            # A name token: letters, digits, "." and "-", not case sensitive.
            begin = at
            while self._char(at).isalnum() or self._char(at) in ".-":
                at += 1
            if self._char(at) not in _SPACE and self._char(at) != ">":
                raise ValueError(
                    f"Unexpected end of name token at byte offset {self._offset(begin)}"
                )
            return self.source[begin:at].lower(), at
        at += 1
        value: list[str] = []
        while at < len(self.source) and self.source[at] != quote:
            if self.source[at] == "&":
                self.at = at
                if (decoded := self._entity()) is not None:
                    value.append(decoded)
                    at = self.at
                    continue
            value.append(self.source[at])
            at += 1
        return "".join(value), at + 1 if at < len(self.source) else at

    def _end_tag(self) -> None:
        begin, at = self.at, self.at + 2
        if not self.open:
            raise ValueError(f"Unexpected end tag at byte offset {self._offset(begin)}")
        while self._char(at) not in _SPACE and self._char(at) != ">":
            at += 1
        name = self.source[begin + 2 : at]
        while at < len(self.source) and self._char(at) in _SPACE:
            at += 1
        if self._char(at) != ">":
            raise ValueError(f"Unclosed end tag at byte offset {self._offset(begin)}")
        tag, argument, start = self.open.pop()
        if name and name != tag:
            raise ValueError(
                f'Unmatched end tag at byte offset {self._offset(begin)}, expected "</{tag}>", '
                f'found "</{name}>"'
            )
        self.at = at + 1
        if self.size > start:
            entity = self._entity_for(tag, argument, start)
            # <pre><code class="language-x"> is one block with its language, not two.
            inner = self.entities[-1] if self.entities else None
            same_block = (
                tag == "pre"
                and inner is not None
                and inner.type == "pre"
                and ((inner.offset, inner.length) == (start, self.size - start))
            )
            if entity is not None and not same_block:
                self.entities.append(entity)

    def _entity_for(self, tag: str, argument: str, start: int) -> MessageEntity | None:
        kind, length = ENTITY_TYPES[tag], self.size - start
        if tag == "a":
            # Without href the link is its own text; a link Telegram cannot open is text.
            url = argument or _utf16_slice("".join(self.text), start, self.size)
            if not _is_link(url):
                return None
            return MessageEntity(type=kind, offset=start, length=length, url=url)
        if tag == "pre" or (tag == "code" and argument):
            return MessageEntity(
                type="pre" if argument else kind,
                offset=start,
                length=length,
                language=argument or None,
            )
        if tag == "tg-emoji":
            if not argument:
                raise ValueError("Custom emoji entity must contain a custom emoji identifier")
            return MessageEntity(type=kind, offset=start, length=length, custom_emoji_id=argument)
        if tag == "blockquote" and argument:
            kind = "expandable_blockquote"
        return MessageEntity(type=kind, offset=start, length=length)


def _argument(tag: str, name: str, value: str) -> str | None:
    """What an attribute tells Telegram, and only the attributes it reads."""
    if tag == "a" and name == "href":
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and name == "emoji-id":
        return value
    if tag == "blockquote" and name == "expandable":
        return "1"
    return None


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[start * 2 : end * 2].decode("utf-16-le")


def _is_link(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "tg", "mailto") and bool(parts.netloc or parts.path)


def parse_html(text: str) -> tuple[str, list[MessageEntity]]:
    """The text and entities Telegram keeps for an HTML message, outer white space
    trimmed (entities shifted and clipped to match). ValueError says what does not parse,
    in Telegram's words."""
    reader = _HTMLReader(text)
    reader.read()
    full = "".join(reader.text)
    lead = utf16_length(full) - utf16_length(full.lstrip())
    plain = full.strip()
    size = utf16_length(plain)
    entities = []
    for entity in sorted(reader.entities, key=lambda e: (e.offset, -e.length)):
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


# A link Telegram finds in a message's plain text and marks as a "url" entity: with a
# scheme, or one of Telegram's own (t.me/...). Punctuation that ends a sentence is not part
# of it.
_BARE_LINK = re.compile(
    r"(?<![\w/@.-])(?:https?://[^\s<>\"]+|(?:t|telegram)\.me/[^\s<>\"]+)", re.IGNORECASE
)
_LINK_TAIL = ".,;:!?'\")]}»“”…"
# Inside these Telegram finds no links: code, a link already, a custom emoji.
_NO_LINKS_INSIDE = frozenset({"code", "pre", "text_link", "url", "custom_emoji"})


def with_found_links(text: str, entities: list[MessageEntity]) -> list[MessageEntity]:
    """The entities Telegram keeps for a message: those it was sent with, plus a "url"
    entity for each link written out in the text (outside code and other links)."""
    taken = [(e.offset, e.offset + e.length) for e in entities if e.type in _NO_LINKS_INSIDE]
    found = []
    for match in _BARE_LINK.finditer(text):
        link = match.group().rstrip(_LINK_TAIL)
        start = utf16_length(text[: match.start()])
        end = start + utf16_length(link)
        if any(start < stop and begin < end for begin, stop in taken):
            continue
        found.append(MessageEntity(type="url", offset=start, length=end - start))
    if not found:
        return entities
    return sorted([*entities, *found], key=lambda e: (e.offset, -e.length))


def check_markup(markup: Mapping[str, Any] | None) -> None:
    """A reply markup as sent on the wire (JSON): every button has a text and one action,
    callback data of 1 to 64 bytes, links Telegram opens, text to copy of 1 to 256
    characters."""
    if not markup:
        return
    if "inline_keyboard" in markup:
        for button in _buttons(markup["inline_keyboard"]):
            if not isinstance(button, Mapping):
                raise BotAPIError(
                    "Bad Request: can't parse inline keyboard button: "
                    "InlineKeyboardButton must be an Object"
                )
            if not str(button.get("text") or "").strip():
                raise BotAPIError(TEXT_BUTTON)
            data, url = button.get("callback_data"), button.get("url")
            copy = button.get("copy_text")
            if data is None and url is None and copy is None:
                raise BotAPIError(TEXT_BUTTON)
            if copy is not None and not _is_copy_text(copy):
                raise BotAPIError("Bad Request: BUTTON_COPY_TEXT_INVALID")
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


def _is_copy_text(copy: Any) -> bool:
    """A CopyTextButton: an object whose text is 1 to 256 characters."""
    text = copy.get("text") if isinstance(copy, Mapping) else None
    return isinstance(text, str) and 1 <= len(text) <= MAX_COPY_TEXT


def start_text(payload: str | None) -> str:
    """What Telegram's apps send when a t.me/<bot>?start=<payload> link is opened: /start
    and the payload, or a plain /start when the payload is one Telegram would not deliver
    (empty, over 64 characters, or outside A-Z, a-z, 0-9, _ and -)."""
    if payload is not None and START_PAYLOAD.fullmatch(payload):
        return f"/start {payload}"
    return "/start"


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
