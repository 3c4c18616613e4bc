"""After the project, the client's number comes back: asked in every check-in reminder and
from the client's card, kept as typed, read as a number, and shown against the baseline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.views.outcomes import MetricCb
from tests.harness import BotHarness, UserDriver
from tests.test_coaching_flow import BEST_ANSWERS, answer_all

DUE = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # two weeks on, 10:00 in Berlin


async def project_with_metric(user: UserDriver, baseline: str = "1,2%") -> None:
    """Onboarded, with a reflected project for Acme whose number is CTR at `baseline`."""
    await user.onboard()
    await user.press(user.label("button-done-project"))
    await user.send("Acme")
    await user.send("Spring banners")
    await user.press(user.label("goal-leads"))
    await user.send("CTR")
    await user.send(baseline)
    await user.send("3 days ago")
    await answer_all(user, BEST_ANSWERS, None)


async def open_card(user: UserDriver) -> str:
    await user.send("/clients")
    [text] = await user.press(next(b for b in user.buttons() if b.startswith("Acme")))
    return text


async def test_the_reminder_asks_for_the_number_and_the_card_shows_the_change(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await project_with_metric(user)
    await user.press("In 2 weeks")
    card = await open_card(user)
    assert "CTR: 1,2% → not measured since the project" in card

    harness.clock.set(DUE)
    await harness.due_work.run_due()
    reminder = user.last_message
    assert "Ask what CTR is now" in (reminder.text or "")
    [question] = await user.press("📏 What's the number now?", reminder)
    assert "What is <b>CTR</b> at Acme now?" in question
    assert "Before the project: 1,2%." in question
    assert "✅ Done" in user.buttons(reminder)  # the reminder stays as it was

    [saved] = await user.send("вырос до 2,1%")
    assert "Saved for Acme: вырос до 2,1%" in saved
    assert "CTR: 1,2% → вырос до 2,1% (+75%, 10 Dec 2026)" in saved
    owner = await harness.services.accounts.get(user.user_id)
    assert owner is not None
    [client] = await harness.services.clients.recent(owner, 1)
    card_data = await harness.services.clients.card(owner, client)
    assert card_data.metric is not None and card_data.metric.latest is not None
    assert card_data.metric.latest.value == pytest.approx(2.1)
    assert card_data.metric.baseline.value == pytest.approx(1.2)

    [card] = await user.press("👤 Client card")
    assert "CTR: 1,2% → вырос до 2,1% (+75%, 10 Dec 2026)" in card


async def test_from_the_card_at_any_time_and_dont_know_is_an_answer(harness: BotHarness) -> None:
    user = harness.user()
    await project_with_metric(user, baseline="40 leads a week")
    await open_card(user)
    await user.press("📏 What's the number now?")
    [saved] = await user.press("🤷 Don't know yet")
    assert "Saved for Acme: don't know yet" in saved
    assert "CTR: 40 leads a week → don't know yet (26 Nov 2026)" in saved
    await open_card(user)
    await user.press("📏 What's the number now?")
    [saved] = await user.send("38 в неделю")
    assert "CTR: 40 leads a week → 38 в неделю (-5%, 26 Nov 2026)" in saved
    export = await harness.services.accounts.export(
        await harness.services.accounts.get(user.user_id)  # type: ignore[arg-type]
    )
    assert b"metric_readings.csv" in export


async def test_wrong_input_is_asked_again_and_loses_nothing(harness: BotHarness) -> None:
    user = harness.user()
    await project_with_metric(user)
    await open_card(user)
    await user.press("📏 What's the number now?")
    [answer] = await user.send_sticker()
    assert "not a sticker" in answer
    [answer] = await user.send("x" * 301)
    assert "301" in answer  # how far over the limit
    [saved] = await user.send("2.4%")
    assert "(+100%, 26 Nov 2026)" in saved


async def test_someone_elses_project_is_refused(harness: BotHarness) -> None:
    owner = harness.user(1001)
    await project_with_metric(owner)
    stranger = harness.user(2002)
    await stranger.onboard()
    owner_user = await harness.services.accounts.get(1001)
    assert owner_user is not None
    [client] = await harness.services.clients.recent(owner_user, 1)
    project = await harness.services.outcomes.tracked_project(owner_user, client.id)
    assert project is not None
    replies = await stranger.press_data(MetricCb(project=project.id).pack(), stranger.last_message)
    assert "What is" not in " ".join(replies)
    assert stranger.alerts()[-1] == stranger.label("stale-button")
    [saved] = await stranger.send("5%")  # no question was asked: nothing is recorded
    assert "Saved" not in saved
    progress = await harness.services.outcomes.progress(owner_user, project)
    assert progress.latest is None
