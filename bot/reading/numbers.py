"""The client's metric as a freelancer types it, and how it moved against the baseline.

The text is kept as typed (trimmed, at most 300 characters); `read_metric` reads one number
from it only when the text gives one. When in doubt the value is None: a missing number
costs one point on a chart, a wrong one makes the comparison with the baseline lie.

Rules of `read_metric`, and why:

- Decimal comma or dot: "2,1" and "2.1" are 2.1; both are in everyday use.
- Thousands: a space (also U+00A0, U+202F, U+2009), an apostrophe, a comma or a dot before
  groups of exactly three digits ("1 200 000", "1'200", "1,200", "1.200.000"); a decimal
  part then takes the other mark ("1,200.5", "1.200,5"). Other lengths are decimals
  ("2,1", "2,15"), and so is anything after a lone zero ("0,150"), as nobody groups zero.
  "2,150" is therefore 2150: money and counts are most of the metrics and are written so.
- Multipliers right after the number: k, к, тыс, тысяч, thousand (x1 000); m, м, млн,
  million (x1 000 000). The one-letter ones must touch the digits ("$4.5k"): with a space
  they are usually a word ("10 к концу месяца").
- Currency signs and words (₽, $, €, руб, rub, usd...) are ignored: the project knows the
  unit, the number is what changes.
- A sign touching the digits counts ("-3%" is -3), but two numbers joined by a dash, "или",
  "от ... до" or "between ... and" are a range ("10-15", "от 10 до 15"): a range is not one
  reading, so the value is None.
- A change is read as where it ended: an arrow ("1.2 → 2.1"), "с X до Y", "from X to Y",
  "было X, стало Y", "was X, now Y" all give Y.
- Otherwise the first number wins ("12 заявок за 3 дня" is 12): people name the metric
  first and its context after. Nothing else is special, units of time included, so the
  result stays easy to predict.
- Digits glued to letters in front ("Q3", "H1") are a label, not a value.
- "Don't know" (не знаю, unknown, n/a, нет данных...) anywhere gives None: a number next to
  it is a guess or about something else ("не знаю, 3 дня не смотрел").
- `percent` is set when %, процент, percent or pct follows the chosen number.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum

MAX_TEXT = 300


@dataclass(frozen=True, slots=True)
class MetricReading:
    text: str  # as typed, trimmed
    value: float | None  # None: "don't know", no number, or ambiguous text
    percent: bool  # the chosen number was written with % (or "процент", "percent")


class Change(StrEnum):
    IMPROVED = "improved"
    SAME = "same"
    WORSE = "worse"


# Phones and other keyboards type look-alikes; one spelling of each keeps the patterns short.
_LOOKALIKES = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2212": "-",
    }
)

_UNKNOWN = re.compile(
    r"(?<!\w)(?:не\s*зна(?:ю|ем)|неизвестно|нет\s+данных|don'?t\s+know|do\s+not\s+know"
    r"|unknown|no\s+data|n/a|idk)(?!\w)"
)

_NUMBER = re.compile(
    r"""
    (?<![\w.,])                           # not the tail of a label ("Q3") or of a number
    (?P<sign>[-+](?=\d))?
    (?P<body>
        (?P<int>
            [1-9]\d{0,2} (?P<sep>[\x20',.]) \d{3} (?:(?P=sep)\d{3})* (?!\d)
          | \d+
        )
        (?: (?!(?P=sep)) [.,] (?P<frac>\d+) )?  # the decimal mark differs from the grouping
    )
    """,
    re.VERBOSE,
)

_LETTER = r"(?![a-zа-яё])"
_MULTIPLIERS = (
    (re.compile(rf"(?:[kк]|\s*(?:тыс(?:яч[а-яё]*)?|thousands?)){_LETTER}"), 1_000),
    (re.compile(rf"(?:[mм]|\s*(?:млн|mln|millions?|миллион[а-яё]*)){_LETTER}"), 1_000_000),
)
_PERCENT = re.compile(r"\s*(?:%|процент|percent|per\s+cent|pct)")

# Words that say nothing about which number is meant, dropped before reading the cues.
_FILLER = re.compile(
    r"[$€₽£¥~≈]|(?<!\w)(?:руб\w*|р\.?|rub\w*|usd|eur|euros?|евро|долл\w*|dollars?"
    r"|около|примерно|приблизительно|почти|где-то|about|around|approx\w*|roughly|almost)(?!\w)"
)
_ARROW = re.compile(r"[-–—=]+>|[→⇒⟶⟹➔➜➝➞➡]")
_LEAD = re.compile(r"(?<!\w)(?P<word>[a-zа-яё]+)\W*$")
_BARE_RANGE = re.compile(r"\s*(?:[-–—]|\.{2,3}|…|до|to|или|or|и|and)\s*")

# "c" is the Latin look-alike of the Russian "с", typed when the layout is not switched.
_FROM = frozenset({"с", "со", "c", "from"})
_BETWEEN = frozenset({"от", "between"})
_WAS = frozenset({"было", "был", "была", "были", "was", "were"})
_TO = ("до", "to")
_NOW = ("стало", "стал", "стала", "стали", "сейчас", "теперь", "now", "became", "is", "are")


class _Link(Enum):
    CHANGE = "change"  # the second number is where the first one went
    RANGE = "range"  # the two numbers are the ends of a range


@dataclass(frozen=True, slots=True)
class _Number:
    start: int  # the sign, or the first digit
    digits: int  # the first digit
    end: int  # after the multiplier and the percent mark
    value: float
    percent: bool


def read_metric(text: str) -> MetricReading:
    """Keep `text` (trimmed, first 300 characters) and read its one number, if it has one."""
    kept = text.strip()[:MAX_TEXT].rstrip()
    value, percent = _read(kept.lower().translate(_LOOKALIKES))
    return MetricReading(text=kept, value=value, percent=percent)


def compare(
    baseline: float, latest: float, *, higher_is_better: bool = True, tolerance: float = 0.02
) -> Change:
    """SAME when the relative change is within `tolerance` (2 % of the baseline; for a zero
    baseline, exact equality); otherwise IMPROVED or WORSE by the metric's direction."""
    if tolerance < 0:
        raise ValueError("tolerance must not be negative")
    if baseline == 0:
        if latest == 0:
            return Change.SAME
    else:
        relative = abs(latest - baseline) / abs(baseline)
        # isclose: 2.0 -> 2.04 is exactly 2 % on paper and a hair over it in floats.
        if relative <= tolerance or math.isclose(relative, tolerance):
            return Change.SAME
    went_up = latest > baseline
    return Change.IMPROVED if went_up == higher_is_better else Change.WORSE


def change_percent(baseline: float, latest: float) -> float | None:
    """Relative change in percent ((latest - baseline) / baseline * 100); None for a zero
    baseline. A negative baseline counts by its size, so a rise is still positive."""
    if baseline == 0:
        return None
    return (latest - baseline) / abs(baseline) * 100


def _read(text: str) -> tuple[float | None, bool]:
    if _UNKNOWN.search(text):
        return None, False
    numbers = _numbers(text)
    if not numbers:
        return None, False
    links: list[_Link | None] = []
    for index in range(len(numbers) - 1):
        before = numbers[index - 1].end if index else 0
        prefix = text[before : numbers[index].start]
        gap = text[numbers[index].end : numbers[index + 1].digits]
        links.append(_link(prefix, gap))
    changes = [index + 1 for index, link in enumerate(links) if link is _Link.CHANGE]
    chosen = changes[-1] if changes else 0
    in_range = any(
        link is _Link.RANGE and chosen in (index, index + 1) for index, link in enumerate(links)
    )
    if in_range:
        return None, False
    return numbers[chosen].value, numbers[chosen].percent


def _numbers(text: str) -> list[_Number]:
    found: list[_Number] = []
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match["int"])
        amount = Decimal(f"{digits}.{match['frac'] or '0'}")
        end = match.end()
        for pattern, factor in _MULTIPLIERS:
            multiplier = pattern.match(text, end)
            if multiplier:
                amount *= factor
                end = multiplier.end()
                break
        percent = _PERCENT.match(text, end)
        if percent:
            end = percent.end()
        if match["sign"] == "-":
            amount = -amount
        found.append(
            _Number(
                start=match.start(),
                digits=match.start("body"),
                end=end,
                value=float(amount),
                percent=percent is not None,
            )
        )
    return found


def _link(prefix: str, gap: str) -> _Link | None:
    """What the words around two neighbouring numbers say about them."""
    gap = _FILLER.sub(" ", gap)
    lead = _LEAD.search(_FILLER.sub(" ", prefix))
    word = lead["word"] if lead else ""
    if _ARROW.search(gap):
        return _Link.CHANGE
    if word in _FROM:
        if _has_word(gap, _TO):
            return _Link.CHANGE
        if _has_word(gap, ("по",)):  # "с 10 по 15": a span of days or items
            return _Link.RANGE
    if word in _BETWEEN and _has_word(gap, (*_TO, "and", "и")):
        return _Link.RANGE
    if word in _WAS and _has_word(gap, _NOW):
        return _Link.CHANGE
    if _BARE_RANGE.fullmatch(gap):
        return _Link.RANGE
    return None


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    return re.search(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", text) is not None


# A decimal comma is a comma between digits that does not group thousands ("2,1", "2,15"
# but not "1,200"); `read_metric` reads the same way.
_DECIMAL_COMMA = re.compile(r"\d,(?:\d{1,2}|\d{4,})(?!\d)|(?<![\d.,])0,\d")


def written_number(reading: MetricReading, language: str) -> str | None:
    """The number of a reading for a sentence to a client, without the words around it:
    "выросла до 2,1%" gives "2,1%" (an English reader gets "2.1%"), "CTR 1,2%" gives
    "1,2%" beside the metric's own name. Russian keeps the person's decimal mark (a
    comma unless they typed a dot) and groups thousands with a narrow no-break space;
    English writes "1,200.5". None when the reading has no number."""
    if reading.value is None:
        return None
    value = reading.value
    decimals = 0 if value == int(value) else 2
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    if language == "ru":
        comma = _DECIMAL_COMMA.search(reading.text) is not None or "." not in reading.text
        text = text.replace(",", "\u202f").replace(".", "," if comma else ".")
    return text + ("%" if reading.percent else "")
