"""The first-run questions: the time zone, then whether to send tips."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.views.screen import Screen
from bot.views.zones import zone_picker


class TipsCb(CallbackData, prefix="t1"):
    enabled: bool


class TipsBackCb(CallbackData, prefix="tb1"):
    """Back from the tips question to the time zone question (onboarding)."""


def zone_question(t: Translator) -> Screen:
    """Picked or typed; Cancel leaves onboarding (there is nothing to go back to)."""
    return Screen(t("onboarding-timezone-ask"), zone_picker(t, back=False, cancel=True))


def tips_question(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-tips-yes"), callback_data=TipsCb(enabled=True))
    builder.button(text=t("button-tips-no"), callback_data=TipsCb(enabled=False))
    builder.button(text=t("button-back"), callback_data=TipsBackCb())
    builder.adjust(2, 1)
    return builder.as_markup()


def tips_screen(t: Translator) -> Screen:
    return Screen(t("onboarding-tips-ask"), tips_question(t))


def tips_answered(t: Translator, *, enabled: bool) -> str:
    """The tips question as a record of its answer, once its buttons go."""
    answer = t("button-tips-yes") if enabled else t("button-tips-no")
    return f"{t('onboarding-tips-ask')}\n\n<i>{answer}</i>"
