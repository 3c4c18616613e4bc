"""/history: past reflections with their answers; /stats: the score chart and trends."""

from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.questions import QUESTIONS, AnswerKind
from bot.i18n import Translator
from bot.messaging import Screen
from bot.services.charts import ChartTexts, render_score_chart
from bot.services.reflection_rules import summarize_reflection as outcome
from bot.services.stats import summarize
from bot.views.common import PAGE_SIZE, Nav, NavCb, back_to_menu, menu_button, pager_row
from bot.views.history import HistoryOpenCb, HistoryPageCb
from bot.views.input import refuse
from bot.views.reflection import answer_label
from handlers.reflection import result_screen
from storage.projects import ProjectRepository
from storage.reflections import ReflectionRepository
from storage.users import User


async def history_screen(
    user: User, t: Translator, reflections: ReflectionRepository, page: int
) -> Screen:
    found = await reflections.history(user.id, page * PAGE_SIZE, PAGE_SIZE)
    if not found.total:
        return Screen(t("history-empty"), back_to_menu(t))
    builder = InlineKeyboardBuilder()
    for item in found.items:
        label = t(
            "history-item",
            date=t.day(item.finished_on),
            client=item.client_name,
            title=item.project_title,
            score=str(item.score) if item.score is not None else t("not-set"),
        )
        builder.button(
            text=label[:60], callback_data=HistoryOpenCb(id=item.reflection_id, page=page)
        )
    builder.adjust(1)
    builder.row(*pager_row(t, page, found.total, lambda p: HistoryPageCb(page=p)))
    builder.row(menu_button(t))
    return Screen(t("history-title", count=found.total), builder.as_markup())


async def history_command(
    message: Message, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionRepository,
) -> None:  # fmt: skip
    await state.clear()
    await (await history_screen(user, t, reflections, 0)).answer(message)


async def history_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionRepository,
) -> None:  # fmt: skip
    await state.clear()
    await callback.answer()
    await (await history_screen(user, t, reflections, 0)).show(callback)


async def history_page(
    callback: CallbackQuery, callback_data: HistoryPageCb, user: User, t: Translator,
    reflections: ReflectionRepository,
) -> None:  # fmt: skip
    await callback.answer()
    screen = await history_screen(user, t, reflections, max(0, callback_data.page))
    await screen.show(callback)


async def history_open(
    callback: CallbackQuery,
    callback_data: HistoryOpenCb,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
) -> None:
    item = await reflections.history_item(user.id, callback_data.id)
    project = await projects.get(user.id, item.project_id) if item else None
    if item is None or project is None:
        await refuse(callback, t, "reflection", callback_data.id)
        return
    answers = await reflections.answers(user.id, item.reflection_id)
    goal = project.goal_note or t(f"goal-{project.goal.value}")
    parts = [
        t(
            "history-header",
            title=project.title,
            client=project.client_name,
            date=t.day(project.finished_on),
            goal=goal,
            metric=project.metric or t("not-set"),
            baseline=project.baseline or t("not-set"),
        )
    ]
    for question in QUESTIONS:
        answer = answers.get(question.id)
        if answer is None or answer.skipped:
            shown = t("answer-skipped")
        elif question.kind is AnswerKind.TEXT:
            shown = answer.text or t("not-set")
        elif answer.value is not None:
            shown = answer_label(t, question, answer.value)
        else:
            shown = t("answer-skipped")
        block = t("history-answer", question=t(f"q-{question.id}"), answer=shown)
        if answer is not None and answer.comment:
            block += "\n" + t("history-comment", comment=answer.comment)
        parts.append(block)
    parts.append(result_screen(t, outcome(answers)).text)
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("button-to-history"), callback_data=HistoryPageCb(page=callback_data.page)
    )
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    await callback.answer()
    await Screen("\n\n".join(parts), builder.as_markup()).show(callback)


# ---- /stats ----------------------------------------------------------------------


async def _send_stats(
    message: Message, user: User, t: Translator, reflections: ReflectionRepository
) -> None:
    scored = await reflections.scored_in_order(user.id)
    summary = summarize(
        scored,
        await reflections.done_values(user.id),
        await reflections.repeat_client_counts(user.id),
    )
    if summary is None:
        await message.answer(t("stats-empty"), reply_markup=back_to_menu(t))
        return
    texts = ChartTexts(
        title=t("chart-title"),
        y_label=t("chart-y"),
        partner=t("label-partner"),
        in_between=t("label-in_between"),
        conveyor=t("label-conveyor"),
    )
    labels = [item.project_title for item in scored]
    scores = [item.score for item in scored if item.score is not None]
    # Drawing takes ~0.1 s of CPU: keep it off the event loop.
    png = await asyncio.to_thread(render_score_chart, labels, scores, texts)
    fallback = t("stats-one-dimension")
    caption = t(
        "stats-text",
        count=summary.reflections,
        average=summary.average,
        latest=summary.latest,
        strongest=t(f"dim-{summary.strongest}") if summary.strongest else fallback,
        weakest=t(f"dim-{summary.weakest}") if summary.weakest else fallback,
        repeat=summary.repeat_clients,
        clients=summary.clients_with_projects,
        rate=summary.repeat_rate,
    )
    await message.answer_photo(
        BufferedInputFile(png, filename="partner-score.png"),
        caption=caption,
        reply_markup=back_to_menu(t),
    )


async def stats_command(
    message: Message, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionRepository,
) -> None:  # fmt: skip
    await state.clear()
    await _send_stats(message, user, t, reflections)


async def stats_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionRepository,
) -> None:  # fmt: skip
    await state.clear()
    await callback.answer()
    if isinstance(callback.message, Message):
        await _send_stats(callback.message, user, t, reflections)


def create_router() -> Router:
    router = Router(name="history")
    router.message.register(history_command, Command("history"))
    router.callback_query.register(history_button, NavCb.filter(F.to == Nav.HISTORY))
    router.callback_query.register(history_page, HistoryPageCb.filter())
    router.callback_query.register(history_open, HistoryOpenCb.filter())
    router.message.register(stats_command, Command("stats"))
    router.callback_query.register(stats_button, NavCb.filter(F.to == Nav.STATS))
    return router
