"""/start and the first-run questions: time zone, then tips."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandStart
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.clock import Clock
from bot.config import Settings
from bot.reading.zones import CityIndex, is_known_zone
from bot.services.accounts import AccountService
from bot.telegram.context import Ctx
from bot.telegram.input import media_kind, zone_answer
from bot.telegram.menus import set_admin_menu
from bot.views.client_answers import ClientJoinCb
from bot.views.common import menu_screen
from bot.views.onboarding import TipsBackCb, TipsCb, tips_answered, tips_screen, zone_question
from bot.views.screen import Screen
from bot.views.zones import ZoneCb, not_a_zone, zone_facts, zone_picker


class Onboarding(StatesGroup):
    timezone = State()
    tips = State()


async def start(_: object, ctx: Ctx, bot: Bot, settings: Settings) -> None:
    if ctx.user.id in settings.admin_ids:
        # Telegram refuses an admin's own menu until they have started the bot, so the
        # one set at the bot's start may be missing: set it now, in their language.
        await set_admin_menu(bot, ctx.t, ctx.user.id)
    if ctx.user.is_onboarded:
        await ctx.state.clear()
        await ctx.reply(menu_screen(ctx.t))
        return
    await ctx.state.set_state(Onboarding.timezone)
    sender = ctx.event.from_user
    await ctx.remove_keyboard()  # a client's "use it for my work": that button is done
    await ctx.say("start-welcome", name=sender.first_name if sender else "")
    await ctx.send(zone_question(ctx.t))


async def _zone_chosen(ctx: Ctx, zone: str, accounts: AccountService, clock: Clock) -> None:
    await accounts.change_zone(ctx.user, zone)
    await ctx.state.set_state(Onboarding.tips)
    confirmation = ctx.t("onboarding-timezone-set", **zone_facts(zone, clock.now()))
    if ctx.pressed is not None:
        await ctx.close_keyboard(confirmation)  # the question stays, answered
    else:
        await ctx.send(Screen(confirmation))
    await ctx.send(tips_screen(ctx.t))


async def zone_button(
    _: object, ctx: Ctx, callback_data: ZoneCb, accounts: AccountService, clock: Clock
) -> None:
    if not is_known_zone(callback_data.zone):
        ctx.stale()
        return
    await _zone_chosen(ctx, callback_data.zone, accounts, clock)


async def zone_text(
    _: object, ctx: Ctx, accounts: AccountService, clock: Clock, cities: CityIndex
) -> None:
    zone = await zone_answer(ctx, cities, zone_picker(ctx.t, back=False, cancel=True))
    if zone is not None:
        await _zone_chosen(ctx, zone, accounts, clock)


async def zone_not_text(message: Message, ctx: Ctx) -> None:
    kind = media_kind(message, ctx.t)
    await ctx.send(not_a_zone(ctx.t, kind, back=False, cancel=True))


async def tips_button(_: object, ctx: Ctx, callback_data: TipsCb, accounts: AccountService) -> None:
    await accounts.finish_onboarding(ctx.user, tips=callback_data.enabled)
    await ctx.state.clear()
    await ctx.close_keyboard(tips_answered(ctx.t, enabled=callback_data.enabled))
    await ctx.send(menu_screen(ctx.t).after(ctx.t("onboarding-done")))


async def tips_back(_: object, ctx: Ctx) -> None:
    await ctx.state.set_state(Onboarding.timezone)
    await ctx.reply(zone_question(ctx.t))


def create_router() -> Router:
    router = Router(name="onboarding")
    router.message.register(start, CommandStart())
    # A freelancer's client who chose to use the bot for their own work: a user now.
    router.callback_query.register(start, ClientJoinCb.filter())
    router.callback_query.register(zone_button, Onboarding.timezone, ZoneCb.filter())
    router.message.register(zone_text, Onboarding.timezone, F.text)
    router.message.register(zone_not_text, Onboarding.timezone)
    router.callback_query.register(tips_button, Onboarding.tips, TipsCb.filter())
    router.callback_query.register(tips_back, Onboarding.tips, TipsBackCb.filter())
    return router
