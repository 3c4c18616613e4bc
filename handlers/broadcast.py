"""/broadcast and /broadcasts, for the bot's admins only (ADMIN_IDS). For anyone else
this router does not exist: their /broadcast is answered like any unknown text."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.delivery.broadcaster import Broadcaster
from bot.i18n import Translator
from bot.messaging import Screen
from bot.views.broadcast import AudienceCb, BroadcastCancelCb, BroadcastConfirmCb
from bot.views.common import Nav, NavCb
from handlers.admin import IsAdmin
from storage.broadcasts import Audience as AUDIENCES
from storage.broadcasts import BroadcastRepository
from storage.users import User


class BroadcastFlow(StatesGroup):
    message = State()
    audience = State()
    confirm = State()


def _cancel_row(t: Translator, builder: InlineKeyboardBuilder) -> None:
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))


async def broadcast_command(message: Message, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await state.set_state(BroadcastFlow.message)
    builder = InlineKeyboardBuilder()
    _cancel_row(t, builder)
    await message.answer(t("broadcast-ask"), reply_markup=builder.as_markup())


async def message_to_send(
    message: Message, state: FSMContext, t: Translator, broadcasts: BroadcastRepository
) -> None:
    """Any kind of message: it is delivered with copyMessage, formatting and media kept."""
    await state.update_data(from_chat_id=message.chat.id, message_id=message.message_id)
    await state.set_state(BroadcastFlow.audience)
    builder = InlineKeyboardBuilder()
    for audience in AUDIENCES:
        size = await broadcasts.audience_size(audience)
        builder.button(
            text=t(f"audience-{audience}", n=size), callback_data=AudienceCb(audience=audience)
        )
    _cancel_row(t, builder)
    builder.adjust(1)
    await message.answer(t("broadcast-audience-ask"), reply_markup=builder.as_markup())


async def audience_chosen(
    callback: CallbackQuery,
    callback_data: AudienceCb,
    state: FSMContext,
    t: Translator,
    bot: Bot,
    broadcasts: BroadcastRepository,
) -> None:
    if callback_data.audience not in AUDIENCES:
        await callback.answer(t("stale-button"), show_alert=True)
        return
    data = await state.get_data()
    await state.update_data(audience=callback_data.audience)
    await state.set_state(BroadcastFlow.confirm)
    await callback.answer()
    size = await broadcasts.audience_size(callback_data.audience)
    # The preview is the message itself, exactly as recipients will see it.
    await bot.copy_message(
        chat_id=callback.from_user.id,
        from_chat_id=int(data["from_chat_id"]),
        message_id=int(data["message_id"]),
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-broadcast-send"), callback_data=BroadcastConfirmCb())
    _cancel_row(t, builder)
    audience = t(f"audience-{callback_data.audience}", n=size)
    await bot.send_message(
        callback.from_user.id,
        t("broadcast-preview", n=size, audience=audience),
        reply_markup=builder.as_markup(),
    )


async def confirmed(
    callback: CallbackQuery,
    state: FSMContext,
    user: User,
    t: Translator,
    bot: Bot,
    broadcasts: BroadcastRepository,
    broadcaster: Broadcaster,
    clock: Clock,
) -> None:
    data = await state.get_data()
    await state.clear()
    await callback.answer()
    waiting = await broadcasts.is_running()
    created = await broadcasts.create(
        user.id, int(data["from_chat_id"]), int(data["message_id"]), str(data["audience"]),
        clock.now(),
    )  # fmt: skip
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-cancel"), callback_data=BroadcastCancelCb(id=created.id))
    key = "broadcast-queued" if waiting else "broadcast-started"
    progress = await bot.send_message(
        user.id, t(key, id=created.id, total=created.total), reply_markup=builder.as_markup()
    )
    await broadcasts.set_progress_message(created.id, progress.message_id)
    broadcaster.kick()


async def cancel_running(
    callback: CallbackQuery,
    callback_data: BroadcastCancelCb,
    t: Translator,
    broadcasts: BroadcastRepository,
    clock: Clock,
) -> None:
    stopped = await broadcasts.finish(callback_data.id, "cancelled", clock.now())
    await callback.answer(t("broadcast-cancelling" if stopped else "stale-button"), show_alert=True)


async def broadcasts_command(
    message: Message, t: Translator, broadcasts: BroadcastRepository
) -> None:
    recent = await broadcasts.recent(10)
    if not recent:
        await message.answer(t("broadcasts-empty"))
        return
    lines = [t("broadcasts-title")]
    for item in recent:
        progress = await broadcasts.progress(item.id)
        lines.append(
            t("broadcasts-item", id=item.id, date=t.day(item.created_at.date()),
              audience=t(f"audience-{item.audience}", n=item.total), status=item.status,
              sent=progress.sent, blocked=progress.blocked, failed=progress.failed,
              total=item.total)
        )  # fmt: skip
    await Screen("\n".join(lines)).answer(message)


def create_router() -> Router:
    router = Router(name="broadcast")
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message.register(broadcast_command, Command("broadcast"))
    router.message.register(broadcasts_command, Command("broadcasts"))
    # Any message but a command: commands keep working in the middle of the flow.
    router.message.register(message_to_send, BroadcastFlow.message, ~F.text.startswith("/"))
    router.callback_query.register(audience_chosen, BroadcastFlow.audience, AudienceCb.filter())
    router.callback_query.register(confirmed, BroadcastFlow.confirm, BroadcastConfirmCb.filter())
    router.callback_query.register(cancel_running, BroadcastCancelCb.filter())
    return router
