"""/broadcast and /broadcasts, for the bot's admins only (ADMIN_IDS). For anyone else
this router does not exist: their /broadcast is answered like any unknown text."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.delivery.broadcaster import Broadcaster
from bot.i18n import Translator
from bot.services.admin import AdminService
from bot.telegram.filters import IsAdmin
from bot.telegram.input import stale
from bot.telegram.sending import remove_keyboard
from bot.views.broadcast import (
    AudienceCb,
    BroadcastCancelCb,
    BroadcastConfirmCb,
    audience_question,
    broadcasts_screen,
    message_question,
    progress_screen,
    send_question,
    started_screen,
)
from storage.broadcasts import Audience
from storage.users import User

RECENT = 10  # broadcasts listed by /broadcasts


class BroadcastFlow(StatesGroup):
    message = State()
    audience = State()  # data: from_chat_id, message_id
    confirm = State()  # data: from_chat_id, message_id, audience


async def broadcast_command(message: Message, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await state.set_state(BroadcastFlow.message)
    await message_question(t).answer(message)


async def message_to_send(
    message: Message, state: FSMContext, t: Translator, admin: AdminService
) -> None:
    """Any kind of message: it is delivered with copyMessage, formatting and media kept."""
    await state.update_data(from_chat_id=message.chat.id, message_id=message.message_id)
    await state.set_state(BroadcastFlow.audience)
    sizes = {audience: await admin.audience_size(audience) for audience in Audience}
    await audience_question(t, sizes).answer(message)


async def audience_chosen(
    callback: CallbackQuery, callback_data: AudienceCb, state: FSMContext, t: Translator,
    bot: Bot, admin: AdminService,
) -> None:  # fmt: skip
    data = await state.get_data()
    await state.update_data(audience=callback_data.audience.value)
    await state.set_state(BroadcastFlow.confirm)
    # The preview is the message itself, exactly as recipients will see it.
    await bot.copy_message(
        chat_id=callback.from_user.id,
        from_chat_id=int(data["from_chat_id"]),
        message_id=int(data["message_id"]),
    )
    size = await admin.audience_size(callback_data.audience)
    await send_question(t, callback_data.audience, size).below(callback)


async def confirmed(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator, bot: Bot,
    admin: AdminService, broadcaster: Broadcaster,
) -> None:  # fmt: skip
    data = await state.get_data()
    await state.clear()
    await remove_keyboard(callback)  # answered: a second Send would only mislead
    created = await admin.create_broadcast(
        user.id, int(data["from_chat_id"]), int(data["message_id"]), Audience(data["audience"])
    )
    screen = started_screen(t, created)
    # This message shows the progress while sending, and the summary at the end.
    progress = await bot.send_message(user.id, screen.text, reply_markup=screen.keyboard)
    await admin.show_progress_in(created.broadcast.id, progress.message_id)
    broadcaster.kick()


async def cancel_running(
    callback: CallbackQuery, callback_data: BroadcastCancelCb, callback_answer: CallbackAnswer,
    t: Translator, admin: AdminService,
) -> None:  # fmt: skip
    cancelled = await admin.cancel_broadcast(callback_data.id)
    if cancelled is None:  # it had already finished
        stale(callback_answer, t)
        return
    callback_answer.text = t("broadcast-cancelling")
    callback_answer.show_alert = True
    broadcast = cancelled.broadcast
    if broadcast.status == "queued" and isinstance(callback.message, Message):
        # No instance has started it, so none will write the summary: write it here.
        screen = progress_screen(t, broadcast.id, broadcast.total, cancelled.progress, "cancelled")
        await callback.message.edit_text(screen.text, reply_markup=screen.keyboard)


async def broadcasts_command(message: Message, t: Translator, admin: AdminService) -> None:
    await broadcasts_screen(t, await admin.recent_broadcasts(RECENT)).answer(message)


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
