"""The questions asked one after another (/kickoff, /done) as a person meets them: they
survive a restart, Back follows the answers given, and a question without Skip cannot be
skipped by an old or forged press."""

from __future__ import annotations

from pathlib import Path

from bot.views.common import FormAction, FormCb
from testkit.harness import BotHarness


async def test_a_restart_in_the_middle_of_kickoff_continues_at_the_same_question(
    db_path: Path,
) -> None:
    first = await BotHarness.start(db_path)
    user = first.user()
    await user.onboard()
    await user.send("/kickoff")
    await user.send("Acme")
    await user.send("Spring banners")
    goal_question = user.last_message
    await first.stop()

    second = await BotHarness.start(db_path)
    try:
        second.session.adopt(first.session)
        same = second.user()
        replies = await same.press(same.label("goal-leads"), goal_question)
        assert same.label("kickoff-metric-ask") in replies[-1]
        replies = await same.send("CTR")  # typed text answers the question asked before
        assert same.label("kickoff-baseline-ask") in replies[-1]
    finally:
        await second.stop()


async def test_back_follows_the_answers_given(harness: BotHarness) -> None:
    """With no number to follow, the end day's Back leads to the number question, not to
    its baseline or target, which were never asked."""
    user = harness.user()
    await user.onboard()
    await user.send("/kickoff")
    await user.send("Acme")
    await user.send("Spring banners")
    await user.press(user.label("goal-leads"))
    replies = await user.press(user.label("button-skip"))  # no number yet
    assert user.label("kickoff-end-ask") in replies[-1]

    replies = await user.press(user.label("button-back"))
    assert user.label("kickoff-metric-ask") in replies[-1]
    await user.send("CTR")
    replies = await user.send("1,2%")
    assert user.label("kickoff-target-ask") in replies[-1]
    replies = await user.press(user.label("button-back"))
    assert user.label("kickoff-baseline-ask") in replies[-1]


async def test_a_question_without_skip_cannot_be_skipped(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/done")
    replies = await user.send("Acme")  # a new client: now the project's title is asked
    assert user.label("done-title-ask") in replies[-1]
    title_question = user.last_message

    await user.press_data(FormCb(action=FormAction.SKIP).pack(), title_question)

    assert user.alerts()[-1] == user.label("stale-button")
    replies = await user.send("Menu redesign")  # the title question still waits
    assert user.label("done-goal-ask") in replies[-1]


async def test_an_old_skip_while_adding_a_client_changes_nothing(harness: BotHarness) -> None:
    """Skip on the contact question, pressed after the contact was typed, would have
    dropped the notes asked now: it is an old button."""
    user = harness.user()
    await user.onboard()
    await user.send("/clients")
    await user.press(user.label("button-add-client"))
    await user.send("Acme")
    contact_question, skip = user.button_data(user.label("button-skip"))
    await user.send("@acme")  # now the notes are asked

    await user.press_data(skip, contact_question)

    assert user.alerts()[-1] == user.label("stale-button")
    replies = await user.send("Sells coffee")
    assert "Acme" in replies[-1] and "Sells coffee" in replies[-1]
