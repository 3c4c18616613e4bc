"""/tips and a tip as it arrives."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.tips import Tip
from bot.i18n import Translator
from bot.rules.tips import TIP_HOURS, Frequency
from bot.views.common import menu_button
from bot.views.screen import Screen
from storage.users import User


class TipAction(StrEnum):
    LESS = "l"
    UNSUBSCRIBE = "u"
    SUBSCRIBE = "s"
    TIME = "t"
    BACK = "b"  # from the hour picker to the /tips screen


class TipCb(CallbackData, prefix="tp1"):
    """A tip setting; `screen` marks buttons of the /tips screen (refreshed after a
    press), as opposed to the buttons under a tip (the tip stays as it is)."""

    action: TipAction
    screen: bool = False


class TipFrequencyCb(CallbackData, prefix="tf1"):
    frequency: Frequency


class TipHourCb(CallbackData, prefix="th1"):
    hour: int


def tips_screen(user: User, t: Translator) -> Screen:
    """The subscription, how often and when; the current frequency is marked."""
    text = t(
        "tips-title",
        enabled="yes" if user.tips_enabled else "no",
        frequency=user.tips_frequency,
        hour=user.tips_hour,
    )
    builder = InlineKeyboardBuilder()
    toggle = TipAction.UNSUBSCRIBE if user.tips_enabled else TipAction.SUBSCRIBE
    builder.button(
        text=t("button-tips-unsubscribe" if user.tips_enabled else "button-tips-subscribe"),
        callback_data=TipCb(action=toggle, screen=True),
    )
    for frequency in Frequency:
        mark = "• " if frequency == user.tips_frequency else ""
        builder.button(
            text=mark + t(f"freq-{frequency}"), callback_data=TipFrequencyCb(frequency=frequency)
        )
    builder.button(
        text=t("button-tips-time"), callback_data=TipCb(action=TipAction.TIME, screen=True)
    )
    builder.adjust(1, 3, 1)
    builder.row(menu_button(t))
    return Screen(text, builder.as_markup())


def tip_hour_screen(t: Translator) -> Screen:
    builder = InlineKeyboardBuilder()
    for hour in TIP_HOURS:
        builder.button(text=f"{hour}:00", callback_data=TipHourCb(hour=hour))
    builder.adjust(5)
    # A way back to the tips and a way out, as on every screen.
    builder.row(
        InlineKeyboardButton(
            text=t("button-back"), callback_data=TipCb(action=TipAction.BACK, screen=True).pack()
        ),
        menu_button(t),
    )
    return Screen(t("tips-time-ask"), builder.as_markup())


def first_tip(t: Translator, local: datetime) -> str:
    """When the first tip comes, on the user's wall clock."""
    return t("tips-subscribed", when=f"{t.day(local.date())}, {local:%H:%M}")


def tip_message(t: Translator, tip: Tip) -> Screen:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-tip-less-often"), callback_data=TipCb(action=TipAction.LESS))
    builder.button(
        text=t("button-tip-unsubscribe"), callback_data=TipCb(action=TipAction.UNSUBSCRIBE)
    )
    return Screen(f"{t('tip-title')}\n\n{t(tip.key)}", builder.as_markup())
