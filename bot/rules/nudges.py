"""On which days the early trust actions chosen at kickoff are nudged (idea I12).

All days are the user's local calendar days; a nudge arrives at their check-in hour.
The call and the written confirmation belong to the first days; the first draft is shown
about a third of the way in; progress notes come every few days until the end date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from storage.nudges import NudgeKind

MAX_TRUST_ACTIONS = 3
# A short project gets a note every 3 days; a longer one every week.
SHORT_PROJECT_DAYS = 21


def progress_every(start: date, end: date) -> int:
    """Days between progress notes for a project from `start` to `end`."""
    return 3 if (end - start).days <= SHORT_PROJECT_DAYS else 7


def first_day(action: NudgeKind, start: date, end: date) -> date | None:
    """The day of the action's first nudge, or None when none fits before the end."""
    if action is NudgeKind.CALL:
        day = start + timedelta(days=1)
    elif action is NudgeKind.CONFIRM:
        day = start + timedelta(days=2)
    elif action is NudgeKind.EARLY_DRAFT:
        day = start + timedelta(days=max(1, (end - start).days // 3))
    else:
        return next_progress_day(start, start, end)
    return day if day <= end else None


def next_progress_day(after: date, start: date, end: date) -> date | None:
    """The next progress note strictly after `after`, in the rhythm counted from the
    kickoff, and before the end day (at the end the work itself is the news)."""
    every = progress_every(start, end)
    steps = (after - start).days // every + 1
    day = start + timedelta(days=steps * every)
    return day if day < end else None


def toggled(picked: Sequence[NudgeKind], action: NudgeKind) -> list[NudgeKind] | None:
    """The trust actions picked after a press on `action`: unpicked if it was picked,
    added otherwise; None when adding it would make more than MAX_TRUST_ACTIONS."""
    if action in picked:
        return [kind for kind in picked if kind is not action]
    if len(picked) >= MAX_TRUST_ACTIONS:
        return None
    return [*picked, action]


def asks_address(language: str) -> bool:
    """Only Russian drafts need to know whether the client is «вы» or «ты»."""
    return language == "ru"
