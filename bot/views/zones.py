"""Picking a time zone (onboarding and settings): the buttons and the confirmation."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.reading.zones import COMMON_ZONES, utc_offset_label
from bot.views.common import Nav, NavCb
from bot.views.screen import Screen


class ZoneCb(CallbackData, prefix="z1"):
    """A time zone picked from the list; `zone` is an IANA name (longest is 32 bytes)."""

    zone: str


class ZoneBackCb(CallbackData, prefix="zb1"):
    """Back from the time zone question (in settings: to the settings list)."""


def zone_picker(t: Translator, *, back: bool, cancel: bool) -> InlineKeyboardMarkup:
    """Common zones two per row; Back and/or Cancel under them."""
    builder = InlineKeyboardBuilder()
    for zone in COMMON_ZONES:
        builder.button(text=zone, callback_data=ZoneCb(zone=zone))
    sizes = [2] * (len(COMMON_ZONES) // 2)
    extra = 0
    if back:
        builder.button(text=t("button-back"), callback_data=ZoneBackCb())
        extra += 1
    if cancel:
        builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
        extra += 1
    builder.adjust(*sizes, max(extra, 1))
    return builder.as_markup()


def not_a_zone(t: Translator, kind: str, *, back: bool, cancel: bool) -> Screen:
    """A sticker or photo where a zone is expected: what to send instead, and the picker
    again. `kind` names what came, in words."""
    return Screen(t("timezone-not-text", kind=kind), zone_picker(t, back=back, cancel=cancel))


def zone_facts(zone: str, now: datetime) -> dict[str, str]:
    """Values for the time zone confirmation texts."""
    local = now.astimezone(ZoneInfo(zone))
    return {"zone": zone, "offset": utc_offset_label(zone, now), "time": local.strftime("%H:%M")}
