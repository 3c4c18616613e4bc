"""/settings: language, time zone, check-in hour and tips."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.views.common import Nav, NavCb

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


class SettingsAction(StrEnum):
    LANGUAGE = "l"
    TIMEZONE = "z"
    TIPS = "t"
    CHECKIN_HOUR = "h"


class SettingsCb(CallbackData, prefix="s1"):
    action: SettingsAction


class LanguageCb(CallbackData, prefix="l1"):
    language: str


class CheckinHourCb(CallbackData, prefix="kh1"):
    hour: int


def settings_menu(t: Translator, *, tips_enabled: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("button-settings-language"), callback_data=SettingsCb(action=SettingsAction.LANGUAGE)
    )
    builder.button(
        text=t("button-settings-timezone"), callback_data=SettingsCb(action=SettingsAction.TIMEZONE)
    )
    builder.button(
        text=t("button-settings-checkin-hour"),
        callback_data=SettingsCb(action=SettingsAction.CHECKIN_HOUR),
    )
    builder.button(
        text=t("button-tips-turn-off" if tips_enabled else "button-tips-turn-on"),
        callback_data=SettingsCb(action=SettingsAction.TIPS),
    )
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    builder.adjust(1)
    return builder.as_markup()


def hour_picker(t: Translator, hours: Sequence[int]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for hour in hours:
        builder.button(text=f"{hour}:00", callback_data=CheckinHourCb(hour=hour))
    builder.button(text=t("button-back"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.adjust(*([5] * (len(hours) // 5)), len(hours) % 5 or 5, 1)
    return builder.as_markup()


def language_picker(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in LANGUAGE_NAMES.items():
        builder.button(text=name, callback_data=LanguageCb(language=code))
    builder.button(text=t("button-back"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.adjust(2, 1)
    return builder.as_markup()
