"""When tips arrive and which one comes next."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from bot.content.tips import TIPS, Tip

DEFAULT_TIPS_HOUR = 9
TIP_HOURS = tuple(range(7, 22))
# A tip read within four weeks is still remembered: advice never repeats one from this
# window, and a new round of the library leaves these for the round after.
RECENTLY = timedelta(days=28)
NEVER = datetime.min.replace(tzinfo=UTC)  # "seen at" of a text never seen, for sorting


class Frequency(StrEnum):
    DAILY = "daily"
    TWICE_WEEKLY = "twice_weekly"  # Monday and Thursday
    WEEKLY = "weekly"  # Monday: a concrete thing to try this week


_WEEKDAYS = {
    Frequency.DAILY: frozenset(range(7)),
    Frequency.TWICE_WEEKLY: frozenset({0, 3}),
    Frequency.WEEKLY: frozenset({0}),
}
_LESS_OFTEN = {Frequency.DAILY: Frequency.TWICE_WEEKLY, Frequency.TWICE_WEEKLY: Frequency.WEEKLY}


def next_slot(after: datetime, frequency: Frequency, hour: int) -> datetime:
    """The first delivery time strictly after `after` (naive, the user's wall clock)."""
    day = after.date()
    for offset in range(8):
        candidate = datetime.combine(day + timedelta(days=offset), time(hour))
        if candidate > after and candidate.weekday() in _WEEKDAYS[frequency]:
            return candidate
    raise AssertionError("every frequency has a weekday within a week")


def less_often(frequency: Frequency) -> Frequency | None:
    """One step rarer; None when already weekly."""
    return _LESS_OFTEN.get(frequency)


def seen_lately(seen: Mapping[str, datetime], text_id: str, now: datetime) -> bool:
    """Whether the person got this tip (or advice) within the last four weeks."""
    return seen.get(text_id, NEVER) > now - RECENTLY


def choose_tip(
    seen: Mapping[str, datetime], preferred: str | Sequence[str] | None, now: datetime
) -> tuple[Tip, bool]:
    """A tip the user has not seen (`seen`: tip id -> when), from the first dimension of
    `preferred` that still has one (e.g. measuring, then the weakest habit). Returns the
    tip and whether the library went round: then the tips not seen in the last four
    weeks start over, and the recent ones wait a round."""
    fresh = [tip for tip in TIPS if tip.id not in seen]
    went_round = not fresh
    if went_round:
        fresh = [tip for tip in TIPS if not seen_lately(seen, tip.id, now)]
        # All of them within four weeks (a daily reader with much advice): the oldest.
        fresh = fresh or [min(TIPS, key=lambda tip: seen[tip.id])]
    order = [preferred] if isinstance(preferred, str) else list(preferred or ())
    for dimension in order:
        of_dimension = [tip for tip in fresh if tip.dimension == dimension]
        if of_dimension:
            return of_dimension[0], went_round
    return fresh[0], went_round
