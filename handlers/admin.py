"""Admin-only commands. The filter hides them: for anyone else they do not exist."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, Filter
from aiogram.types import Message
from aiogram.types import User as TelegramUser

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Translator
from storage.overview import OverviewRepository


class IsAdmin(Filter):
    async def __call__(self, event: Any, settings: Settings, event_from_user: TelegramUser) -> bool:
        return event_from_user.id in settings.admin_ids


async def admin_command(
    message: Message, t: Translator, overview: OverviewRepository, clock: Clock
) -> None:
    figures = await overview.overview(clock.now())
    await message.answer(
        t(
            "admin-overview",
            users=figures.users,
            active7=figures.active_7d,
            active30=figures.active_30d,
            blocked=figures.blocked,
            subscribers=figures.tip_subscribers,
            clients=figures.clients,
            projects=figures.projects,
            reflections=figures.reflections,
            score=str(figures.average_score) if figures.average_score is not None else "—",
            sent=figures.checkins_sent,
            done=figures.checkins_done,
            orders=figures.new_order_share,
            broadcasts=figures.broadcasts,
        )
    )


def create_router() -> Router:
    router = Router(name="admin")
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message.register(admin_command, Command("admin"))
    return router
