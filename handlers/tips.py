"""/tips: subscribe or unsubscribe in one tap, how often, at what hour; and the buttons
under every tip ("less often", "unsubscribe")."""

from __future__ import annotations

from datetime import datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.messaging import Screen
from bot.services.tip_rules import TIP_HOURS, Frequency
from bot.services.tips import TipService
from bot.views.common import menu_button
from bot.views.tips import TipAction, TipCb, TipFrequencyCb, TipHourCb
from storage.users import User, UserRepository


def tips_screen(user: User, t: Translator) -> Screen:
    text = t(
        "tips-title",
        enabled="yes" if user.tips_enabled else "no",
        frequency=user.tips_frequency,
        hour=user.tips_hour,
    )
    builder = InlineKeyboardBuilder()
    toggle = TipAction.UNSUBSCRIBE if user.tips_enabled else TipAction.SUBSCRIBE
    builder.button(
        text=t("button-tips-unsubscribe" if user.tips_enabled else "button-tips-subscribe"),
        callback_data=TipCb(action=toggle, screen=True),
    )
    for frequency in Frequency:
        mark = "• " if frequency.value == user.tips_frequency else ""
        builder.button(
            text=mark + t(f"freq-{frequency.value}"),
            callback_data=TipFrequencyCb(frequency=frequency.value),
        )
    builder.button(
        text=t("button-tips-time"), callback_data=TipCb(action=TipAction.TIME, screen=True)
    )
    builder.adjust(1, 3, 1)
    builder.row(menu_button(t))
    return Screen(text, builder.as_markup())


async def _fresh(users: UserRepository, user: User) -> User:
    found = await users.get(user.id)
    assert found is not None  # the middleware created the user for this update
    return found


async def tips_command(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    users: UserRepository,
    tip_planner: TipService,
) -> None:
    """One tap: /tips subscribes a user who is not subscribed, and shows the options."""
    await state.clear()
    if not user.tips_enabled:
        when = await tip_planner.subscribe(user)
        await message.answer(t("tips-subscribed", when=_when(t, when)))
    await tips_screen(await _fresh(users, user), t).answer(message)


def _when(t: Translator, local: datetime) -> str:
    return f"{t.day(local.date())}, {local:%H:%M}"


async def tip_action(
    callback: CallbackQuery,
    callback_data: TipCb,
    user: User,
    t: Translator,
    users: UserRepository,
    tip_planner: TipService,
) -> None:
    action = callback_data.action
    if action is TipAction.TIME:
        await callback.answer()
        builder = InlineKeyboardBuilder()
        for hour in TIP_HOURS:
            builder.button(text=f"{hour}:00", callback_data=TipHourCb(hour=hour))
        builder.adjust(5)
        await Screen(t("tips-time-ask"), builder.as_markup()).show(callback)
        return
    if action is TipAction.SUBSCRIBE:
        when = await tip_planner.subscribe(user)
        await callback.answer(t("tips-subscribed", when=_when(t, when)), show_alert=True)
    elif action is TipAction.UNSUBSCRIBE:
        await tip_planner.unsubscribe(user)
        await callback.answer(t("tips-unsubscribed"), show_alert=True)
    elif action is TipAction.LESS:
        rarer = await tip_planner.less_often(user)
        if rarer is None:
            await callback.answer(t("tips-already-weekly"), show_alert=True)
        else:
            await callback.answer(t("tips-frequency-set", frequency=rarer.value), show_alert=True)
    if callback_data.screen:  # under a tip, the tip itself stays as it is
        await tips_screen(await _fresh(users, user), t).show(callback)


async def frequency_chosen(
    callback: CallbackQuery,
    callback_data: TipFrequencyCb,
    user: User,
    t: Translator,
    tip_planner: TipService,
) -> None:
    if callback_data.frequency not in {f.value for f in Frequency}:
        await callback.answer(t("stale-button"), show_alert=True)
        return
    frequency = Frequency(callback_data.frequency)
    fresh = await tip_planner.set_frequency(user, frequency)
    await callback.answer(t("tips-frequency-set", frequency=frequency.value))
    await tips_screen(fresh, t).show(callback)


async def hour_chosen(
    callback: CallbackQuery,
    callback_data: TipHourCb,
    user: User,
    t: Translator,
    tip_planner: TipService,
) -> None:
    if callback_data.hour not in TIP_HOURS:
        await callback.answer(t("stale-button"), show_alert=True)
        return
    fresh = await tip_planner.set_hour(user, callback_data.hour)
    await callback.answer()
    await tips_screen(fresh, t).show(callback)


def create_router() -> Router:
    router = Router(name="tips")
    router.message.register(tips_command, Command("tips"))
    router.callback_query.register(tip_action, TipCb.filter())
    router.callback_query.register(frequency_chosen, TipFrequencyCb.filter())
    router.callback_query.register(hour_chosen, TipHourCb.filter())
    return router
