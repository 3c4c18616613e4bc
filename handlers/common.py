"""Commands and buttons that work anywhere: /cancel, /help, /menu, Menu, Help, Cancel."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.views.common import Nav, NavCb, back_to_menu, menu_screen
from bot.views.screen import Screen
from storage.users import User


async def _leave_flow(state: FSMContext, user: User, t: Translator) -> Screen:
    """Clear the conversation state; say what happened in the user's terms."""
    current = await state.get_state()
    await state.clear()
    if not user.is_onboarded:
        return Screen(t("onboarding-cancelled"))
    if current is None:
        notice = t("cancel-nothing")
    elif current.startswith("ReflectionFlow:"):
        # A reflection is a draft in the database: say how to come back to it.
        notice = t("reflect-cancelled")
    else:
        notice = t("cancel-done")
    return menu_screen(t).after(notice)


async def cancel(target: Message | CallbackQuery, state: FSMContext, user: User,
                 t: Translator) -> None:  # fmt: skip
    await (await _leave_flow(state, user, t)).reply(target)


async def help_screen(target: Message | CallbackQuery, t: Translator) -> None:
    await Screen(t("help-text"), back_to_menu(t)).reply(target)


async def menu(target: Message | CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await menu_screen(t).reply(target)


def create_router() -> Router:
    router = Router(name="common")
    router.message.register(cancel, Command("cancel"))
    router.message.register(help_screen, Command("help"))
    router.message.register(menu, Command("menu"))
    router.callback_query.register(cancel, NavCb.filter(F.to == Nav.CANCEL))
    router.callback_query.register(help_screen, NavCb.filter(F.to == Nav.HELP))
    router.callback_query.register(menu, NavCb.filter(F.to == Nav.MENU))
    return router
