"""Sending screens within Telegram's limits, tolerating old messages.

Telegram refuses an edit that changes nothing ("message is not modified"), so a screen
is shown in place only when its text or buttons differ from what the message shows now;
pressing a button whose screen is already there just answers the button.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message

logger = logging.getLogger(__name__)

MESSAGE_LIMIT = 4096


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at paragraph or line breaks
    when possible, so no message is refused as too long."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest or not pieces:
        pieces.append(rest)
    return pieces


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    """What Telegram keeps as a message's text after parsing our HTML: the words without
    the tags, entities decoded, outer white space trimmed."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).strip()


def _buttons(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str | None]]]:
    if markup is None:
        return []
    return [[(b.text, b.callback_data or b.url) for b in row] for row in markup.inline_keyboard]


def shows(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    """Whether the message already shows this text and these buttons (an edit to them
    would be refused as "not modified")."""
    return (message.text or "") == visible_text(text) and _buttons(
        message.reply_markup
    ) == _buttons(markup)


async def answer_long(
    message: Message, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> Message:
    """Send text in as many messages as it needs; the keyboard goes with the last one."""
    pieces = split_text(text)
    for piece in pieces[:-1]:
        await message.answer(piece)
    return await message.answer(pieces[-1], reply_markup=reply_markup)


async def show(
    callback: CallbackQuery, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Replace the pressed message with a new screen; send a new message when the old one
    can no longer be edited (too old, deleted, or inaccessible). Returns the message that
    shows the screen now, when known."""
    message = callback.message
    if isinstance(message, Message) and len(text) > MESSAGE_LIMIT:
        # Too long for one message: send it in parts below the old one.
        return await answer_long(message, text, reply_markup)
    if isinstance(message, Message) and message.text is not None:
        if shows(message, text, reply_markup):
            return message  # already on screen: the button's answer is all there is to do
        try:
            await message.edit_text(text, reply_markup=reply_markup)
            return message
        except TelegramBadRequest as error:
            logger.info("Could not edit message, sending a new one: %s", error.message)
    if message is not None and not isinstance(message, InaccessibleMessage):
        return await message.answer(text, reply_markup=reply_markup)
    if callback.bot is not None:
        return await callback.bot.send_message(
            callback.from_user.id, text, reply_markup=reply_markup
        )
    return None


async def close_keyboard(callback: CallbackQuery, text: str) -> None:
    """Turn a question into a record of its answer: new text, no buttons."""
    message = callback.message
    if not isinstance(message, Message) or message.text is None or shows(message, text, None):
        return
    try:
        await message.edit_text(text, reply_markup=None)
    except TelegramBadRequest as error:  # too old to edit: the record is a nicety
        logger.info("Could not close the keyboard: %s", error.message)


async def remove_keyboard(callback: CallbackQuery) -> None:
    """Take the buttons off a message whose buttons can only mislead now."""
    message = callback.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    try:
        await message.edit_reply_markup(reply_markup=None)
    except TelegramBadRequest as error:
        logger.info("Could not remove the buttons: %s", error.message)
