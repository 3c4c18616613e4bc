"""How values are stored, in one place for every table.

- A moment (something that happened or falls due) is whole epoch seconds, UTC, in an
  INTEGER column: it sorts and compares as a number on any engine.
- A person's wall-clock time ("10:00 in their zone") is ISO text without an offset,
  because it must stay 10:00 whatever the zone or daylight saving does.
- A calendar day (a project's finish day, a contact's day) is ISO date text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def from_epoch(value: int) -> datetime:
    return datetime.fromtimestamp(value, UTC)


def maybe_from_epoch(value: int | None) -> datetime | None:
    return from_epoch(value) if value is not None else None


def wall_clock(local: datetime) -> str:
    """A naive local time, to the minute."""
    return local.isoformat(timespec="minutes")


def from_wall_clock(text: str) -> datetime:
    return datetime.fromisoformat(text)


def day(value: date) -> str:
    return value.isoformat()


def from_day(text: str) -> date:
    return date.fromisoformat(text)


def maybe_from_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
