"""/settings: language, time zone and tips."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.i18n import LANGUAGES, I18n, Translator
from bot.messaging import Screen, show
from bot.services.checkin_rules import CHECKIN_HOURS
from bot.services.checkins import CheckinService
from bot.services.timezones import CityIndex, is_known_zone
from bot.services.tips import TipService
from bot.views.common import Nav, NavCb
from bot.views.input import media_kind, read_zone
from bot.views.settings import (
    LANGUAGE_NAMES,
    CheckinHourCb,
    LanguageCb,
    SettingsAction,
    SettingsCb,
    hour_picker,
    language_picker,
    settings_menu,
)
from bot.views.zones import ZoneBackCb, ZoneCb, zone_facts, zone_picker
from storage.users import User, UserRepository


class SettingsFlow(StatesGroup):
    timezone = State()


def settings_screen(user: User, t: Translator, clock: Clock) -> Screen:
    facts = zone_facts(user.timezone, clock.now())
    text = t(
        "settings-title",
        language=LANGUAGE_NAMES[user.language],
        zone=facts["zone"],
        offset=facts["offset"],
        tips="on" if user.tips_enabled else "off",
        hour=user.checkin_hour,
    )
    return Screen(text, settings_menu(t, tips_enabled=user.tips_enabled))


async def _reload(users: UserRepository, user: User) -> User:
    fresh = await users.get(user.id)
    assert fresh is not None  # the middleware created the user for this update
    return fresh


async def settings_command(
    message: Message, state: FSMContext, user: User, t: Translator, clock: Clock
) -> None:
    await state.clear()
    await settings_screen(user, t, clock).answer(message)


async def settings_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator, clock: Clock
) -> None:
    await state.clear()
    await callback.answer()
    await settings_screen(user, t, clock).show(callback)


async def ask_language(callback: CallbackQuery, t: Translator) -> None:
    await callback.answer()
    await show(callback, t("settings-language-ask"), language_picker(t))


async def set_language(
    callback: CallbackQuery,
    callback_data: LanguageCb,
    user: User,
    t: Translator,
    users: UserRepository,
    i18n: I18n,
    clock: Clock,
) -> None:
    if callback_data.language not in LANGUAGES:
        await callback.answer(t("stale-button"), show_alert=True)
        return
    await users.set_language(user.id, callback_data.language, clock.now())
    user = await _reload(users, user)
    t = i18n.get(user.language)
    await callback.answer(t("settings-language-set"))
    await settings_screen(user, t, clock).show(callback)


async def ask_timezone(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.set_state(SettingsFlow.timezone)
    await callback.answer()
    await show(callback, t("settings-timezone-ask"), zone_picker(t, back=True, cancel=False))


async def _zone_changed(
    user: User,
    zone: str,
    state: FSMContext,
    t: Translator,
    users: UserRepository,
    clock: Clock,
    planner: CheckinService,
    tip_planner: TipService,
) -> Screen:
    await users.set_timezone(user.id, zone, clock.now())
    await state.clear()
    user = await _reload(users, user)
    # Pending check-ins and the next tip keep their local time in the new zone.
    await planner.retime(user)
    await tip_planner.retime(user)
    confirmation = t("settings-timezone-set", **zone_facts(zone, clock.now()))
    return settings_screen(user, t, clock).after(confirmation)


async def zone_button(
    callback: CallbackQuery,
    callback_data: ZoneCb,
    state: FSMContext,
    user: User,
    t: Translator,
    users: UserRepository,
    clock: Clock,
    planner: CheckinService,
    tip_planner: TipService,
) -> None:
    if not is_known_zone(callback_data.zone):
        await callback.answer(t("stale-button"), show_alert=True)
        return
    await callback.answer()
    screen = await _zone_changed(
        user, callback_data.zone, state, t, users, clock, planner, tip_planner
    )
    await screen.show(callback)


async def zone_text(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    users: UserRepository,
    clock: Clock,
    cities: CityIndex,
    planner: CheckinService,
    tip_planner: TipService,
) -> None:
    zone = await read_zone(message, t, cities, zone_picker(t, back=True, cancel=False))
    if zone is None:
        return
    screen = await _zone_changed(user, zone, state, t, users, clock, planner, tip_planner)
    await screen.answer(message)


async def zone_not_text(message: Message, t: Translator) -> None:
    await message.answer(
        t("timezone-not-text", kind=media_kind(message, t)),
        reply_markup=zone_picker(t, back=True, cancel=False),
    )


async def zone_back(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator, clock: Clock
) -> None:
    await settings_button(callback, state, user, t, clock)


async def toggle_tips(
    callback: CallbackQuery,
    user: User,
    t: Translator,
    users: UserRepository,
    tip_planner: TipService,
    clock: Clock,
) -> None:
    enabled = not user.tips_enabled
    if enabled:
        await tip_planner.subscribe(user)
    else:
        await tip_planner.unsubscribe(user)
    await callback.answer(t("settings-tips-on" if enabled else "settings-tips-off"))
    await settings_screen(await _reload(users, user), t, clock).show(callback)


async def ask_checkin_hour(callback: CallbackQuery, t: Translator) -> None:
    await callback.answer()
    await Screen(t("settings-checkin-hour-ask"), hour_picker(t, CHECKIN_HOURS)).show(callback)


async def set_checkin_hour(
    callback: CallbackQuery,
    callback_data: CheckinHourCb,
    user: User,
    t: Translator,
    users: UserRepository,
    planner: CheckinService,
    clock: Clock,
) -> None:
    if callback_data.hour not in CHECKIN_HOURS:  # quiet hours are not offered
        await callback.answer(t("stale-button"), show_alert=True)
        return
    await users.set_checkin_hour(user.id, callback_data.hour, clock.now())
    user = await _reload(users, user)
    await planner.retime(user)
    await callback.answer(t("settings-checkin-hour-set", hour=callback_data.hour))
    await settings_screen(user, t, clock).show(callback)


def create_router() -> Router:
    router = Router(name="settings")
    router.message.register(settings_command, Command("settings"))
    router.callback_query.register(settings_button, NavCb.filter(F.to == Nav.SETTINGS))
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
    router.callback_query.register(zone_back, SettingsFlow.timezone, ZoneBackCb.filter())
    router.message.register(zone_text, SettingsFlow.timezone, F.text)
    router.message.register(zone_not_text, SettingsFlow.timezone)
    return router
