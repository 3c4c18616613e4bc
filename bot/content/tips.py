"""The tip library: one concrete thing to do this week, tagged with the ideas of
shared/seed/IDEAS.md and the reflection dimension it strengthens. Texts are `tip-<id>`
in the locale files."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.questions import DIMENSIONS


@dataclass(frozen=True, slots=True)
class Tip:
    id: str
    dimension: str
    ideas: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"tip-{self.id}"


TIPS: tuple[Tip, ...] = (
    Tip("request-1", "request", ("I8", "I9")),
    Tip("request-2", "request", ("I9",)),
    Tip("request-3", "request", ("I8", "I2")),
    Tip("request-4", "request", ("I9", "I10")),
    Tip("measure-1", "measure", ("I9",)),
    Tip("measure-2", "measure", ("I9", "I10")),
    Tip("measure-3", "measure", ("I9", "I11")),
    Tip("measure-4", "measure", ("I9",)),
    Tip("fit-1", "fit", ("I5", "I7")),
    Tip("fit-2", "fit", ("I5",)),
    Tip("fit-3", "fit", ("I7", "I10")),
    Tip("fit-4", "fit", ("I5", "I6")),
    Tip("explain-1", "explain", ("I4",)),
    Tip("explain-2", "explain", ("I4", "I12")),
    Tip("explain-3", "explain", ("I4", "I5")),
    Tip("explain-4", "explain", ("I4", "I8")),
    Tip("care-1", "care", ("I3",)),
    Tip("care-2", "care", ("I3", "I6")),
    Tip("care-3", "care", ("I3", "I7")),
    Tip("care-4", "care", ("I3", "I2")),
    Tip("trust-1", "trust", ("I12",)),
    Tip("trust-2", "trust", ("I12", "I1")),
    Tip("trust-3", "trust", ("I12", "I13")),
    Tip("trust-4", "trust", ("I12", "I4")),
    Tip("impact-1", "impact", ("I10",)),
    Tip("impact-2", "impact", ("I10", "I9")),
    Tip("impact-3", "impact", ("I10", "I1")),
    Tip("impact-4", "impact", ("I10", "I8")),
    Tip("return-1", "return", ("I11",)),
    Tip("return-2", "return", ("I11", "I6")),
    Tip("return-3", "return", ("I11", "I13")),
    Tip("return-4", "return", ("I11", "I1")),
)
TIP_BY_ID = {tip.id: tip for tip in TIPS}
assert {tip.dimension for tip in TIPS} == set(DIMENSIONS)
