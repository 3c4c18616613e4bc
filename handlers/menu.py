"""The main menu screen, shown from several places."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboards import main_menu


def menu_screen(t: Translator) -> tuple[str, InlineKeyboardMarkup]:
    return t("menu-title"), main_menu(t)
