"""/export and /delete_me: people take their data with them, or erase it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.services.accounts import AccountService
from bot.views.my_data import DeleteMeCb, delete_me_question, erased, export_file
from storage.users import User


async def export_command(
    message: Message, user: User, t: Translator, accounts: AccountService
) -> None:
    archive = await accounts.export(user)
    await message.answer_document(export_file(archive), caption=t("export-caption"))


async def delete_me_command(message: Message, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await delete_me_question(t).answer(message)


async def delete_me_confirmed(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    accounts: AccountService,
) -> None:  # fmt: skip
    await state.clear()
    await accounts.erase(user)
    await erased(t).show(callback)


def create_router() -> Router:
    router = Router(name="my_data")
    router.message.register(export_command, Command("export"))
    router.message.register(delete_me_command, Command("delete_me"))
    router.callback_query.register(delete_me_confirmed, DeleteMeCb.filter())
    return router
