"""Filters that routers of several features share."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import User as TelegramUser

from bot.config import Settings


class IsAdmin(Filter):
    """The sender is one of the bot's admins (ADMIN_IDS). A router filtered on it does
    not exist for anyone else: their commands fall through as unknown text."""

    async def __call__(self, event: Any, settings: Settings, event_from_user: TelegramUser) -> bool:
        return event_from_user.id in settings.admin_ids
