"""The first-run questions: after the time zone, whether to send tips."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator


class TipsCb(CallbackData, prefix="t1"):
    enabled: bool


class TipsBackCb(CallbackData, prefix="tb1"):
    """Back from the tips question to the time zone question (onboarding)."""


def tips_question(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-tips-yes"), callback_data=TipsCb(enabled=True))
    builder.button(text=t("button-tips-no"), callback_data=TipsCb(enabled=False))
    builder.button(text=t("button-back"), callback_data=TipsBackCb())
    builder.adjust(2, 1)
    return builder.as_markup()
