"""The client's number after the project, asked from a check-in reminder or the client's
card: kept as typed, with the number read from it; and its chart, sent from the card."""

from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile

from bot.services.outcomes import OutcomeService
from bot.telegram.context import Ctx
from bot.telegram.input import TYPED_TEXT, reject_non_text, text_answer
from bot.views.charts import render_metric_chart
from bot.views.clients import metric_saved
from bot.views.outcomes import (
    MetricCb,
    MetricChartCb,
    MetricUnknownCb,
    metric_chart,
    metric_chart_caption,
    metric_question,
)
from bot.views.screen import Screen
from storage.metrics import READING_LIMIT


class MetricForm(StatesGroup):
    value = State()  # data: project_id


async def ask(_: object, ctx: Ctx, callback_data: MetricCb, outcomes: OutcomeService) -> None:
    """The question comes as a new message: the reminder or card it was asked from stays."""
    project = await outcomes.project(ctx.user, callback_data.project)
    if project is None:
        ctx.refuse("project", callback_data.project)
        return
    await ctx.state.set_state(MetricForm.value)
    await ctx.state.set_data({"project_id": project.id})
    progress = await outcomes.progress(ctx.user, project)
    await ctx.send(metric_question(ctx.t, progress, project.client_name))


async def _save(ctx: Ctx, text: str, outcomes: OutcomeService) -> None:
    project_id = int((await ctx.state.get_data()).get("project_id", 0))
    await ctx.state.clear()
    progress = await outcomes.record(ctx.user, project_id, text)
    if progress is None:  # the project or its client was deleted meanwhile
        await ctx.reply(Screen(ctx.t("metric-project-gone")))
        return
    await ctx.reply(metric_saved(ctx.t, progress, progress.project.client_name))


async def typed(_: object, ctx: Ctx, outcomes: OutcomeService) -> None:
    text = await text_answer(ctx, READING_LIMIT)
    if text is not None:
        await _save(ctx, text, outcomes)


async def unknown(_: object, ctx: Ctx, outcomes: OutcomeService) -> None:
    """Not knowing is an answer too: it shows the number was asked for."""
    await _save(ctx, ctx.t("metric-unknown"), outcomes)


async def chart(
    _: object, ctx: Ctx, callback_data: MetricChartCb, outcomes: OutcomeService
) -> None:
    """The chart comes as a new message under the card, which stays as it was."""
    history = await outcomes.chart(ctx.user, callback_data.project)
    if history is None:
        ctx.refuse("project chart", callback_data.project)
        return
    drawn = metric_chart(ctx.t, history)
    # Drawing takes ~0.1 s of CPU: keep it off the event loop.
    png = await asyncio.to_thread(
        render_metric_chart, drawn.points, drawn.baseline, drawn.texts, percent=drawn.percent
    )
    photo = BufferedInputFile(png, filename="client-number.png")
    caption = metric_chart_caption(ctx.t, history)
    pressed = ctx.pressed
    if ctx.message is not None:
        await ctx.message.answer_photo(photo, caption=caption)
    elif pressed is not None and pressed.bot is not None:  # too old to answer: to the chat
        await pressed.bot.send_photo(pressed.from_user.id, photo, caption=caption)


def create_router() -> Router:
    router = Router(name="outcomes")
    router.callback_query.register(ask, MetricCb.filter())
    router.callback_query.register(chart, MetricChartCb.filter())
    router.message.register(typed, MetricForm.value, TYPED_TEXT)
    router.callback_query.register(unknown, MetricForm.value, MetricUnknownCb.filter())
    router.message.register(reject_non_text, MetricForm.value, ~F.text)
    return router
