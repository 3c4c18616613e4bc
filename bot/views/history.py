"""/history: past reflections with their answers; /stats: the chart's words, the trend
under it and the scoreboard by the client's result."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.questions import QUESTIONS, AnswerKind, Question
from bot.i18n import Translator
from bot.rules.stats import StatsSummary
from bot.services.feedback import BothViews
from bot.services.reflections import PastReflection
from bot.services.scoreboard import Scoreboard
from bot.views.charts import ChartTexts
from bot.views.common import Nav, NavCb, back_to_menu, menu_button, pager_row
from bot.views.feedback import history_block, stats_lines
from bot.views.reflection import answer_label, result_text
from bot.views.screen import Screen
from storage.reflections import Answer, HistoryPage

CAPTION_LIMIT = 1024  # Telegram's limit for a photo's caption


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


def past_screen(
    t: Translator,
    past: PastReflection,
    page: int,
    views: BothViews | None = None,
    zone: str = "UTC",
) -> Screen:
    """One reflection in full: the project, every answer with its comment, the result,
    and the client's own answers beside it when they gave them. `page` is the history
    page to go back to."""
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
        if answer is None:  # asked only after this reflection was made
            continue
        shown = _shown_answer(t, question, answer)
        block = t("history-answer", question=t(f"q-{question.id}"), answer=shown)
        if answer is not None and answer.comment:
            block += "\n" + t("history-comment", comment=answer.comment)
        parts.append(block)
    parts.append(result_text(t, past.summary, past.advice))
    if views is not None:
        parts.append(history_block(t, views, zone))
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


def scoreboard_text(t: Translator, board: Scoreboard) -> str:
    """The client's numbers, the come-back forecasts against what happened, and the
    self-assessed score beside the measured result; a line only where there is data."""
    results = board.results
    lines = [t("scoreboard-title")]
    if not results.tracked:
        lines.append(t("scoreboard-no-metric"))
    if results.compared:
        lines.append(
            t(
                "scoreboard-compared",
                improved=results.improved,
                measured=results.compared,
                same=results.same,
                worse=results.worse,
            )
        )
    if results.no_baseline:
        lines.append(t("scoreboard-no-baseline", count=results.no_baseline))
    if results.unmeasured:
        lines.append(t("scoreboard-unmeasured", count=results.unmeasured, tracked=results.tracked))
    if board.forecasts:
        lines.append(t("scoreboard-forecasts"))
        for tally in board.forecasts:
            band = t(f"scoreboard-band-{tally.band.value}")
            lines.append(
                t("scoreboard-band", band=band, back=tally.came_back, count=tally.forecasts)
            )
    if board.trust.kickoffs:
        lines.append(t("scoreboard-trust", kickoffs=board.trust.kickoffs, done=board.trust.done))
    if board.self_assessment is not None:
        lines.append(
            t(
                "scoreboard-self",
                improved=board.self_assessment.improved,
                other=board.self_assessment.not_improved,
            )
        )
    lines.extend(stats_lines(t, board.client_view))
    return "\n".join(lines)


def fits_caption(text: str) -> bool:
    """Telegram counts a caption in UTF-16 code units once the HTML is parsed; counting
    the HTML itself that way can only overestimate, never let a long one through."""
    return len(text.encode("utf-16-le")) // 2 <= CAPTION_LIMIT


def split_caption(caption: str, extra: str) -> tuple[str, str | None]:
    """The photo's caption, and `extra` as a message of its own when both do not fit
    in one caption."""
    together = f"{caption}\n\n{extra}"
    if fits_caption(together):
        return together, None
    return caption, extra


def stats_answer(
    t: Translator, summary: StatsSummary, board: Scoreboard
) -> tuple[str, Screen | None]:
    """The chart's caption, and the scoreboard as a screen of its own (with the menu
    button, as the last message) when it does not fit in the caption."""
    caption, rest = split_caption(stats_caption(t, summary), scoreboard_text(t, board))
    return caption, Screen(rest, back_to_menu(t)) if rest is not None else None
