"""Commands and buttons that work anywhere: /cancel, /help, /menu, Menu, Help, Cancel."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import Nav, NavCb
from bot.i18n import Translator
from bot.keyboards import back_to_menu
from bot.messaging import show
from handlers.menu import menu_screen
from storage.users import User


async def _leave_flow(state: FSMContext, user: User, t: Translator) -> str:
    """Clear the conversation state; say what happened in the user's terms."""
    current = await state.get_state()
    await state.clear()
    if not user.is_onboarded:
        return t("onboarding-cancelled")
    if current is None:
        return t("cancel-nothing")
    # A reflection is a draft in the database: say how to come back to it.
    return t("reflect-cancelled") if current.startswith("ReflectionFlow:") else t("cancel-done")


async def cancel_command(message: Message, state: FSMContext, user: User, t: Translator) -> None:
    text = await _leave_flow(state, user, t)
    if user.is_onboarded:
        await menu_screen(t).after(text).answer(message)
    else:
        await message.answer(text)


async def cancel_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator
) -> None:
    text = await _leave_flow(state, user, t)
    await callback.answer()
    if user.is_onboarded:
        await menu_screen(t).after(text).show(callback)
    else:
        await show(callback, text)


async def help_command(message: Message, t: Translator) -> None:
    await message.answer(t("help-text"), reply_markup=back_to_menu(t))


async def help_button(callback: CallbackQuery, t: Translator) -> None:
    await callback.answer()
    await show(callback, t("help-text"), back_to_menu(t))


async def menu_command(message: Message, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await menu_screen(t).answer(message)


async def menu_button(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await callback.answer()
    await menu_screen(t).show(callback)


def create_router() -> Router:
    router = Router(name="common")
    router.message.register(cancel_command, Command("cancel"))
    router.message.register(help_command, Command("help"))
    router.message.register(menu_command, Command("menu"))
    router.callback_query.register(cancel_button, NavCb.filter(F.to == Nav.CANCEL))
    router.callback_query.register(help_button, NavCb.filter(F.to == Nav.HELP))
    router.callback_query.register(menu_button, NavCb.filter(F.to == Nav.MENU))
    return router
