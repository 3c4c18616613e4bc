"""The pre-parser in front of dateparser (when_words) and the calendar rules it hands the
day words to (calendar_words), each on its own; the corpus tests them together."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.services.calendar_words import (
    NotADay,
    is_working_day,
    last_working_day,
    read_calendar_words,
)
from bot.services.when_words import DayPart, Phrase, normalise, read_phrase

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
    impossible = ("31.02", "30 февраля", "february 30", "29.02.2027", "15.13", "the 32nd",
                  "декабрь 0000", "31.12.0000")  # fmt: skip
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
