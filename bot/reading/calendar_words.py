"""Days named the way people plan them: a weekday, a month, its beginning, middle or end,
"the 10th", a day and month without a year. dateparser does not read these as people mean
them ("в пятницу в 9" on a Thursday comes back as last Friday, "в декабре" and "в конце
месяца" not at all), so they are read here from normalised words (see when_words); all
else ("завтра", "через 2 недели", "2026-11-03") is left to dateparser.

Each rule looks for the nearest such day ahead (a check-in, a planned end) or back (the day
a project finished), today included when it still counts (back: always; for a check-in:
when its time of day is still ahead; for a planned end: never, it must be after today):

- a weekday alone ("в пятницу", "on friday", "пт") is the nearest such day; "next friday" /
  "в следующую пятницу" is the first after today, "last friday" / "в прошлую пятницу" the
  last before today; "friday next week" / "в пятницу на следующей неделе" is in that week;
- "next week" / "на следующей неделе" is its Monday; the beginning, middle and end of a
  week are its Monday, Wednesday and Friday;
- a month alone ("в декабре", "дек", "sept") is its first working day; its beginning,
  middle and end ("в начале января", "mid-december", "end of the month") are its first
  working day, the first working day from the 15th and its last working day; "the month",
  "этого месяца" is this month, or the next (ahead) / the previous (back) once that day is
  gone; "next month" / "в следующем месяце" is the first working day of next month;
- ahead, a named month whose day is gone while the month, or the part of it named, is
  still running is its next working day still ahead, not next year's: "в декабре" or "в
  начале декабря" typed on Saturday 5 December is Monday 7 December; the beginning is days
  1-10, the middle 11-20, the end the rest, so "в начале декабря" on the 14th is next
  year's; "в этом месяце" / "this month" (ahead) is the next working day;
- "friday after next" / "через одну пятницу" is the second Friday after today; "2
  thursdays ago" / "2 четверга назад" the second before it, "in 2 sundays" (what "2
  sundays from now" becomes) the second after it;
- a weekday with a date ("воскресенье, 10 фев") is the date when they agree, and both
  readings (WeekdayMismatch) when they do not: the year is never moved to make them agree;
- "on the 10th", "10-го", "10 числа" is the nearest 10th;
- a day and month without a year ("15.01", "31 декабря", "dec 15") is the nearest such date
  within a year; with a year, that date; one that does not exist ("31.02", "30 февраля",
  "29.02" with no leap day within a year) is impossible.

A working day is Monday to Friday, except 1 January, a public holiday nearly everywhere.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

# A day named without a year is within a year from today: this month and twelve more.
SEARCH_MONTHS = 13


class NotADay(Enum):
    IMPOSSIBLE = "impossible"  # a date that no calendar has: 31.02


@dataclass(frozen=True, slots=True)
class WeekdayMismatch:
    """A weekday and a date that disagree ("воскресенье, 10 февраля" when the 10th is a
    Tuesday): the two readings, for the person to choose between; neither is guessed."""

    day: date  # the date as typed (a Tuesday)
    weekday_day: date  # the named weekday nearest to it (the Sunday two days before)


# Month and weekday names, Russian in any case ("декабрь", "декабря", "декабре") and short.
_MONTHS = (
    r"январ[ьяе]|янв|january|jan",
    r"феврал[ьяе]|фев|february|feb",
    r"март[ае]?|мар|march|mar",
    r"апрел[ьяе]|апр|april|apr",
    r"ма[йяе]|may",
    r"июн[ьяе]?|june|jun",
    r"июл[ьяе]?|july|jul",
    r"август[ае]?|авг|august|aug",
    r"сентябр[ьяе]|сент?|september|sept?",
    r"октябр[ьяе]|окт|october|oct",
    r"ноябр[ьяе]|нояб?|november|nov",
    r"декабр[ьяе]|дек|december|dec",
)
_WEEKDAYS = (
    r"понедельник[а]?|пн|monday|mon",
    r"вторник[а]?|вт|tuesday|tues?",
    r"сред[аеуы]|ср|wednesday|wed",
    r"четверг[а]?|чт|thursday|thu(?:rs?)?",
    r"пятниц[аеуы]|пт|friday|fri",
    r"суббот[аеуы]|сб|saturday|sat",
    r"воскресень[еяю]|вс|sunday|sun",
)
_MONTH = f"(?P<month>{'|'.join(_MONTHS)})"
_WEEKDAY = f"(?P<weekday>{'|'.join(_WEEKDAYS)})"
_THIS = r"this|coming|эт(?:у|от|о|ой|ом|ого|а)"
# "след" is "следующую" cut short ("в след. среду"; the dot is gone by now).
_NEXT = r"next|след|следующ(?:ий|ую|ее|ей|ем|его|ая)"
_LAST = r"last|past|previous|прошл(?:ый|ую|ое|ой|ом|ого|ая)"
_WHICH = rf"(?:{_THIS}|{_NEXT}|{_LAST})"
_START = r"начал[оеау]|start|beginning|early"
_MIDDLE = r"середин[аеуы]|middle|mid"
_END = r"кон(?:ец|це|цу)|end|late"
_PART = rf"(?P<part>{_START}|{_MIDDLE}|{_END})[\s-]+(?:of\s+)?(?:the\s+)?"
_LEAD = r"^(?:(?:в|во|на|к|до|on|in|by|at|for|the)\s+)*"
_YEAR = r"(?:\s+(?P<year>\d{4})(?:\s*г(?:ода?)?)?)?"

_NUMERIC = re.compile(
    _LEAD + r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})(?:[./](?P<year>\d{4}|\d{2}))?$"
)
_DAY_MONTH = re.compile(
    _LEAD + rf"(?P<day>\d{{1,2}})(?:-?(?:го|е|st|nd|rd|th))?\s+(?:of\s+)?{_MONTH}{_YEAR}$"
)
_MONTH_DAY = re.compile(_LEAD + rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_YEAR}$")
_NTH = re.compile(_LEAD + r"(?P<day>\d{1,2})(?:-?(?:го|е)(?:\s+числа)?|\s+числа|st|nd|rd|th)$")
_MONTH_PART = re.compile(
    _LEAD + _PART + rf"(?:(?P<which>{_WHICH})\s+)?(?:месяц[ае]?|month|{_MONTH}){_YEAR}$"
)
_MONTH_ALONE = re.compile(
    _LEAD + rf"(?:(?P<which>{_WHICH})\s+)?(?:месяц[ае]|month|{_MONTH}){_YEAR}$"
)
_WEEK = re.compile(_LEAD + rf"(?:{_PART})?(?:(?P<which>{_WHICH})\s+)?(?:week|недел[еияю])$")
_WEEKDAY_RULE = re.compile(
    _LEAD + rf"(?:(?P<which>{_WHICH})\s+)?{_WEEKDAY}"
    rf"(?:\s+(?:на\s+)?(?P<week>{_WHICH})\s+(?:week|недел[еи]))?$"
)
# A weekday written with a date: "воскресенье 10 фев", "sunday feb 10", "10.02 вс".
_WEEKDAY_BEFORE = re.compile(_LEAD + rf"{_WEEKDAY}\s+(?P<date>\d.*|{_MONTH}.*)$")
_WEEKDAY_AFTER = re.compile(rf"^(?P<date>.*\d.*?)\s+{_WEEKDAY}$")
# The weekday after the next one: "friday after next", "через 1 пятницу" ("через одну
# пятницу": one Friday is skipped).
_WEEKDAY_AFTER_NEXT = re.compile(
    _LEAD + rf"(?P<skip>через\s+1\s+)?{_WEEKDAY}(?P<after>\s+after\s+next)?$"
)
# A count of weekdays back or ahead: "2 thursdays ago", "2 четверга назад", "in 2 sundays"
# (what "2 sundays from now" and "hence" become): the second one before or after today.
_WEEKDAYS_COUNT = re.compile(
    rf"^(?:(?P<ahead>in)\s+)?(?P<count>\d{{1,2}})\s+{_WEEKDAY}s?(?:\s+(?P<back>ago|назад))?$"
)


def _index(patterns: tuple[str, ...], word: str) -> int:
    return next(i for i, pattern in enumerate(patterns) if re.fullmatch(pattern, word))


def _which(word: str | None) -> int:
    """-1 for last, 1 for next, 0 for this or none."""
    if word and re.fullmatch(_NEXT, word):
        return 1
    if word and re.fullmatch(_LAST, word):
        return -1
    return 0


def _part(word: str) -> str:
    parts = (("start", _START), ("middle", _MIDDLE), ("end", _END))
    return next(name for name, pattern in parts if re.fullmatch(pattern, word))


# ---- working days ------------------------------------------------------------------------


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) != (1, 1)


def working_day_from(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def last_working_day(year: int, month: int) -> date:
    day = date(year, month, calendar.monthrange(year, month)[1])
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


# The days of a month its beginning, middle and end cover (a month alone: all of them).
_PART_DAYS = {"start": (1, 10), "middle": (11, 20), "end": (21, 31), None: (1, 31)}


def _month_part(part: str) -> Callable[[int, int], date]:
    if part == "start":
        return lambda year, month: working_day_from(date(year, month, 1))
    if part == "middle":
        return lambda year, month: working_day_from(date(year, month, 15))
    return last_working_day


# ---- the nearest day ---------------------------------------------------------------------


def _months(today: date, step: int) -> Iterator[tuple[int, int]]:
    """(year, month) from today's month on, forward (step 1) or back (step -1)."""
    index = today.year * 12 + today.month - 1
    for offset in range(0, step * SEARCH_MONTHS, step):
        year, month = divmod(index + offset, 12)
        yield year, month + 1


