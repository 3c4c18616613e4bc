"""The words of a typed time, before any calendar: the pre-parser in front of dateparser.

dateparser reads a day well ("завтра", "31 декабря", "in 2 weeks") but a time inside a
phrase poorly: it drops "в 11" from "завтра в 11", reads "в 10" in "31 декабря в 10" as a
year and refuses "завтра утром". So a phrase is split here into the words that name the
day and the time of day, and the caller reads the two apart.

The time of day:

- "в 9", "at 9", "9:30", "в 9.30", "в 9 часов" are read on a 24-hour clock: "в 9" is 09:00.
- "вечера", "дня", "pm", or a part of the day around the hour ("вечером в 7", "at 7 in
  the evening") move an hour before 12 to the afternoon: "в 9 вечера" is 21:00; "ночи"
  does so from 9 to 11 ("в 11 ночи" is 23:00); "утра" and "am" keep it in the morning.
- A part of the day without an hour is a fixed hour outside quiet hours (22:00-08:00):
  morning 09:00, afternoon 14:00, evening 19:00. "tonight", "this evening" and
  "сегодня вечером" are today at 19:00.
- "noon" / "полдень" is 12:00, "midnight" / "полночь" 00:00.

The day words are normalised so that dateparser and the calendar rules see one spelling:
lower case, "ё" as "е", no "please" or "напомни", no punctuation that only ends a sentence
("Завтра в 9." and "tomorrow at 9!" are "завтра в 9" and "tomorrow at 9"; a dot before a
digit stays: "15.12", "9.30"); number words become digits ("две недели" -> "2 недели",
"six months" -> "6 months", "пару дней" -> "2 дней"); a half becomes whole smaller units
("полтора месяца" -> "45 дней", "half a year" -> "6 months", "полчаса" -> "30 минут"),
since dateparser counts only whole units. A month is 30 days here; "a few" / "несколько"
is 3. Ordinal days become digits ("восемнадцатое" -> "18-го", "24-ого" -> "24-го",
"second" -> "2th", read as "2nd"); spoken times become clocks ("a quarter past noon" ->
"12:15", "seven thirty p m" -> "7:30 pm", "@ 3p" -> "at 3pm"); "тому назад" is "назад",
"3 days hence" / "from now" is "in 3 days".

More of the time of day: "15 часов" is 15:00 unless "через" makes it a count; "17ч10" is
17:10; with a part of the day a lone number is its hour ("8 tonight", "tonight 815").
A zone named with the hour ("по Москве", "мск", "CET", "BST") is taken out and kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from enum import StrEnum

MAX_PHRASE = 100  # longer texts are not a time; also bounds the regex work


class DayPart(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


# Fixed hours for a part of the day; all of them lie outside quiet hours (a test checks).
PART_HOURS = {DayPart.MORNING: 9, DayPart.AFTERNOON: 14, DayPart.EVENING: 19}


@dataclass(frozen=True, slots=True)
class Phrase:
    """A typed time taken apart: the day words, and the time of day if one was given."""

    day: str  # normalised words naming the day; "" when only a time was typed ("в 18")
    clock: time | None = None  # an hour that was typed: "в 9 вечера" -> 21:00
    part: DayPart | None = None  # a part of the day without an hour: "завтра утром"
    zone: str | None = None  # the IANA zone the hour was named in: "в 16:00 по Москве"


# ---- normalising -------------------------------------------------------------------

_NUMBERS = {
    "один": 1,
    "одна": 1,
    "одну": 1,
    "одного": 1,
    "два": 2,
    "две": 2,
    "двух": 2,
    "три": 3,
    "трех": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "пятнадцать": 15,
    "двадцать": 20,
    "тридцать": 30,
    "пару": 2,
    "пара": 2,
    "пары": 2,
    "несколько": 3,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
_NUMBER_WORD = re.compile(rf"\b(?:a couple of|a couple|couple of|a few|few|{'|'.join(_NUMBERS)})\b")
_FILLER = re.compile(r"\b(?:please|pls|remind me|пожалуйста|напомни(?:те)?(?: мне)?)\b")
# Punctuation that only separates words; ".", ":", "/", "-" and "'" carry dates and times.
_SEPARATORS = re.compile(r"[;!?()«»\"“”]|,(?!\d)|(?<!\d),")  # "1,5" is a number
_ABBREVIATION_DOT = re.compile(r"(?<=[a-zа-я])\.")  # "дек." -> "дек", "p.m." -> "pm"
# Any other dot ends a sentence unless a digit follows ("15.12", "9.30", "1.5 месяца"):
# "Завтра в 9." is "завтра в 9", "15.12." is "15.12".
_FULL_STOP = re.compile(r"\.(?!\d)")

# Units a half can be typed of: (pattern, smaller units in one, the smaller unit's name).
_UNITS: tuple[tuple[str, int, str], ...] = (
    (r"час(?:а|ов)?", 60, "минут"),
    (r"hours?", 60, "minutes"),
    (r"д(?:ня|ней|ень)", 24, "часов"),
    (r"days?", 24, "hours"),
    (r"недел(?:и|ю|я|ь)", 7, "дней"),
    (r"weeks?", 7, "days"),
    (r"месяц(?:а|ев)?", 30, "дней"),
    (r"months?", 30, "days"),
    (r"год(?:а)?|лет", 12, "месяцев"),
    (r"years?", 12, "months"),
)
_ANY_UNIT = "|".join(pattern for pattern, *_ in _UNITS)
_FRACTIONS = (
    # "1.5 месяца", "2,5 weeks"
    re.compile(rf"\b(?P<whole>\d+)[.,]5\s+(?P<unit>{_ANY_UNIT})\b"),
    # "полтора месяца", "полторы недели"
    re.compile(rf"\b(?P<one>полтор[аы])\s+(?P<unit>{_ANY_UNIT})\b"),
    # "полчаса", "полгода", "пол года"
    re.compile(r"\bпол\s?(?P<unit>часа|дня|недели|месяца|года)\b"),
    # "half a year", "half an hour"
    re.compile(rf"\bhalf (?:a |an )?(?P<unit>{_ANY_UNIT})\b"),
    # "a month and a half", "2 weeks and a half" ("one" is a digit by now)
    re.compile(rf"\b(?:(?P<whole>\d+)|a|an) (?P<unit>{_ANY_UNIT}) and a half\b"),
)


def _number_word(match: re.Match[str]) -> str:
    word = match[0]
    if "couple" in word:
        return "2"
    if "few" in word:
        return "3"
    return str(_NUMBERS[word])


def _in_smaller_units(match: re.Match[str]) -> str:
    """A count with a half, as whole smaller units: 1.5 months -> 45 days."""
    groups = match.groupdict()
    if groups.get("whole"):
        halves = 2 * int(groups["whole"]) + 1
    elif groups.get("one") or "and a half" in match[0]:
        halves = 3
    else:  # "пол...", "half a ..."
        halves = 1
    for pattern, per_unit, smaller in _UNITS:
        if re.fullmatch(pattern, groups["unit"]):
            return f"{halves * per_unit // 2} {smaller}"
    raise AssertionError(groups["unit"])  # every unit the patterns allow is listed


# ---- ordinal days, spoken times, words for "ago" and "from now" -------------------

# Russian ordinals of a day of the month, in the cases a date takes ("восемнадцатое",
# "двадцать четвертого", "третьего"): neuter only, so "первая половина" stays words.
_RU_ORDINAL_STEMS = {
    "перв": 1,
    "втор": 2,
    "трет": 3,
    "четверт": 4,
    "пят": 5,
    "шест": 6,
    "седьм": 7,
    "восьм": 8,
    "девят": 9,
    "десят": 10,
    "одиннадцат": 11,
    "двенадцат": 12,
    "тринадцат": 13,
    "четырнадцат": 14,
    "пятнадцат": 15,
    "шестнадцат": 16,
    "семнадцат": 17,
    "восемнадцат": 18,
    "девятнадцат": 19,
    "двадцат": 20,
    "тридцат": 30,
}
_EN_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}


def _longest_first(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_RU_ORDINAL = re.compile(
    r"\b(?:(?P<tens>двадцать|тридцать)\s+)?"
    rf"(?P<stem>{_longest_first(_RU_ORDINAL_STEMS)})(?:ьего|ьему|ьем|ье|ого|ому|ое|ом)\b"
)
# Not after "a": "in a second" is no day of the month.
_EN_ORDINAL = re.compile(
    rf"(?<!\ba )\b(?:(?P<tens>twenty|thirty)[\s-]+)?(?P<stem>{_longest_first(_EN_ORDINALS)})\b"
)
# A digit with a Russian case ending ("24-ого", "1-ое", "3-ье") as the one spelling the
# calendar rules know: "24-го".
_RU_ORDINAL_SUFFIX = re.compile(r"\b(?P<day>\d{1,2})-?(?:ого|ое|ье|ьего|ом|го)\b")
# "@ 3pm" is "at 3pm"; "3p", "3 p m" and "3:30 a m" are "3pm", "3 pm", "3:30 am".
_AT_SIGN = re.compile(r"@")
_SPACED_HALF = re.compile(r"(?<=\d)\s*\b(?P<half>[ap])\s+m\b|(?<=\d)(?P<short>[ap])\b")
# "a quarter past noon", "15 minutes past 3pm", "half past 9", "quarter to 5" as a clock
# ("12:15", "3:15 pm"), which the clock patterns below read.
_SPOKEN = re.compile(
    r"\b(?:(?P<min>\d{1,2})\s+minutes?|(?:a\s+)?(?P<quarter>quarter)|(?P<half>half))\s+"
    r"(?P<dir>past|after|to)\s+(?P<h>\d{1,2}|noon|midnight)(?:\s*(?P<ampm>am|pm)\b)?\b"
)
# "seven thirty pm" once number words are digits: "7 30 pm" is 7:30 pm.
_SPOKEN_MINUTES = re.compile(r"\b(?P<h>\d{1,2})\s+(?P<m>[0-5]\d)\s*(?P<ampm>am|pm)\b")
# "тому назад" is an older "назад"; "3 days hence" and "2 weeks from now" are "in 3 days",
# the form dateparser reads (and the calendar rules, for "2 sundays from now").
# "пару часов", "несколько часов" alone are a count, as with "через": no clock shows a
# "couple" ("15 часов", typed in digits, is the hour 15:00).
_FEW_HOURS = re.compile(r"(?<!через )\b(?=(?:пару|несколько)\s+час)")
_AGO = re.compile(r"\bтому\s+назад\b")
_FROM_NOW = re.compile(r"\b(?P<count>\d+\s+[a-z]+)\s+(?:from\s+now|hence)\b")


def _ru_ordinal(match: re.Match[str]) -> str:
    tens = {"двадцать": 20, "тридцать": 30}.get(match["tens"] or "", 0)
    return f"{tens + _RU_ORDINAL_STEMS[match['stem']]}-го"


def _en_ordinal(match: re.Match[str]) -> str:
    tens = {"twenty": 20, "thirty": 30}.get(match["tens"] or "", 0)
    return f"{tens + _EN_ORDINALS[match['stem']]}th"


def _spaced_half(match: re.Match[str]) -> str:
    return f" {match['half'] or match['short']}m"


def _spoken_time(match: re.Match[str]) -> str:
    word = match["h"]
    named = {"noon": 12, "midnight": 0}.get(word)
    hour = int(word) if named is None else named
    minutes = 15 if match["quarter"] else 30 if match["half"] else int(match["min"])
    if minutes >= 60:
        return match[0]
    if match["dir"] == "to":
        hour, minutes = (hour - 1) % 24, 60 - minutes
    half = f" {match['ampm']}" if match["ampm"] else ""
    return f"{hour}:{minutes:02d}{half}"


def normalise(text: str) -> str:
    """One spelling for the many ways of typing the same words (see the module docstring)."""
    words = text.casefold().replace("ё", "е")
    words = _AT_SIGN.sub(" at ", words)
    words = _SEPARATORS.sub(" ", words)
    words = _ABBREVIATION_DOT.sub("", words)
    words = _FULL_STOP.sub(" ", words)
    words = _FILLER.sub(" ", words)
    # Ordinals before number words: "двадцать четвертого" is the 24th, not "20 четвертого".
    words = _RU_ORDINAL.sub(_ru_ordinal, words)
    words = _EN_ORDINAL.sub(_en_ordinal, words)
    words = _FEW_HOURS.sub("через ", words)
    words = _RU_ORDINAL_SUFFIX.sub(lambda match: f"{match['day']}-го", words)
    words = _NUMBER_WORD.sub(_number_word, words)
    words = _SPACED_HALF.sub(_spaced_half, words)
    words = _SPOKEN.sub(_spoken_time, words)
    words = _SPOKEN_MINUTES.sub(r"\g<h>:\g<m> \g<ampm>", words)
    words = _AGO.sub("назад", words)
    words = _FROM_NOW.sub(r"in \g<count>", words)
    for fraction in _FRACTIONS:
        words = fraction.sub(_in_smaller_units, words)
    return " ".join(words.split())


# ---- the time of day -----------------------------------------------------------------

_PREPOSITION = r"(?:в|во|к|около|на|at|by|around)"
_QUALIFIER = r"(?P<qual>утра|вечера|дня|ночи|пополудни)"
# After a number, these words make it a day of the month or a count, not an hour:
# "к 10 декабря", "в 10-х числах", "на 2 недели".
_NOT_AN_HOUR_AFTER = re.compile(
    r"^\s*(?:-|числ|th\b|st\b|nd\b|rd\b|of\b|"
    r"янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"мин|д[не]|недел|месяц|год|лет|min|days?\b|weeks?\b|months?\b|years?\b)"
)
_CLOCKS = (
    # "9:30", "в 9:30 утра", "at 9:30pm"
    re.compile(
        rf"(?:\b{_PREPOSITION}\s+)?\b(?P<h>\d{{1,2}}):(?P<m>\d{{2}})\b"
        rf"(?:\s*(?P<ampm>am|pm)\b)?(?:\s+(?:часов|ч)\b)?(?:\s+{_QUALIFIER}\b)?"
    ),
    # "в 9", "at 9", "в 9.30", "в 9 часов вечера", "at 3pm", "в 3 дня"
    re.compile(
        rf"\b{_PREPOSITION}\s+(?P<h>\d{{1,2}})(?:[.:](?P<m>\d{{2}}))?(?![\d.:/])"
        rf"(?:\s*(?P<ampm>am|pm)\b)?(?:\s*(?:часов|часа|час|ч|o'?clock)\b)?"
        rf"(?:\s+{_QUALIFIER}\b)?"
    ),
    # "9pm", "9.30 pm"
    re.compile(r"(?<![\d.:/])\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ampm>am|pm)\b"),
    # "9 вечера", "11 утра" ("3 дня" without "в" is three days)
    re.compile(r"(?<![\d.:/])\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s+(?P<qual>утра|вечера|ночи)\b"),
    # "9 o'clock"
    re.compile(r"(?<![\d.:/])\b(?P<h>\d{1,2})\s*o'?clock\b"),
    # "17ч10", "9ч30": hours and minutes with the short "ч" between
    re.compile(r"(?<![\d.:/])\b(?P<h>\d{1,2})\s*ч\s*(?P<m>[0-5]\d)\b"),
    # "15 часов", "8 часов вечера", "3 часа пополудни": an hour of the clock, not a count
    # of hours, unless "через" ("через 15 часов") or "назад" ("3 часа назад") makes it one
    re.compile(
        rf"(?<!через )(?<![\d.:/])\b(?P<h>\d{{1,2}})\s*(?:часов|часа|час)\b"
        rf"(?!\s+(?:назад|спустя))(?:\s+{_QUALIFIER}\b)?"
    ),
    # "10.30" that cannot be a day and month (no 30th month)
    re.compile(r"(?<![\d.:/])\b(?P<h>\d{1,2})\.(?P<m>1[3-9]|[2-5]\d)(?![\d.:/])"),
)
_NOON = re.compile(r"\b(?:(?:в|at)\s+)?(?P<word>полдень|noon|midday|полночь|midnight)\b")

_PARTS = (
    # Words that also name the day come first: "tonight" is today's evening.
    (re.compile(r"\b(?:tonight|this evening)\b"), DayPart.EVENING, "today"),
    (re.compile(r"\blast night\b"), DayPart.EVENING, "yesterday"),
    (re.compile(r"\bthis morning\b"), DayPart.MORNING, "today"),
    (re.compile(r"\bthis afternoon\b"), DayPart.AFTERNOON, "today"),
    (re.compile(r"\b(?:in the )?morning\b|\bутром\b|\bс утра\b"), DayPart.MORNING, ""),
    (re.compile(r"\b(?:in the )?afternoon\b|\bднем\b|\bпосле обеда\b"), DayPart.AFTERNOON, ""),
    (re.compile(r"\b(?:in the )?evening\b|\bnight\b|\bвечером\b"), DayPart.EVENING, ""),
)


def _hour(match: re.Match[str], part: DayPart | None) -> time | None:
    """The clock a matched time names, or None when no clock shows it (25:00)."""
    groups = match.groupdict()  # not every pattern has minutes or a half of the day
    hour, minute = int(groups["h"]), int(groups.get("m") or 0)
    half = groups.get("ampm") or groups.get("qual")
    afternoon = half in ("pm", "вечера", "дня", "пополудни") or (
        half is None and part in (DayPart.AFTERNOON, DayPart.EVENING)
    )
    if half == "ночи" and 9 <= hour <= 11:  # "в 11 ночи"; "в 2 ночи" stays 02:00
        afternoon = True
    if afternoon and hour < 12:
        hour += 12
    elif half in ("am", "ночи") and hour == 12:  # "12 am", "в 12 ночи": midnight
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


# With a part of the day, a lone number is its hour: "8 tonight" is 20:00, "tonight 815"
# 20:15 (an hour and two digits of minutes run together, as typed on a phone).
_PART_HOUR = re.compile(r"(?<![\w.:/-])(?P<h>1[0-2]|0?[1-9])(?P<m>[0-5]\d)?(?![\w.:/-])")


# Zones people name after an hour, as the IANA zone meant. An abbreviation stands for the
# place's clock all year ("4pm CET" in July is 16:00 in Berlin, where CEST is in force),
# as people use them; GMT and UTC are the fixed offset zero.
_NAMED_ZONES = (
    (
        r"по\s+москве|по\s+московскому(?:\s+времени)?|по\s+мск|мск|msk|moscow\s+time",
        "Europe/Moscow",
    ),
    (r"по\s+киеву|по\s+киевскому(?:\s+времени)?|kyiv\s+time", "Europe/Kyiv"),
    (r"cet|cest|central\s+european\s+time|berlin\s+time", "Europe/Berlin"),
    (r"bst|uk\s+time|london\s+time", "Europe/London"),
    (r"gmt|utc|по\s+гринвичу", "UTC"),
    (r"est|edt|eastern\s+time|new\s+york\s+time", "America/New_York"),
    (r"pst|pdt|pacific\s+time", "America/Los_Angeles"),
)
_ZONE_WORD = re.compile(
    "|".join(rf"(?P<z{index}>\b(?:{words})\b)" for index, (words, _) in enumerate(_NAMED_ZONES))
)


def _take_zone(words: str) -> tuple[str, str | None]:
    """A zone named in the words, and the words without it."""
    found = _ZONE_WORD.search(words)
    if found is None or found.lastgroup is None:
        return words, None
    zone = _NAMED_ZONES[int(found.lastgroup[1:])][1]
    return " ".join(f"{words[: found.start()]} {words[found.end() :]}".split()), zone


def _take_part(words: str) -> tuple[str, DayPart | None]:
    for pattern, part, day in _PARTS:
        found = pattern.search(words)
        if found:
            rest = f"{words[: found.start()]} {day} {words[found.end() :]}"
            return " ".join(rest.split()), part
    return words, None


def _take_clock(
    words: str, patterns: tuple[re.Pattern[str], ...] = _CLOCKS
) -> tuple[str, re.Match[str] | None]:
    """The first typed time in `words`, and the words without it."""
    for pattern in patterns:
        for found in pattern.finditer(words):
            if _NOT_AN_HOUR_AFTER.match(words[found.end() :]):
                continue  # "к 10 декабря": a day, not an hour
            rest = f"{words[: found.start()]} {words[found.end() :]}"
            return " ".join(rest.split()), found
    return words, None


def read_phrase(text: str) -> Phrase | None:
    """The day words and the time of day of a typed time; None when the text cannot be
    one (empty, too long, or a clock that does not exist, like 25:00)."""
    words = normalise(text)
    if not words or len(text) > MAX_PHRASE:
        return None
    words, zone = _take_zone(words)
    words, part = _take_part(words)
    words, found = _take_clock(words)
    if found is None and part is not None:
        words, found = _take_clock(words, (_PART_HOUR,))
    clock = None
    if found is not None:
        clock = _hour(found, part)
        if clock is None:
            return None
    elif noon := _NOON.search(words):
        clock = time(12) if noon["word"] in ("полдень", "noon", "midday") else time(0)
        words = " ".join(f"{words[: noon.start()]} {words[noon.end() :]}".split())
    # A zone counts only with an hour: "завтра по Москве" is a day, the same everywhere.
    return Phrase(_strip_dangling(words), clock, None if clock else part, zone if clock else None)


_PREPOSITIONS = frozenset({"в", "во", "на", "к", "at", "on", "in", "by", "and", "и"})


def _strip_dangling(words: str) -> str:
    """Prepositions left behind once the time is taken out: "завтра в" -> "завтра",
    "в" -> "". A leading one before a day stays for the calendar rules ("в пятницу")."""
    tokens = words.split()
    while tokens and tokens[-1] in _PREPOSITIONS:
        tokens.pop()
    return " ".join(tokens)
