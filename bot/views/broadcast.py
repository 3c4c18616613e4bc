"""Admin broadcasts: the message, the audience, the preview and confirmation, the
progress message with Cancel while sending, and /broadcasts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.services.admin import NewBroadcast, PastBroadcast
from bot.views.common import Nav, NavCb
from bot.views.screen import Screen
from storage.broadcasts import Audience, BroadcastStatus, Progress


class AudienceCb(CallbackData, prefix="ba1"):
    audience: Audience


class BroadcastConfirmCb(CallbackData, prefix="bc1"):
    pass


class BroadcastCancelCb(CallbackData, prefix="bx1"):
    id: int


class AudienceAgainCb(CallbackData, prefix="bo1"):
    """Back to the audiences, when the one chosen has nobody in it."""


def _with_cancel(
    builder: InlineKeyboardBuilder, t: Translator, *, per_row: int = 1
) -> InlineKeyboardMarkup:
    """Cancel after the buttons: leaves the broadcast flow, nothing is sent."""
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(per_row)
    return builder.as_markup()


def audience_label(t: Translator, audience: str, size: int) -> str:
    return t(f"audience-{audience}", n=size)


def message_question(t: Translator) -> Screen:
    return Screen(t("broadcast-ask"), _with_cancel(InlineKeyboardBuilder(), t))


def audience_question(t: Translator, sizes: Mapping[Audience, int]) -> Screen:
    """Every audience with how many people it reaches now."""
    builder = InlineKeyboardBuilder()
    for audience, size in sizes.items():
        builder.button(
            text=audience_label(t, audience, size), callback_data=AudienceCb(audience=audience)
        )
    return Screen(t("broadcast-audience-ask"), _with_cancel(builder, t))


def send_question(t: Translator, audience: Audience, size: int) -> Screen:
    """Under the preview: who it goes to, Send or Cancel; no Send when nobody would
    receive it."""
    if size == 0:
        return nobody_screen(t, audience)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-broadcast-send"), callback_data=BroadcastConfirmCb())
    text = t("broadcast-preview", n=size, audience=audience_label(t, audience, size))
    return Screen(text, _with_cancel(builder, t, per_row=2))


def nobody_screen(t: Translator, audience: Audience) -> Screen:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-broadcast-other-audience"), callback_data=AudienceAgainCb())
    text = t("broadcast-nobody", audience=audience_label(t, audience, 0))
    return Screen(text, _with_cancel(builder, t, per_row=2))


def _stop_button(t: Translator, broadcast_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-cancel"), callback_data=BroadcastCancelCb(id=broadcast_id))
    return builder.as_markup()


def started_screen(t: Translator, new: NewBroadcast) -> Screen:
    """The message that shows the progress later; queued when another one is sending."""
    key = "broadcast-queued" if new.waiting else "broadcast-started"
    broadcast = new.broadcast
    return Screen(t(key, id=broadcast.id, total=broadcast.total), _stop_button(t, broadcast.id))


_PROGRESS_KEYS = {
    None: "broadcast-progress",
    BroadcastStatus.DONE: "broadcast-done",
    BroadcastStatus.CANCELLED: "broadcast-cancelled",
}


def progress_screen(
    t: Translator,
    broadcast_id: int,
    total: int,
    progress: Progress,
    final: BroadcastStatus | None,
) -> Screen:
    """`final`: None while sending, done or cancelled at the end."""
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
    return Screen(text, _stop_button(t, broadcast_id))


def broadcasts_screen(t: Translator, recent: Sequence[PastBroadcast]) -> Screen:
    """The latest broadcasts, newest first, with how each went."""
    if not recent:
        return Screen(t("broadcasts-empty"))
    lines = [t("broadcasts-title")]
    for past in recent:
        item, progress = past.broadcast, past.progress
        line = t(
            "broadcasts-item",
            id=item.id,
            date=t.day(item.created_at.date()),
            audience=audience_label(t, item.audience, item.total),
            status=item.status,
            sent=progress.sent,
            blocked=progress.blocked,
            failed=progress.failed,
            total=item.total,
        )
        lines.append(line)
    return Screen("\n".join(lines))
