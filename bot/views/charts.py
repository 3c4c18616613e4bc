"""The partner-score chart for /stats and the chart of a client's number over time, drawn
with matplotlib's headless Agg backend.

matplotlib is imported inside the functions that draw: importing it costs about half a
second, which every start of the bot (and every test that starts one) would pay even if
nobody ever asks for a chart."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.rules.scoring import IN_BETWEEN_FROM, PARTNER_FROM

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True, slots=True)
class ChartTexts:
    title: str
    y_label: str
    partner: str
    in_between: str
    conveyor: str


def render_score_chart(labels: Sequence[str], scores: Sequence[int], texts: ChartTexts) -> bytes:
    """A PNG of scores per project, over the three bands (to the spec, halfway there, partner).
    CPU-bound (about 0.1 s): call it off the event loop."""
    # Figure without pyplot: no global state and no display; savefig renders with Agg.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4.5), dpi=100)
    axes = figure.subplots()
    axes.axhspan(0, IN_BETWEEN_FROM, color="#f4d6d2", zorder=0)
    axes.axhspan(IN_BETWEEN_FROM, PARTNER_FROM, color="#f6ecc9", zorder=0)
    axes.axhspan(PARTNER_FROM, 100, color="#d5ecd9", zorder=0)
    for y, text in (
        (IN_BETWEEN_FROM / 2, texts.conveyor),
        ((IN_BETWEEN_FROM + PARTNER_FROM) / 2, texts.in_between),
        ((PARTNER_FROM + 100) / 2, texts.partner),
    ):
        axes.text(1.01, y, text, transform=axes.get_yaxis_transform(), va="center", fontsize=9)
    positions = list(range(1, len(scores) + 1))
    axes.plot(positions, scores, marker="o", color="#2b4c7e", linewidth=2, zorder=3)
    for x, score in zip(positions, scores, strict=True):
        axes.annotate(
            str(score),
            (x, score),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize=8,
        )
    axes.set_ylim(0, 100)
    axes.set_xlim(0.5, len(scores) + 0.5)
    axes.set_xticks(
        positions, [label[:14] for label in labels], rotation=30, ha="right", fontsize=8
    )
    axes.set_ylabel(texts.y_label)
    axes.set_title(texts.title)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class MetricChartTexts:
    title: str
    baseline: str  # the dashed line: "before the project"
    own: str = ""  # the legend's words for the freelancer's readings
    client: str = ""  # and for the client's own answers


@dataclass(frozen=True, slots=True)
class ChartPoint:
    day: str  # the date under the point, written in the reader's language
    value: float
    label: str  # shown above the point
    from_client: bool = False  # the client gave it in their own answers


# Beyond this many points their labels would overlap: every n-th one is labelled.
_LABELLED_POINTS = 12
_LINE = "#2b4c7e"
_BASELINE = "#8a8a8a"
_CLIENT = "#d9822b"


def number_text(value: float, percent: bool = False) -> str:
    """A number short enough for an axis: at most two decimals, thousands apart."""
    if abs(value) >= 1000:
        text = f"{value:,.0f}".replace(",", "\u2009")  # thin space: neither "." nor ","
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text + ("%" if percent else "")


def _y_limits(values: Sequence[float]) -> tuple[float, float]:
    """Room above the points for their labels, and some below; a flat line gets a band."""
    low, high = min(values), max(values)
    span = high - low or abs(high) * 0.2 or 1.0
    return low - span * 0.15, high + span * 0.25


def render_metric_chart(
    points: Sequence[ChartPoint],
    baseline: ChartPoint | None,
    texts: MetricChartTexts,
    *,
    percent: bool = False,
) -> bytes:
    """A PNG of the readings in time order, after the baseline (the project's finish
    day) drawn as a dashed line. CPU-bound (about 0.1 s): call it off the event loop."""
    figure = draw_metric_chart(points, baseline, texts, percent=percent)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def draw_metric_chart(
    points: Sequence[ChartPoint],
    baseline: ChartPoint | None,
    texts: MetricChartTexts,
    *,
    percent: bool = False,
) -> Figure:
    """The figure of `render_metric_chart`; `points` must not be empty."""
    if not points:
        raise ValueError("a chart needs at least one point")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    figure = Figure(figsize=(8, 4.5), dpi=100)
    axes = figure.subplots()
    shown = [baseline, *points] if baseline is not None else list(points)
    positions = list(range(len(shown)))
    first = 1 if baseline is not None else 0
    # parse_math=False: a typed "$4k to $5k" is money, not a formula.
    if baseline is not None:
        axes.axhline(baseline.value, color=_BASELINE, linestyle="--", linewidth=1.2, zorder=1)
        axes.text(
            1.01,
            baseline.value,
            texts.baseline,
            transform=axes.get_yaxis_transform(),
            va="center",
            fontsize=9,
            color="#555555",
            parse_math=False,
        )
        axes.plot(
            [0, 1],
            [baseline.value, points[0].value],
            color=_BASELINE,
            linestyle=":",
            linewidth=1.5,
            zorder=2,
        )
        axes.plot(
            [0],
            [baseline.value],
            marker="o",
            markersize=7,
            color=_BASELINE,
            markerfacecolor="white",
            zorder=3,
        )
    axes.plot(
        positions[first:],
        [p.value for p in points],
        marker="o",
        color=_LINE,
        linewidth=2,
        zorder=3,
        label=texts.own,
    )
    theirs = [(x, p.value) for x, p in zip(positions[first:], points, strict=True) if p.from_client]
    if theirs:
        # The client's own word stands apart from what the freelancer noted down.
        axes.plot(
            [x for x, _ in theirs],
            [value for _, value in theirs],
            linestyle="none",
            marker="D",
            markersize=9,
            color=_CLIENT,
            zorder=4,
            label=texts.client,
        )
        axes.legend(loc="best", fontsize=8, frameon=False)
    step = -(-len(shown) // _LABELLED_POINTS)  # ceiling division
    for index, point in enumerate(shown):
        if index % step and index != len(shown) - 1:
            continue
        axes.annotate(
            point.label,
            (index, point.value),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=8,
            parse_math=False,
        )
    axes.set_ylim(*_y_limits([p.value for p in shown]))
    axes.set_xlim(-0.5, len(shown) - 0.5)
    days = [point.day if index % step == 0 else "" for index, point in enumerate(shown)]
    axes.set_xticks(positions, days, rotation=30, ha="right", fontsize=8)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number_text(value, percent)))
    axes.grid(axis="y", color="#e6e6e6", zorder=0)
    axes.set_axisbelow(True)
    axes.set_title(texts.title, parse_math=False)
    figure.tight_layout()
    return figure
