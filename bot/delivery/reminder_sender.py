"""Sends one due check-in reminder to its owner. aiogram's errors (403, 429, 5xx) go up
to the due-work runner, which applies the one Telegram policy."""

from __future__ import annotations

from aiogram import Bot

from bot.clock import Clock
from bot.delivery.telegram_policy import Sent
from bot.i18n import I18n
from bot.rules.checkins import in_quiet_hours
from bot.rules.local_time import local_now
from bot.services.accounts import AccountService
from bot.services.checkins import CheckinService
from bot.views.reminder import reminder_screen
from storage.checkins import Checkin


class ReminderSender:
    def __init__(
        self,
        bot: Bot,
        i18n: I18n,
        accounts: AccountService,
        checkins: CheckinService,
        clock: Clock,
    ) -> None:
        self._bot = bot
        self._i18n = i18n
        self._accounts = accounts
        self._checkins = checkins
        self._clock = clock

    async def send(self, checkin: Checkin, late: bool) -> Sent:
        # The person first, unlike the tip and nudge senders, whose services find them:
        # what the reminder says is built for the person (their clients, their zone).
        user = await self._accounts.get(checkin.user_id)
        if user is None:
            return Sent.NOTHING
        if user.is_blocked:
            return Sent.HELD
        reminder = await self._checkins.reminder(user, checkin)
        if reminder is None:
            return Sent.NOTHING
        screen = reminder_screen(self._i18n.get(user.language), reminder, late=late)
        local = local_now(self._clock.now(), user.timezone)
        await self._bot.send_message(
            user.chat_id,
            screen.text,
            reply_markup=screen.keyboard,
            # A late reminder that lands in the night arrives without a sound.
            disable_notification=late and in_quiet_hours(local),
        )
        return Sent.YES
