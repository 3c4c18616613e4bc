"""Sends one due tip (which one is the tip service's choice), then has the next planned."""

from __future__ import annotations

from aiogram import Bot

from bot.delivery.telegram_policy import Sent
from bot.i18n import I18n
from bot.services.tips import TipService
from bot.views.tips import tip_message
from storage.tips import TipDelivery


class TipSender:
    def __init__(self, bot: Bot, i18n: I18n, tips: TipService) -> None:
        self._bot = bot
        self._i18n = i18n
        self._tips = tips

    async def send(self, delivery: TipDelivery, late: bool) -> Sent:
        chosen = await self._tips.next_tip(delivery)
        if chosen is None:
            return Sent.NOTHING
        if chosen.user.is_blocked:
            return Sent.HELD
        screen = tip_message(self._i18n.get(chosen.user.language), chosen.tip)
        await self._bot.send_message(chosen.user.chat_id, screen.text, reply_markup=screen.keyboard)
        await self._tips.delivered(delivery, chosen)
        return Sent.YES
