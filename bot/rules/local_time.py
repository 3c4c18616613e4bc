"""A person's own time: their wall clock and calendar day, from a UTC moment and their
IANA zone. Every rule and use case that speaks of "today" or "10:00" reads it here."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def to_utc(local: datetime, zone: str) -> datetime:
    """The UTC moment of a wall-clock time in `zone`. A time skipped by a spring-forward
    (02:30 on the change night) resolves to the same clock offset as before the jump."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


def local_now(now: datetime, zone: str) -> datetime:
    """The user's wall clock now, as a naive datetime."""
    return now.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def local_today(moment: datetime, zone: str) -> date:
    """The person's calendar day at `moment`."""
    return local_now(moment, zone).date()
