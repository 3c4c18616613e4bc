"""A tip as it arrives: the tip itself with "less often" and "unsubscribe" under it."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import TipAction, TipCb
from bot.content.tips import Tip
from bot.i18n import Translator
from bot.messaging import Screen


def tip_message(t: Translator, tip: Tip) -> Screen:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-tip-less-often"), callback_data=TipCb(action=TipAction.LESS))
    builder.button(
        text=t("button-tip-unsubscribe"), callback_data=TipCb(action=TipAction.UNSUBSCRIBE)
    )
    return Screen(f"{t('tip-title')}\n\n{t(tip.key)}", builder.as_markup())
