"""The client's number after the project, asked from a check-in reminder or the client's
card: kept as typed, with the number read from it; and its chart, sent from the card."""

from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.outcomes import OutcomeService
from bot.telegram.input import TYPED_TEXT, read_text, refuse, reject_non_text
from bot.views.charts import render_metric_chart
from bot.views.clients import metric_saved
from bot.views.outcomes import (
    MetricCb,
    MetricChartCb,
    MetricForm,
    MetricUnknownCb,
    metric_chart,
    metric_chart_caption,
    metric_question,
)
from bot.views.screen import Screen
from storage.metrics import READING_LIMIT
from storage.users import User


async def ask(
    callback: CallbackQuery, callback_data: MetricCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, outcomes: OutcomeService,
) -> None:  # fmt: skip
    """The question comes as a new message: the reminder or card it was asked from stays."""
    project = await outcomes.project(user, callback_data.project)
    if project is None:
        refuse(callback_answer, t, user.id, "project", callback_data.project)
        return
    await state.set_state(MetricForm.value)
    await state.set_data({"project_id": project.id})
    progress = await outcomes.progress(user, project)
    await metric_question(t, progress, project.client_name).below(callback)


async def _save(
    target: Message | CallbackQuery, text: str, state: FSMContext, user: User, t: Translator,
    outcomes: OutcomeService,
) -> None:  # fmt: skip
    project_id = int((await state.get_data()).get("project_id", 0))
    await state.clear()
    progress = await outcomes.record(user, project_id, text)
    if progress is None:  # the project or its client was deleted meanwhile
        await Screen(t("metric-project-gone")).reply(target)
        return
    await metric_saved(t, progress, progress.project.client_name).reply(target)


async def typed(
    message: Message, state: FSMContext, user: User, t: Translator, outcomes: OutcomeService
) -> None:
    text = await read_text(message, t, READING_LIMIT)
    if text is not None:
        await _save(message, text, state, user, t, outcomes)


async def unknown(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator, outcomes: OutcomeService
) -> None:
    """Not knowing is an answer too: it shows the number was asked for."""
    await _save(callback, t("metric-unknown"), state, user, t, outcomes)


async def chart(
    callback: CallbackQuery, callback_data: MetricChartCb, callback_answer: CallbackAnswer,
    user: User, t: Translator, outcomes: OutcomeService,
) -> None:  # fmt: skip
    """The chart comes as a new message under the card, which stays as it was."""
    history = await outcomes.chart(user, callback_data.project)
    if history is None:
        refuse(callback_answer, t, user.id, "project chart", callback_data.project)
        return
    drawn = metric_chart(t, history)
    # Drawing takes ~0.1 s of CPU: keep it off the event loop.
    png = await asyncio.to_thread(render_metric_chart, drawn.points, drawn.baseline, drawn.texts,
                                  percent=drawn.percent)  # fmt: skip
    photo = BufferedInputFile(png, filename="client-number.png")
    caption = metric_chart_caption(t, history)
    if isinstance(callback.message, Message):
        await callback.message.answer_photo(photo, caption=caption)
    elif callback.bot is not None:  # too old to answer: straight to the chat
        await callback.bot.send_photo(callback.from_user.id, photo, caption=caption)


def create_router() -> Router:
    router = Router(name="outcomes")
    router.callback_query.register(ask, MetricCb.filter())
    router.callback_query.register(chart, MetricChartCb.filter())
    router.message.register(typed, MetricForm.value, TYPED_TEXT)
    router.callback_query.register(unknown, MetricForm.value, MetricUnknownCb.filter())
    router.message.register(reject_non_text, MetricForm.value, ~F.text)
    return router
