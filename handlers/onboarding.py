"""/start and the first-run questions: time zone, then tips."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Translator
from bot.reading.zones import CityIndex, is_known_zone
from bot.services.accounts import AccountService
from bot.telegram.input import media_kind, read_zone, stale
from bot.telegram.menus import set_admin_menu
from bot.telegram.sending import close_keyboard
from bot.views.common import menu_screen
from bot.views.onboarding import TipsBackCb, TipsCb, tips_question
from bot.views.screen import Screen
from bot.views.zones import ZoneCb, zone_facts, zone_picker
from storage.users import User


class Onboarding(StatesGroup):
    timezone = State()
    tips = State()


def _zone_question(t: Translator) -> Screen:
    return Screen(t("onboarding-timezone-ask"), zone_picker(t, back=False, cancel=True))


async def start(
    message: Message, state: FSMContext, user: User, t: Translator, bot: Bot, settings: Settings
) -> None:
    if user.id in settings.admin_ids:
        # Telegram refuses an admin's own menu until they have started the bot, so the
        # one set at the bot's start may be missing: set it now, in their language.
        await set_admin_menu(bot, t, user.id)
    if user.is_onboarded:
        await state.clear()
        await menu_screen(t).answer(message)
        return
    await state.set_state(Onboarding.timezone)
    name = message.from_user.first_name if message.from_user else ""
    await message.answer(t("start-welcome", name=name))
    await _zone_question(t).answer(message)


async def _zone_chosen(
    target: Message | CallbackQuery, zone: str, state: FSMContext, user: User, t: Translator,
    accounts: AccountService, clock: Clock,
) -> None:  # fmt: skip
    await accounts.change_zone(user, zone)
    await state.set_state(Onboarding.tips)
    confirmation = t("onboarding-timezone-set", **zone_facts(zone, clock.now()))
    if isinstance(target, CallbackQuery):
        await close_keyboard(target, confirmation)  # the question stays, answered
    else:
        await target.answer(confirmation)
    await Screen(t("onboarding-tips-ask"), tips_question(t)).below(target)


async def zone_button(
    callback: CallbackQuery, callback_data: ZoneCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, accounts: AccountService, clock: Clock,
) -> None:  # fmt: skip
    if not is_known_zone(callback_data.zone):
        stale(callback_answer, t)
        return
    await _zone_chosen(callback, callback_data.zone, state, user, t, accounts, clock)


async def zone_text(
    message: Message, state: FSMContext, user: User, t: Translator, accounts: AccountService,
    clock: Clock, cities: CityIndex,
) -> None:  # fmt: skip
    zone = await read_zone(message, t, cities, zone_picker(t, back=False, cancel=True))
    if zone is not None:
        await _zone_chosen(message, zone, state, user, t, accounts, clock)


async def zone_not_text(message: Message, t: Translator) -> None:
    await message.answer(
        t("timezone-not-text", kind=media_kind(message, t)),
        reply_markup=zone_picker(t, back=False, cancel=True),
    )


async def tips_button(
    callback: CallbackQuery, callback_data: TipsCb, state: FSMContext, user: User,
    t: Translator, accounts: AccountService,
) -> None:  # fmt: skip
    await accounts.finish_onboarding(user, tips=callback_data.enabled)
    await state.clear()
    answer = t("button-tips-yes") if callback_data.enabled else t("button-tips-no")
    await close_keyboard(callback, f"{t('onboarding-tips-ask')}\n\n<i>{answer}</i>")
    await menu_screen(t).after(t("onboarding-done")).below(callback)


async def tips_back(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.set_state(Onboarding.timezone)
    await _zone_question(t).show(callback)


def create_router() -> Router:
    router = Router(name="onboarding")
    router.message.register(start, CommandStart())
    router.callback_query.register(zone_button, Onboarding.timezone, ZoneCb.filter())
    router.message.register(zone_text, Onboarding.timezone, F.text)
    router.message.register(zone_not_text, Onboarding.timezone)
    router.callback_query.register(tips_button, Onboarding.tips, TipsCb.filter())
    router.callback_query.register(tips_back, Onboarding.tips, TipsBackCb.filter())
    return router
