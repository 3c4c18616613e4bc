"""The client's number after the project: the button that asks for it, the question, how
it moved against the baseline (shown on the client's card and after each answer), and the
words and points of its chart."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.reading.numbers import Change
from bot.services.outcomes import MetricHistory, MetricProgress
from bot.views.charts import ChartPoint, MetricChartTexts, number_text
from bot.views.common import Nav, NavCb
from bot.views.screen import Screen


class MetricCb(CallbackData, prefix="mr1"):
    """Ask what the number of this project is now."""

    project: int


class MetricChartCb(CallbackData, prefix="mc1"):
    """Send the chart of this project's number."""

    project: int


class MetricUnknownCb(CallbackData, prefix="mu1"):
    """ "Don't know yet" under the question."""


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
    values = {"metric": metric, "baseline": baseline, "latest": latest.text, "date": when}
    if progress.change is None:  # a "don't know", or no number to compare with
        line = t("metric-progress-plain", **values)
    else:
        line = t("metric-progress", change=_change(t, progress), **values)
    # The client's own answer weighs differently from what the freelancer noted down.
    return f"{line} {t('metric-from-client')}" if latest.from_client else line


def metric_question(t: Translator, progress: MetricProgress, client: str) -> Screen:
    project = progress.project
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-metric-unknown"), callback_data=MetricUnknownCb())
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(2)
    baseline = project.baseline or t("not-set")
    text = t("metric-ask", metric=project.metric or "", client=client, baseline=baseline)
    return Screen(text, builder.as_markup())


# ---- the chart ---------------------------------------------------------------------

CAPTION_LIMIT = 1024  # Telegram's limit for a photo's caption
# A point shows the reading as typed when it is this short, its number otherwise.
POINT_TEXT_LIMIT = 16
_TITLE_LIMIT = 70  # wider than this, the title runs off the picture


@dataclass(frozen=True, slots=True)
class MetricChart:
    """What `render_metric_chart` draws, in the reader's language."""

    points: list[ChartPoint]
    baseline: ChartPoint | None  # None when the baseline has no number
    texts: MetricChartTexts
    percent: bool


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plain(text: str) -> str:
    """A translated text for the picture: the translator escapes values for Telegram's
    HTML, and the picture shows characters as they are."""
    return html.unescape(text)


def _point_label(text: str, value: float, percent: bool) -> str:
    return text if len(text) <= POINT_TEXT_LIMIT else number_text(value, percent)


def metric_chart(t: Translator, history: MetricHistory) -> MetricChart:
    progress = history.progress
    project, baseline = progress.project, progress.baseline
    points = [
        ChartPoint(
            t.day(r.read_on), r.value, _point_label(r.text, r.value, r.percent), r.from_client
        )
        for r in history.measured
        if r.value is not None  # always true for `measured`; it narrows the type
    ]
    start = None
    if baseline.value is not None:
        label = _point_label(baseline.text, baseline.value, baseline.percent)
        start = ChartPoint(t.day(project.finished_on), baseline.value, label)
    title = t("metric-chart-title", metric=project.metric or "", client=project.client_name)
    texts = MetricChartTexts(
        title=_cut(_plain(title), _TITLE_LIMIT),
        baseline=_plain(t("metric-chart-baseline")),
        own=_plain(t("metric-chart-own")),
        client=_plain(t("metric-chart-client")),
    )
    return MetricChart(points, start, texts, history.percent)


def _shortened(progress: MetricProgress, limit: int) -> MetricProgress:
    project, latest = progress.project, progress.latest
    project = replace(
        project,
        metric=_cut(project.metric, limit) if project.metric else project.metric,
        baseline=_cut(project.baseline, limit) if project.baseline else project.baseline,
    )
    if latest is not None:
        latest = replace(latest, text=_cut(latest.text, limit))
    return replace(progress, project=project, latest=latest)


def metric_chart_caption(t: Translator, history: MetricHistory) -> str:
    """ "📈 3 readings since the project, 1 without a number" and the change from the
    baseline to the latest. Long typed texts are shortened until the caption fits."""
    count = t("metric-chart-readings", count=len(history.readings))
    if history.without_number:
        count += ", " + t("metric-chart-without-number", count=history.without_number)
    caption = ""
    for limit in (None, 120, 40, 16):
        progress = history.progress if limit is None else _shortened(history.progress, limit)
        caption = count + "\n" + progress_line(t, progress)
        if len(caption) <= CAPTION_LIMIT:
            break
    return caption
