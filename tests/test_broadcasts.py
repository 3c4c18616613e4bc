"""Admin broadcasts: admins only, preview and confirm, paced concurrent sends, 403 / 429 /
400, resume after a crash, cancel, one at a time, and users chatting meanwhile."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import CopyMessage, EditMessageText, SetMyCommands
from aiogram.types import BotCommandScopeChat

from bot.config import ConfigError, load_settings
from bot.delivery.broadcaster import Broadcaster
from bot.delivery.pacer import Pacer
from bot.views.broadcast import AudienceCb
from storage.broadcasts import Audience, BroadcastRepository, RecipientStatus
from storage.users import User
from testkit.harness import TEST_TOKEN, BotHarness, UserDriver

ADMIN = 9001


@pytest.fixture
async def admin_harness(db_path: Path) -> AsyncIterator[BotHarness]:
    started = await BotHarness.start(db_path, admin_ids=frozenset({ADMIN}))
    yield started
    await started.stop()


async def people(harness: BotHarness, count: int, start: int = 1001) -> list[UserDriver]:
    users = []
    for n in range(count):
        user = harness.user(start + n, language_code="ru" if n % 2 else "en")
        await user.onboard()
        users.append(user)
    return users


def copies(harness: BotHarness) -> list[CopyMessage]:
    return [m for m in harness.session.requests if isinstance(m, CopyMessage)]


def intercept(harness: BotHarness, handler: Any) -> None:
    """Answer some requests differently: handler(method) returns an exception to raise,
    or None to let the recording session answer."""
    original = harness.session.make_request

    async def make_request(bot, method, timeout=None):  # type: ignore[no-untyped-def]
        error = await handler(method)
        if error is not None:
            harness.session.requests.append(method)
            raise error
        return await original(bot, method, timeout)

    harness.session.make_request = make_request  # type: ignore[method-assign]


async def test_non_admin_sees_nothing_of_it(admin_harness: BotHarness) -> None:
    [user] = await people(admin_harness, 1)
    unknown = await user.send("what is this")
    assert await user.send("/broadcast") == unknown
    assert await user.send("/broadcasts") == unknown
    assert copies(admin_harness) == []


async def test_admin_broadcast_from_message_to_summary(admin_harness: BotHarness) -> None:
    users = await people(admin_harness, 3)
    admin = admin_harness.user(ADMIN)
    await admin.onboard()
    [text] = await admin.send("/broadcast")
    assert text.startswith("Send me the message to broadcast")
    assert "Settings" in (await admin.send("/settings"))[0]  # a command is not the message
    await admin.send("/broadcast")
    announcement_replies = await admin.send("New: check-ins with past clients! /checkins")
    assert announcement_replies == ["Who should receive it?"]
    assert admin.buttons()[:4] == [
        "All users (4)",
        "Tip subscribers (0)",
        "English speakers (3)",
        "Russian speakers (1)",
    ]
    replies = await admin.press("English speakers (3)")
    assert "It goes to 3 people" in replies[-1]
    [preview] = copies(admin_harness)
    assert int(preview.chat_id) == ADMIN  # the preview is the message itself
    question = admin.last_message
    replies = await admin.press("📣 Send")
    assert "Broadcast #1 to 3 people is starting" in replies[-1]
    now = admin_harness.session.messages[(ADMIN, question.message_id)]
    assert admin.buttons(now) == []  # answered: no Send to press a second time
    await admin_harness.broadcaster.wait()
    sent_to = sorted(int(m.chat_id) for m in copies(admin_harness)[1:])
    english = sorted(u.user_id for u in users if u.language_code == "en")
    assert sent_to == sorted([*english, ADMIN])
    assert all(m.from_chat_id == ADMIN for m in copies(admin_harness))
    summary = admin.last_message.text or ""
    assert "Broadcast #1 finished: sent 3, blocked 0, failed 0 of 3" in summary
    [text] = await admin.send("/broadcasts")
    assert "#1 · 26 Nov 2026 · English speakers (3) · done: sent 3" in text


def repo(harness: BotHarness) -> BroadcastRepository:
    return harness.services.repos.broadcasts


async def start_broadcast(
    harness: BotHarness, audience: Audience = Audience.ALL, message_id: int = 777
) -> int:
    """A broadcast queued by the admin, as /broadcast leaves it."""
    created = await harness.services.admin.create_broadcast(ADMIN, ADMIN, message_id, audience)
    assert created is not None
    return created.broadcast.id


async def stored(harness: BotHarness, user: UserDriver) -> User:
    found = await harness.services.accounts.get(user.user_id)
    assert found is not None
    return found


def runner(
    harness: BotHarness, rate: float = 1000, waits: list[float] | None = None, **kwargs: Any
) -> Broadcaster:
    """A broadcaster on the harness's clock; every wait it makes goes into `waits`."""

    async def fake_sleep(seconds: float) -> None:
        if waits is not None:
            waits.append(seconds)
        harness.clock.advance(seconds=seconds)

    services = harness.services
    return Broadcaster(
        services.repos.broadcasts,
        services.accounts,
        harness.bot,
        Pacer(rate, harness.clock, sleep=fake_sleep),
        services.i18n,
        harness.clock,
        sleep=fake_sleep,
        **kwargs,
    )


