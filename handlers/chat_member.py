"""Telegram tells us when a user blocks or unblocks the bot: one action for each.

Not a message or a button press, so there is no `ctx` here: the update names the person,
and the one service call is all there is to do."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.services.accounts import AccountService


async def blocked(event: ChatMemberUpdated, accounts: AccountService) -> None:
    await accounts.block(event.from_user.id)


async def unblocked(event: ChatMemberUpdated, accounts: AccountService) -> None:
    await accounts.unblock(event.from_user.id)


def create_router() -> Router:
    router = Router(name="chat_member")
    router.my_chat_member.register(blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    router.my_chat_member.register(unblocked, ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    return router
