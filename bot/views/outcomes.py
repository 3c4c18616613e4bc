"""The client's number after the project: the button that asks for it, the question, and
how it moved against the baseline (shown on the client's card and after each answer)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.messaging import Screen
from bot.services.metric_reading import Change
from bot.services.outcomes import MetricProgress
from bot.views.common import Nav, NavCb


class MetricCb(CallbackData, prefix="mr1"):
    """Ask what the number of this project is now."""

    project: int


class MetricUnknownCb(CallbackData, prefix="mu1"):
    """ "Don't know yet" under the question."""


class MetricForm(StatesGroup):
    value = State()  # data: project_id


def _change(t: Translator, progress: MetricProgress) -> str:
    if progress.change is Change.SAME or progress.change_percent is None:
        return t("metric-same")
    return f"{progress.change_percent:+.0f}%"


def progress_line(t: Translator, progress: MetricProgress) -> str:
    """ "CTR: 1.2% → 2.1% (+75%, 10 Dec 2026)", or that nothing was measured yet."""
    project, latest = progress.project, progress.latest
    metric = project.metric or ""
    baseline = project.baseline or t("not-set")
    if latest is None:
        return t("metric-progress-none", metric=metric, baseline=baseline)
    when = t.day(latest.read_on)
    if progress.change is None:  # a "don't know", or no number to compare with
        return t("metric-progress-plain", metric=metric, baseline=baseline, latest=latest.text,
                 date=when)  # fmt: skip
    return t("metric-progress", metric=metric, baseline=baseline, latest=latest.text,
             change=_change(t, progress), date=when)  # fmt: skip


def metric_question(t: Translator, progress: MetricProgress, client: str) -> Screen:
    project = progress.project
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-metric-unknown"), callback_data=MetricUnknownCb())
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(2)
    text = t("metric-ask", metric=project.metric or "", client=client,
             baseline=project.baseline or t("not-set"))  # fmt: skip
    return Screen(text, builder.as_markup())
