"""Reading a day the user typed: "today", "3 days ago", "12.11", "в прошлую пятницу",
"в конце месяца", "2026-11-03".

The words go through the pre-parser (when_words: a time of day taken out, number words as
digits), then the calendar rules (calendar_words: weekdays, months, "the 10th", a day and
month without a year), then dateparser for everything else ("вчера", "неделю назад",
"in 2 weeks", ISO dates). A day without a year is the nearest such day back (a finish:
"28.12" typed in January is last December, today included) or ahead (a deadline: after
today, so a planned end "в пятницу" typed on a Friday is next Friday).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from dateparser.date import DateDataParser

from bot.reading.calendar_words import NotADay, WeekdayMismatch, read_calendar_words
from bot.reading.when_words import read_phrase

MAX_INPUT_LENGTH = 64
_CYRILLIC = re.compile("[а-я]")
# The parsers of dateparser that can read what reaches it; leaving out timestamps and
# "no spaces" formats halves its time and keeps "20261103" from being read as a date.
_DATEPARSER_PARSERS = ["relative-time", "absolute-time"]


@dataclass(frozen=True, slots=True)
class DayReading:
    day: date
    moment: datetime | None = None  # when the words named a time too: "in 2 hours"


def _dateparser(words: str, base: datetime, ahead: bool) -> DayReading | None:
    """dateparser's reading of normalised words, relative to `base`. One language at a
    time: the script tells which, and trying both costs twice as long."""
    languages = ["ru"] if _CYRILLIC.search(words) else ["en"]
    parser = DateDataParser(
        languages=languages,
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "future" if ahead else "past",
            "DATE_ORDER": "DMY",
            "RETURN_TIME_AS_PERIOD": True,
            "PARSERS": _DATEPARSER_PARSERS,
        },
    )
    data = parser.get_date_data(words)
    if data.date_obj is None:
        return None
    found = data.date_obj.replace(tzinfo=None, second=0, microsecond=0)
    return DayReading(found.date(), found if data.period == "time" else None)


def read_day(
    words: str, base: datetime, *, ahead: bool, today_counts: bool = True
) -> DayReading | WeekdayMismatch | None:
    """The day normalised `words` name, relative to the local moment `base`: the calendar
    rules first, then dateparser; None when they name no day that exists, WeekdayMismatch
    when a weekday and a date disagree."""
    found = read_calendar_words(words, base.date(), ahead=ahead, today_counts=today_counts)
    if found is NotADay.IMPOSSIBLE:
        return None
    if isinstance(found, WeekdayMismatch):
        return found
    if found is not None:
        return DayReading(found)
    return _dateparser(words, base, ahead)


def parse_day(text: str, today: date, *, ahead: bool = False) -> date | WeekdayMismatch | None:
    """The calendar day meant, relative to `today` (the user's local date); None if the
    text is not a date, WeekdayMismatch for a weekday and a date that disagree. A day
    without a year is read in the past (today included), or in the future when `ahead` (a
    deadline: today does not count, so "в пятницу" typed on a Friday is next Friday); a
    time of day in the text is ignored. Runs dateparser, so call it off the event loop."""
    if len(text.strip()) > MAX_INPUT_LENGTH:
        return None
    phrase = read_phrase(text)
    if phrase is None or not phrase.day:
        return None
    base = datetime.combine(today, time(12))
    reading = read_day(phrase.day, base, ahead=ahead, today_counts=not ahead)
    if isinstance(reading, WeekdayMismatch):
        return reading
    return reading.day if reading else None


@dataclass(frozen=True, slots=True)
class NotAPastDay:
    """Why a typed text is not a day that has happened: not a date at all (`day` None),
    a day still to come, or a weekday and a date that disagree (`mismatch`)."""

    day: date | None
    mismatch: WeekdayMismatch | None = None


async def read_past_day(text: str, today: date) -> date | NotAPastDay:
    """A day that has happened (a project's finish, a contact), or why the text is not
    one. dateparser is CPU work with a slow first call: it runs off the event loop."""
    day = await asyncio.to_thread(parse_day, text, today)
    if isinstance(day, WeekdayMismatch):
        return NotAPastDay(None, day)
    if day is None or day > today:
        return NotAPastDay(day)
    return day


@dataclass(frozen=True, slots=True)
class NotAFutureDay:
    """Why a typed text is not a day still ahead: not a date at all (`day` None), a day
    already here or gone, one too far to plan for, or a weekday and a date that disagree
    (`mismatch`)."""

    day: date | None
    too_far: bool = False
    mismatch: WeekdayMismatch | None = None


async def read_future_day(text: str, today: date, limit: date) -> date | NotAFutureDay:
    """A day after today and not after `limit` (a project's planned end), or why not."""
    day = await asyncio.to_thread(parse_day, text, today, ahead=True)
    if isinstance(day, WeekdayMismatch):
        return NotAFutureDay(None, mismatch=day)
    if day is None or day <= today:
        return NotAFutureDay(day)
    if day > limit:
        return NotAFutureDay(day, too_far=True)
    return day


def elapsed(since: date | None, today: date) -> tuple[str, int]:
    """How long ago, as a text key and a number: ("since-weeks", 3)."""
    if since is None:
        return "since-never", 0
    days = max(0, (today - since).days)
    if days == 0:
        return "since-today", 0
    if days < 14:
        return "since-days", days
    if days < 60:
        return "since-weeks", days // 7
    if days < 365:
        return "since-months", days // 30
    return "since-years", days // 365
