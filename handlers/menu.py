"""The main menu screen, shown from several places."""

from __future__ import annotations

from bot.i18n import Translator
from bot.keyboards import main_menu
from bot.messaging import Screen


def menu_screen(t: Translator) -> Screen:
    return Screen(t("menu-title"), main_menu(t))
