"""/settings: language, time zone, check-in hour and tips."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import I18n
from bot.reading.zones import CityIndex, is_known_zone
from bot.rules.checkins import CHECKIN_HOURS
from bot.services.accounts import AccountService
from bot.services.tips import TipService
from bot.telegram.context import Ctx
from bot.telegram.input import TYPED_TEXT, media_kind, zone_answer
from bot.telegram.menus import set_chat_menu
from bot.views.common import Nav, NavCb
from bot.views.screen import Screen
from bot.views.settings import (
    CheckinHourCb,
    LanguageCb,
    SettingsAction,
    SettingsCb,
    checkin_hour_screen,
    language_screen,
    settings_screen,
    zone_question,
)
from bot.views.zones import ZoneBackCb, ZoneCb, not_a_zone, zone_facts, zone_picker

logger = logging.getLogger(__name__)


class SettingsFlow(StatesGroup):
    timezone = State()


async def show_settings(_: object, ctx: Ctx, clock: Clock) -> None:
    """/settings, ⚙️ Settings in the menu, and Back from every settings question."""
    await ctx.state.clear()
    await ctx.reply(settings_screen(ctx.user, ctx.t, clock.now()))


async def ask_language(_: object, ctx: Ctx) -> None:
    await ctx.reply(language_screen(ctx.t))


async def set_language(
    _: object,
    ctx: Ctx,
    callback_data: LanguageCb,
    accounts: AccountService,
    i18n: I18n,
    clock: Clock,
    bot: Bot,
    settings: Settings,
) -> None:
    fresh = await accounts.set_language(ctx.user, callback_data.language)
    t = i18n.get(fresh.language)  # the answer comes in the language just chosen
    try:  # the "/" menu too; the language is changed whether Telegram takes it or not
        await set_chat_menu(bot, t, fresh.chat_id, admin=fresh.id in settings.admin_ids)
    except TelegramAPIError as error:
        logger.warning("The menu of %s stays as it was: %s", fresh.id, error.message)
    ctx.toast(t("settings-language-set"))
    await ctx.reply(settings_screen(fresh, t, clock.now()))


async def ask_timezone(_: object, ctx: Ctx) -> None:
    await ctx.state.set_state(SettingsFlow.timezone)
    await ctx.reply(zone_question(ctx.t))


async def _zone_changed(ctx: Ctx, zone: str, accounts: AccountService, clock: Clock) -> Screen:
    """Pending check-ins and the next tip keep their local time in the new zone."""
    fresh = await accounts.change_zone(ctx.user, zone)
    await ctx.state.clear()
    confirmation = ctx.t("settings-timezone-set", **zone_facts(zone, clock.now()))
    return settings_screen(fresh, ctx.t, clock.now()).after(confirmation)


async def zone_button(
    _: object, ctx: Ctx, callback_data: ZoneCb, accounts: AccountService, clock: Clock
) -> None:
    if not is_known_zone(callback_data.zone):  # forged, or a zone that no longer exists
        ctx.stale()
        return
    await ctx.reply(await _zone_changed(ctx, callback_data.zone, accounts, clock))


async def zone_text(
    _: object, ctx: Ctx, accounts: AccountService, clock: Clock, cities: CityIndex
) -> None:
    zone = await zone_answer(ctx, cities, zone_picker(ctx.t, back=True, cancel=False))
    if zone is None:
        return
    await ctx.reply(await _zone_changed(ctx, zone, accounts, clock))


async def zone_not_text(message: Message, ctx: Ctx) -> None:
    kind = media_kind(message, ctx.t)
    await ctx.send(not_a_zone(ctx.t, kind, back=True, cancel=False))


async def toggle_tips(
    _: object, ctx: Ctx, tips: TipService, accounts: AccountService, clock: Clock
) -> None:
    if ctx.user.tips_enabled:
        fresh = await tips.unsubscribe(ctx.user)
        ctx.toast(ctx.t("settings-tips-off"))
    else:
        await tips.subscribe(ctx.user)
        fresh = await accounts.current(ctx.user)
        ctx.toast(ctx.t("settings-tips-on"))
    await ctx.reply(settings_screen(fresh, ctx.t, clock.now()))


async def ask_checkin_hour(_: object, ctx: Ctx) -> None:
    await ctx.reply(checkin_hour_screen(ctx.t, CHECKIN_HOURS))


async def set_checkin_hour(
    _: object, ctx: Ctx, callback_data: CheckinHourCb, accounts: AccountService, clock: Clock
) -> None:
    if callback_data.hour not in CHECKIN_HOURS:  # quiet hours are never offered
        ctx.stale()
        return
    fresh = await accounts.set_checkin_hour(ctx.user, callback_data.hour)
    ctx.toast(ctx.t("settings-checkin-hour-set", hour=callback_data.hour))
    await ctx.reply(settings_screen(fresh, ctx.t, clock.now()))


def create_router() -> Router:
    router = Router(name="settings")
    router.message.register(show_settings, Command("settings"))
    router.callback_query.register(show_settings, NavCb.filter(F.to == Nav.SETTINGS))
    router.callback_query.register(
        ask_language, SettingsCb.filter(F.action == SettingsAction.LANGUAGE)
    )
    router.callback_query.register(set_language, LanguageCb.filter())
    router.callback_query.register(
        ask_timezone, SettingsCb.filter(F.action == SettingsAction.TIMEZONE)
    )
    router.callback_query.register(toggle_tips, SettingsCb.filter(F.action == SettingsAction.TIPS))
    router.callback_query.register(
        ask_checkin_hour, SettingsCb.filter(F.action == SettingsAction.CHECKIN_HOUR)
    )
    router.callback_query.register(set_checkin_hour, CheckinHourCb.filter())
    router.callback_query.register(zone_button, SettingsFlow.timezone, ZoneCb.filter())
    # Back leads to the settings from any zone picker of theirs, in the step or not (the
    # second tap of a double tap comes after the first one left the step).
    router.callback_query.register(show_settings, ZoneBackCb.filter())
    # Commands keep working in the step; an unknown one meets the fallback.
    router.message.register(zone_text, SettingsFlow.timezone, TYPED_TEXT)
    router.message.register(zone_not_text, SettingsFlow.timezone, ~F.text)
    return router
