"""One "user blocked the bot" action, whichever path notices it: while blocked nothing is
sent and nothing is counted as sent; check-ins and tips are held, and go on when the
person comes back."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import SendMessage

from storage.checkins import Checkin
from storage.users import User
from testkit.harness import BotHarness, UserDriver

DUE = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # 10:00 in Berlin, two weeks later


async def client_with_checkin(user: UserDriver, choice: str = "In 2 weeks") -> None:
    """An onboarded user with client Acme and a check-in planned from the client's card."""
    await user.onboard()
    await user.send("/clients")
    await user.press(user.label("button-add-client"))
    await user.send("Acme")
    await user.press(user.label("button-skip"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("button-plan-checkin"))
    await user.press(choice)


def reminders(user: UserDriver) -> list[str]:
    """Check-in reminders that reached this person (Telegram accepted them)."""
    return [
        m.text or "" for m in user.messages() if (m.text or "").startswith("🔔 Time to check in")
    ]


async def stored(harness: BotHarness, user: UserDriver) -> User:
    found = await harness.services.accounts.get(user.user_id)
    assert found is not None
    return found


async def next_checkin(harness: BotHarness, user: UserDriver) -> Checkin | None:
    """The pending check-in with the user's only client."""
    owner = await stored(harness, user)
    [client] = await harness.services.clients.recent(owner, 1)
    return await harness.services.checkins.next_for_client(owner, client.id)


async def blocked_when_due(harness: BotHarness) -> UserDriver:
    """A user with a check-in who blocked the bot before it fell due; the due-work run
    at the due time has sent them nothing."""
    user = harness.user()
    await client_with_checkin(user)
    await user.block_bot()
    harness.clock.set(DUE)
    await harness.due_work.run_due()
    assert reminders(user) == []
    return user


async def test_block_seen_through_my_chat_member_holds_the_checkin(harness: BotHarness) -> None:
    user = await blocked_when_due(harness)
    overview = await harness.services.admin.overview()
    assert (overview.blocked, overview.checkins_sent) == (1, 0)  # nothing counted as sent
    held = await next_checkin(harness, user)
    assert held is not None and held.status == "pending"  # held, not lost

    harness.clock.set(datetime(2026, 12, 14, 9, 0, tzinfo=UTC))  # four days later
    await user.unblock_bot()
    await harness.due_work.run_due()
    await harness.due_work.run_due()  # a second sweep must not send it again
    [reminder] = reminders(user)
    assert "A little late" in reminder
    assert (await harness.services.admin.overview()).checkins_sent == 1


async def test_writing_again_unblocks_without_my_chat_member(harness: BotHarness) -> None:
    user = await blocked_when_due(harness)
    await user.send("/menu")  # back in the chat: reachable again
    assert not (await stored(harness, user)).is_blocked
    await harness.due_work.run_due()
    assert len(reminders(user)) == 1


async def test_403_in_due_work_holds_instead_of_failing(harness: BotHarness) -> None:
    blocked, other = harness.user(1001), harness.user(3003)
    await client_with_checkin(blocked)
    await client_with_checkin(other)
    harness.clock.set(DUE)
    harness.session.blocked_chats.add(1001)  # Telegram answers 403; no update tells us
    await harness.due_work.run_due()
    harness.session.blocked_chats.clear()
    assert (await stored(harness, blocked)).is_blocked
    assert len(reminders(other)) == 1  # the other person is not affected
    assert reminders(blocked) == []
    held = await next_checkin(harness, blocked)
    assert held is not None and held.status == "pending" and held.sent_at is None
    await harness.due_work.run_due()  # still blocked: not due, not retried
    assert reminders(blocked) == []

    await blocked.unblock_bot()
    await harness.due_work.run_due()
    assert len(reminders(blocked)) == 1


async def test_403_while_answering_holds_the_same_way(harness: BotHarness) -> None:
    user = harness.user()
    await client_with_checkin(user)
    harness.session.fail_next(
        SendMessage,
        TelegramForbiddenError(
            SendMessage(chat_id=user.user_id, text="-"), "Forbidden: bot was blocked by the user"
        ),
    )
    await user.send("/help")
    assert (await stored(harness, user)).is_blocked
    harness.clock.set(DUE)
    await harness.due_work.run_due()
    assert reminders(user) == []
    assert (await next_checkin(harness, user)).status == "pending"  # type: ignore[union-attr]


async def test_recurring_checkin_continues_from_its_next_date(harness: BotHarness) -> None:
    user = harness.user()
    await client_with_checkin(user, choice="Every month")
    first = await next_checkin(harness, user)
    assert first is not None and first.recurring
    await user.block_bot()
    # Blocked across the due date (26 December) and for ten days after it.
    harness.clock.set(datetime(2027, 1, 5, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    assert reminders(user) == []
    await user.unblock_bot()
    await harness.due_work.run_due()
    assert reminders(user) == []  # the missed one is not sent late
    moved = await next_checkin(harness, user)
    assert moved is not None and moved.due_at > harness.clock.now()
    assert moved.local_due.time() == first.local_due.time()  # the same hour, a later date
    assert moved.local_due.day == first.local_due.day  # the cadence keeps its rhythm


async def test_tip_subscription_resumes_as_it_was(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    await user.press("Europe/Berlin")
    await user.press(user.label("button-tips-yes"))
    await user.block_bot()
    harness.clock.set(datetime(2026, 12, 7, 8, 0, tzinfo=UTC))  # a Monday, 09:00 in Berlin
    await harness.due_work.run_due()
    tips = [m for m in user.messages() if (m.text or "").startswith("💡")]
    assert tips == []
    assert (await stored(harness, user)).tips_enabled  # still subscribed
    await user.unblock_bot()
    await harness.due_work.run_due()
    assert [m for m in user.messages() if (m.text or "").startswith("💡")] == []  # no burst
    harness.clock.set(datetime(2026, 12, 10, 8, 0, tzinfo=UTC))  # Thursday 09:00: next slot
    await harness.due_work.run_due()
    assert len([m for m in user.messages() if (m.text or "").startswith("💡")]) == 1
