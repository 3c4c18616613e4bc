"""Advice after a reflection: chosen from the weak habit's tips, never a tip read in the
last four weeks, never the advice of the reflection before, and counted as seen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.content.advice import LOOK_BACKS, MATERIAL_BY_ID, look_backs_of
from bot.content.questions import DIMENSIONS
from bot.content.tips import TIP_BY_ID, TIPS, Material, Tip, tips_of
from bot.rules.advice import (
    advice_dimensions,
    choose_advice,
    default_advice,
    recorded_advice,
)
from bot.rules.tips import RECENTLY
from testkit.harness import BotHarness, UserDriver
from tests.support.conversations import TITLE, answer_all, deliver_next, record_project

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
# The real request and measuring weakest ("1", "No"), a client to let go.
WEAK_REQUEST = ["1", "No", "No", "4", "Yes", "Yes", "4", "Yes", "4", "7", "👋 Let go"]


def test_measuring_comes_first_when_the_number_was_never_collected() -> None:
    assert advice_dimensions(("request", "fit"), unmeasured=False) == ("request", "fit")
    assert advice_dimensions(("request", "fit"), unmeasured=True) == ("measure", "request")
    assert advice_dimensions(("fit", "measure"), unmeasured=True) == ("measure", "fit")
    assert advice_dimensions((), unmeasured=True) == ("measure",)
    assert advice_dimensions((), unmeasured=False) == ()


def test_every_habit_has_tips_and_look_backs_in_both_languages() -> None:
    assert {back.dimension for back in LOOK_BACKS} == set(DIMENSIONS)
    assert all(len(look_backs_of(dimension)) >= 2 for dimension in DIMENSIONS)
    assert set(MATERIAL_BY_ID) == set(TIP_BY_ID) | {back.id for back in LOOK_BACKS}


def test_first_advice_is_the_habits_first_tip() -> None:
    assert choose_advice(("request", "care"), {}, set(), NOW) == (
        tips_of("request")[0],
        tips_of("care")[0],
    )
    assert default_advice(("fit",)) == (tips_of("fit")[0],)


@given(
    dimension=st.sampled_from(DIMENSIONS),
    days_ago=st.dictionaries(
        st.sampled_from([*TIP_BY_ID, *(back.id for back in LOOK_BACKS)]),
        st.integers(min_value=0, max_value=90),
    ),
    previous=st.sets(st.sampled_from(list(MATERIAL_BY_ID)), max_size=2),
)
def test_advice_never_repeats_a_tip_read_lately_nor_the_last_advice(
    dimension: str, days_ago: dict[str, int], previous: set[str]
) -> None:
    seen = {text_id: NOW - timedelta(days=days) for text_id, days in days_ago.items()}
    [advice] = choose_advice((dimension,), seen, previous, NOW)
    assert advice.dimension == dimension
    if isinstance(advice, Tip):
        assert seen.get(advice.id, NOW - RECENTLY) <= NOW - RECENTLY
    # At most one of the habit's texts was the last advice: one is always left.
    if sum(MATERIAL_BY_ID[text_id].dimension == dimension for text_id in previous) <= 1:
        assert advice.id not in previous


def test_a_look_back_stands_in_when_every_tip_was_read_lately() -> None:
    seen = {tip.id: NOW - timedelta(days=2) for tip in tips_of("trust")}
    first, second = look_backs_of("trust")
    assert choose_advice(("trust",), seen, set(), NOW) == (first,)
    assert choose_advice(("trust",), seen, {first.id}, NOW) == (second,)
    seen |= {first.id: NOW - timedelta(days=9), second.id: NOW - timedelta(days=1)}
    assert choose_advice(("trust",), seen, set(), NOW) == (first,)  # the older one


def test_advice_rotates_from_one_reflection_to_the_next() -> None:
    """Reflections a day or two months apart, the same weak habit each time: the advice
    changes every time and goes through the habit's material."""
    seen: dict[str, datetime] = {}
    previous: tuple[Material, ...] = ()
    now, shown = NOW, list[Material]()
    for gap in [1, 1, 60, 2, 45, 1, 1, 70, 3, 1]:
        now += timedelta(days=gap)
        advice = choose_advice(("fit",), seen, {text.id for text in previous}, now)
        assert advice != previous
        seen |= {text.id: now for text in advice}
        previous = advice
        shown.extend(advice)
    assert {text.id for text in shown} >= {tip.id for tip in tips_of("fit")}


