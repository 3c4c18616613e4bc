"""Whatever no other router took: input a step did not expect, and old buttons."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.telegram.input import stale
from bot.telegram.sending import remove_keyboard
from bot.views.common import menu_screen
from storage.users import User

logger = logging.getLogger(__name__)


async def unexpected_in_flow(message: Message, t: Translator) -> None:
    """The current step waits for a button; nothing is changed."""
    await message.answer(t("expects-button"))


async def unexpected_outside_flow(message: Message, user: User, t: Translator) -> None:
    if not user.is_onboarded:
        await message.answer(t("onboarding-cancelled"))
        return
    await menu_screen(t).after(t("unknown-input")).answer(message)


async def stale_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    user: User,
    t: Translator,
) -> None:
    """A button whose step has passed, or a payload we do not know (old or forged)."""
    logger.info("Stale or unknown button from user %s: %r", user.id, callback.data)
    stale(callback_answer, t)
    await remove_keyboard(callback)  # the buttons on that message can only mislead now
    in_flow = await state.get_state() is not None
    if not in_flow and user.is_onboarded:
        await menu_screen(t).below(callback)


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unexpected_in_flow, ~StateFilter(None))
    router.message.register(unexpected_outside_flow)
    router.callback_query.register(stale_button)
    return router
