"""/start and the first-run questions: time zone, then tips."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.i18n import Translator
from bot.messaging import close_keyboard, show
from bot.services.timezones import CityIndex, is_known_zone
from bot.services.tips import TipService
from bot.views.common import menu_screen
from bot.views.input import media_kind, read_zone
from bot.views.onboarding import TipsBackCb, TipsCb, tips_question
from bot.views.zones import ZoneCb, zone_facts, zone_picker
from storage.users import User, UserRepository


class Onboarding(StatesGroup):
    timezone = State()
    tips = State()


async def start(message: Message, state: FSMContext, user: User, t: Translator) -> None:
    if user.is_onboarded:
        await state.clear()
        await menu_screen(t).answer(message)
        return
    await state.set_state(Onboarding.timezone)
    name = message.from_user.first_name if message.from_user else ""
    await message.answer(t("start-welcome", name=name))
    await message.answer(
        t("onboarding-timezone-ask"), reply_markup=zone_picker(t, back=False, cancel=True)
    )


async def zone_button(
    callback: CallbackQuery,
    callback_data: ZoneCb,
    state: FSMContext,
    user: User,
    t: Translator,
    users: UserRepository,
    clock: Clock,
) -> None:
    if not is_known_zone(callback_data.zone):
        await callback.answer(t("stale-button"), show_alert=True)
        return
    await callback.answer()
    await users.set_timezone(user.id, callback_data.zone, clock.now())
    confirmation = t("onboarding-timezone-set", **zone_facts(callback_data.zone, clock.now()))
    await close_keyboard(callback, confirmation)
    await state.set_state(Onboarding.tips)
    if isinstance(callback.message, Message):
        await callback.message.answer(t("onboarding-tips-ask"), reply_markup=tips_question(t))


async def zone_text(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    users: UserRepository,
    clock: Clock,
    cities: CityIndex,
) -> None:
    zone = await read_zone(message, t, cities, zone_picker(t, back=False, cancel=True))
    if zone is None:
        return
    await users.set_timezone(user.id, zone, clock.now())
    await state.set_state(Onboarding.tips)
    await message.answer(t("onboarding-timezone-set", **zone_facts(zone, clock.now())))
    await message.answer(t("onboarding-tips-ask"), reply_markup=tips_question(t))


async def zone_not_text(message: Message, t: Translator) -> None:
    await message.answer(
        t("timezone-not-text", kind=media_kind(message, t)),
        reply_markup=zone_picker(t, back=False, cancel=True),
    )


async def tips_button(
    callback: CallbackQuery,
    callback_data: TipsCb,
    state: FSMContext,
    user: User,
    t: Translator,
    users: UserRepository,
    tip_planner: TipService,
    clock: Clock,
) -> None:
    await callback.answer()
    if callback_data.enabled:
        await tip_planner.subscribe(user)
    else:
        await users.set_tips(user.id, False, clock.now())
    await users.finish_onboarding(user.id, clock.now())
    await state.clear()
    answer = t("button-tips-yes") if callback_data.enabled else t("button-tips-no")
    await close_keyboard(callback, f"{t('onboarding-tips-ask')}\n\n<i>{answer}</i>")
    if isinstance(callback.message, Message):
        await menu_screen(t).after(t("onboarding-done")).answer(callback.message)


async def tips_back(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await callback.answer()
    await state.set_state(Onboarding.timezone)
    await show(callback, t("onboarding-timezone-ask"), zone_picker(t, back=False, cancel=True))


def create_router() -> Router:
    router = Router(name="onboarding")
    router.message.register(start, CommandStart())
    router.callback_query.register(zone_button, Onboarding.timezone, ZoneCb.filter())
    router.message.register(zone_text, Onboarding.timezone, F.text)
    router.message.register(zone_not_text, Onboarding.timezone)
    router.callback_query.register(tips_button, Onboarding.tips, TipsCb.filter())
    router.callback_query.register(tips_back, Onboarding.tips, TipsBackCb.filter())
    return router
