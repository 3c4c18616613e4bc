"""/export and /delete_me: people take their data with them, or erase it."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.i18n import Translator
from bot.messaging import Screen
from bot.services.export import build_export
from bot.views.common import Nav, NavCb
from bot.views.my_data import DeleteMeCb
from storage.user_data import UserDataRepository
from storage.users import User

logger = logging.getLogger(__name__)


async def export_command(
    message: Message, user: User, t: Translator, user_data: UserDataRepository, clock: Clock
) -> None:
    tables = await user_data.collect(user.id)
    archive = build_export(tables, clock.now())
    await message.answer_document(
        BufferedInputFile(archive, filename="partner-coach-export.zip"),
        caption=t("export-caption"),
    )


async def delete_me_command(message: Message, state: FSMContext, t: Translator) -> None:
    await state.clear()
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-delete-me-yes"), callback_data=DeleteMeCb())
    builder.button(text=t("button-delete-me-no"), callback_data=NavCb(to=Nav.MENU))
    builder.adjust(1)
    await message.answer(t("delete-me-confirm"), reply_markup=builder.as_markup())


async def delete_me_confirmed(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    user_data: UserDataRepository,
) -> None:  # fmt: skip
    await state.clear()
    await user_data.erase(user.id)
    logger.info("User %s erased their data", user.id)
    await callback.answer()
    await Screen(t("delete-me-done")).show(callback)


def create_router() -> Router:
    router = Router(name="my_data")
    router.message.register(export_command, Command("export"))
    router.message.register(delete_me_command, Command("delete_me"))
    router.callback_query.register(delete_me_confirmed, DeleteMeCb.filter())
    return router
