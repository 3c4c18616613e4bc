"""/settings: language, time zone, check-in hour and tips."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.views.common import Nav, NavCb
from bot.views.screen import Screen
from bot.views.zones import zone_facts, zone_picker
from storage.users import User


class Language(StrEnum):
    """The languages the bot speaks (the Fluent files in bot/locales)."""

    EN = "en"
    RU = "ru"


# Each language by its own name: someone who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {Language.EN: "English", Language.RU: "Русский"}


class SettingsAction(StrEnum):
    LANGUAGE = "l"
    TIMEZONE = "z"
    TIPS = "t"
    CHECKIN_HOUR = "h"


class SettingsCb(CallbackData, prefix="s1"):
    action: SettingsAction


class LanguageCb(CallbackData, prefix="l1"):
    language: Language


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


def settings_screen(user: User, t: Translator, now: datetime) -> Screen:
    """The current settings, each with the button that changes it."""
    facts = zone_facts(user.timezone, now)
    text = t(
        "settings-title",
        language=LANGUAGE_NAMES[Language(user.language)],
        zone=facts["zone"],
        offset=facts["offset"],
        tips="on" if user.tips_enabled else "off",
        hour=user.checkin_hour,
    )
    return Screen(text, settings_menu(t, tips_enabled=user.tips_enabled))


def hour_picker(t: Translator, hours: Sequence[int]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for hour in hours:
        builder.button(text=f"{hour}:00", callback_data=CheckinHourCb(hour=hour))
    builder.button(text=t("button-back"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.adjust(*([5] * (len(hours) // 5)), len(hours) % 5 or 5, 1)
    return builder.as_markup()


def checkin_hour_screen(t: Translator, hours: Sequence[int]) -> Screen:
    return Screen(t("settings-checkin-hour-ask"), hour_picker(t, hours))


def language_picker(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for language, name in LANGUAGE_NAMES.items():
        builder.button(text=name, callback_data=LanguageCb(language=language))
    builder.button(text=t("button-back"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.adjust(2, 1)
    return builder.as_markup()


def language_screen(t: Translator) -> Screen:
    return Screen(t("settings-language-ask"), language_picker(t))


def zone_question(t: Translator) -> Screen:
    """The new time zone: picked or typed; Back returns to the settings."""
    return Screen(t("settings-timezone-ask"), zone_picker(t, back=True, cancel=False))
