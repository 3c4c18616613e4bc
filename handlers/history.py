"""/history: past reflections with their answers; /stats: the score chart, the trends and
the scoreboard by the client's result."""

from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.reflections import ReflectionService
from bot.services.scoreboard import ScoreboardService
from bot.telegram.input import refuse
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
from storage.users import User


async def history_command(
    message: Message, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    await state.clear()
    found = await reflections.history(user, 0, PAGE_SIZE)
    await history_screen(t, 0, found).answer(message)


async def history_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    await state.clear()
    found = await reflections.history(user, 0, PAGE_SIZE)
    await history_screen(t, 0, found).show(callback)


async def history_page(
    callback: CallbackQuery, callback_data: HistoryPageCb, user: User, t: Translator,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    page = max(0, callback_data.page)
    found = await reflections.history(user, page, PAGE_SIZE)
    await history_screen(t, page, found).show(callback)


async def history_open(
    callback: CallbackQuery, callback_data: HistoryOpenCb, callback_answer: CallbackAnswer,
    user: User, t: Translator, reflections: ReflectionService,
) -> None:  # fmt: skip
    past = await reflections.past(user, callback_data.id)
    if past is None:
        refuse(callback_answer, t, user.id, "reflection", callback_data.id)
        return
    await past_screen(t, past, callback_data.page).show(callback)


# ---- /stats ----------------------------------------------------------------------


async def _send_stats(
    message: Message, user: User, t: Translator, reflections: ReflectionService,
    scoreboard: ScoreboardService,
) -> None:  # fmt: skip
    stats = await reflections.stats(user)
    if stats is None:
        await stats_empty(t).answer(message)
        return
    board = await scoreboard.scoreboard(user)
    labels = [item.project_title for item in stats.scored]
    scores = [item.score for item in stats.scored if item.score is not None]
    # Drawing takes ~0.1 s of CPU: keep it off the event loop.
    png = await asyncio.to_thread(render_score_chart, labels, scores, chart_texts(t))
    caption, follow_up = stats_answer(t, stats.summary, board)
    await message.answer_photo(
        BufferedInputFile(png, filename="partner-score.png"),
        caption=caption,
        reply_markup=back_to_menu(t) if follow_up is None else None,
    )
    if follow_up is not None:  # the menu button goes with the last message
        await follow_up.answer(message)


async def stats_command(
    message: Message, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService, scoreboard: ScoreboardService,
) -> None:  # fmt: skip
    await state.clear()
    await _send_stats(message, user, t, reflections, scoreboard)


async def stats_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService, scoreboard: ScoreboardService,
) -> None:  # fmt: skip
    await state.clear()
    if isinstance(callback.message, Message):
        await _send_stats(callback.message, user, t, reflections, scoreboard)


def create_router() -> Router:
    router = Router(name="history")
    router.message.register(history_command, Command("history"))
    router.callback_query.register(history_button, NavCb.filter(F.to == Nav.HISTORY))
    router.callback_query.register(history_page, HistoryPageCb.filter())
    router.callback_query.register(history_open, HistoryOpenCb.filter())
    router.message.register(stats_command, Command("stats"))
    router.callback_query.register(stats_button, NavCb.filter(F.to == Nav.STATS))
    return router
