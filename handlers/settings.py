"""/settings: language, time zone, check-in hour and tips."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.i18n import I18n, Translator
from bot.reading.zones import CityIndex, is_known_zone
from bot.rules.checkins import CHECKIN_HOURS
from bot.services.accounts import AccountService
from bot.services.tips import TipService
from bot.telegram.input import TYPED_TEXT, media_kind, read_zone, stale
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
from bot.views.zones import ZoneBackCb, ZoneCb, zone_facts, zone_picker
from storage.users import User


class SettingsFlow(StatesGroup):
    timezone = State()


async def settings_command(
    message: Message, state: FSMContext, user: User, t: Translator, clock: Clock
) -> None:
    await state.clear()
    await settings_screen(user, t, clock.now()).answer(message)


async def settings_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator, clock: Clock
) -> None:
    """⚙️ Settings in the menu, and Back from every settings question."""
    await state.clear()
    await settings_screen(user, t, clock.now()).show(callback)


async def ask_language(callback: CallbackQuery, t: Translator) -> None:
    await language_screen(t).show(callback)


async def set_language(
    callback: CallbackQuery, callback_data: LanguageCb, callback_answer: CallbackAnswer,
    user: User, accounts: AccountService, i18n: I18n, clock: Clock,
) -> None:  # fmt: skip
    fresh = await accounts.set_language(user, callback_data.language)
    t = i18n.get(fresh.language)  # the answer comes in the language just chosen
    callback_answer.text = t("settings-language-set")
    await settings_screen(fresh, t, clock.now()).show(callback)


async def ask_timezone(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.set_state(SettingsFlow.timezone)
    await zone_question(t).show(callback)


async def _zone_changed(
    user: User, zone: str, state: FSMContext, t: Translator, accounts: AccountService, clock: Clock
) -> Screen:
    """Pending check-ins and the next tip keep their local time in the new zone."""
    fresh = await accounts.change_zone(user, zone)
    await state.clear()
    confirmation = t("settings-timezone-set", **zone_facts(zone, clock.now()))
    return settings_screen(fresh, t, clock.now()).after(confirmation)


async def zone_button(
    callback: CallbackQuery, callback_data: ZoneCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, accounts: AccountService, clock: Clock,
) -> None:  # fmt: skip
    if not is_known_zone(callback_data.zone):  # forged, or a zone that no longer exists
        stale(callback_answer, t)
        return
    screen = await _zone_changed(user, callback_data.zone, state, t, accounts, clock)
    await screen.show(callback)


async def zone_text(
    message: Message, state: FSMContext, user: User, t: Translator, accounts: AccountService,
    clock: Clock, cities: CityIndex,
) -> None:  # fmt: skip
    zone = await read_zone(message, t, cities, zone_picker(t, back=True, cancel=False))
    if zone is None:
        return
    screen = await _zone_changed(user, zone, state, t, accounts, clock)
    await screen.answer(message)


async def zone_not_text(message: Message, t: Translator) -> None:
    await message.answer(
        t("timezone-not-text", kind=media_kind(message, t)),
        reply_markup=zone_picker(t, back=True, cancel=False),
    )


async def toggle_tips(
    callback: CallbackQuery, callback_answer: CallbackAnswer, user: User, t: Translator,
    tips: TipService, accounts: AccountService, clock: Clock,
) -> None:  # fmt: skip
    if user.tips_enabled:
        fresh = await tips.unsubscribe(user)
        callback_answer.text = t("settings-tips-off")
    else:
        await tips.subscribe(user)
        fresh = await _current(accounts, user)
        callback_answer.text = t("settings-tips-on")
    await settings_screen(fresh, t, clock.now()).show(callback)


async def _current(accounts: AccountService, user: User) -> User:
    fresh = await accounts.get(user.id)
    assert fresh is not None  # the middleware created the user for this update
    return fresh


async def ask_checkin_hour(callback: CallbackQuery, t: Translator) -> None:
    await checkin_hour_screen(t, CHECKIN_HOURS).show(callback)


async def set_checkin_hour(
    callback: CallbackQuery, callback_data: CheckinHourCb, callback_answer: CallbackAnswer,
    user: User, t: Translator, accounts: AccountService, clock: Clock,
) -> None:  # fmt: skip
    if callback_data.hour not in CHECKIN_HOURS:  # quiet hours are never offered
        stale(callback_answer, t)
        return
    fresh = await accounts.set_checkin_hour(user, callback_data.hour)
    callback_answer.text = t("settings-checkin-hour-set", hour=callback_data.hour)
    await settings_screen(fresh, t, clock.now()).show(callback)


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
    # Back leads to the settings from any zone picker of theirs, in the step or not (the
    # second tap of a double tap comes after the first one left the step).
    router.callback_query.register(settings_button, ZoneBackCb.filter())
    # Commands keep working in the step; an unknown one meets the fallback.
    router.message.register(zone_text, SettingsFlow.timezone, TYPED_TEXT)
    router.message.register(zone_not_text, SettingsFlow.timezone, ~F.text)
    return router
