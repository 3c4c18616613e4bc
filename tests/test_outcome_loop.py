"""The whole outcome loop, as one freelancer lives it, with the bot restarted between
every two steps: a kickoff with a baseline, progress notes on the right local days (one
done, one skipped), /done picking the started project, a check-in asking for the number,
"вырос до 2,1%" read as 2.1 against 1.2, the card showing the change, /stats counting one
improved project, and a forged button refused."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram.methods import SendMessage, SendPhoto

from testkit.harness import BotHarness, FakeClock, UserDriver
from tests.support.conversations import BEST_ANSWERS, answer_all, kickoff

Step = Callable[[BotHarness, UserDriver], Awaitable[None]]

# Kickoff on Thursday 26 Nov (Berlin); the work should end in two weeks, on 10 Dec.
START = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
NOTE_DAYS = ("Sun, 29 Nov", "Wed, 2 Dec")


def sent_to(harness: BotHarness, user: UserDriver) -> list[SendMessage]:
    return [
        m
        for m in harness.session.requests
        if isinstance(m, SendMessage) and m.chat_id == user.user_id
    ]


async def step_kickoff(harness: BotHarness, user: UserDriver) -> None:
    await user.onboard()
    summary, draft = await kickoff(user, actions=("trust-progress-button",))
    assert f"a progress note every 3 days, from {NOTE_DAYS[0]}" in summary
    assert "• today it's 1.2%;" in draft


async def step_first_note(harness: BotHarness, user: UserDriver) -> None:
    harness.clock.set(datetime(2026, 11, 29, 8, 59, tzinfo=UTC))  # 09:59 in Berlin
    await harness.due_work.run_due()
    assert sent_to(harness, user) == []
    harness.clock.set(datetime(2026, 11, 29, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    [note] = sent_to(harness, user)
    assert "A progress note for Acme" in note.text
    replies = await user.press(user.label("button-nudge-done"))
    assert (
        f"first progress note is counted. I'll remind you again on {NOTE_DAYS[1]}," in replies[-1]
    )


async def step_second_note_skipped(harness: BotHarness, user: UserDriver) -> None:
    harness.clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    [note] = sent_to(harness, user)
    assert "A progress note for Acme" in note.text
    assert "Trust steps done so far in this project: 1." in note.text
    replies = await user.press(user.label("button-nudge-skipped"))
    assert "Skipped this time." in replies[-1]


async def step_done(harness: BotHarness, user: UserDriver) -> None:
    harness.clock.set(datetime(2026, 12, 10, 12, 0, tzinfo=UTC))
    # The third note (5 Dec) and the fourth (8 Dec) came while the bot was down: the
    # one that is due goes out once, late, and brings no burst behind it.
    await harness.due_work.run_due()
    late = [m for m in sent_to(harness, user) if "A progress note" in m.text]
    assert len(late) == 1 and "A little late" in late[0].text
    await user.send("/done")
    replies = await user.press(
        user.label("button-started-project", project="Spring banners", client="Acme")
    )
    assert 'When did "Spring banners" end?' in replies[-1]
    replies = await user.press(user.label("button-today"))
    assert "Saved: <b>Spring banners</b> for Acme, finished Thu, 10 Dec 2026." in replies[0]
    # Straight into the reflection: the goal, number and baseline were not asked again.
    assert not any(user.label("done-goal-ask") in reply for reply in replies)
    await answer_all(user, BEST_ANSWERS, None)
    await user.press("In 2 weeks")


async def step_reminder_asks_the_number(harness: BotHarness, user: UserDriver) -> None:
    harness.clock.set(datetime(2026, 12, 24, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    [reminder] = sent_to(harness, user)
    assert "Ask what the figure for <b>CTR</b> is now" in reminder.text
    assert "progress note" not in reminder.text  # the project is over: no more notes


async def step_number_comes_back(harness: BotHarness, user: UserDriver) -> None:
    reminder = next(
        m for m in reversed(user.messages()) if "Ask what the figure for CTR" in (m.text or "")
    )
    await user.press("📏 What's the number now?", reminder)
    [saved] = await user.send("вырос до 2,1%")
    assert "CTR: 1,2% → вырос до 2,1% (+75%, 24 Dec 2026)" in saved


async def step_card_and_stats(harness: BotHarness, user: UserDriver) -> None:
    await user.send("/clients")
    [card] = await user.press(next(b for b in user.buttons() if b.startswith("Acme")))
    assert "CTR: 1,2% → вырос до 2,1% (+75%, 24 Dec 2026)" in card
    before = len(user.sent)
    await user.send("/stats")
    [photo] = [m for m in user.sent[before:] if isinstance(m, SendPhoto)]
    assert (
        "📏 In 1 of 1 measured project the client's number got better; "
        "it stayed the same in 0 and got worse in 0." in (photo.caption or "")
    )
    assert "🚀 Begun with a kickoff: 1 project; early trust steps taken: 1." in (
        photo.caption or ""
    )


async def step_forged_button_refused(harness: BotHarness, user: UserDriver) -> None:
    _, metric_data = user.button_data("📏 What's the number now?")
    nudge_message = next(m for m in user.messages() if "A progress note" in (m.text or ""))
    stranger = harness.user(2002)
    await stranger.onboard()
    await stranger.press_data(metric_data, stranger.last_message)
    assert stranger.alerts() == [stranger.label("stale-button")]
    assert not any("figure for <b>CTR</b>" in (m.text or "") for m in stranger.messages())
    # An answered nudge's button, pressed again from the old message, changes nothing.
    owner = await harness.services.accounts.get(user.user_id)
    assert owner is not None
    [project] = (await harness.services.repos.projects.for_client(owner.id, 1, 5)).projects
    kickoff_row = await harness.services.repos.kickoffs.for_project(owner.id, project.id)
    assert kickoff_row is not None
    assert await harness.services.kickoffs.trust_done(owner, kickoff_row) == 1
    assert nudge_message.reply_markup is None


STEPS: list[Step] = [
    step_kickoff,
    step_first_note,
    step_second_note_skipped,
    step_done,
    step_reminder_asks_the_number,
    step_number_comes_back,
    step_card_and_stats,
    step_forged_button_refused,
]


@pytest.fixture
async def restarts(db_path: Path) -> AsyncIterator[Callable[[], Awaitable[BotHarness]]]:
    """A new process (Dispatcher, services, session) on the same database each call,
    the clock and the chat history carried over."""
    clock = FakeClock(START)
    running: list[BotHarness] = []

    async def restart() -> BotHarness:
        if running:
            await running[-1].stop()
        fresh = await BotHarness.start(db_path, clock)
        if running:
            fresh.session.adopt(running[-1].session)
        running.append(fresh)
        return fresh

    yield restart
    await running[-1].stop()


async def test_the_whole_loop_survives_a_restart_between_every_step(
    restarts: Callable[[], Awaitable[BotHarness]],
) -> None:
    for step in STEPS:
        harness = await restarts()
        await step(harness, harness.user())