async def test_a_broadcast_to_nobody_offers_no_send(admin_harness: BotHarness) -> None:
    """Nobody subscribes to tips: the audience of 0 is said so, with no Send, and a way
    back to the other audiences; nothing is recorded."""
    await people(admin_harness, 2)
    admin = admin_harness.user(ADMIN)
    await admin.onboard()
    await admin.send("/broadcast")
    await admin.send("Hello")
    replies = await admin.press("Tip subscribers (0)")
    assert replies[-1] == admin.label(
        "broadcast-nobody", audience=admin.label("audience-tips", n=0)
    )
    assert "📣 Send" not in admin.buttons()
    await admin.press(admin.label("button-broadcast-other-audience"))
    assert "All users (3)" in admin.buttons()
    # A Send pressed on an older preview, after the audience emptied, records nothing.
    assert (
        await admin_harness.services.admin.create_broadcast(ADMIN, ADMIN, 1, Audience.TIPS) is None
    )
    assert await admin_harness.db.fetchvalue("SELECT COUNT(*) FROM broadcasts") == 0


async def test_403_429_and_400(admin_harness: BotHarness) -> None:
    blocked, limited, gone, fine = await people(admin_harness, 4)
    await blocked.send("/tips")
    answered_429: list[int] = []

    async def telegram(method: Any) -> Exception | None:
        if not isinstance(method, CopyMessage):
            return None
        chat = int(method.chat_id)
        if chat == blocked.user_id:
            return TelegramForbiddenError(method, "Forbidden: bot was blocked by the user")
        if chat == limited.user_id and not answered_429:
            answered_429.append(chat)
            return TelegramRetryAfter(method, "Too Many Requests", 3)
        if chat == gone.user_id:
            return TelegramBadRequest(method, "Bad Request: chat not found")
        return None

    intercept(admin_harness, telegram)
    await start_broadcast(admin_harness)
    await runner(admin_harness).run_all()
    attempts = [int(m.chat_id) for m in copies(admin_harness)]
    assert attempts.count(limited.user_id) == 2  # retried after the pause
    assert attempts.count(gone.user_id) == 1  # "chat not found" is not retried
    assert attempts.count(blocked.user_id) == 1  # 403 is never retried
    assert attempts.count(fine.user_id) == 1
    # Every copy to `blocked` and `gone` was refused: the two sent are `limited` and `fine`.
    admin = admin_harness.user(ADMIN)
    [text] = await admin.send("/broadcasts")
    assert "done: sent 2, blocked 1, failed 1 of 4" in text
    # Blocked, and nothing more is sent; the tip subscription is held, not lost.
    account = await stored(admin_harness, blocked)
    assert account.is_blocked and account.tips_enabled


async def test_transient_errors_wait_longer_each_time_then_fail(
    admin_harness: BotHarness,
) -> None:
    """Network errors and 5xx are tried again after 30 s, 1, 2 and 4 minutes; after the
    fifth failure the recipient counts as failed. Nobody is marked blocked for it."""
    flaky, broken = await people(admin_harness, 2)
    failures = {flaky.user_id: 2, broken.user_id: 99}

    async def telegram(method: Any) -> Exception | None:
        if not isinstance(method, CopyMessage) or failures[int(method.chat_id)] == 0:
            return None
        failures[int(method.chat_id)] -= 1
        if int(method.chat_id) == flaky.user_id:
            return TelegramNetworkError(method, "Connection reset")
        return TelegramServerError(method, "Bad Gateway")

    intercept(admin_harness, telegram)
    await start_broadcast(admin_harness)
    waits: list[float] = []
    await runner(admin_harness, waits=waits).run_all()
    attempts = [int(m.chat_id) for m in copies(admin_harness)]
    assert attempts.count(flaky.user_id) == 3 and attempts.count(broken.user_id) == 5
    # The pacer and the progress report wait too, for seconds at most.
    assert sorted(w for w in waits if w >= 30) == [30, 30, 60, 60, 120, 240]
    progress = await repo(admin_harness).progress(1)
    assert (progress.sent, progress.failed, progress.blocked) == (1, 1, 0)
    assert not (await stored(admin_harness, broken)).is_blocked


