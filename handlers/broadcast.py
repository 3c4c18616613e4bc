"""/broadcast and /broadcasts, for the bot's admins only (ADMIN_IDS). For anyone else
this router does not exist: their /broadcast is answered like any unknown text."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup

from bot.services.admin import AdminService
from bot.telegram.context import Ctx
from bot.telegram.filters import IsAdmin
from bot.views.broadcast import (
    AudienceAgainCb,
    AudienceCb,
    BroadcastCancelCb,
    BroadcastConfirmCb,
    audience_question,
    broadcasts_screen,
    message_question,
    nobody_screen,
    progress_screen,
    send_question,
    started_screen,
)
from storage.broadcasts import Audience, BroadcastStatus

RECENT = 10  # broadcasts listed by /broadcasts


class BroadcastFlow(StatesGroup):
    message = State()
    audience = State()  # data: from_chat_id, message_id
    confirm = State()  # data: from_chat_id, message_id, audience


async def broadcast_command(_: object, ctx: Ctx) -> None:
    await ctx.state.clear()
    await ctx.state.set_state(BroadcastFlow.message)
    await ctx.reply(message_question(ctx.t))


async def message_to_send(_: object, ctx: Ctx, admin: AdminService) -> None:
    """Any kind of message: it is delivered with copyMessage, formatting and media kept."""
    message = ctx.message
    assert message is not None  # a message handler: the message itself
    await ctx.state.update_data(from_chat_id=message.chat.id, message_id=message.message_id)
    await ctx.state.set_state(BroadcastFlow.audience)
    await ctx.reply(audience_question(ctx.t, await admin.audience_sizes()))


async def audience_chosen(
    _: object, ctx: Ctx, callback_data: AudienceCb, bot: Bot, admin: AdminService
) -> None:
    data = await ctx.state.get_data()
    await ctx.state.update_data(audience=callback_data.audience.value)
    await ctx.state.set_state(BroadcastFlow.confirm)
    # The preview is the message itself, exactly as recipients will see it.
    await bot.copy_message(
        chat_id=ctx.user.id,
        from_chat_id=int(data["from_chat_id"]),
        message_id=int(data["message_id"]),
    )
    size = await admin.audience_size(callback_data.audience)
    await ctx.send(send_question(ctx.t, callback_data.audience, size))


async def confirmed(_: object, ctx: Ctx, admin: AdminService) -> None:
    data = await ctx.state.get_data()
    await ctx.state.clear()
    await ctx.remove_keyboard()  # answered: a second Send would only mislead
    audience = Audience(data["audience"])
    created = await admin.create_broadcast(
        ctx.user.id, int(data["from_chat_id"]), int(data["message_id"]), audience
    )
    if created is None:  # everyone left the audience since the preview
        await ctx.state.set_data(data)
        await ctx.state.set_state(BroadcastFlow.confirm)
        await ctx.send(nobody_screen(ctx.t, audience))
        return
    # This message shows the progress while sending, and the summary at the end.
    progress = await ctx.send(started_screen(ctx.t, created))
    await admin.start_broadcast(created.broadcast.id, progress.message_id if progress else None)


async def audience_again(_: object, ctx: Ctx, admin: AdminService) -> None:
    await ctx.state.set_state(BroadcastFlow.audience)
    await ctx.reply(audience_question(ctx.t, await admin.audience_sizes()))


async def cancel_running(
    _: object, ctx: Ctx, callback_data: BroadcastCancelCb, admin: AdminService
) -> None:
    cancelled = await admin.cancel_broadcast(callback_data.id)
    if cancelled is None:  # it had already finished
        ctx.stale()
        return
    ctx.alert(ctx.t("broadcast-cancelling"))
    broadcast = cancelled.broadcast
    if broadcast.status == BroadcastStatus.QUEUED and ctx.message is not None:
        # No instance has started it, so none will write the summary: write it here.
        summary = progress_screen(
            ctx.t, broadcast.id, broadcast.total, cancelled.progress, BroadcastStatus.CANCELLED
        )
        await ctx.reply(summary)


async def broadcasts_command(_: object, ctx: Ctx, admin: AdminService) -> None:
    await ctx.reply(broadcasts_screen(ctx.t, await admin.recent_broadcasts(RECENT)))


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
    router.callback_query.register(audience_again, BroadcastFlow.confirm, AudienceAgainCb.filter())
    router.callback_query.register(cancel_running, BroadcastCancelCb.filter())
    return router
