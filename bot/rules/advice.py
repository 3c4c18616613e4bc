"""Which advice follows a reflection: the dimensions it covers and, for each, one text.

Advice for a weak dimension comes from that dimension's tips, so the reflection and the
tip subscription share one library; a tip read in the last four weeks is never shown
again as advice, word for word, and neither is the advice of the reflection before.
When every tip of the dimension is that recent, a look-back (advice that only ever
follows a reflection) stands in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from datetime import datetime

from bot.content.advice import MATERIAL_BY_ID, look_backs_of
from bot.content.tips import Material, tips_of
from bot.rules.tips import NEVER, seen_lately

MAX_ADVICE = 2  # two habits to work on are enough to act on; more would be a list


def advice_dimensions(weakest: Sequence[str], unmeasured: bool) -> tuple[str, ...]:
    """The dimensions to advise on, from the score's weakest (weakest first). When the
    client's number was never collected, measuring comes first (I9): without it no
    result can be seen."""
    if unmeasured:
        weakest = ("measure", *(d for d in weakest if d != "measure"))
    return tuple(weakest[:MAX_ADVICE])


def choose_advice(
    dimensions: Sequence[str],
    seen: Mapping[str, datetime],
    previous: Set[str],
    now: datetime,
) -> tuple[Material, ...]:
    """One text per dimension. `seen`: text id -> when the person last got it (tips
    and advice alike); `previous`: the ids of the last reflection's advice."""
    return tuple(_one(dimension, seen, previous, now) for dimension in dimensions)


def _one(
    dimension: str, seen: Mapping[str, datetime], previous: Set[str], now: datetime
) -> Material:
    def last_seen(text: Material) -> datetime:
        return seen.get(text.id, NEVER)

    tips = [
        tip
        for tip in tips_of(dimension)
        if tip.id not in previous and not seen_lately(seen, tip.id, now)
    ]
    if tips:
        # Never seen first, then the longest ago; `min` keeps library order between equals.
        return min(tips, key=last_seen)
    backs = look_backs_of(dimension)
    return min([back for back in backs if back.id not in previous] or backs, key=last_seen)


def default_advice(dimensions: Sequence[str]) -> tuple[Material, ...]:
    """The advice of a reflection finished before advice was recorded: each dimension's
    first tip, so the same page always reads the same."""
    return tuple(tips_of(dimension)[0] for dimension in dimensions)


def recorded_advice(ids: Sequence[str] | None, dimensions: Sequence[str]) -> tuple[Material, ...]:
    """The advice a past reflection showed (`ids` as recorded; None: not recorded), for
    history. Texts since removed from the library are left out; when none is left, the
    default advice of `dimensions` stands in."""
    if ids is None:
        return default_advice(dimensions)
    known = tuple(MATERIAL_BY_ID[text_id] for text_id in ids if text_id in MATERIAL_BY_ID)
    return known if known or not ids else default_advice(dimensions)
