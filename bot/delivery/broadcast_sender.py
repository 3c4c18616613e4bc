"""Sends one copy of a broadcast to one recipient. aiogram's errors (403, 429, 5xx) go up
to the broadcaster, which applies the one Telegram policy."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot

from bot.delivery.telegram_policy import Sent
from storage.broadcasts import Broadcast, Recipient


@dataclass(frozen=True, slots=True)
class BroadcastCopy:
    """One recipient's copy of one broadcast: the item the broadcaster sends."""

    broadcast: Broadcast
    recipient: Recipient


class BroadcastSender:
    def __init__(self, bot: Bot, *, paid: bool = False) -> None:
        self._bot = bot
        self._paid = paid

    async def send(self, copy: BroadcastCopy, late: bool) -> Sent:
        # Always Sent.YES, unlike the due-work senders: recipients were fixed among the
        # reachable people when the broadcast was queued, and the message is the admin's
        # own, so there is nothing to look up, hold or drop per copy (someone who blocked
        # the bot since answers 403). A broadcast has no due time: `late` is always False.
        broadcast = copy.broadcast
        await self._bot.copy_message(
            chat_id=copy.recipient.chat_id,
            from_chat_id=broadcast.from_chat_id,
            message_id=broadcast.message_id,
            allow_paid_broadcast=True if self._paid else None,
        )
        return Sent.YES
