"""/history: past reflections with their answers; /stats: the score chart, the trends and
the scoreboard by the client's result."""

from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile

from bot.services.feedback import FeedbackService
from bot.services.reflections import ReflectionService
from bot.services.scoreboard import ScoreboardService
from bot.telegram.context import Ctx
from bot.views.charts import render_score_chart
from bot.views.common import PAGE_SIZE, Nav, NavCb, back_to_menu
from bot.views.history import (
    HistoryOpenCb,
    HistoryPageCb,
    chart_texts,
    history_screen,
    past_screen,
    stats_answer,
    stats_empty,
)


async def history(_: object, ctx: Ctx, reflections: ReflectionService) -> None:
    """/history and its menu button (shown in place of the menu)."""
    await ctx.state.clear()
    found = await reflections.history(ctx.user, 0, PAGE_SIZE)
    await ctx.reply(history_screen(ctx.t, 0, found))


async def history_page(
    _: object, ctx: Ctx, callback_data: HistoryPageCb, reflections: ReflectionService
) -> None:
    page = max(0, callback_data.page)
    found = await reflections.history(ctx.user, page, PAGE_SIZE)
    await ctx.reply(history_screen(ctx.t, page, found))


async def history_open(
    _: object,
    ctx: Ctx,
    callback_data: HistoryOpenCb,
    reflections: ReflectionService,
    feedback: FeedbackService,
) -> None:
    past = await reflections.past(ctx.user, callback_data.id)
    if past is None:
        ctx.refuse("reflection", callback_data.id)
        return
    views = await feedback.for_project(ctx.user, past.project.id)
    user = ctx.user
    await ctx.reply(past_screen(ctx.t, past, callback_data.page, views, user.timezone))


async def stats(
    _: object, ctx: Ctx, reflections: ReflectionService, scoreboard: ScoreboardService
) -> None:
    """/stats and its menu button, in new messages: a chart cannot replace a text."""
    await ctx.state.clear()
    message, t = ctx.message, ctx.t
    if message is None:
        return
    found = await reflections.stats(ctx.user)
    if found is None:
        await ctx.send(stats_empty(t))
        return
    board = await scoreboard.scoreboard(ctx.user)
    labels = [item.project_title for item in found.scored]
    scores = [item.score for item in found.scored if item.score is not None]
    # Drawing takes ~0.1 s of CPU: keep it off the event loop.
    png = await asyncio.to_thread(render_score_chart, labels, scores, chart_texts(t))
    caption, follow_up = stats_answer(t, found.summary, board)
    await message.answer_photo(
        BufferedInputFile(png, filename="partner-score.png"),
        caption=caption,
        reply_markup=back_to_menu(t) if follow_up is None else None,
    )
    if follow_up is not None:  # the menu button goes with the last message
        await ctx.send(follow_up)


def create_router() -> Router:
    router = Router(name="history")
    router.message.register(history, Command("history"))
    router.callback_query.register(history, NavCb.filter(F.to == Nav.HISTORY))
    router.callback_query.register(history_page, HistoryPageCb.filter())
    router.callback_query.register(history_open, HistoryOpenCb.filter())
    router.message.register(stats, Command("stats"))
    router.callback_query.register(stats, NavCb.filter(F.to == Nav.STATS))
    return router
