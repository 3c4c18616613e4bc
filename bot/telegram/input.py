"""Reading what people type in a flow, and answering input a step cannot use: text too
long, a sticker or a photo where words are expected, a button that is not theirs."""

from __future__ import annotations

import logging

from aiogram import F
from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reading.zones import MAX_INPUT_LENGTH, CityIndex, parse_timezone
from bot.telegram.sending import Screen

logger = logging.getLogger(__name__)

# Plain text that is not a command: commands keep working inside every flow.
TYPED_TEXT: Filter = F.text & ~F.text.startswith("/")  # type: ignore[assignment]


async def read_text(
    message: Message, t: Translator, limit: int, keyboard: InlineKeyboardMarkup | None = None
) -> str | None:
    """The trimmed text, or None after asking again (too long or empty). Nothing typed
    is lost: the person sees how far over the limit they are."""
    text = (message.text or "").strip()
    if len(text) > limit:
        await message.answer(
            t("text-too-long", length=len(text), limit=limit), reply_markup=keyboard
        )
        return None
    return text or None


def media_kind(message: Message, t: Translator) -> str:
    """What the person sent instead of text, in words."""
    for attribute, key in (
        ("sticker", "kind-sticker"),
        ("photo", "kind-photo"),
        ("voice", "kind-voice"),
        ("video", "kind-video"),
        ("video_note", "kind-video"),
        ("document", "kind-document"),
    ):
        if getattr(message, attribute):
            return t(key)
    return t("kind-other")


async def reject_non_text(message: Message, t: Translator) -> None:
    """A sticker, photo or voice where the step waits for typed text."""
    await message.answer(t("expects-text", kind=media_kind(message, t)))


async def read_zone(
    message: Message, t: Translator, cities: CityIndex, keyboard: InlineKeyboardMarkup
) -> str | None:
    """The zone in the message, or None after telling the person what to send instead."""
    text = message.text or ""
    if len(text) > MAX_INPUT_LENGTH:
        await message.answer(t("timezone-too-long"), reply_markup=keyboard)
        return None
    zone = await parse_timezone(text, cities)
    if zone is None:
        await message.answer(t("timezone-unknown", text=text), reply_markup=keyboard)
    return zone


def stale(answer: CallbackAnswer, t: Translator) -> None:
    """A button whose moment has passed: say so in a pop-up, change nothing."""
    answer.text = t("stale-button")
    answer.show_alert = True


def log_foreign(user_id: int, what: str, item_id: int) -> None:
    """A line in the log for a button naming a row this user does not own (forged) or
    that is gone."""
    logger.warning(
        "User %s pressed a button for %s %s that is not theirs or no longer exists",
        user_id,
        what,
        item_id,
    )


def refuse(answer: CallbackAnswer, t: Translator, user_id: int, what: str, item_id: int) -> None:
    """A button pointing at a row this user does not own (forged) or that is gone: the
    same pop-up as an old button, and a line in the log."""
    log_foreign(user_id, what, item_id)
    stale(answer, t)


PROMPT_KEY = "prompt"  # the flow's data: the message that asks the current question


async def ask(
    screen: Screen, target: Message | CallbackQuery, state: FSMContext, *, below: bool = False
) -> None:
    """Ask a flow's question (a new message under a typed answer, in place of a pressed
    one, or under it when `below`) and remember which message asks it: the buttons of an
    older question are old buttons then (see bot.telegram.filters.CurrentPrompt)."""
    shown: Message | None
    if isinstance(target, Message):
        shown = await screen.answer(target)
    elif below and isinstance(target.message, Message):
        shown = await screen.answer(target.message)
    else:  # in place, or in a new message when the pressed one cannot be edited
        shown = await screen.show(target)
    await state.update_data({PROMPT_KEY: shown.message_id if shown else None})
