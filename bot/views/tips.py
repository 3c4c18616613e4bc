"""/tips and a tip as it arrives."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.tips import Tip
from bot.i18n import Translator
from bot.messaging import Screen


class TipAction(StrEnum):
    LESS = "l"
    UNSUBSCRIBE = "u"
    SUBSCRIBE = "s"
    TIME = "t"


class TipCb(CallbackData, prefix="tp1"):
    """A tip setting; `screen` marks buttons of the /tips screen (refreshed after a
    press), as opposed to the buttons under a tip (the tip stays as it is)."""

    action: TipAction
    screen: bool = False


class TipFrequencyCb(CallbackData, prefix="tf1"):
    frequency: str


class TipHourCb(CallbackData, prefix="th1"):
    hour: int


def tip_message(t: Translator, tip: Tip) -> Screen:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-tip-less-often"), callback_data=TipCb(action=TipAction.LESS))
    builder.button(
        text=t("button-tip-unsubscribe"), callback_data=TipCb(action=TipAction.UNSUBSCRIBE)
    )
    return Screen(f"{t('tip-title')}\n\n{t(tip.key)}", builder.as_markup())
