"""Inline keyboards, one small builder per screen."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import (
    LanguageCb,
    Nav,
    NavCb,
    SettingsAction,
    SettingsCb,
    TipsBackCb,
    TipsCb,
    ZoneBackCb,
    ZoneCb,
)
from bot.i18n import Translator
from bot.services.timezones import COMMON_ZONES

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def main_menu(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-settings"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.button(text=t("button-help"), callback_data=NavCb(to=Nav.HELP))
    builder.adjust(2)
    return builder.as_markup()


def back_to_menu(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    return builder.as_markup()


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


def tips_question(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-tips-yes"), callback_data=TipsCb(enabled=True))
    builder.button(text=t("button-tips-no"), callback_data=TipsCb(enabled=False))
    builder.button(text=t("button-back"), callback_data=TipsBackCb())
    builder.adjust(2, 1)
    return builder.as_markup()


def settings_menu(t: Translator, *, tips_enabled: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("button-settings-language"), callback_data=SettingsCb(action=SettingsAction.LANGUAGE)
    )
    builder.button(
        text=t("button-settings-timezone"), callback_data=SettingsCb(action=SettingsAction.TIMEZONE)
    )
    builder.button(
        text=t("button-tips-turn-off" if tips_enabled else "button-tips-turn-on"),
        callback_data=SettingsCb(action=SettingsAction.TIPS),
    )
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    builder.adjust(1)
    return builder.as_markup()


def language_picker(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in LANGUAGE_NAMES.items():
        builder.button(text=name, callback_data=LanguageCb(language=code))
    builder.button(text=t("button-back"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.adjust(2, 1)
    return builder.as_markup()
