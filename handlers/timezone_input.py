"""Reading a time zone typed by the user: shared by onboarding and settings."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.services.timezones import MAX_INPUT_LENGTH, CityIndex, parse_timezone, utc_offset_label


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


def zone_facts(zone: str, now: datetime) -> dict[str, str]:
    """Values for the time zone confirmation texts."""
    local = now.astimezone(ZoneInfo(zone))
    return {"zone": zone, "offset": utc_offset_label(zone, now), "time": local.strftime("%H:%M")}
