"""Tells a freelancer that their client answered: both views side by side, sent when the
notice falls due (outside the freelancer's quiet hours). aiogram's errors (403, 429, 5xx)
go up to the due-work runner, which applies the one Telegram policy."""

from __future__ import annotations

from aiogram import Bot

from bot.delivery.telegram_policy import Sent
from bot.i18n import I18n
from bot.services.feedback import FeedbackService
from bot.views.feedback import notice_screen
from storage.feedback import FeedbackNotice


class FeedbackNoticeSender:
    def __init__(self, bot: Bot, i18n: I18n, feedback: FeedbackService) -> None:
        self._bot = bot
        self._i18n = i18n
        self._feedback = feedback

    async def send(self, notice: FeedbackNotice, late: bool) -> Sent:
        # `late` changes nothing here: the answer is news whenever it arrives.
        found = await self._feedback.to_notify(notice)
        if found is None:  # the client erased their answers, or the client was deleted
            return Sent.NOTHING
        if found.user.is_blocked:
            return Sent.HELD
        screen = notice_screen(self._i18n.get(found.user.language), found)
        await self._bot.send_message(found.user.chat_id, screen.text, reply_markup=screen.keyboard)
        return Sent.YES
