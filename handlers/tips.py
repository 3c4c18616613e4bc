"""/tips: subscribe or unsubscribe in one tap, how often, at what hour; and the buttons
under every tip ("less often", "unsubscribe")."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command

from bot.i18n import Translator
from bot.rules.tips import TIP_HOURS
from bot.services.accounts import AccountService
from bot.services.tips import TipService
from bot.telegram.context import Ctx
from bot.views.screen import Screen
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


async def tips_command(_: object, ctx: Ctx, tips: TipService, accounts: AccountService) -> None:
    """One tap: /tips subscribes a user who is not subscribed, and shows the options."""
    await ctx.state.clear()
    if not ctx.user.tips_enabled:
        await ctx.send(Screen(first_tip(ctx.t, await tips.subscribe(ctx.user))))
    await ctx.reply(tips_screen(await accounts.current(ctx.user), ctx.t))


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
    _: object, ctx: Ctx, callback_data: TipCb, tips: TipService, accounts: AccountService
) -> None:
    if callback_data.action is TipAction.TIME:
        await ctx.reply(tip_hour_screen(ctx.t))
        return
    if callback_data.action is TipAction.BACK:
        await ctx.reply(tips_screen(await accounts.current(ctx.user), ctx.t))
        return
    ctx.alert(await _apply(callback_data.action, ctx.user, ctx.t, tips))
    if callback_data.screen:  # under a tip, the tip itself stays as it is
        await ctx.reply(tips_screen(await accounts.current(ctx.user), ctx.t))


async def frequency_chosen(
    _: object, ctx: Ctx, callback_data: TipFrequencyCb, tips: TipService
) -> None:
    fresh = await tips.set_frequency(ctx.user, callback_data.frequency)
    ctx.toast(ctx.t("tips-frequency-set", frequency=callback_data.frequency))
    await ctx.reply(tips_screen(fresh, ctx.t))


async def hour_chosen(_: object, ctx: Ctx, callback_data: TipHourCb, tips: TipService) -> None:
    if callback_data.hour not in TIP_HOURS:  # forged: night hours are never offered
        ctx.stale()
        return
    fresh = await tips.set_hour(ctx.user, callback_data.hour)
    await ctx.reply(tips_screen(fresh, ctx.t))


def create_router() -> Router:
    router = Router(name="tips")
    router.message.register(tips_command, Command("tips"))
    router.callback_query.register(tip_action, TipCb.filter())
    router.callback_query.register(frequency_chosen, TipFrequencyCb.filter())
    router.callback_query.register(hour_chosen, TipHourCb.filter())
    return router
