"""Conversation state lives in SQLite: a restart continues the same step; two quick
messages cannot both answer one step."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiogram.fsm.storage.redis import RedisEventIsolation
from aiogram.methods import SendMessage

from bot.telegram.isolation import ConversationLocks
from storage.users import UserRepository
from testkit.harness import BotHarness


async def test_restart_mid_onboarding_continues_at_same_step(db_path: Path) -> None:
    first = await BotHarness.start(db_path)
    user = first.user(4242)
    await user.send("/start")
    await user.press("Asia/Tbilisi")
    tips_question = user.last_message
    await first.stop()

    # A new process: new Dispatcher, new session, same database file.
    second = await BotHarness.start(db_path)
    try:
        second.session.adopt(first.session)  # the chat history stays
        same_user = second.user(4242)
        replies = await same_user.press("Yes, send tips", tips_question)
        assert "All set" in replies[-1]
        stored = await UserRepository(second.db).get(4242)
        assert stored is not None
        assert (stored.timezone, stored.tips_enabled, stored.is_onboarded) == (
            "Asia/Tbilisi",
            True,
            True,
        )
    finally:
        await second.stop()


async def test_restart_keeps_typed_step_too(db_path: Path) -> None:
    first = await BotHarness.start(db_path)
    await first.user(4243).send("/start")
    await first.stop()

    second = await BotHarness.start(db_path)
    try:
        replies = await second.user(4243).send("Berlin")
        assert "Europe/Berlin" in replies[0]
    finally:
        await second.stop()


async def test_two_quick_messages_answer_one_step_once(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    before = len(harness.session.requests)
    await asyncio.gather(user.send("Berlin"), user.send("Moscow"))
    texts = [m.text for m in harness.session.requests[before:] if isinstance(m, SendMessage)]
    confirmations = [text for text in texts if text.startswith("Time zone:")]
    assert confirmations == ["Time zone: <b>Europe/Berlin</b> (UTC+01:00), it's 13:00 there now."]
    # The second message met the next step (tips), which wants a button.
    assert any("answer with the buttons" in text for text in texts)
    locks = harness.dispatcher.fsm.events_isolation
    if isinstance(locks, ConversationLocks):
        assert locks.held() == 0  # no lock left behind
    else:  # several instances: the lock lives in Redis, and is gone there too
        assert isinstance(locks, RedisEventIsolation)
        assert [key async for key in locks.redis.scan_iter("fsm:*:lock")] == []
