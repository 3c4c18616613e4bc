"""/admin, for the bot's admins only: for anyone else the command does not exist."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command

from bot.services.admin import AdminService
from bot.telegram.context import Ctx
from bot.telegram.filters import IsAdmin
from bot.views.admin import overview_screen


async def admin_command(_: object, ctx: Ctx, admin: AdminService) -> None:
    await ctx.reply(overview_screen(ctx.t, await admin.overview()))


def create_router() -> Router:
    router = Router(name="admin")
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message.register(admin_command, Command("admin"))
    return router
