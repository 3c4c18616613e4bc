"""Sends one due tip (which one is the tip service's choice), then has the next planned.
aiogram's errors (403, 429, 5xx) go up to the due-work runner, which applies the one
Telegram policy."""

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
        # `late` changes nothing: a tip is not about a moment, late or not it reads the same.
        chosen = await self._tips.next_tip(delivery)
        if chosen is None:
            return Sent.NOTHING
        if chosen.user.is_blocked:
            return Sent.HELD
        screen = tip_message(self._i18n.get(chosen.user.language), chosen.tip)
        await self._bot.send_message(chosen.user.chat_id, screen.text, reply_markup=screen.keyboard)
        # Unlike a nudge's, an error here goes up: the tip is sent again later (a
        # duplicate), because the next tip is planned here, and without it the
        # subscription would go quiet for good.
        await self._tips.delivered(delivery, chosen)
        return Sent.YES