def _nearest(
    today: date,
    earliest: date,
    ahead: bool,
    pick: Callable[[int, int], date | None],
    month: int | None = None,
) -> date | None:
    """The first day `pick` gives in the months from today's on that is not before
    `earliest` (ahead), or the last one not after today (back); only in `month` if given."""
    for year, number in _months(today, 1 if ahead else -1):
        day = pick(year, number) if month in (None, number) else None
        if day is not None and (day >= earliest if ahead else day <= today):
            return day
    return None


def _day_of(day: int) -> Callable[[int, int], date | None]:
    def pick(year: int, month: int) -> date | None:
        return date(year, month, day) if day <= calendar.monthrange(year, month)[1] else None

    return pick


def _shift_month(today: date, months: int) -> tuple[int, int]:
    year, month = divmod(today.year * 12 + today.month - 1 + months, 12)
    return year, month + 1


def _weekday(today: date, earliest: date, ahead: bool, match: re.Match[str]) -> date:
    weekday = _index(_WEEKDAYS, match["weekday"])
    if match["week"]:  # "friday next week": in that week
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=_which(match["week"]))
        return monday + timedelta(days=weekday)
    which = _which(match["which"])
    if which == 1:  # the first after today
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if which == -1:  # the last before today
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    if ahead:
        return earliest + timedelta(days=(weekday - earliest.weekday()) % 7)
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _nth_weekday(today: date, name: str, nth: int) -> date:
    """The `nth` such weekday after today (nth > 0) or before it (nth < 0), today never
    counted: "friday after next" is the second Friday after today, "2 thursdays ago" the
    second Thursday before it."""
    weekday = _index(_WEEKDAYS, name)
    if nth > 0:
        first = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        return first + timedelta(weeks=nth - 1)
    last = today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    return last - timedelta(weeks=-nth - 1)


