"""Sends one due tip: the next unseen tip, preferring the user's weakest reflection
dimension, with "less often" and "unsubscribe" buttons; then plans the one after."""

from __future__ import annotations

from aiogram import Bot
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import TipAction, TipCb
from bot.clock import Clock
from bot.i18n import I18n
from bot.services.stats import dimension_averages
from bot.services.tip_planner import TipPlanner
from bot.services.tip_rules import choose_tip
from storage.reflections import ReflectionRepository
from storage.tips import TipDelivery, TipRepository
from storage.users import UserRepository


class TipSender:
    def __init__(
        self,
        bot: Bot,
        i18n: I18n,
        users: UserRepository,
        tips: TipRepository,
        reflections: ReflectionRepository,
        planner: TipPlanner,
        clock: Clock,
    ) -> None:
        self._bot = bot
        self._i18n = i18n
        self._users = users
        self._tips = tips
        self._reflections = reflections
        self._planner = planner
        self._clock = clock

    async def __call__(self, delivery: TipDelivery, late: bool) -> None:
        user = await self._users.get(delivery.user_id)
        if user is None or user.is_blocked or not user.tips_enabled:
            return
        averages = dimension_averages(await self._reflections.done_values(user.id))
        weakest = min(averages, key=lambda d: averages[d]) if averages else None
        tip, went_round = choose_tip(await self._tips.seen(user.id), weakest)
        t = self._i18n.get(user.language)
        builder = InlineKeyboardBuilder()
        builder.button(text=t("button-tip-less-often"), callback_data=TipCb(action=TipAction.LESS))
        builder.button(
            text=t("button-tip-unsubscribe"), callback_data=TipCb(action=TipAction.UNSUBSCRIBE)
        )
        await self._bot.send_message(
            user.chat_id, f"{t('tip-title')}\n\n{t(tip.key)}", reply_markup=builder.as_markup()
        )
        if went_round:
            await self._tips.reset_seen(user.id)
        await self._tips.mark_seen(user.id, tip.id, self._clock.now())
        await self._tips.record_tip(delivery.id, tip.id)
        await self._planner.schedule_next(user, after=delivery.local_due)
