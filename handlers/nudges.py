"""Answers to a trust-action nudge: Done (counted), Skip, Stop (no more of that action)."""

from __future__ import annotations

from aiogram import F, Router

from bot.services.kickoffs import KickoffService
from bot.telegram.context import Ctx
from bot.telegram.filters import OpenNudge
from bot.views.nudges import ANSWER_STATUS, NudgeCb, WrapUpCb, WrapUpChoice, answered_line
from storage.nudges import Nudge


async def nudge_answered(
    _: object, ctx: Ctx, callback_data: NudgeCb, nudge: Nudge, kickoffs: KickoffService
) -> None:
    answered = await kickoffs.answer(ctx.user, nudge, ANSWER_STATUS[callback_data.answer])
    if answered is None:  # answered by a press a moment ago
        ctx.stale()
        return
    # The nudge stays readable (its draft may still be copied), with the answer under it.
    await _record_under(ctx, answered_line(ctx.t, answered))


async def _record_under(ctx: Ctx, line: str) -> None:
    """Keep the nudge readable, with what was decided in place of its buttons."""
    shown = ctx.pressed_html
    if shown is not None:
        await ctx.close_keyboard(f"{shown}\n\n<i>{line}</i>")


async def wrap_up_extended(_: object, ctx: Ctx, nudge: Nudge, kickoffs: KickoffService) -> None:
    end = await kickoffs.extend(ctx.user, nudge)
    if end is None:
        ctx.stale()
        return
    await _record_under(ctx, ctx.t("wrap-up-extended", date=ctx.t.weekday(end)))


async def wrap_up_called_off(_: object, ctx: Ctx, nudge: Nudge, kickoffs: KickoffService) -> None:
    kickoff = await kickoffs.get(ctx.user, nudge.kickoff_id)
    if kickoff is None or not await kickoffs.drop(ctx.user, kickoff):
        ctx.stale()
        return
    await _record_under(ctx, ctx.t("call-off-done", project=kickoff.title))


def create_router() -> Router:
    router = Router(name="nudges")
    router.callback_query.register(nudge_answered, NudgeCb.filter(), OpenNudge())
    router.callback_query.register(
        wrap_up_extended, WrapUpCb.filter(F.choice == WrapUpChoice.EXTEND), OpenNudge()
    )
    router.callback_query.register(
        wrap_up_called_off, WrapUpCb.filter(F.choice == WrapUpChoice.CALL_OFF), OpenNudge()
    )
    return router
