"""Advice after a reflection: for each weak dimension, a heading `advice-<dimension>` and
one text, chosen by bot/rules/advice.py from the dimension's tips or, when every
one of those reached the person lately, from its look-backs.

A look-back (`advice-<id>`) is advice that only follows a reflection: a question about the
project just looked back on. It exists so that advice never has to repeat a tip word for
word, and it is never sent by the tip subscription.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.content.questions import DIMENSIONS
from bot.content.tips import TIP_BY_ID, Material


@dataclass(frozen=True, slots=True)
class LookBack(Material):
    prefix: ClassVar[str] = "advice-"


LOOK_BACKS: tuple[LookBack, ...] = (
    LookBack("request-back-1", "request", ("I8", "I9")),
    LookBack("request-back-2", "request", ("I8", "I2")),
    LookBack("measure-back-1", "measure", ("I9",)),
    LookBack("measure-back-2", "measure", ("I9",)),
    LookBack("fit-back-1", "fit", ("I5",)),
    LookBack("fit-back-2", "fit", ("I5", "I10")),
    LookBack("explain-back-1", "explain", ("I4", "I5")),
    LookBack("explain-back-2", "explain", ("I4",)),
    LookBack("care-back-1", "care", ("I6",)),
    LookBack("care-back-2", "care", ("I3",)),
    LookBack("trust-back-1", "trust", ("I12",)),
    LookBack("trust-back-2", "trust", ("I12",)),
    LookBack("impact-back-1", "impact", ("I10",)),
    LookBack("impact-back-2", "impact", ("I10", "I1")),
    LookBack("return-back-1", "return", ("I13", "I11")),
    LookBack("return-back-2", "return", ("I11",)),
)
MATERIAL_BY_ID: dict[str, Material] = {**TIP_BY_ID, **{back.id: back for back in LOOK_BACKS}}
assert len(MATERIAL_BY_ID) == len(TIP_BY_ID) + len(LOOK_BACKS), "ids are unique"
# Two per dimension: one can be excluded as the previous advice and one is still left.
assert all(sum(back.dimension == d for back in LOOK_BACKS) >= 2 for d in DIMENSIONS)


def look_backs_of(dimension: str) -> tuple[LookBack, ...]:
    return tuple(back for back in LOOK_BACKS if back.dimension == dimension)