def _week(today: date, earliest: date, ahead: bool, match: re.Match[str]) -> date:
    offset = {"start": 0, "middle": 2, "end": 4}[_part(match["part"])] if match["part"] else 0
    monday = today - timedelta(days=today.weekday())
    if which := _which(match["which"]):  # next week, last week
        return monday + timedelta(weeks=which, days=offset)
    day = monday + timedelta(days=offset)
    if ahead and day < earliest:
        return day + timedelta(weeks=1)
    if not ahead and day > today:
        return day - timedelta(weeks=1)
    return day


def _with_year(year: str | None) -> int | None:
    """A typed year; "27" is 2027."""
    if not year:
        return None
    return int(year) + 2000 if len(year) == 2 else int(year)


def _calendar_date(
    today: date, earliest: date, ahead: bool, day: int, month: int, year: int | None
) -> date | NotADay | None:
    """A day and month, with a year or the nearest such date."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2024, month)[1]:
        return NotADay.IMPOSSIBLE  # 2024: a leap year, so 29.02 may exist
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:  # 29.02 in a common year
            return NotADay.IMPOSSIBLE
    # 29.02 with no 29 February within a year is a slip, not a day four years away.
    return _nearest(today, earliest, ahead, _day_of(day), month) or NotADay.IMPOSSIBLE


def _still_running(earliest: date, month: int, part: str | None) -> date | None:
    """The next working day from `earliest` while the named month (or its beginning,
    middle or end) is still running: "в декабре" typed on 5 December; None once it is
    over."""
    day = working_day_from(earliest)
    first, last = _PART_DAYS[part]
    return day if day.month == month and first <= day.day <= last else None


def _month_rule(
    today: date,
    earliest: date,
    ahead: bool,
    match: re.Match[str],
    part: str | None,
) -> date | NotADay | None:
    """The day the part of the month (None: the month alone) falls on in a named month
    ("в декабре"), this month or the next / the previous one ("в конце месяца", "next
    month")."""
    pick = _month_part(part or "start")
    year, which = _with_year(match["year"]), _which(match["which"])
    if match["month"]:
        month = _index(_MONTHS, match["month"]) + 1
        if year is not None:
            return pick(year, month) if year >= 1 else NotADay.IMPOSSIBLE  # no year 0
        # Its day is gone but the month (or its part) is still running: not a year on.
        gone = ahead and not which and pick(today.year, month) < earliest
        if gone and (running := _still_running(earliest, month, part)):
            return running
        # "last december" looks back even from a check-in (and is then in the past).
        return _nearest(today, earliest, ahead and which != -1, pick, month)
    if which:
        return pick(*_shift_month(today, which))
    return _nearest(today, earliest, ahead, pick)


def _date_rules(words: str, today: date, earliest: date, ahead: bool) -> date | NotADay | None:
    """A day and month, with or without a year ("15.01", "31 декабря", "dec 15 2027")."""
    if match := _NUMERIC.match(words) or _DAY_MONTH.match(words) or _MONTH_DAY.match(words):
        month = (
            int(match["month"])
            if match["month"].isdigit()
            else (_index(_MONTHS, match["month"]) + 1)
        )
        year = _with_year(match["year"])
        return _calendar_date(today, earliest, ahead, int(match["day"]), month, year)
    return None


def _with_weekday(
    words: str, today: date, earliest: date, ahead: bool
) -> date | NotADay | WeekdayMismatch | None:
    """A date with its weekday, before or after it ("воскресенье, 10 фев", "10 feb,
    sunday"): the date when they agree, both readings when they do not. The year is never
    moved to make them agree: a wrong weekday is far likelier than a date a year off."""
    match = _WEEKDAY_BEFORE.match(words) or _WEEKDAY_AFTER.match(words)
    if match is None:
        return None
    day = _date_rules(match["date"], today, earliest, ahead)
    if not isinstance(day, date):
        return day
    weekday = _index(_WEEKDAYS, match["weekday"])
    if day.weekday() == weekday:
        return day
    nearest = (weekday - day.weekday() + 3) % 7 - 3  # from -3 to +3 days
    return WeekdayMismatch(day, day + timedelta(days=nearest))


def read_calendar_words(
    words: str, today: date, *, ahead: bool, today_counts: bool = True
) -> date | NotADay | WeekdayMismatch | None:
    """The day `words` name by the rules above, relative to `today`; NotADay.IMPOSSIBLE for
    a date no calendar has; WeekdayMismatch for a weekday and a date that disagree; None
    when the words are not one of these (ask dateparser)."""
    earliest = today if today_counts else today + timedelta(days=1)
    if (found := _date_rules(words, today, earliest, ahead)) is not None:
        return found
    if (dated := _with_weekday(words, today, earliest, ahead)) is not None:
        return dated
    if match := _NTH.match(words):
        day = int(match["day"])
        if not 1 <= day <= 31:
            return NotADay.IMPOSSIBLE
        return _nearest(today, earliest, ahead, _day_of(day))
    if match := _MONTH_PART.match(words):
        return _month_rule(today, earliest, ahead, match, _part(match["part"]))
    if match := _MONTH_ALONE.match(words):
        if not match["month"] and not _which(match["which"]):
            # "в этом месяце": ahead, the next working day; back, left to dateparser
            return working_day_from(earliest) if ahead else None
        return _month_rule(today, earliest, ahead, match, None)
    if match := _WEEK.match(words):
        if not match["part"] and _which(match["which"]) != 1:
            return None  # "неделю", "last week": left to dateparser (a week ago)
        return _week(today, earliest, ahead, match)
    if match := _WEEKDAY_RULE.match(words):
        return _weekday(today, earliest, ahead, match)
    if (match := _WEEKDAY_AFTER_NEXT.match(words)) and (match["skip"] or match["after"]):
        return _nth_weekday(today, match["weekday"], 2)
    match = _WEEKDAYS_COUNT.match(words)
    if match and (match["ahead"] or match["back"]) and (count := int(match["count"])):
        return _nth_weekday(today, match["weekday"], -count if match["back"] else count)
    return None
