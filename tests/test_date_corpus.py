"""The date corpus (tests/date_corpus.py): every phrase read as the day and time it means,
for a check-in and for the day a project finished, in Russian and English."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.reading.calendar_words import WeekdayMismatch
from bot.reading.dates import read_past_day
from bot.reading.when_words import PART_HOURS
from bot.rules.checkins import When, WhenProblem, in_quiet_hours, parse_when
from testkit.date_corpus import (
    CHECKIN_HOUR,
    CHECKIN_TIMES,
    FINISH_DAYS,
    FINISH_DAYS_IN_JANUARY,
    IN_JANUARY,
    ISSUE_PHRASES,
    NOW,
    TODAY,
    ZONED_CHECKIN_TIMES,
)

_PROBLEMS = {
    WhenProblem.PAST: "past",
    WhenProblem.UNREADABLE: "unreadable",
    WhenProblem.TOO_FAR: "too far",
}


def asked(mismatch: WeekdayMismatch) -> str:
    """Both readings of a weekday and a date that disagree, as the corpus writes them."""
    return f"ask {mismatch.day:%a %Y-%m-%d} or {mismatch.weekday_day:%a %Y-%m-%d}"


def reading_of(found: When | WhenProblem | WeekdayMismatch) -> str:
    if isinstance(found, WhenProblem):
        return _PROBLEMS[found]
    if isinstance(found, WeekdayMismatch):
        return asked(found)
    return found.local.strftime("%a %Y-%m-%d %H:%M")


def checkin_reading(phrase: str) -> str:
    return reading_of(parse_when(phrase, NOW, CHECKIN_HOUR))


async def finish_reading(phrase: str, today: date) -> str:
    found = await read_past_day(phrase, today)
    if isinstance(found, date):
        return found.strftime("%a %Y-%m-%d")
    if found.mismatch is not None:
        return asked(found.mismatch)
    return f"future {found.day:%a %Y-%m-%d}" if found.day else "unreadable"


def _rows(corpus: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return [row for rows in corpus.values() for row in rows]


@pytest.mark.parametrize(("phrase", "expected"), _rows(CHECKIN_TIMES))
def test_checkin_time(phrase: str, expected: str) -> None:
    assert checkin_reading(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "zone", "expected"), [row for rows in ZONED_CHECKIN_TIMES.values() for row in rows]
)
def test_checkin_time_named_in_another_zone(phrase: str, zone: str, expected: str) -> None:
    found = parse_when(phrase, NOW, CHECKIN_HOUR, zone)
    assert isinstance(found, When), found
    named = f" ({found.named.local:%H:%M} {found.named.zone})" if found.named else ""
    assert f"{found.local:%a %Y-%m-%d %H:%M}{named}" == expected


@pytest.mark.parametrize(("phrase", "expected"), _rows(FINISH_DAYS))
async def test_finish_day(phrase: str, expected: str) -> None:
    assert await finish_reading(phrase, TODAY) == expected


@pytest.mark.parametrize(("phrase", "expected"), _rows(FINISH_DAYS_IN_JANUARY))
async def test_finish_day_typed_in_january(phrase: str, expected: str) -> None:
    assert await finish_reading(phrase, IN_JANUARY) == expected


def test_the_corpus_is_large_and_holds_every_phrase_of_the_issue() -> None:
    finish = {lang: FINISH_DAYS[lang] + FINISH_DAYS_IN_JANUARY[lang] for lang in FINISH_DAYS}
    for corpus in (CHECKIN_TIMES, finish):
        assert sum(len(rows) for rows in corpus.values()) >= 150
        assert all(len(rows) >= 60 for rows in corpus.values())  # both languages
    phrases = {phrase for corpus in (CHECKIN_TIMES, finish) for phrase, _ in _rows(corpus)}
    assert set(ISSUE_PHRASES) <= phrases
    for corpus in (CHECKIN_TIMES, FINISH_DAYS, FINISH_DAYS_IN_JANUARY):
        typed = [phrase for phrase, _ in _rows(corpus)]
        assert len(typed) == len(set(typed)), "a phrase twice for the same moment"


def test_a_typed_time_or_part_of_the_day_is_chosen_a_bare_day_is_not() -> None:
    """A chosen time stays put when the check-in hour changes; an unchosen one follows it."""
    for phrase in ("завтра в 11", "tomorrow evening", "в 18", "in 2 hours", "завтра утром"):
        found = parse_when(phrase, NOW, CHECKIN_HOUR)
        assert isinstance(found, When) and found.time_chosen, phrase
    for phrase in ("завтра", "в декабре", "on the 10th", "через 2 недели"):
        found = parse_when(phrase, NOW, CHECKIN_HOUR)
        assert isinstance(found, When) and not found.time_chosen, phrase


def test_a_day_without_a_time_takes_the_checkin_hour() -> None:
    found = parse_when("в пятницу", NOW, 8)
    assert isinstance(found, When) and found.local.hour == 8


def test_parts_of_the_day_are_outside_quiet_hours() -> None:
    for hour in PART_HOURS.values():
        assert not in_quiet_hours(NOW.replace(hour=hour))


@pytest.mark.parametrize(
    ("phrase", "now", "expected"),
    [
        # "today" after the check-in hour: the next whole hour, outside quiet hours
        ("сегодня", datetime(2026, 11, 26, 15, 40), "Thu 2026-11-26 16:00"),
        ("today", datetime(2026, 11, 26, 20, 10), "Thu 2026-11-26 21:00"),
        ("сегодня", datetime(2026, 11, 26, 21, 0), "past"),  # 22:00 is quiet
        ("сегодня", datetime(2026, 11, 26, 9, 0), "Thu 2026-11-26 10:00"),  # the hour is ahead
        # "tonight" after 19:00 the same way
        ("tonight", datetime(2026, 11, 26, 19, 0), "Thu 2026-11-26 20:00"),
        ("сегодня вечером", datetime(2026, 11, 26, 20, 30), "Thu 2026-11-26 21:00"),
        ("this evening", datetime(2026, 11, 26, 21, 15), "past"),
        ("tonight", datetime(2026, 11, 26, 18, 0), "Thu 2026-11-26 19:00"),
        # a part of the day that is over, or a typed hour, is not moved
        ("сегодня утром", datetime(2026, 11, 26, 15, 0), "past"),
        ("today at 9", datetime(2026, 11, 26, 15, 0), "past"),
        # a month still running: its next working day ahead (5 December is a Saturday)
        ("в декабре", datetime(2026, 12, 5, 12, 0), "Mon 2026-12-07 10:00"),
        ("в начале декабря", datetime(2026, 12, 5, 12, 0), "Mon 2026-12-07 10:00"),
        ("в этом месяце", datetime(2026, 12, 7, 12, 0), "Tue 2026-12-08 10:00"),
        ("this month", datetime(2026, 12, 7, 9, 0), "Mon 2026-12-07 10:00"),
        ("in december", datetime(2026, 12, 31, 12, 0), "Wed 2027-12-01 10:00"),
    ],
)
def test_a_day_already_here(phrase: str, now: datetime, expected: str) -> None:
    assert reading_of(parse_when(phrase, now, CHECKIN_HOUR)) == expected


def test_today_after_the_checkin_hour_is_a_chosen_hour() -> None:
    """The next hour stays put: moving it to the check-in hour would put it in the past."""
    found = parse_when("today", NOW, CHECKIN_HOUR)
    assert isinstance(found, When) and found.time_chosen and not in_quiet_hours(found.local)
