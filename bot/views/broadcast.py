"""Admin broadcasts: the progress message, with Cancel while sending."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.messaging import Screen
from storage.broadcasts import Progress


class AudienceCb(CallbackData, prefix="ba1"):
    audience: str


class BroadcastConfirmCb(CallbackData, prefix="bc1"):
    pass


class BroadcastCancelCb(CallbackData, prefix="bx1"):
    id: int


_PROGRESS_KEYS = {None: "broadcast-progress", "done": "broadcast-done",
                  "cancelled": "broadcast-cancelled"}  # fmt: skip


def progress_screen(
    t: Translator, broadcast_id: int, total: int, progress: Progress, final: str | None
) -> Screen:
    """`final`: None while sending, "done" or "cancelled" at the end."""
    text = t(
        _PROGRESS_KEYS[final],
        id=broadcast_id,
        sent=progress.sent,
        blocked=progress.blocked,
        failed=progress.failed,
        remaining=progress.remaining,
        total=total,
    )
    if final is not None:
        return Screen(text)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-cancel"), callback_data=BroadcastCancelCb(id=broadcast_id))
    return Screen(text, builder.as_markup())