async def test_forged_audience_is_a_stale_button(admin_harness: BotHarness) -> None:
    await people(admin_harness, 1)
    admin = admin_harness.user(ADMIN)
    await admin.onboard()
    await admin.send("/broadcast")
    await admin.send("Hello")
    question = admin.last_message
    assert AudienceCb.unpack("ba1:ru").audience is Audience.RU  # buttons already sent
    await admin.press_data("ba1:everyone", question)
    assert admin.alerts()[-1] == admin.label("stale-button")
    assert copies(admin_harness) == []  # no preview, nothing queued
    assert await admin_harness.services.admin.recent_broadcasts(1) == []


async def test_resume_after_crash_loses_nobody(admin_harness: BotHarness) -> None:
    users = await people(admin_harness, 6)
    broadcast_id = await start_broadcast(admin_harness)
    broadcasts = repo(admin_harness)
    await broadcasts.start(broadcast_id, admin_harness.clock.now())
    # The process was killed: two were sent, one was on its way, three never started.
    for user in users[:2]:
        await broadcasts.mark(broadcast_id, user.user_id, RecipientStatus.SENT)
    await broadcasts.mark(broadcast_id, users[2].user_id, RecipientStatus.SENDING)

    await runner(admin_harness).run_all()  # the next start
    resent = sorted(int(m.chat_id) for m in copies(admin_harness))
    assert resent == sorted(u.user_id for u in users[2:])  # the in-flight one at most twice
    progress = await broadcasts.progress(broadcast_id)
    assert (progress.sent, progress.remaining) == (6, 0)
    assert (await broadcasts.get(broadcast_id)).status == "done"  # type: ignore[union-attr]


async def test_recipients_left_claimed_by_an_instance_that_lost_the_lease_are_sent(
    admin_harness: BotHarness,
) -> None:
    """Another instance stalled past its lease, claimed a batch after this one took over,
    then noticed and stopped without sending it: those people still get the message."""
    users = await people(admin_harness, 30)
    broadcast_id = await start_broadcast(admin_harness)
    stranded: list[int] = []

    async def stalled_instance_claims(method: Any) -> Exception | None:
        if isinstance(method, CopyMessage) and not stranded:
            stranded.append(0)  # once
            batch = await repo(admin_harness).claim(broadcast_id, 5)
            stranded.extend(recipient.user_id for recipient in batch)
        return None

    intercept(admin_harness, stalled_instance_claims)
    await runner(admin_harness, rate=10).run_all()
    assert len(stranded) == 6
    delivered = sorted(int(m.chat_id) for m in copies(admin_harness))
    assert delivered == sorted(u.user_id for u in users)  # each once, the stranded too
    assert (await repo(admin_harness).get(broadcast_id)).status == "done"  # type: ignore[union-attr]


async def test_cancel_mid_broadcast(admin_harness: BotHarness) -> None:
    await people(admin_harness, 25)
    broadcast_id = await start_broadcast(admin_harness)

    cancelled: list[bool] = []

    async def cancel_on_first(method: Any) -> Exception | None:
        # Sends of one batch run concurrently: several may see no copy yet. Cancel once.
        if isinstance(method, CopyMessage) and not cancelled:
            cancelled.append(True)
            assert await admin_harness.services.admin.cancel_broadcast(broadcast_id)
        return None

    intercept(admin_harness, cancel_on_first)
    await runner(admin_harness, rate=10).run_all()  # claimed in batches of 10
    progress = await repo(admin_harness).progress(broadcast_id)
    # What was already claimed may still go out (at most two batches); nothing after.
    assert 1 <= progress.sent <= 20
    assert progress.sent + progress.remaining == 25
    assert (await repo(admin_harness).get(broadcast_id)).status == "cancelled"  # type: ignore[union-attr]


async def test_cancel_button_for_admin(admin_harness: BotHarness) -> None:
    await people(admin_harness, 2)
    admin = admin_harness.user(ADMIN)
    await admin.onboard()
    await admin.send("/broadcast")
    await admin.send("Hello")
    await admin.press("All users (3)")
    await admin.press("📣 Send")
    progress_message, cancel = admin.button_data("✖ Cancel")
    await admin.press_data(cancel, progress_message)  # before the runner starts
    assert "Cancelling" in admin.alerts()[-1]
    await admin_harness.broadcaster.wait()
    assert "cancelled" in (admin.last_message.text or "")
    [text] = await admin.send("/broadcasts")
    assert " · cancelled: " in text
    # The same button again, as an old message keeps it: the broadcast is over.
    await admin.press_data(cancel, progress_message)
    assert admin.alerts()[-1] == admin.label("stale-button")


async def test_one_broadcast_at_a_time(admin_harness: BotHarness) -> None:
    await people(admin_harness, 3)
    first = await start_broadcast(admin_harness, Audience.ALL, message_id=777)
    second = await start_broadcast(admin_harness, Audience.RU, message_id=778)
    await runner(admin_harness).run_all()
    # The whole first broadcast (3 people) goes before the second (1 Russian speaker).
    assert [m.message_id for m in copies(admin_harness)] == [777, 777, 777, 778]
    broadcasts = repo(admin_harness)
    assert (await broadcasts.get(first)).status == (await broadcasts.get(second)).status == "done"  # type: ignore[union-attr]


