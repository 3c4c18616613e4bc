"""/export and /delete_me: people take their data with them, or erase it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.services.accounts import AccountService
from bot.telegram.context import Ctx
from bot.views.my_data import DeleteMeCb, delete_me_question, erased, export_file


async def export_command(message: Message, ctx: Ctx, accounts: AccountService) -> None:
    archive = await accounts.export(ctx.user)
    await message.answer_document(export_file(archive), caption=ctx.t("export-caption"))


async def delete_me_command(_: object, ctx: Ctx) -> None:
    await ctx.state.clear()
    await ctx.reply(delete_me_question(ctx.t))


async def delete_me_confirmed(_: object, ctx: Ctx, accounts: AccountService) -> None:
    await ctx.state.clear()
    await accounts.erase(ctx.user)
    await ctx.reply(erased(ctx.t))


def create_router() -> Router:
    router = Router(name="my_data")
    router.message.register(export_command, Command("export"))
    router.message.register(delete_me_command, Command("delete_me"))
    router.callback_query.register(delete_me_confirmed, DeleteMeCb.filter())
    return router
