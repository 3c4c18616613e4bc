"""Helpers for questions answered by typing: length limits, non-text input, refusals."""

from __future__ import annotations

import logging

from aiogram import F
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from handlers.timezone_input import media_kind
from storage.clients import Client, ClientRepository
from storage.users import User

logger = logging.getLogger(__name__)

# Plain text that is not a command: commands keep working inside every flow.
TYPED_TEXT: Filter = F.text & ~F.text.startswith("/")  # type: ignore[assignment]


async def read_text(
    message: Message, t: Translator, limit: int, keyboard: InlineKeyboardMarkup | None = None
) -> str | None:
    """The trimmed text, or None after asking again (too long or empty). Nothing typed
    is lost: the person sees how far over the limit they are."""
    text = (message.text or "").strip()
    if len(text) > limit:
        await message.answer(
            t("text-too-long", length=len(text), limit=limit), reply_markup=keyboard
        )
        return None
    return text or None


async def reject_non_text(message: Message, t: Translator) -> None:
    """A sticker, photo or voice where the step waits for typed text."""
    await message.answer(t("expects-text", kind=media_kind(message, t)))


async def owned_client(
    callback: CallbackQuery, client_id: int, user: User, t: Translator, clients: ClientRepository
) -> Client | None:
    """The pressing user's own client, or None after refusing the button."""
    client = await clients.get(user.id, client_id)
    if client is None:
        await refuse(callback, t, "client", client_id)
    return client


async def refuse(callback: CallbackQuery, t: Translator, what: str, item_id: int) -> None:
    """A button pointing at a row this user does not own (forged) or that is gone."""
    logger.warning(
        "User %s pressed a button for %s %s that is not theirs or no longer exists",
        callback.from_user.id,
        what,
        item_id,
    )
    await callback.answer(t("stale-button"), show_alert=True)