def test_recorded_advice_for_history() -> None:
    assert recorded_advice(("request-2", "measure-back-1"), ("request", "measure")) == (
        TIP_BY_ID["request-2"],
        MATERIAL_BY_ID["measure-back-1"],
    )
    assert recorded_advice((), ("request",)) == ()  # none was due
    # Not recorded (finished before advice was kept), or since removed: the defaults.
    assert recorded_advice(None, ("request",)) == (tips_of("request")[0],)
    assert recorded_advice(("gone-1",), ("care",)) == (tips_of("care")[0],)


# ---- in the conversation ---------------------------------------------------------------


def advice_lines(user: UserDriver, result: str, dimension: str) -> list[str]:
    heading = user.label(f"advice-{dimension}")
    return [part for part in result.split("\n\n") if part.startswith(heading)]


async def reflect(user: UserDriver, client: str) -> str:
    """A project for `client` finished three days ago, looked back on weak on the real
    request and on measuring; returns the result."""
    await record_project(user, client=client)
    return (await answer_all(user, WEAK_REQUEST, None))[-1]


async def test_two_reflections_in_a_row_show_different_advice(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    first = await reflect(user, "Acme")
    second = await reflect(user, "Beta")
    for dimension in ("request", "measure"):
        [before] = advice_lines(user, first, dimension)
        [after] = advice_lines(user, second, dimension)
        assert before != after
    heading = user.label("advice-request")
    assert advice_lines(user, first, "request") == [
        f"{heading} {user.label(tips_of('request')[0].key)}"
    ]
    assert advice_lines(user, second, "request") == [
        f"{heading} {user.label(tips_of('request')[1].key)}"
    ]


async def test_advice_never_repeats_a_tip_read_in_the_last_four_weeks(
    harness: BotHarness,
) -> None:
    """Six daily tips on the real request, then a reflection weak on it: the advice is a
    look-back, not one of those tips again."""
    user = harness.user()
    await user.onboard()
    await user.send("/tips")
    await user.press("Every day")
    t = harness.services.i18n.get("en")
    delivered = [(await deliver_next(harness)).text for _ in tips_of("request")]
    assert delivered == [f"{TITLE}\n\n{t(tip.key)}" for tip in tips_of("request")]
    result = await reflect(user, "Acme")
    [request] = advice_lines(user, result, "request")
    assert all(t(tip.key) not in request for tip in TIPS)
    assert request.endswith(t(look_backs_of("request")[0].key))
    [measure] = advice_lines(user, result, "measure")
    assert measure.endswith(t(tips_of("measure")[0].key))
    # What was shown as advice counts as seen: the subscription does not send it next.
    following = [(await deliver_next(harness)).text for _ in range(3)]
    assert f"{TITLE}\n\n{t(tips_of('measure')[0].key)}" not in following


async def test_history_shows_the_advice_given_at_the_end(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await reflect(user, "Acme")
    result = await reflect(user, "Beta")
    await user.send("/history")
    [detail] = await user.press("23 Nov 2026 · Beta: Spring landing · 53")
    for dimension in ("request", "measure"):
        assert advice_lines(user, detail, dimension) == advice_lines(user, result, dimension)


async def test_advice_in_russian(harness: BotHarness) -> None:
    user = harness.user(language_code="ru")
    await user.onboard()
    await record_project(user, client="Ромашка", title="Лендинг", day="вчера")
    answers = ["1", "Нет", "Нет", "4", "Да", "Да", "4", "Да", "4", "7", "👋 Отпустить"]
    result = (await answer_all(user, answers, None))[-1]
    assert "Что попробовать дальше:" in result
    t = harness.services.i18n.get("ru")
    assert f"<b>Настоящий запрос.</b> {t(tips_of('request')[0].key)}" in result