async def test_chatting_user_is_not_kept_waiting(admin_harness: BotHarness) -> None:
    [user, *_] = await people(admin_harness, 3)
    await start_broadcast(admin_harness)
    release = asyncio.Event()
    stuck = asyncio.Event()

    async def slow_telegram(method: Any) -> Exception | None:
        if isinstance(method, CopyMessage):
            stuck.set()
            await release.wait()  # every broadcast request hangs until released
        return None

    intercept(admin_harness, slow_telegram)
    running = admin_harness.broadcaster.kick()
    await asyncio.wait_for(stuck.wait(), 5)
    replies = await asyncio.wait_for(user.send("/help"), 5)
    assert "/settings" in replies[0]  # answered while the broadcast is in flight
    assert not running.done()
    release.set()
    await asyncio.wait_for(running, 5)


async def test_progress_is_edited_while_sending(admin_harness: BotHarness) -> None:
    await people(admin_harness, 12)
    admin = admin_harness.user(ADMIN)
    await admin.onboard()
    await admin.send("/broadcast")
    await admin.send("Hello")
    await admin.press("All users (13)")
    await admin.press("📣 Send")
    await admin_harness.broadcaster.wait()
    edits = [m.text for m in admin_harness.session.requests if isinstance(m, EditMessageText)]
    assert any("finished: sent 13" in (text or "") for text in edits)


def test_rate_settings(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f"BOT_TOKEN={TEST_TOKEN}\nBROADCAST_RATE=50\n")
    with pytest.raises(ConfigError, match="BROADCAST_PAID=true"):
        load_settings(env)
    env.write_text(f"BOT_TOKEN={TEST_TOKEN}\nBROADCAST_RATE=500\nBROADCAST_PAID=true\n")
    assert load_settings(env).broadcast_rate == 500


async def test_paid_broadcast_flag(admin_harness: BotHarness) -> None:
    await people(admin_harness, 1)
    await start_broadcast(admin_harness)
    await runner(admin_harness, paid=True).run_all()
    sent = copies(admin_harness)
    assert [int(m.chat_id) for m in sent] == [1001]  # the one person got it
    assert all(m.allow_paid_broadcast is True for m in sent)


async def test_stop_lets_sends_finish_and_resumes_later(admin_harness: BotHarness) -> None:
    await people(admin_harness, 30)
    broadcast_id = await start_broadcast(admin_harness)
    release = asyncio.Event()
    first_send = asyncio.Event()

    async def hold(method: Any) -> Exception | None:
        if isinstance(method, CopyMessage):
            first_send.set()
            await release.wait()
        return None

    intercept(admin_harness, hold)
    broadcaster = runner(admin_harness, rate=10)
    broadcaster.kick()
    await asyncio.wait_for(first_send.wait(), 5)
    stopping = asyncio.create_task(broadcaster.stop())  # SIGTERM arrives
    await asyncio.sleep(0.01)
    release.set()  # the sends on their way complete
    await asyncio.wait_for(stopping, 5)
    broadcasts = repo(admin_harness)
    progress = await broadcasts.progress(broadcast_id)
    assert progress.sent >= 1 and progress.sent + progress.remaining == 30
    assert (await broadcasts.get(broadcast_id)).status == "sending"  # type: ignore[union-attr]
    await runner(admin_harness, rate=1000).run_all()  # the next start
    assert (await broadcasts.progress(broadcast_id)).sent == 30


async def test_an_admins_first_start_gives_them_the_broadcast_commands(
    admin_harness: BotHarness,
) -> None:
    """Telegram refuses an admin's menu before they have started the bot, so the bot sets
    it when they do."""
    await admin_harness.user(2002).send("/start")
    await admin_harness.user(ADMIN).send("/start")
    menus = [m for m in admin_harness.session.requests if isinstance(m, SetMyCommands)]
    [menu] = menus
    assert isinstance(menu.scope, BotCommandScopeChat) and menu.scope.chat_id == ADMIN
    assert {"broadcast", "broadcasts", "admin", "start"} <= {c.command for c in menu.commands}


async def test_help_lists_the_admin_commands_for_an_admin_only(admin_harness: BotHarness) -> None:
    admin = admin_harness.user(ADMIN)
    await admin.onboard()
    [text] = await admin.send("/help")
    assert "/broadcast — " in text and "/broadcasts — " in text and "/admin — " in text
    someone = admin_harness.user(2002)
    await someone.onboard()
    [text] = await someone.send("/help")
    assert "/broadcast" not in text and "/admin" not in text
