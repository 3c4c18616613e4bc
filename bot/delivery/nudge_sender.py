"""Sends one due trust-action nudge to its owner, then has the next progress note planned.
aiogram's errors (403, 429, 5xx) go up to the due-work runner, which applies the one
Telegram policy."""

from __future__ import annotations

import logging

from aiogram import Bot

from bot.delivery.telegram_policy import Sent
from bot.i18n import I18n
from bot.services.kickoffs import KickoffService
from bot.views.nudges import nudge_screen
from storage.nudges import Nudge

logger = logging.getLogger(__name__)


class NudgeSender:
    def __init__(self, bot: Bot, i18n: I18n, kickoffs: KickoffService) -> None:
        self._bot = bot
        self._i18n = i18n
        self._kickoffs = kickoffs

    async def send(self, nudge: Nudge, late: bool) -> Sent:
        found = await self._kickoffs.to_send(nudge)
        if found is None:  # the project was finished or dropped meanwhile
            return Sent.NOTHING
        if found.user.is_blocked:
            return Sent.HELD
        screen = nudge_screen(self._i18n.get(found.user.language), found, late=late)
        await self._bot.send_message(found.user.chat_id, screen.text, reply_markup=screen.keyboard)
        # The nudge is out: planning the next must not send it again. A lost plan costs
        # at most the following progress notes; the project's other nudges stand.
        try:
            await self._kickoffs.delivered(found)
        except Exception:
            logger.exception("Planning the next nudge after %s failed", nudge.id)
        return Sent.YES
