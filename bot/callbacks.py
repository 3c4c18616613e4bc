"""Inline button payloads. Short prefixes with a version digit, so a payload format can
change without old buttons being misread; every payload stays far below Telegram's 64 bytes."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class Nav(StrEnum):
    MENU = "m"
    SETTINGS = "s"
    HELP = "h"
    CANCEL = "x"


class NavCb(CallbackData, prefix="n1"):
    to: Nav


class ZoneCb(CallbackData, prefix="z1"):
    """A time zone picked from the list; `zone` is an IANA name (longest is 32 bytes)."""

    zone: str


class ZoneBackCb(CallbackData, prefix="zb1"):
    """Back from the time zone question (in settings: to the settings list)."""


class TipsCb(CallbackData, prefix="t1"):
    enabled: bool


class TipsBackCb(CallbackData, prefix="tb1"):
    """Back from the tips question to the time zone question (onboarding)."""


class SettingsAction(StrEnum):
    LANGUAGE = "l"
    TIMEZONE = "z"
    TIPS = "t"


class SettingsCb(CallbackData, prefix="s1"):
    action: SettingsAction


class LanguageCb(CallbackData, prefix="l1"):
    language: str
