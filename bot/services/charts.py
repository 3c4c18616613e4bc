"""The partner-score chart for /stats, drawn with matplotlib's headless Agg backend."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

# Figure without pyplot: no global state and no display; savefig renders with Agg.
from matplotlib.figure import Figure

from bot.services.scoring import IN_BETWEEN_FROM, PARTNER_FROM


@dataclass(frozen=True, slots=True)
class ChartTexts:
    title: str
    y_label: str
    partner: str
    in_between: str
    conveyor: str


def render_score_chart(labels: Sequence[str], scores: Sequence[int], texts: ChartTexts) -> bytes:
    """A PNG of scores per project, over the Conveyor / In between / Partner bands.
    CPU-bound (about 0.1 s): call it off the event loop."""
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
        axes.annotate(str(score), (x, score), textcoords="offset points", xytext=(0, 7),
                      ha="center", fontsize=8)  # fmt: skip
    axes.set_ylim(0, 100)
    axes.set_xlim(0.5, len(scores) + 0.5)
    axes.set_xticks(positions, [label[:14] for label in labels], rotation=30, ha="right",
                    fontsize=8)  # fmt: skip
    axes.set_ylabel(texts.y_label)
    axes.set_title(texts.title)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
