"""The "/" command menus: every private chat's, in its language, and each admin's own,
which adds the broadcast commands."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat

from bot.config import Settings
from bot.i18n import I18n, Translator

logger = logging.getLogger(__name__)

COMMANDS = (
    "kickoff",
    "done",
    "clients",
    "checkins",
    "checkin",
    "reflect",
    "history",
    "stats",
    "tips",
    "menu",
    "settings",
    "export",
    "delete_me",
    "help",
    "cancel",
    "start",
)
ADMIN_COMMANDS = ("admin", "broadcast", "broadcasts")
# Telegram shows the Russian menu to these interface languages, like the bot's texts.
RUSSIAN_MENU_LANGUAGES = ("ru", "uk", "be", "kk")


async def set_menus(bot: Bot, i18n: I18n, settings: Settings) -> None:
    """At start: the menu in both languages, English for everyone else, and the admins'
    own menus (for those who have already started the bot)."""
    scope = BotCommandScopeAllPrivateChats()
    for language_code, language in [(None, "en")] + [
        (code, "ru") for code in RUSSIAN_MENU_LANGUAGES
    ]:
        t = i18n.get(language)
        commands = [BotCommand(command=name, description=t(f"command-{name}")) for name in COMMANDS]
        await bot.set_my_commands(commands, scope=scope, language_code=language_code)
    for admin_id in settings.admin_ids:
        await set_admin_menu(bot, i18n.get(settings.default_language), admin_id)


async def set_admin_menu(bot: Bot, t: Translator, admin_id: int) -> None:
    """An admin's chat gets the broadcast commands. Telegram refuses this for a chat
    that does not exist yet, so an admin's first /start sets it too."""
    try:
        await set_chat_menu(bot, t, admin_id, admin=True)
    except TelegramBadRequest as error:  # the admin has not started the bot yet
        logger.warning("Admin commands for %s not set: %s", admin_id, error.message)


async def set_chat_menu(bot: Bot, t: Translator, chat_id: int, *, admin: bool) -> None:
    """One chat's menu in the language it now speaks: the menus set at start follow
    Telegram's interface language, not the one a person chose in /settings."""
    names = (*COMMANDS, *ADMIN_COMMANDS) if admin else COMMANDS
    commands = [BotCommand(command=name, description=t(f"command-{name}")) for name in names]
    await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id=chat_id))
