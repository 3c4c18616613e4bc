"""Whatever no other router took: input a step did not expect, and old buttons."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import StateFilter

from bot.telegram.context import Ctx
from bot.views.common import menu_screen

logger = logging.getLogger(__name__)


async def unexpected_in_flow(_: object, ctx: Ctx) -> None:
    """The current step waits for a button; nothing is changed."""
    await ctx.say("expects-button")


async def unexpected_outside_flow(_: object, ctx: Ctx) -> None:
    if not ctx.user.is_onboarded:
        await ctx.say("onboarding-cancelled")
        return
    await ctx.send(menu_screen(ctx.t).after(ctx.t("unknown-input")))


async def stale_button(_: object, ctx: Ctx) -> None:
    """A button whose step has passed, or a payload we do not know (old or forged)."""
    data = ctx.pressed.data if ctx.pressed else None
    logger.info("Stale or unknown button from user %s: %r", ctx.user.id, data)
    ctx.stale()
    await ctx.remove_keyboard()  # the buttons on that message can only mislead now
    in_flow = await ctx.state.get_state() is not None
    if not in_flow and ctx.user.is_onboarded:
        await ctx.send(menu_screen(ctx.t))


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unexpected_in_flow, ~StateFilter(None))
    router.message.register(unexpected_outside_flow)
    router.callback_query.register(stale_button)
    return router
