"""Telegram tells us when a user blocks or unblocks the bot; scheduled sends read the flag."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.clock import Clock
from storage.users import UserRepository

logger = logging.getLogger(__name__)


async def blocked(event: ChatMemberUpdated, users: UserRepository, clock: Clock) -> None:
    logger.info("User %s blocked the bot", event.from_user.id)
    await users.set_blocked(event.from_user.id, True, clock.now())


async def unblocked(event: ChatMemberUpdated, users: UserRepository, clock: Clock) -> None:
    logger.info("User %s unblocked the bot", event.from_user.id)
    await users.set_blocked(event.from_user.id, False, clock.now())


def create_router() -> Router:
    router = Router(name="chat_member")
    router.my_chat_member.register(blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    router.my_chat_member.register(unblocked, ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    return router
