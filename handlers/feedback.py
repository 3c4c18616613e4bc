"""Asking a client for their own view: the request from the client's card, after /done's
reflection and on a check-in reminder; withdrawing it. (The notice that the client
answered is due work: bot/delivery/feedback_notice_sender.py.)"""

from __future__ import annotations

from aiogram import Bot, Router

from bot.services.clients import ClientService
from bot.services.feedback import Asked, FeedbackService
from bot.telegram.context import Ctx
from bot.views.clients import client_card
from bot.views.feedback import (
    AskFrom,
    FeedbackAskCb,
    FeedbackWithdrawCb,
    asked_screen,
    refused_screen,
)


async def ask(
    _: object, ctx: Ctx, callback_data: FeedbackAskCb, feedback: FeedbackService, bot: Bot
) -> None:
    """A new request and the message to send the client; or why none can go out now.
    On the card it takes the card's place; after a reflection or on a reminder it comes
    below, so their advice and buttons stay."""
    found = await feedback.ask(ctx.user, callback_data.project)
    if found is None:
        ctx.refuse("project", callback_data.project)
        return
    zone = ctx.user.timezone
    if isinstance(found, Asked):
        # The payload exists only now (the database keeps its hash): the link is made here.
        me = await bot.me()
        link = f"https://t.me/{me.username}?start={found.payload}"
        screen = asked_screen(ctx.t, found, link, zone)
    else:
        screen = refused_screen(ctx.t, found, zone)
    if callback_data.origin is AskFrom.CARD:
        await ctx.reply(screen)
    else:
        await ctx.send(screen)


async def withdraw(
    _: object,
    ctx: Ctx,
    callback_data: FeedbackWithdrawCb,
    feedback: FeedbackService,
    clients: ClientService,
) -> None:
    """Withdraw a waiting request, then the client's card as it stands now."""
    user, request_id = ctx.user, callback_data.request
    request = await feedback.request(user, request_id)
    if request is None:  # someone else's (forged), or gone with its client
        ctx.refuse("feedback request", request_id)
        return
    withdrawn = await feedback.withdraw(user, request_id)
    client = await clients.get(user, request.client_id)
    if client is None:
        ctx.refuse("client", request.client_id)
        return
    card = client_card(ctx.t, await clients.card(user, client), user.timezone)
    if withdrawn is None:  # answered, expired or withdrawn meanwhile: say so, show the card
        ctx.stale()
        await ctx.reply(card)
        return
    await ctx.reply(card.after(ctx.t("feedback-withdrawn")))


def create_router() -> Router:
    router = Router(name="feedback")
    # A forged origin or a non-number fails the filter and reaches the old-button answer.
    router.callback_query.register(ask, FeedbackAskCb.filter())
    router.callback_query.register(withdraw, FeedbackWithdrawCb.filter())
    return router
