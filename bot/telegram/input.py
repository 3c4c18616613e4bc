"""Reading what people type in a flow, and answering input a step cannot use: text too
long, a sticker or a photo where words are expected."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Filter
from aiogram.types import InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.reading.zones import MAX_INPUT_LENGTH, CityIndex, parse_timezone
from bot.telegram.context import Conversation
from bot.views.screen import Screen

# Plain text that is not a command: commands keep working inside every flow.
TYPED_TEXT: Filter = F.text & ~F.text.startswith("/")  # type: ignore[assignment]


async def text_answer(
    ctx: Conversation, limit: int, keyboard: InlineKeyboardMarkup | None = None
) -> str | None:
    """The trimmed text, or None after asking again (too long or empty). Nothing typed
    is lost: the person sees how far over the limit they are."""
    message = ctx.message
    text = ((message.text if message else None) or "").strip()
    if len(text) > limit:
        await ctx.send(Screen(ctx.t("text-too-long", length=len(text), limit=limit), keyboard))
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


async def zone_answer(
    ctx: Conversation, cities: CityIndex, keyboard: InlineKeyboardMarkup
) -> str | None:
    """The zone in the message, or None after telling the person what to send instead."""
    text = (ctx.message.text if ctx.message else None) or ""
    if len(text) > MAX_INPUT_LENGTH:
        await ctx.send(Screen(ctx.t("timezone-too-long"), keyboard))
        return None
    zone = await parse_timezone(text, cities)
    if zone is None:
        await ctx.send(Screen(ctx.t("timezone-unknown", text=text), keyboard))
    return zone
