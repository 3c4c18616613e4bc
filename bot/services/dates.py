"""Reading a day the user typed: "today", "3 days ago", "12.11", "2026-11-03", "вчера"."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date, datetime, time

import dateparser

_DAY_MONTH = re.compile(r"^(\d{1,2})[./](\d{1,2})$")
MAX_INPUT_LENGTH = 64


def parse_day(text: str, today: date, *, ahead: bool = False) -> date | None:
    """The calendar day meant, relative to `today` (the user's local date); None if the
    text is not a date. A day without a year is read in the past, or in the future when
    `ahead` (a deadline). Runs dateparser, so call it off the event loop."""
    cleaned = " ".join(text.strip().casefold().split())
    if not cleaned or len(cleaned) > MAX_INPUT_LENGTH:
        return None
    # dateparser reads "12.11" as the time 12:11; people here mean 12 November.
    if match := _DAY_MONTH.match(cleaned):
        try:
            found = date(today.year, int(match[2]), int(match[1]))
        except ValueError:
            return None
        if ahead and found < today:
            try:
                found = found.replace(year=today.year + 1)
            except ValueError:  # 29.02 typed after a leap day: no such day next year
                return None
        return found
    parsed = dateparser.parse(
        cleaned,
        languages=["en", "ru"],
        settings={
            "RELATIVE_BASE": datetime.combine(today, time(12)),
            "PREFER_DATES_FROM": "future" if ahead else "past",
            "DATE_ORDER": "DMY",
        },
    )
    return parsed.date() if parsed else None


@dataclass(frozen=True, slots=True)
class NotAPastDay:
    """Why a typed text is not a day that has happened: not a date at all (`day` None),
    or a day still to come."""

    day: date | None


async def read_past_day(text: str, today: date) -> date | NotAPastDay:
    """A day that has happened (a project's finish, a contact), or why the text is not
    one. dateparser is CPU work with a slow first call: it runs off the event loop."""
    day = await asyncio.to_thread(parse_day, text, today)
    if day is None or day > today:
        return NotAPastDay(day)
    return day


@dataclass(frozen=True, slots=True)
class NotAFutureDay:
    """Why a typed text is not a day still ahead: not a date at all (`day` None), a day
    already here or gone, or one too far to plan for."""

    day: date | None
    too_far: bool = False


async def read_future_day(text: str, today: date, limit: date) -> date | NotAFutureDay:
    """A day after today and not after `limit` (a project's planned end), or why not."""
    day = await asyncio.to_thread(parse_day, text, today, ahead=True)
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
