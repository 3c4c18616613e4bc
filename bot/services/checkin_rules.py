"""When a check-in is due, in the user's own time.

A check-in is planned as a wall-clock time in the user's zone ("10:00 on 12 March") and
turned into UTC only for the database, so daylight saving and zone changes keep 10:00 at
10:00. Times the user did not choose use their check-in hour and avoid quiet hours.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser

QUIET_FROM = 22  # no reminders from 22:00 ...
QUIET_UNTIL = 8  # ... to 08:00, unless the user chose that time
CHECKIN_HOURS = tuple(range(QUIET_UNTIL, QUIET_FROM))  # the hours settings offer
DEFAULT_CHECKIN_HOUR = 10
MAX_AHEAD = timedelta(days=2 * 366)

_DAY_MONTH_TIME = re.compile(
    r"^(?P<day>\d{1,2})[./](?P<month>\d{1,2})(?:[./](?P<year>\d{2,4}))?"
    r"(?:\s+(?:в\s+|at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?$"
)


class Preset(StrEnum):
    TWO_WEEKS = "2w"
    ONE_MONTH = "1m"
    THREE_MONTHS = "3m"
    SIX_MONTHS = "6m"


class CadenceUnit(StrEnum):
    WEEK = "week"
    MONTH = "month"


class WhenProblem(StrEnum):
    UNREADABLE = "unreadable"
    PAST = "past"
    TOO_FAR = "too_far"


@dataclass(frozen=True, slots=True)
class When:
    local: datetime  # naive wall-clock time in the user's zone
    time_chosen: bool


def to_utc(local: datetime, zone: str) -> datetime:
    """The UTC moment of a wall-clock time in `zone`. A time skipped by a spring-forward
    (02:30 on the change night) resolves to the same clock offset as before the jump."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


def local_now(now: datetime, zone: str) -> datetime:
    """The user's wall clock now, as a naive datetime."""
    return now.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def in_quiet_hours(local: datetime) -> bool:
    return local.hour >= QUIET_FROM or local.hour < QUIET_UNTIL


def polite(local: datetime, hour: int) -> datetime:
    """Move a time the user did not choose out of quiet hours, to the check-in hour of
    the same morning (before 08:00) or the next day (after 22:00)."""
    if not in_quiet_hours(local):
        return local
    day = local.date() if local.hour < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, time(hour))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def preset_day(today: date, preset: Preset) -> date:
    if preset is Preset.TWO_WEEKS:
        return today + timedelta(weeks=2)
    return add_months(today, {Preset.ONE_MONTH: 1, Preset.THREE_MONTHS: 3,
                              Preset.SIX_MONTHS: 6}[preset])  # fmt: skip


def cadence_day(since: date, unit: CadenceUnit, n: int) -> date:
    return since + timedelta(weeks=n) if unit is CadenceUnit.WEEK else add_months(since, n)


def at_checkin_hour(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour))


def parse_when(text: str, now_local: datetime, hour: int) -> When | WhenProblem:
    """A future time from words, in English or Russian: "через 10 дней",
    "next friday 10:00", "15.01 9:30", "in 2 minutes". Without a time of day the
    check-in hour is used. Runs dateparser: call it off the event loop."""
    cleaned = " ".join(text.strip().casefold().split())
    if not cleaned or len(cleaned) > 100:
        return WhenProblem.UNREADABLE
    found = _day_month(cleaned, now_local, hour)
    if found is None:
        parser = DateDataParser(
            languages=["en", "ru"],
            settings={
                "RELATIVE_BASE": now_local,
                "PREFER_DATES_FROM": "future",
                "DATE_ORDER": "DMY",
                "RETURN_TIME_AS_PERIOD": True,
            },
        )
        data = parser.get_date_data(cleaned)
        if data.date_obj is None:
            return WhenProblem.UNREADABLE
        chosen = data.period == "time"
        local = data.date_obj.replace(tzinfo=None, second=0, microsecond=0)
        found = When(local if chosen else at_checkin_hour(local.date(), hour), chosen)
    if found.local <= now_local:
        return WhenProblem.PAST
    if found.local - now_local > MAX_AHEAD:
        return WhenProblem.TOO_FAR
    return found


def _day_month(text: str, now_local: datetime, hour: int) -> When | None:
    """ "15.01", "15.01.2027", "15.01 9:30": dateparser would read "15.01" as a time."""
    match = _DAY_MONTH_TIME.match(text)
    if not match:
        return None
    try:
        year = int(match["year"]) if match["year"] else now_local.year
        year = year + 2000 if year < 100 else year
        day = date(year, int(match["month"]), int(match["day"]))
        clock = time(int(match["hour"]), int(match["minute"])) if match["hour"] else None
    except ValueError:
        return None
    local = datetime.combine(day, clock or time(hour))
    if not match["year"] and local <= now_local:  # "15.01" in November: next January
        local = local.replace(year=local.year + 1)
    return When(local, clock is not None)


class AgeBucket(StrEnum):
    """How long ago the project ended; each bucket has its own message drafts."""

    WEEKS = "2w"
    MONTH = "1m"
    MONTHS = "3m"


def age_bucket(finished_on: date | None, today: date) -> AgeBucket:
    days = (today - finished_on).days if finished_on else 90
    if days < 25:
        return AgeBucket.WEEKS
    if days < 75:
        return AgeBucket.MONTH
    return AgeBucket.MONTHS
