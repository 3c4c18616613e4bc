"""Reading a client's metric from free text, and comparing it with the baseline."""

from __future__ import annotations

import pytest

from bot.reading.numbers import (
    MAX_TEXT,
    Change,
    MetricReading,
    change_percent,
    compare,
    read_metric,
)

# (typed text, value read, percent)
DECIMALS = [
    ("2,1%", 2.1, True),
    ("2.1%", 2.1, True),
    ("CTR 2,1 %", 2.1, True),
    ("2,15", 2.15, False),
    ("0,150", 0.15, False),
    ("0.5", 0.5, False),
    ("12,3456", 12.3456, False),
    ("40", 40.0, False),
    ("Выросло до 30.", 30.0, False),
]

THOUSANDS = [
    ("1,200", 1200.0, False),
    ("1.200.000", 1_200_000.0, False),
    ("1 200 000", 1_200_000.0, False),
    ("1 200 000 ₽", 1_200_000.0, False),
    ("1\u00a0200\u00a0000 ₽", 1_200_000.0, False),
    ("1\u202f200", 1200.0, False),
    ("1'200'000", 1_200_000.0, False),
    ("1\u2019200", 1200.0, False),
    ("1,200.5", 1200.5, False),
    ("1.200,5", 1200.5, False),
    ("1 200,5", 1200.5, False),
    ("2,150", 2150.0, False),
    ("1,200,5", 1200.0, False),
]

MULTIPLIERS = [
    ("$4.5k", 4500.0, False),
    ("4,5к", 4500.0, False),
    ("12 тыс", 12_000.0, False),
    ("12 тыс. руб", 12_000.0, False),
    ("12 тысяч рублей", 12_000.0, False),
    ("3 thousand", 3000.0, False),
    ("1,5 млн", 1_500_000.0, False),
    ("2m", 2_000_000.0, False),
    ("3м", 3_000_000.0, False),
    ("3 million", 3_000_000.0, False),
    ("0.07k", 70.0, False),
    ("10 к концу месяца", 10.0, False),
    ("12 клиентов", 12.0, False),
    ("5мин", 5.0, False),
    ("5kg", 5.0, False),
]

CURRENCY = [
    ("$1,200", 1200.0, False),
    ("€ 300", 300.0, False),
    ("300 руб.", 300.0, False),
    ("1500 rub", 1500.0, False),
    ("USD 250", 250.0, False),
    ("250 usd", 250.0, False),
    ("выручка 1 200 000 ₽ в месяц", 1_200_000.0, False),
]

SIGNS = [
    ("-3%", -3.0, True),
    ("\u22123%", -3.0, True),
    ("+15%", 15.0, True),
    ("-0,5", -0.5, False),
    ("было 10, стало -3", -3.0, False),
]

CHANGES = [
    ("1.2 → 2.1", 2.1, False),
    ("1.2 -> 2.1", 2.1, False),
    ("1,2% => 2,1%", 2.1, True),
    ("1.2% → 2.1", 2.1, False),  # the % belongs to the number before the arrow
    ("1 → 2 → 3", 3.0, False),
    ("с 1,2 до 2,1%", 2.1, True),
    ("вырос с 10 до 14 заявок в неделю", 14.0, False),
    ("со 100 до 120", 120.0, False),
    ("c 10 до 14", 14.0, False),  # Latin "c"
    ("from 10 to 14", 14.0, False),
    ("grew from $10k to $14k", 14_000.0, False),
    ("было 10, стало 14", 14.0, False),
    ("было около 10 заявок, стало примерно 14", 14.0, False),
    ("was 10, now 14", 14.0, False),
    ("вырос до 3%", 3.0, True),
    ("упал до 1,5", 1.5, False),
    ("упал с 2 до 1,5", 1.5, False),
    ("вырос с 10 до 14, план 20-25", 14.0, False),
]

FIRST_NUMBER = [
    ("12 заявок за 3 дня", 12.0, False),
    ("за 3 дня 12 заявок", 3.0, False),
    ("12 заявок в неделю", 12.0, False),
    ("примерно 40 в день", 40.0, False),
    ("around 30", 30.0, False),
    ("~30", 30.0, False),
    ("CTR 2,1% при бюджете 50 000 ₽", 2.1, True),
    ("40 leads, 5%", 40.0, False),
    ("Q3: 40 leads", 40.0, False),
    ("сейчас 14, а было 10", 14.0, False),
]

PERCENT_WORDS = [
    ("15 процентов", 15.0, True),
    ("2,1 процента", 2.1, True),
    ("15 percent", 15.0, True),
    ("15 per cent", 15.0, True),
    ("15 pct", 15.0, True),
    ("15", 15.0, False),
]

