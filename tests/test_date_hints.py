"""Every hint of a step that reads a day or a time offers only examples that step accepts:
the examples are taken out of the rendered texts (each <i>...</i>) and fed to the step's
own reader, on every day of several weeks around a month's and a year's end."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest

from bot.i18n import LANGUAGES, I18n, Translator
from bot.reading.calendar_words import WeekdayMismatch
from bot.reading.dates import NotAFutureDay, NotAPastDay, parse_day
from bot.rules.checkins import When, WhenProblem, parse_when
from bot.services.kickoffs import MAX_PROJECT_DAYS
from bot.views.checkins import contacted_question, when_problem, when_question
from bot.views.common import day_problem
from bot.views.kickoff import end_problem
from testkit.date_corpus import CHECKIN_HOUR, TODAY

_EXAMPLE = re.compile(r"<i>(.*?)</i>")
# Every day from the corpus's Thursday to mid-January: weekdays, a month's and a
# year's end, the first days of a month.
_DAYS = [TODAY + timedelta(days=offset) for offset in range(52)]
_TYPED = "???"


def examples(*texts: str) -> list[str]:
    found = [example for text in texts for example in _EXAMPLE.findall(text)]
    assert found, "the hint shows no examples"
    return found


def checkin_hints(t: Translator) -> list[str]:
    """The check-in time question (also when moving a check-in) and its answers."""
    problems = [when_problem(t, problem, _TYPED).text for problem in WhenProblem]
    return examples(when_question(t).text, *problems)


def planned_end_hints(t: Translator) -> list[str]:
    """The kickoff's planned-end question and its answers."""
    problems = [
        end_problem(t, NotAFutureDay(None), _TYPED).text,
        end_problem(t, NotAFutureDay(TODAY), _TYPED).text,
        end_problem(t, NotAFutureDay(TODAY + timedelta(days=400), too_far=True), _TYPED).text,
    ]
    return examples(t("kickoff-end-ask"), *problems)


def finish_day_hints(t: Translator) -> list[str]:
    """The finish day of /done (a new project or one begun with /kickoff), the day of a
    contact, and their answers."""
    problems = [
        day_problem(t, NotAPastDay(None), _TYPED).text,
        day_problem(t, NotAPastDay(TODAY + timedelta(days=1)), _TYPED).text,
    ]
    return examples(
        t("done-date-ask"),
        t("done-started-date-ask", project="Site"),
        contacted_question(t).text,
        *problems,
    )


def checkin_accepts(example: str, today: date) -> bool:
    for moment in (time(9), time(15), time(20, 30)):
        found = parse_when(example, datetime.combine(today, moment), CHECKIN_HOUR)
        if not isinstance(found, When):
            return False
    return True


def planned_end_accepts(example: str, today: date) -> bool:
    day = parse_day(example, today, ahead=True)
    return isinstance(day, date) and today < day <= today + timedelta(days=MAX_PROJECT_DAYS)


def finish_day_accepts(example: str, today: date) -> bool:
    day = parse_day(example, today)
    return isinstance(day, date) and day <= today


_STEPS: dict[str, tuple[Callable[[Translator], list[str]], Callable[[str, date], bool]]] = {
    "check-in time": (checkin_hints, checkin_accepts),
    "planned end": (planned_end_hints, planned_end_accepts),
    "finish day": (finish_day_hints, finish_day_accepts),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("step", list(_STEPS))
def test_every_example_a_hint_shows_is_accepted_by_its_step(language: str, step: str) -> None:
    t = I18n().get(language)
    hints, accepts = _STEPS[step]
    refused = [
        f"{example} on {today:%a %Y-%m-%d}"
        for example in dict.fromkeys(hints(t))
        for today in _DAYS
        if not accepts(example, today)
    ]
    assert not refused


def test_the_planned_end_no_longer_offers_today() -> None:
    """The bug of issue 23: after unreadable text the planned end offered "сегодня"."""
    for language in LANGUAGES:
        text = end_problem(I18n().get(language), NotAFutureDay(None), _TYPED).text
        assert "сегодня" not in text and "today" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_weekday_that_disagrees_with_its_date_names_both_readings(language: str) -> None:
    """A finish day, a contact and a planned end ask, as a check-in time does."""
    t = I18n().get(language)
    mismatch = parse_day("Sunday, 10 Feb", TODAY)
    assert isinstance(mismatch, WeekdayMismatch)
    for text in (
        day_problem(t, NotAPastDay(None, mismatch), _TYPED).text,
        end_problem(t, NotAFutureDay(None, mismatch=mismatch), _TYPED).text,
    ):
        assert t.day_with_weekday(date(2026, 2, 10)) in text
        assert t.day_with_weekday(date(2026, 2, 8)) in text
