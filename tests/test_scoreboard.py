"""The partner's scoreboard in /stats: the client's number after the project, the
come-back forecast against what happened, and the self-assessed score beside both."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from aiogram.methods import SendMessage, SendPhoto

from bot.i18n import I18n
from bot.reading.numbers import Change
from bot.services.scoreboard import (
    Band,
    BandTally,
    Results,
    Scoreboard,
    SelfAssessment,
    band_of,
    build_scoreboard,
    came_back,
    change_of,
    self_assessment,
    tally_forecasts,
    tally_results,
)
from bot.views.history import CAPTION_LIMIT, fits_caption, scoreboard_text, split_caption
from storage.projects import Goal, Project
from storage.reflections import ReflectionStatus
from storage.scoreboard import NewOrder, ProjectResult
from testkit.harness import BotHarness, UserDriver
from tests.support.conversations import (
    BEST_ANSWERS,
    answer_all,
    deliver_reminder,
    kickoff,
    record_project,
)

RECORDED = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

# ---- the counting, without a bot ------------------------------------------------------


def result(
    project_id: int,
    *,
    client: int = 1,
    goal: Goal = Goal.SALES,
    metric: str | None = "orders a week",
    baseline: str | None = "30 orders",
    latest: float | None = None,
    forecast: int | None = None,
    score: int | None = None,
    finished: date = date(2026, 6, 1),
    recorded: datetime = RECORDED,
) -> ProjectResult:
    project = Project(
        id=project_id,
        user_id=1,
        client_id=client,
        client_name=f"Client {client}",
        title=f"Project {project_id}",
        goal=goal,
        goal_note=None,
        metric=metric,
        baseline=baseline,
        finished_on=finished,
        created_at=recorded,
        reflection_status=ReflectionStatus.DONE
        if score is not None or forecast is not None
        else None,
        score=score,
    )
    return ProjectResult(project, forecast, latest)


@pytest.mark.parametrize(
    ("forecast", "band"),
    [
        (0, Band.UNLIKELY),
        (3, Band.UNLIKELY),
        (4, Band.MAYBE),
        (6, Band.MAYBE),
        (7, Band.LIKELY),
        (10, Band.LIKELY),
    ],
)
def test_forecasts_fall_in_three_bands(forecast: int, band: Band) -> None:
    assert band_of(forecast) is band


def test_improved_same_worse_against_the_baseline() -> None:
    items = [
        result(1, latest=45),  # 30 -> 45
        result(2, latest=30.5),  # within 2 % of 30
        result(3, latest=12),
        result(4, latest=31),  # 3 % up: a change
    ]
    assert [change_of(item) for item in items] == [
        Change.IMPROVED,
        Change.SAME,
        Change.WORSE,
        Change.IMPROVED,
    ]
    assert tally_results(items) == Results(
        tracked=4, measured=4, improved=2, same=1, worse=1, no_baseline=0
    )


def test_a_savings_goal_wants_the_number_down() -> None:
    cheaper = result(1, goal=Goal.SAVINGS, baseline="120 000 ₽ a month", latest=90_000)
    dearer = result(2, goal=Goal.SAVINGS, baseline="120 000 ₽ a month", latest=150_000)
    assert (change_of(cheaper), change_of(dearer)) == (Change.IMPROVED, Change.WORSE)


def test_never_measured_and_no_metric() -> None:
    items = [
        result(1, latest=40),
        result(2),  # a metric, no number since ("don't know" readings have none either)
        result(3),
        result(4, metric=None, baseline=None),  # nothing to follow: not counted at all
    ]
    results = tally_results(items)
    assert (results.tracked, results.measured, results.unmeasured) == (3, 1, 2)
    assert change_of(items[1]) is None


def test_a_baseline_without_a_number_is_measured_but_not_compared() -> None:
    items = [
        result(1, baseline="не знаю", latest=40),
        result(2, baseline=None, latest=5),
        result(3, latest=40),
    ]
    results = tally_results(items)
    assert (results.measured, results.compared, results.no_baseline) == (3, 1, 2)
    assert results.improved == 1


def test_came_back_by_a_later_project_or_a_new_order_after_the_project() -> None:
    first = result(1, client=7, finished=date(2026, 5, 1))
    same_day = result(2, client=7, finished=date(2026, 5, 1))
    other_client = result(3, client=8, finished=date(2026, 7, 1))
    items = [first, same_day, other_client]
    assert not came_back(first, items, [])  # same day is not later; another client is not it
    later = result(4, client=7, finished=date(2026, 5, 2))
    assert came_back(first, [*items, later], [])
    assert not came_back(later, [*items, later], [])
    order_after = NewOrder(7, RECORDED + timedelta(days=20))
    order_before = NewOrder(7, RECORDED - timedelta(minutes=1))  # the order it came from
    assert came_back(first, items, [order_after])
    assert not came_back(first, items, [order_before])
    assert not came_back(other_client, items, [order_after])


def test_each_band_counts_who_came_back() -> None:
    items = [
        result(1, client=1, forecast=9, finished=date(2026, 5, 1)),
        result(2, client=1, forecast=8, finished=date(2026, 6, 1)),  # came back for this
        result(3, client=2, forecast=5),
        result(4, client=3, forecast=1),
        result(5, client=4, forecast=None),  # no finished reflection: no forecast
    ]
    orders = [NewOrder(3, RECORDED + timedelta(days=1))]
    assert tally_forecasts(items, orders) == (
        BandTally(Band.LIKELY, forecasts=2, came_back=1),
        BandTally(Band.MAYBE, forecasts=1, came_back=0),
        BandTally(Band.UNLIKELY, forecasts=1, came_back=1),
    )


def test_self_assessment_beside_the_measured_result() -> None:
    improved = [result(1, latest=40, score=90), result(2, latest=50, score=81)]
    not_improved = [result(3, latest=30, score=70), result(4, latest=10, score=51)]
    unscored = result(5, latest=10)  # measured, but no reflection
    no_baseline = result(6, baseline="?", latest=99, score=10)
    assert self_assessment([*improved, *not_improved, unscored, no_baseline]) == SelfAssessment(
        improved=86, not_improved=60
    )
    assert self_assessment(improved) is None  # one group alone compares with nothing
    assert self_assessment(not_improved) is None


def test_the_whole_board_is_empty_without_data() -> None:
    assert build_scoreboard([], []) == Scoreboard(Results(0, 0, 0, 0, 0, 0), (), None)


# ---- the words ------------------------------------------------------------------------


def test_russian_words_agree_with_the_numbers() -> None:
    t = I18n().get("ru")
    one = Scoreboard(Results(1, 1, 1, 0, 0, 0), (BandTally(Band.MAYBE, 1, 0),), None)
    text = scoreboard_text(t, one)
    assert "В 1 из 1 измеренного проекта цифра клиента стала лучше" in text
    assert "может быть (4–6): вернулись 0 из 1" in text
    assert "Без цифры" not in text
    many = Scoreboard(Results(5, 3, 2, 0, 1, 0), (), SelfAssessment(88, 64))
    text = scoreboard_text(t, many)
    assert "В 2 из 3 измеренных проектов" in text
    assert "Без цифры после проекта пока 2 из 5 проектов с метрикой" in text
    assert "в среднем: 88 там, где цифра клиента стала лучше, и 64 там, где нет" in text


def test_without_a_metric_the_board_asks_for_one() -> None:
    """The /done form asks for the number; projects kept from before it may have none."""
    text = scoreboard_text(I18n().get("en"), build_scoreboard([result(1, metric=None)], []))
    assert text == (
        "<b>By the client's result</b>\n📏 No project has a client's number to follow yet. "
        "When you record the next one, name what the client measures (sales, leads, CTR): "
        "this is where you'll see whether it moved."
    )


def test_a_caption_too_long_leaves_the_scoreboard_for_the_next_message() -> None:
    assert fits_caption("x" * CAPTION_LIMIT)
    assert not fits_caption("x" * (CAPTION_LIMIT + 1))
    assert not fits_caption("📏" * (CAPTION_LIMIT // 2 + 1))  # two UTF-16 units each
    assert split_caption("trend", "board") == ("trend\n\nboard", None)
    assert split_caption("trend", "b" * CAPTION_LIMIT) == ("trend", "b" * CAPTION_LIMIT)


# ---- in the conversation --------------------------------------------------------------

WEAK_ANSWERS = [
    "2",
    "Partly",
    "Partly",
    "3",
    "Partly",
    "Partly",
    "3",
    "Partly",
    "3",
    "2",
    "🔁 Renegotiate",
]
MIDDLE_ANSWERS = ["4", "Yes", "Yes", "4", "Yes", "Yes", "4", "Yes", "4", "5", "🤝 Keep"]
LIKELY_ANSWERS = [*BEST_ANSWERS[:9], "9", BEST_ANSWERS[10]]


async def reflect(user: UserDriver, client: str, title: str, day: str, answers: list[str]) -> int:
    """Record a project for a new client and answer its reflection; the partner score."""
    await record_project(user, client=client, title=title, day=day)
    result_text = (await answer_all(user, answers, None))[-1]
    found = re.search(r"Partner score: (\d+)/100", result_text)
    assert found is not None, result_text
    return int(found.group(1))


async def measure(user: UserDriver, client: str, number: str | None) -> None:
    """From the client's card, the client's number now (None: "don't know yet")."""
    await user.send("/clients")
    await user.press(next(b for b in user.buttons() if b.startswith(client)))
    await user.press("📏 What's the number now?")
    if number is None:
        await user.press("🤷 Don't know yet")
    else:
        [saved] = await user.send(number)
        assert f"Saved for {client}" in saved


async def stats(user: UserDriver) -> str:
    """The caption of the chart /stats sends (the scoreboard fits in it in English)."""
    before = len(user.sent)
    await user.send("/stats")
    [photo] = [m for m in user.sent[before:] if isinstance(m, SendPhoto)]
    return photo.caption or ""


async def test_the_scoreboard_counts_measured_results_forecasts_and_returns(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    acme = await reflect(user, "Acme", "Landing", "20 days ago", LIKELY_ANSWERS)
    beta = await reflect(user, "Beta", "Banner", "15 days ago", WEAK_ANSWERS)
    await reflect(user, "Gamma", "Shop", "10 days ago", MIDDLE_ANSWERS)
    await measure(user, "Acme", "42 orders a week")  # 30 before: better
    await measure(user, "Acme", None)  # "don't know" later keeps the last number
    await measure(user, "Beta", "было 30, стало 21")  # worse
    # Acme comes back: a new project for the same client, not reflected on yet.
    await user.send("/done")
    await user.press("Acme")
    await user.send("Autumn landing")
    await user.press(user.label("goal-sales"))
    await user.send("orders a week")
    await user.send("42")
    await user.press("Today")

    caption = await stats(user)
    assert "Reflections: 3" in caption  # the self-assessed trend is still there
    assert "<b>By the client's result</b>" in caption
    assert (
        "📏 In 1 of 2 measured projects the client's number got better; "
        "it stayed the same in 0 and got worse in 1." in caption
    )
    assert "⏳ No number since the project yet: 2 of 4 projects with a metric." in caption
    assert "· likely (7–10): 1 of 1 came back" in caption
    assert "· maybe (4–6): 0 of 1 came back" in caption
    assert "· unlikely (0–3): 0 of 1 came back" in caption
    assert (
        f"⚖️ Your own score, on average: {acme} where the client's number got better, "
        f"{beta} where it didn't." in caption
    )
    assert acme != beta
    assert "no number from before" not in caption
    assert user.buttons(user.last_message) == [user.label("button-menu")]


async def test_a_new_order_from_a_check_in_counts_as_coming_back(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await reflect(user, "Acme", "Spring landing", "3 days ago", BEST_ANSWERS)
    caption = await stats(user)
    assert "· likely (7–10): 0 of 1 came back" in caption
    assert "⏳ No number since the project yet: 1 of 1 project with a metric." in caption
    assert "measured project" not in caption  # nothing measured, nothing compared

    await deliver_reminder(harness, user)
    await user.press("✅ Done")
    await user.press("🎉 New order")
    await user.send("A second landing for autumn")
    caption = await stats(user)
    assert "· likely (7–10): 1 of 1 came back" in caption
    # One definition of a client who came back, in every line of /stats.
    assert "Repeat clients: 1 of 1" in caption


async def test_done_on_the_end_day_is_not_a_trust_step(harness: BotHarness) -> None:
    """ "Done" under "is the work finished?" answers that question: /stats counts only
    the early trust steps the freelancer did."""
    user = harness.user()
    await user.onboard()
    await kickoff(user)
    me = await harness.services.accounts.get(user.user_id)
    assert me is not None
    await harness.db.execute(
        "UPDATE nudges SET status = 'done' WHERE user_id = :user_id", {"user_id": me.id}
    )
    steps = await harness.db.fetchvalue(
        "SELECT COUNT(*) FROM nudges WHERE user_id = :user_id AND action != 'wrap_up'",
        {"user_id": me.id},
    )
    started, done = await harness.services.repos.scoreboard.trust_steps(me.id)
    assert (started, done) == (1, steps)


async def test_a_baseline_without_a_number_is_named_apart(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/done")
    await user.send("Acme")
    await user.send("Shop")
    await user.press(user.label("goal-leads"))
    await user.send("leads a week")
    await user.press("Skip →")  # no baseline
    await user.press("Today")
    await answer_all(user, BEST_ANSWERS, None)
    await measure(user, "Acme", "12")
    caption = await stats(user)
    assert "Measured, but with no number from before the project to compare with: 1." in caption
    assert "measured project" not in caption
    assert "No number since" not in caption


async def test_without_a_reflection_stats_still_says_there_is_nothing_yet(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)  # the reflection starts; it is left unanswered
    await user.send("/cancel")
    await measure(user, "Acme", "40 orders")
    [text] = await user.send("/stats")
    assert text.startswith("No scores yet.")
    assert not any(isinstance(m, SendPhoto) for m in user.sent)


async def test_another_users_data_never_appears(harness: BotHarness) -> None:
    other = harness.user(1001)
    await other.onboard()
    await reflect(other, "Acme", "Their landing", "5 days ago", WEAK_ANSWERS)
    await deliver_reminder(harness, other)
    await other.press("✅ Done")
    await other.press("🎉 New order")
    await other.send("More work")
    await reflect(other, "Beta", "Their banner", "4 days ago", WEAK_ANSWERS)
    await measure(other, "Acme", "90 orders")
    await measure(other, "Beta", "10 orders")
    assert "· unlikely (0–3): 1 of 2 came back" in await stats(other)

    user = harness.user(2002)
    await user.onboard()
    await reflect(user, "Acme", "Landing", "3 days ago", BEST_ANSWERS)
    caption = await stats(user)
    assert "⏳ No number since the project yet: 1 of 1 project with a metric." in caption
    assert "· likely (7–10): 0 of 1 came back" in caption
    assert "unlikely" not in caption and "measured project" not in caption
    assert "Your own score" not in caption


async def test_a_long_caption_sends_the_scoreboard_right_after_the_chart(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = harness.user()
    await user.onboard()
    await reflect(user, "Acme", "Landing", "3 days ago", BEST_ANSWERS)
    monkeypatch.setattr("bot.views.history.CAPTION_LIMIT", 300)
    before = len(user.sent)
    await user.send("/stats")
    photo, board = user.sent[before:]
    assert isinstance(photo, SendPhoto) and isinstance(board, SendMessage)
    assert "Reflections: 1" in (photo.caption or "")
    assert "By the client's result" not in (photo.caption or "")
    assert photo.reply_markup is None  # the menu button goes with the last message
    assert board.text.startswith("<b>By the client's result</b>")
    assert "· likely (7–10): 0 of 1 came back" in board.text
    assert user.buttons(user.last_message) == [user.label("button-menu")]
