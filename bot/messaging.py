"""Sending helpers that respect Telegram's limits and tolerate old messages."""

from __future__ import annotations

import logging
from contextlib import suppress
from dataclasses import dataclass

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
) -> None:
    """Replace the pressed message with a new screen; send a new message when the old one
    can no longer be edited (too old, deleted, or inaccessible)."""
    message = callback.message
    if isinstance(message, Message) and len(text) > MESSAGE_LIMIT:
        # Too long for one message: send it in parts below the old one.
        await answer_long(message, text, reply_markup)
        return
    if isinstance(message, Message):
        try:
            await message.edit_text(text, reply_markup=reply_markup)
            return
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                return
            logger.info("Could not edit message, sending a new one: %s", error.message)
    if message is not None and not isinstance(message, InaccessibleMessage):
        await message.answer(text, reply_markup=reply_markup)
    elif callback.bot is not None:
        await callback.bot.send_message(callback.from_user.id, text, reply_markup=reply_markup)


async def close_keyboard(callback: CallbackQuery, text: str) -> None:
    """Turn a question into a record of its answer: new text, no buttons."""
    if isinstance(callback.message, Message):
        with suppress(TelegramBadRequest):
            await callback.message.edit_text(text, reply_markup=None)


@dataclass(frozen=True, slots=True)
class Screen:
    """A text with its keyboard, sent as a new message or shown in place of a pressed one."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None

    def after(self, notice: str) -> Screen:
        """The same screen with a notice line above it ("Time zone changed ...")."""
        return Screen(f"{notice}\n\n{self.text}", self.keyboard)

    async def answer(self, message: Message) -> Message:
        return await answer_long(message, self.text, self.keyboard)

    async def show(self, callback: CallbackQuery) -> None:
        await show(callback, self.text, self.keyboard)

    async def reply(self, target: Message | CallbackQuery) -> None:
        """Answer a typed message with a new message, or a button press in place."""
        if isinstance(target, Message):
            await self.answer(target)
        else:
            await target.answer()
            await self.show(target)
