"""/export and /delete_me."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.views.common import Nav, NavCb
from bot.views.screen import Screen

EXPORT_FILENAME = "partner-coach-export.zip"


class DeleteMeCb(CallbackData, prefix="dm1"):
    pass


def export_file(archive: bytes) -> BufferedInputFile:
    return BufferedInputFile(archive, filename=EXPORT_FILENAME)


def delete_me_question(t: Translator) -> Screen:
    """What is erased, and a last chance to keep it: No goes back to the menu."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-delete-me-yes"), callback_data=DeleteMeCb())
    builder.button(text=t("button-delete-me-no"), callback_data=NavCb(to=Nav.MENU))
    builder.adjust(1)
    return Screen(t("delete-me-confirm"), builder.as_markup())


def erased(t: Translator) -> Screen:
    return Screen(t("delete-me-done"))
