"""When a check-in is due, in the user's own time.

A check-in is planned as a wall-clock time in the user's zone ("10:00 on 12 March") and
turned into UTC only for the database, so daylight saving and zone changes keep 10:00 at
10:00. Times the user did not choose use their check-in hour and avoid quiet hours.
How a typed time is read is told in parse_when. What came of a check-in and how old its
project is are kinds of the check-in too, so they live here.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.reading.calendar_words import WeekdayMismatch
from bot.reading.dates import read_day
from bot.reading.when_words import PART_HOURS, DayPart, Phrase, read_phrase

QUIET_FROM = 22  # no reminders from 22:00 ...
QUIET_UNTIL = 8  # ... to 08:00, unless the user chose that time
CHECKIN_HOURS = tuple(range(QUIET_UNTIL, QUIET_FROM))  # the hours settings offer
DEFAULT_CHECKIN_HOUR = 10
MAX_AHEAD = timedelta(days=2 * 366)
TODAY_WORDS = frozenset({"today", "сегодня"})


class Preset(StrEnum):
    TWO_WEEKS = "2w"
    ONE_MONTH = "1m"
    THREE_MONTHS = "3m"
    SIX_MONTHS = "6m"


class CadenceUnit(StrEnum):
    WEEK = "week"
    MONTH = "month"


class CheckinOutcome(StrEnum):
    """What came of a check-in the user marked done."""

    REPLIED = "replied"
    NEW_ORDER = "new_order"
    NO_ANSWER = "no_answer"
    NOT_RELEVANT = "not_relevant"


class WhenProblem(StrEnum):
    UNREADABLE = "unreadable"
    PAST = "past"
    TOO_FAR = "too_far"


@dataclass(frozen=True, slots=True)
class NamedTime:
    """An hour typed in another zone than the user's: "в 16:00 по Москве"."""

    zone: str  # IANA: "Europe/Moscow"
    local: datetime  # naive wall-clock time there: 16:00


@dataclass(frozen=True, slots=True)
class When:
    local: datetime  # naive wall-clock time in the user's zone
    time_chosen: bool
    named: NamedTime | None = None  # the hour as typed, when named in another zone


def _in_zone(local: datetime, zone: str, other: str) -> datetime:
    """The wall-clock time in `other` at the moment `local` shows in `zone`."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo(other)).replace(tzinfo=None)


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
    return add_months(
        today, {Preset.ONE_MONTH: 1, Preset.THREE_MONTHS: 3, Preset.SIX_MONTHS: 6}[preset]
    )


def cadence_day(since: date, unit: CadenceUnit, n: int) -> date:
    return since + timedelta(weeks=n) if unit is CadenceUnit.WEEK else add_months(since, n)


def at_checkin_hour(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour))


def next_hour_today(now_local: datetime) -> datetime | None:
    """The next whole hour still ahead today outside quiet hours, or None if there is
    none left (from 21:00 on)."""
    hour = now_local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    hour = max(hour, datetime.combine(now_local.date(), time(QUIET_UNTIL)))
    if hour.date() != now_local.date() or in_quiet_hours(hour):
        return None
    return hour


def parse_when(
    text: str, now_local: datetime, hour: int, zone: str | None = None
) -> When | WhenProblem | WeekdayMismatch:
    """A future time from words, in English or Russian: "завтра в 11", "в пятницу в 9",
    "tomorrow evening", "в конце месяца", "через 2 недели", "15.01 9:30", "in 2 minutes".

    - A typed time wins ("в 9" is 09:00, "в 9 вечера" 21:00); a part of the day is a fixed
      hour (morning 09:00, afternoon 14:00, evening 19:00); both count as chosen, so they
      stay put when the check-in hour changes and are never moved out of quiet hours.
    - A day without a time takes the check-in `hour` (then moved out of quiet hours).
    - A time without a day is today if still ahead, else tomorrow; a weekday, "the 10th" or
      a day and month is the nearest one whose time is still ahead (today included).
    - "Today" without a time ("сегодня", "today") once the check-in hour has passed, and
      "tonight" / "сегодня вечером" after 19:00, is the next whole hour still ahead outside
      quiet hours (chosen, so it stays put); with none left today it is refused as past.
    - A named month still running ("в декабре" on 5 December, "в начале декабря" on the
      5th) is its next working day still ahead, not next year's; "в этом месяце" / "this
      month" is the next working day ahead.
    - Words for the day follow bot.reading.calendar_words (weekdays, months and their
      beginning / middle / end, "the 10th") and else dateparser; the time of day and number
      words are taken apart first by bot.reading.when_words.
    - Past moments, days that do not exist and times over two years ahead are refused with
      their own WhenProblem; a weekday and a date that disagree ("воскресенье, 10 фев"
      on a Wednesday the 10th) come back as both readings, for the person to choose.
    - An hour named in another zone ("в 16:00 по Москве", "4pm CET") is read on that
      zone's calendar and clock, then turned into the user's `zone`; the When keeps the
      hour as typed, for the confirmation to show both.

    Runs dateparser: call it off the event loop."""
    phrase = read_phrase(text)
    if phrase is None:
        return WhenProblem.UNREADABLE
    if phrase.zone is None or zone is None or phrase.zone == zone:
        return _moment(phrase, now_local, hour)
    there = _moment(phrase, _in_zone(now_local, zone, phrase.zone), hour)
    if not isinstance(there, When):
        return there
    return When(_in_zone(there.local, phrase.zone, zone), True, NamedTime(phrase.zone, there.local))


def _moment(phrase: Phrase, now_local: datetime, hour: int) -> When | WhenProblem | WeekdayMismatch:
    """The moment a typed time names, on the clock `now_local` is read on."""
    chosen = phrase.clock is not None or phrase.part is not None
    clock = phrase.clock or time(PART_HOURS[phrase.part] if phrase.part else hour)
    today_counts = now_local.time() < clock
    if (
        phrase.day in TODAY_WORDS
        and not today_counts
        and phrase.clock is None
        and phrase.part in (None, DayPart.EVENING)
    ):  # "сегодня" at 15:00 with the check-in hour at 10, "tonight" at 20:00
        later = next_hour_today(now_local)
        return When(later, True) if later else WhenProblem.PAST
    if not phrase.day:
        day = now_local.date() if today_counts else now_local.date() + timedelta(days=1)
        local = datetime.combine(day, clock)
    else:
        reading = read_day(phrase.day, now_local, ahead=True, today_counts=today_counts)
        if reading is None:
            return WhenProblem.UNREADABLE
        if isinstance(reading, WeekdayMismatch):
            return reading
        if reading.moment is not None and not chosen:  # "in 2 hours": the moment itself
            local, chosen = reading.moment, True
        else:
            local = datetime.combine(reading.day, clock)
    if local <= now_local:
        return WhenProblem.PAST
    if local - now_local > MAX_AHEAD:
        return WhenProblem.TOO_FAR
    return When(local, chosen)


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