NO_VALUE = [
    "не знаю",
    "Не знаю.",
    "незнаю",
    "don't know",
    "Don\u2019t know",
    "dont know",
    "I do not know",
    "unknown",
    "n/a",
    "N/A",
    "нет данных",
    "пока нет данных за 2 недели",
    "не знаю, 3 дня не смотрел",
    "no data",
    "неизвестно",
    "?",
    "—",
    "-",
    "",
    "   ",
    "выросло",
    "много",
    "Q3",
    # Ranges: not one reading.
    "10-15",
    "10–15",
    "10—15",
    "10 - 15 заявок",
    "10 -15",
    "от 10 до 15",
    "от 1,2 до 2,1%",
    "between 10 and 15",
    "10 to 15 leads",
    "10 или 15",
    "$10-$15",
    "10%-15%",
    "30 000–40 000 ₽",
    "10-15 заявок за 3 дня",
    "с 10 по 15",
    "с 10 до 12-15",
]


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    DECIMALS + THOUSANDS + MULTIPLIERS + CURRENCY + SIGNS + CHANGES + FIRST_NUMBER + PERCENT_WORDS,
)
def test_reads_the_number(text: str, value: float, percent: bool) -> None:
    reading = read_metric(text)
    assert reading.value == pytest.approx(value, rel=1e-12, abs=1e-12)
    assert reading.percent is percent
    assert reading.text == text.strip()


@pytest.mark.parametrize("text", NO_VALUE)
def test_no_value_but_the_text_is_kept(text: str) -> None:
    assert read_metric(text) == MetricReading(text=text.strip(), value=None, percent=False)


def test_multiplied_values_are_exact() -> None:
    # Decimal arithmetic: 0.07 * 1000 must not come out as 70.00000000000001.
    assert read_metric("0.07k").value == 70.0
    assert read_metric("1,5 млн").value == 1_500_000.0


def test_text_is_trimmed() -> None:
    assert read_metric("  \n 2,1%\t ") == MetricReading(text="2,1%", value=2.1, percent=True)


def test_long_text_is_cut_and_still_read() -> None:
    typed = "CTR 2,1% " + "x" * 400
    reading = read_metric(typed)
    assert reading.text == typed[:MAX_TEXT]
    assert len(reading.text) == MAX_TEXT == 300
    assert reading.value == 2.1


def test_a_number_past_the_cut_is_not_read() -> None:
    reading = read_metric("x" * MAX_TEXT + " 5")
    assert reading.value is None
    assert reading.text == "x" * MAX_TEXT


@pytest.mark.parametrize(
    ("baseline", "latest", "higher_is_better", "expected"),
    [
        (10, 12, True, Change.IMPROVED),
        (10, 8, True, Change.WORSE),
        (10, 10, True, Change.SAME),
        (10, 10.1, True, Change.SAME),  # 1 %
        (10, 9.9, True, Change.SAME),
        (10, 10.2, True, Change.SAME),  # exactly 2 %
        (2.0, 2.04, True, Change.SAME),  # exactly 2 %, a hair over in floats
        (10, 10.3, True, Change.IMPROVED),
        (10, 9.7, True, Change.WORSE),
        (10, 8, False, Change.IMPROVED),  # e.g. cost per lead
        (10, 12, False, Change.WORSE),
        (10, 10.1, False, Change.SAME),
        (0, 0, True, Change.SAME),
        (0, 0.001, True, Change.IMPROVED),  # any move from zero counts
        (0, -1, True, Change.WORSE),
        (0, 1, False, Change.WORSE),
        (-10, -5, True, Change.IMPROVED),  # a loss that shrank
        (-10, -10.1, True, Change.SAME),
    ],
)
def test_compare(baseline: float, latest: float, higher_is_better: bool, expected: Change) -> None:
    assert compare(baseline, latest, higher_is_better=higher_is_better) is expected


def test_compare_with_another_tolerance() -> None:
    assert compare(10, 10.5, tolerance=0.1) is Change.SAME
    assert compare(10, 11.5, tolerance=0.1) is Change.IMPROVED
    assert compare(10, 10.01, tolerance=0) is Change.IMPROVED
    with pytest.raises(ValueError, match="tolerance"):
        compare(10, 11, tolerance=-0.1)


def test_change_values_are_stable_strings() -> None:
    assert [c.value for c in Change] == ["improved", "same", "worse"]


@pytest.mark.parametrize(
    ("baseline", "latest", "expected"),
    [
        (10, 12, 20.0),
        (10, 5, -50.0),
        (10, 10, 0.0),
        (1.2, 2.1, 75.0),
        (-10, -5, 50.0),  # a rise stays positive
        (-10, -15, -50.0),
    ],
)
def test_change_percent(baseline: float, latest: float, expected: float) -> None:
    assert change_percent(baseline, latest) == pytest.approx(expected)


@pytest.mark.parametrize("latest", [0, 5, -5])
def test_change_percent_from_zero_is_none(latest: float) -> None:
    assert change_percent(0, latest) is None
