"""/tips: subscribe or unsubscribe in one tap, how often, at what hour; and the buttons
under every tip ("less often", "unsubscribe")."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.rules.tips import TIP_HOURS
from bot.services.accounts import AccountService
from bot.services.tips import TipService
from bot.telegram.input import stale
from bot.views.tips import (
    TipAction,
    TipCb,
    TipFrequencyCb,
    TipHourCb,
    first_tip,
    tip_hour_screen,
    tips_screen,
)
from storage.users import User


async def _current(accounts: AccountService, user: User) -> User:
    fresh = await accounts.get(user.id)
    assert fresh is not None  # the middleware created the user for this update
    return fresh


async def tips_command(
    message: Message, state: FSMContext, user: User, t: Translator, tips: TipService,
    accounts: AccountService,
) -> None:  # fmt: skip
    """One tap: /tips subscribes a user who is not subscribed, and shows the options."""
    await state.clear()
    if not user.tips_enabled:
        await message.answer(first_tip(t, await tips.subscribe(user)))
    await tips_screen(await _current(accounts, user), t).answer(message)


async def _apply(action: TipAction, user: User, t: Translator, tips: TipService) -> str:
    """Subscribe, unsubscribe or one step rarer; returns what to tell the user."""
    if action is TipAction.SUBSCRIBE:
        return first_tip(t, await tips.subscribe(user))
    if action is TipAction.UNSUBSCRIBE:
        await tips.unsubscribe(user)
        return t("tips-unsubscribed")
    rarer = await tips.less_often(user)
    if rarer is None:
        return t("tips-already-weekly")
    return t("tips-frequency-set", frequency=rarer)


async def tip_action(
    callback: CallbackQuery, callback_data: TipCb, callback_answer: CallbackAnswer, user: User,
    t: Translator, tips: TipService, accounts: AccountService,
) -> None:  # fmt: skip
    if callback_data.action is TipAction.TIME:
        await tip_hour_screen(t).show(callback)
        return
    callback_answer.text = await _apply(callback_data.action, user, t, tips)
    callback_answer.show_alert = True
    if callback_data.screen:  # under a tip, the tip itself stays as it is
        await tips_screen(await _current(accounts, user), t).show(callback)


async def frequency_chosen(
    callback: CallbackQuery, callback_data: TipFrequencyCb, callback_answer: CallbackAnswer,
    user: User, t: Translator, tips: TipService,
) -> None:  # fmt: skip
    fresh = await tips.set_frequency(user, callback_data.frequency)
    callback_answer.text = t("tips-frequency-set", frequency=callback_data.frequency)
    await tips_screen(fresh, t).show(callback)


async def hour_chosen(
    callback: CallbackQuery, callback_data: TipHourCb, callback_answer: CallbackAnswer,
    user: User, t: Translator, tips: TipService,
) -> None:  # fmt: skip
    if callback_data.hour not in TIP_HOURS:  # forged: night hours are never offered
        stale(callback_answer, t)
        return
    fresh = await tips.set_hour(user, callback_data.hour)
    await tips_screen(fresh, t).show(callback)


def create_router() -> Router:
    router = Router(name="tips")
    router.message.register(tips_command, Command("tips"))
    router.callback_query.register(tip_action, TipCb.filter())
    router.callback_query.register(frequency_chosen, TipFrequencyCb.filter())
    router.callback_query.register(hour_chosen, TipHourCb.filter())
    return router
