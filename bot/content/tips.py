"""The tip library: one concrete thing to do this week, tagged with the ideas of
shared/seed/IDEAS.md and the reflection dimension it strengthens. Texts are `tip-<id>`
in the locale files.

Every tip works with the clients a person has now (a current project, a past client,
their own templates): a tip that waits for a new client is a tip nobody acts on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.content.questions import DIMENSIONS


@dataclass(frozen=True, slots=True)
class Material:
    """A coaching text for one reflection dimension, with the ideas it carries; its
    words are `<prefix><id>` in the locale files. Tips and the look-backs of advice
    (bot/content/advice.py) are both material for the advice after a reflection."""

    id: str
    dimension: str
    ideas: tuple[str, ...]
    prefix: ClassVar[str] = ""

    @property
    def key(self) -> str:
        return f"{self.prefix}{self.id}"


@dataclass(frozen=True, slots=True)
class Tip(Material):
    prefix: ClassVar[str] = "tip-"


TIPS: tuple[Tip, ...] = (
    # request: the client's real request behind the spec (I8, I9), and the spec items
    # that do not serve it (I2)
    Tip("request-1", "request", ("I8", "I9")),
    Tip("request-2", "request", ("I9", "I2")),
    Tip("request-3", "request", ("I2", "I8")),
    Tip("request-4", "request", ("I8", "I9")),
    Tip("request-5", "request", ("I9", "I10")),
    Tip("request-6", "request", ("I2", "I8")),
    # measure: one number agreed and followed (I9)
    Tip("measure-1", "measure", ("I9",)),
    Tip("measure-2", "measure", ("I9",)),
    Tip("measure-3", "measure", ("I9", "I11")),
    Tip("measure-4", "measure", ("I9", "I4")),
    Tip("measure-5", "measure", ("I9", "I10")),
    Tip("measure-6", "measure", ("I9", "I12")),
    # fit: the solution that fits, not the expensive one (I5, I10). And I7, "long term is
    # not selling cheap", only where the freelancer holds their own price: priced by the
    # value of the result, extras and fixes kept apart, a rate that keeps up.
    Tip("fit-1", "fit", ("I5",)),
    Tip("fit-2", "fit", ("I5",)),
    Tip("fit-3", "fit", ("I5", "I10")),
    Tip("fit-4", "fit", ("I7",)),
    Tip("fit-5", "fit", ("I7", "I10")),
    Tip("fit-6", "fit", ("I5", "I6")),
    Tip("fit-7", "fit", ("I5", "I10")),
    Tip("fit-8", "fit", ("I7", "I13")),
    Tip("fit-9", "fit", ("I7", "I11")),
    Tip("fit-10", "fit", ("I7", "I4")),
    # explain: the client understands the trade-off, not just trusts the expert (I4, I5)
    Tip("explain-1", "explain", ("I4",)),
    Tip("explain-2", "explain", ("I4",)),
    Tip("explain-3", "explain", ("I4", "I5")),
    Tip("explain-4", "explain", ("I4",)),
    Tip("explain-5", "explain", ("I4", "I5")),
    Tip("explain-6", "explain", ("I5", "I4")),
    # care: no surprises later, no hurrying the work off the table (I3, I6)
    Tip("care-1", "care", ("I3",)),
    Tip("care-2", "care", ("I6",)),
    Tip("care-3", "care", ("I6", "I12")),
    Tip("care-4", "care", ("I3",)),
    Tip("care-5", "care", ("I3", "I6")),
    Tip("care-6", "care", ("I6", "I3")),
    # trust: sowing trust early in a project that is running now (I12)
    Tip("trust-1", "trust", ("I12",)),
    Tip("trust-2", "trust", ("I12",)),
    Tip("trust-3", "trust", ("I12", "I6")),
    Tip("trust-4", "trust", ("I12", "I4")),
    Tip("trust-5", "trust", ("I12", "I6")),
    Tip("trust-6", "trust", ("I12",)),
    # impact: the client earns more (I10), because they are a real business (I1)
    Tip("impact-1", "impact", ("I10",)),
    Tip("impact-2", "impact", ("I10", "I9")),
    Tip("impact-3", "impact", ("I10",)),
    Tip("impact-4", "impact", ("I10", "I11")),
    Tip("impact-5", "impact", ("I1", "I10")),
    Tip("impact-6", "impact", ("I1", "I9")),
    # return: the client comes back (I11, I1), and it is a client one wants back (I13)
    Tip("return-1", "return", ("I11",)),
    Tip("return-2", "return", ("I11", "I6")),
    Tip("return-3", "return", ("I13", "I11")),
    Tip("return-4", "return", ("I11", "I1")),
    Tip("return-5", "return", ("I13",)),
    Tip("return-6", "return", ("I13", "I1")),
)
TIP_BY_ID = {tip.id: tip for tip in TIPS}
assert {tip.dimension for tip in TIPS} == set(DIMENSIONS)


def tips_of(dimension: str) -> tuple[Tip, ...]:
    """The dimension's tips in library order; the first is its default advice."""
    return tuple(tip for tip in TIPS if tip.dimension == dimension)
