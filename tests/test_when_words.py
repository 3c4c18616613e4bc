"""The pre-parser in front of dateparser (when_words) and the calendar rules it hands the
day words to (calendar_words), each on its own; the corpus tests them together."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.reading.calendar_words import (
    NotADay,
    is_working_day,
    last_working_day,
    read_calendar_words,
)
from bot.reading.when_words import DayPart, Phrase, normalise, read_phrase

THURSDAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Две недели", "2 недели"),
        ("через пару дней", "через 2 дней"),
        ("полтора месяца", "45 дней"),
        ("через 1,5 месяца", "через 45 дней"),
        ("полгода", "6 месяцев"),
        ("полчаса", "30 минут"),
        ("полторы недели", "10 дней"),
        ("six months", "6 months"),
        ("in a month and a half", "in 45 days"),
        ("half a year ago", "6 months ago"),
        ("a couple of days ago", "2 days ago"),
        ("Напомни, пожалуйста, в пятницу!", "в пятницу"),
        ("Dec. 3, 3 p.m.", "dec 3 3 pm"),
        ("ещё", "еще"),
        ("Завтра в 9.", "завтра в 9"),  # a full stop is not part of the hour ...
        ("Tomorrow at 9?", "tomorrow at 9"),
        ("в 9...", "в 9"),
        ("15.12.", "15.12"),  # ... a dot before a digit stays
        ("15.12.2026.", "15.12.2026"),
        ("в 9.30.", "в 9.30"),
        ("через 1.5 месяца.", "через 45 дней"),
    ],
)
def test_normalise(typed: str, normalised: str) -> None:
    assert normalise(typed) == normalised


@pytest.mark.parametrize(
    ("typed", "phrase"),
    [
        ("завтра в 11", Phrase("завтра", time(11))),
        ("в 9", Phrase("", time(9))),
        ("в 9 вечера", Phrase("", time(21))),
        ("в 3 дня", Phrase("", time(15))),  # "в 3 дня" is 15:00 ...
        ("через 3 дня", Phrase("через 3 дня")),  # ... "3 дня" without "в" is three days
        ("3 дня назад", Phrase("3 дня назад")),
        ("через 2 часа", Phrase("через 2 часа")),
        ("к 10 декабря", Phrase("к 10 декабря")),  # a day of the month, not 10:00
        ("10-го в 12", Phrase("10-го", time(12))),
        ("15.01 9:30", Phrase("15.01", time(9, 30))),
        ("15.12", Phrase("15.12")),  # a day and month ...
        ("завтра 10.30", Phrase("завтра", time(10, 30))),  # ... 10.30 cannot be one
        ("вечером в 7", Phrase("", time(19))),
        ("at 7 in the evening", Phrase("", time(19))),
        ("в 11 ночи", Phrase("", time(23))),
        ("в 2 ночи", Phrase("", time(2))),
        ("12 am", Phrase("", time(0))),
        ("в полдень", Phrase("", time(12))),
        ("18 o'clock", Phrase("", time(18))),
        ("на 2 недели", Phrase("на 2 недели")),  # a count, not 02:00
        ("завтра утром", Phrase("завтра", None, DayPart.MORNING)),
        ("tonight", Phrase("today", None, DayPart.EVENING)),
        ("last night", Phrase("yesterday", None, DayPart.EVENING)),
        ("Завтра в 9.", Phrase("завтра", time(9))),
        ("tomorrow at 9.", Phrase("tomorrow", time(9))),
        ("в пятницу в 10.", Phrase("в пятницу", time(10))),
        ("at 9.", Phrase("", time(9))),
        ("завтра к 9.", Phrase("завтра", time(9))),  # "к 9": by 09:00
        ("by 9!", Phrase("", time(9))),
        ("15.12.", Phrase("15.12")),
        ("15.12 в 9.30.", Phrase("15.12", time(9, 30))),
    ],
)
def test_read_phrase_takes_the_time_of_day_out(typed: str, phrase: Phrase) -> None:
    assert read_phrase(typed) == phrase


@pytest.mark.parametrize("typed", ["", "   ", "в 25:00", "at 9:75", "завтра " * 30])
def test_read_phrase_refuses_what_cannot_be_a_time(typed: str) -> None:
    assert read_phrase(typed) is None


def test_working_days() -> None:
    assert not is_working_day(date(2027, 1, 1))  # a Friday, but New Year's Day
    assert not is_working_day(date(2026, 11, 28))  # a Saturday
    assert is_working_day(date(2026, 11, 30))
    assert last_working_day(2027, 2) == date(2027, 2, 26)  # 27-28 February: a weekend


def test_calendar_words_leave_the_rest_to_dateparser() -> None:
    for words in ("завтра", "через неделю", "last week", "3 days ago", "2026-11-03", "10"):
        assert read_calendar_words(words, THURSDAY, ahead=True) is None, words


def test_calendar_words_know_dates_that_never_exist() -> None:
    impossible = (
        "31.02",
        "30 февраля",
        "february 30",
        "29.02.2027",
        "15.13",
        "the 32nd",
        "декабрь 0000",
        "31.12.0000",
    )
    for words in impossible:
        assert read_calendar_words(words, THURSDAY, ahead=True) is NotADay.IMPOSSIBLE, words
    # Without a year, a day is looked for within a year: the next 29 February is too far.
    assert read_calendar_words("29.02", THURSDAY, ahead=True) is NotADay.IMPOSSIBLE
    assert read_calendar_words("29.02", date(2027, 3, 1), ahead=True) == date(2028, 2, 29)


def test_today_counts_only_while_its_time_is_ahead() -> None:
    assert read_calendar_words("в четверг", THURSDAY, ahead=True) == THURSDAY
    later = read_calendar_words("в четверг", THURSDAY, ahead=True, today_counts=False)
    assert later == date(2026, 12, 3)
    assert read_calendar_words("26-го", THURSDAY, ahead=True, today_counts=False) == date(
        2026, 12, 26
    )


FRIDAY = date(2026, 11, 27)


def test_a_day_after_today_is_the_next_such_day_not_today() -> None:
    """A planned end must be after today: today does not count for any rule."""
    after = {
        "в пятницу": date(2026, 12, 4),
        "friday": date(2026, 12, 4),
        "27-го": date(2026, 12, 27),
        "27.11": date(2027, 11, 27),
        "27 ноября": date(2027, 11, 27),
        "в конце недели": date(2026, 12, 4),
    }
    for words, day in after.items():
        assert read_calendar_words(words, FRIDAY, ahead=True) == FRIDAY, words
        found = read_calendar_words(words, FRIDAY, ahead=True, today_counts=False)
        assert found == day, words
    last_working = date(2026, 11, 30)  # a Monday
    found = read_calendar_words("в конце месяца", last_working, ahead=True, today_counts=False)
    assert found == date(2026, 12, 31)


DECEMBER_5 = date(2026, 12, 5)  # a Saturday


@pytest.mark.parametrize(
    ("words", "today", "day"),
    [
        # the month still running: its next working day, not next year's
        ("в декабре", DECEMBER_5, date(2026, 12, 7)),
        ("december", DECEMBER_5, date(2026, 12, 7)),
        ("в начале декабря", DECEMBER_5, date(2026, 12, 7)),  # its beginning too
        ("в начале декабря", date(2026, 12, 14), date(2027, 12, 1)),  # ... but not once over
        ("в середине декабря", DECEMBER_5, date(2026, 12, 15)),
        ("в середине декабря", date(2026, 12, 16), date(2026, 12, 16)),
        ("в конце декабря", date(2026, 12, 31), date(2026, 12, 31)),
        ("в декабре", date(2026, 12, 31), date(2026, 12, 31)),
        ("в этом месяце", DECEMBER_5, date(2026, 12, 7)),
        ("this month", date(2026, 12, 9), date(2026, 12, 9)),
        ("в декабре 2026", DECEMBER_5, date(2026, 12, 1)),  # a year typed is kept
        ("next december", DECEMBER_5, date(2027, 12, 1)),  # "next" is next year's
    ],
)
def test_a_month_still_running_is_not_a_year_away(words: str, today: date, day: date) -> None:
    assert read_calendar_words(words, today, ahead=True) == day


def test_a_month_once_over_is_next_years() -> None:
    last = date(2026, 12, 31)
    for words, day in (("в декабре", date(2027, 12, 1)), ("в конце декабря", date(2027, 12, 31))):
        assert read_calendar_words(words, last, ahead=True, today_counts=False) == day, words
    # Looking back nothing changes: "в декабре" typed in December is its 1st.
    assert read_calendar_words("в декабре", DECEMBER_5, ahead=False) == date(2026, 12, 1)
    assert read_calendar_words("в этом месяце", DECEMBER_5, ahead=False) is None
