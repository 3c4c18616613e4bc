"""/history: past reflections with their answers; /stats: the chart's words and the
trend under it."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.questions import QUESTIONS, AnswerKind, Question
from bot.i18n import Translator
from bot.messaging import Screen
from bot.services.charts import ChartTexts
from bot.services.reflections import PastReflection
from bot.services.stats import StatsSummary
from bot.views.common import Nav, NavCb, back_to_menu, menu_button, pager_row
from bot.views.reflection import answer_label, result_text
from storage.reflections import Answer, HistoryPage


class HistoryPageCb(CallbackData, prefix="hp1"):
    page: int


class HistoryOpenCb(CallbackData, prefix="ho1"):
    id: int
    page: int


def history_screen(t: Translator, page: int, found: HistoryPage) -> Screen:
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


def _shown_answer(t: Translator, question: Question, answer: Answer | None) -> str:
    if answer is None or answer.skipped:
        return t("answer-skipped")
    if question.kind is AnswerKind.TEXT:
        return answer.text or t("not-set")
    if answer.value is not None:
        return answer_label(t, question, answer.value)
    return t("answer-skipped")  # only a comment was typed


def past_screen(t: Translator, past: PastReflection, page: int) -> Screen:
    """One reflection in full: the project, every answer with its comment, the result.
    `page` is the history page to go back to."""
    project = past.project
    parts = [
        t(
            "history-header",
            title=project.title,
            client=project.client_name,
            date=t.day(project.finished_on),
            goal=project.goal_note or t(f"goal-{project.goal.value}"),
            metric=project.metric or t("not-set"),
            baseline=project.baseline or t("not-set"),
        )
    ]
    for question in QUESTIONS:
        answer = past.answers.get(question.id)
        shown = _shown_answer(t, question, answer)
        block = t("history-answer", question=t(f"q-{question.id}"), answer=shown)
        if answer is not None and answer.comment:
            block += "\n" + t("history-comment", comment=answer.comment)
        parts.append(block)
    parts.append(result_text(t, past.summary))
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-to-history"), callback_data=HistoryPageCb(page=page))
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    return Screen("\n\n".join(parts), builder.as_markup())


def chart_texts(t: Translator) -> ChartTexts:
    return ChartTexts(
        title=t("chart-title"),
        y_label=t("chart-y"),
        partner=t("label-partner"),
        in_between=t("label-in_between"),
        conveyor=t("label-conveyor"),
    )


def stats_caption(t: Translator, summary: StatsSummary) -> str:
    fallback = t("stats-one-dimension")
    return t(
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


def stats_empty(t: Translator) -> Screen:
    return Screen(t("stats-empty"), back_to_menu(t))
