"""Check-ins: planning in local time, delivery by the due-work runner, and every way
delivery can go wrong. The clock is moved; nothing sleeps."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiogram.exceptions import (
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage

from bot.clock import SystemClock
from bot.content.drafts import DRAFTS
from bot.delivery.due_work import DueWorkRunner
from bot.delivery.pacer import BudgetUnavailableError, Pacer
from bot.delivery.telegram_policy import MAX_ATTEMPTS, retry_delay
from bot.delivery.wakeup import SchedulerWaker
from bot.rules.checkins import (
    AgeBucket,
    CheckinOutcome,
    Preset,
    When,
    WhenProblem,
    parse_when,
    polite,
)
from bot.services.checkins import CheckinService
from bot.telegram.app import create_delivery
from bot.views.checkins import CheckinAction, CheckinCb, OutcomeCb, SnoozeCb
from storage.checkins import Checkin
from storage.clients import Client
from storage.users import User
from testkit.harness import BotHarness, FakeClock, UserDriver
from testkit.recording_session import parse_html
from tests.support.conversations import (
    BEST_ANSWERS,
    answer_all,
    deliver_reminder,
    exported,
    record_project,
    reflected,
    stored,
    the_checkin,
)


async def reflected_in_russian(user: UserDriver, day: str) -> None:
    """An onboarded Russian speaker with one finished, reflected project for Ромашка."""
    await user.onboard()
    await record_project(user, client="Ромашка", title="Лендинг", day=day)
    answers = ["5", "Да", "Да", "5", "Да", "Да", "5", "Да", "5", "10", "🤝 Продолжать"]
    await answer_all(user, answers, None)


async def owner_and_client(harness: BotHarness, user_id: int = 1001) -> tuple[User, Client]:
    owner = await stored(harness, user_id)
    [client] = await harness.services.clients.recent(owner, 1)
    return owner, client


def planner(harness: BotHarness) -> CheckinService:
    return harness.services.checkins


def reminders_sent(harness: BotHarness) -> list[SendMessage]:
    """Reminders Telegram accepted (a refused request is not a delivered message)."""
    delivered = {(m.chat.id, m.text) for m in harness.session.messages.values()}
    return [
        m
        for m in harness.session.requests
        if isinstance(m, SendMessage)
        and "Time to check in" in m.text
        and (int(m.chat_id), parse_html(m.text)[0]) in delivered  # stored as Telegram does
    ]


async def checkin_now(harness: BotHarness, checkin: Checkin) -> Checkin:
    """The check-in as it is stored now, whatever its status."""
    found = await planner(harness).get(await stored(harness, checkin.user_id), checkin.id)
    assert found is not None
    return found


# ---- planning from the conversation ------------------------------------------


async def test_keep_decision_offers_a_cadence_and_confirms_local_time(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    assert user.last_message.text == (
        "You'd like to keep working with Acme. Shall I remind you to stay in touch?"
    )
    assert user.buttons()[0] == "Every 2 weeks"
    [text] = await user.press("Every month")
    # Last contact was 23 Nov (the finish day): a month later, at 10:00 Berlin time.
    assert "every month, counted from your last contact" in text
    assert "Next: Wed, 23 Dec 2026 at 10:00 (Europe/Berlin)" in text
    checkin = await the_checkin(harness)
    assert checkin.due_at == datetime(2026, 12, 23, 9, 0, tzinfo=UTC)
    assert checkin.recurring
    assert harness.waker.notified[-1] == checkin.due_at


async def test_let_go_offers_no_checkin(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await answer_all(user, [*BEST_ANSWERS[:-1], "👋 Let go"], None)
    assert "so I won't plan a check-in" in (user.last_message.text or "")
    assert user.buttons() == []
    assert (await exported(harness))["checkins"] == []


async def test_preset_from_client_card(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.send("/clients")
    await user.press("Acme · 3 days ago")
    await user.press("🔔 Plan a check-in")
    [text] = await user.press("In 2 weeks")
    assert text == "🔔 Check-in with <b>Acme</b>: Thu, 10 Dec 2026 at 10:00 (Europe/Berlin)."
    await user.send("/clients")
    [card] = await user.press("Acme · 3 days ago")
    assert "Next check-in: Thu, 10 Dec 2026 at 10:00 (Europe/Berlin)" in card


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("через 10 дней", "Sun, 6 Dec 2026 at 10:00"),
        ("next friday 10:00", "Fri, 27 Nov 2026 at 10:00"),
        ("15.01 9:30", "Fri, 15 Jan 2027 at 09:30"),
        ("in 2 minutes", "Thu, 26 Nov 2026 at 13:02"),
        ("tomorrow 23:30", "Fri, 27 Nov 2026 at 23:30"),  # chosen: quiet hours do not apply
        ("завтра в 9 вечера", "Fri, 27 Nov 2026 at 21:00"),
        ("tomorrow evening", "Fri, 27 Nov 2026 at 19:00"),
        ("в конце месяца", "Mon, 30 Nov 2026 at 10:00"),
    ],
)
async def test_typed_times(harness: BotHarness, typed: str, expected: str) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("🗓 Pick a day and time")
    [text] = await user.send(typed)
    assert f"Check-in with <b>Acme</b>: {expected} (Europe/Berlin)." in text


async def test_an_hour_named_in_another_zone_is_converted_and_shown_both_ways(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("🗓 Pick a day and time")
    [text] = await user.send("в 16:00 по Москве")  # 13:00 in Berlin is 15:00 in Moscow
    assert "Check-in with <b>Acme</b>: Thu, 26 Nov 2026 at 14:00 (Europe/Berlin)." in text
    assert text.endswith("16:00 (Europe/Moscow) = 14:00 your time.")
    moved = await the_checkin(harness)
    assert (moved.local_due, moved.time_chosen) == (datetime(2026, 11, 26, 14, 0), True)


async def test_a_weekday_that_disagrees_with_its_date_is_asked_about(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("🗓 Pick a day and time")
    [text] = await user.send("Sunday, 10 Feb")  # 10 February 2027 is a Wednesday
    assert "did you mean Wed, 10 Feb 2027 or Sun, 7 Feb 2027?" in text
    [text] = await user.send("wednesday, 10 feb")
    assert "Check-in with <b>Acme</b>: Wed, 10 Feb 2027 at 10:00 (Europe/Berlin)." in text


async def test_every_confirmation_shows_the_weekday_and_a_way_to_change_it(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    [text] = await user.press("In 2 weeks")
    assert "Thu, 10 Dec 2026 at 10:00" in text
    assert user.buttons() == ["🗓 Change day or time"]
    [ask] = await user.press("🗓 Change day or time")
    assert ask.startswith("Now: Thu, 10 Dec 2026 at 10:00 (Europe/Berlin).")
    [text] = await user.send("в пятницу в 9")
    assert text == "🔔 Check-in with <b>Acme</b>: Fri, 27 Nov 2026 at 09:00 (Europe/Berlin)."
    assert user.buttons() == ["🗓 Change day or time"]
    moved = await the_checkin(harness)  # the same check-in, moved: no second one
    assert (moved.local_due, moved.time_chosen) == (datetime(2026, 11, 27, 9, 0), True)
    # A snooze from the reminder is confirmed the same way.
    harness.clock.set(moved.due_at)
    await harness.due_work.run_due()
    await user.press("😴 Snooze")
    [text] = await user.press("1 day")
    assert text == "Snoozed until Sat, 28 Nov 2026 at 09:00 (Europe/Berlin)."
    assert user.buttons() == ["🗓 Change day or time"]


async def test_cadence_confirmation_in_russian_shows_the_weekday(harness: BotHarness) -> None:
    user = harness.user(7007, first_name="Оля", language_code="ru")
    await reflected_in_russian(user, day="в прошлую пятницу")
    [text] = await user.press("Каждый месяц")  # from the finish day, Fri 20 Nov
    assert "Ближайшее: вс, 20 дек. 2026 в 10:00 (Europe/Berlin)." in text
    assert user.buttons() == ["🗓 Изменить день или время"]
    await user.press("🗓 Изменить день или время")
    [text] = await user.send("в конце декабря")
    assert "чт, 31 дек. 2026 в 10:00" in text
    assert (await the_checkin(harness, 7007)).base_day == date(2026, 12, 20)  # the cadence


async def test_nonsense_and_past_times_reprompt(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("🗓 Pick a day and time")
    [text] = await user.send("when pigs fly")
    assert 'couldn\'t read "when pigs fly" as a time' in text
    [text] = await user.send("yesterday")
    assert "already passed" in text
    [text] = await user.send_sticker()
    assert "I need text here" in text
    assert (await exported(harness))["checkins"] == []
    [text] = await user.send("через неделю")
    assert "Thu, 3 Dec 2026 at 10:00" in text


def test_parse_when_rules() -> None:
    now = datetime(2026, 11, 26, 15, 0)
    assert parse_when("in 5 years", now, 10) is WhenProblem.TOO_FAR
    assert parse_when("31.02", now, 10) is WhenProblem.UNREADABLE
    assert parse_when("15.01", now, 9) == When(datetime(2027, 1, 15, 9, 0), False)


def test_quiet_hours_move_unchosen_times() -> None:
    assert polite(datetime(2026, 11, 26, 23, 15), 10) == datetime(2026, 11, 27, 10, 0)
    assert polite(datetime(2026, 11, 27, 6, 0), 9) == datetime(2026, 11, 27, 9, 0)
    assert polite(datetime(2026, 11, 27, 12, 0), 9) == datetime(2026, 11, 27, 12, 0)


async def test_checkin_hour_setting_moves_pending_checkins(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In a month")
    await user.send("/settings")
    await user.press("⏰ Check-in hour")
    assert "22:00" not in user.buttons() and "7:00" not in user.buttons()
    [text] = await user.press("9:00")
    assert "Check-ins at: 9:00" in text
    checkin = await the_checkin(harness)
    assert checkin.local_due == datetime(2026, 12, 26, 9, 0)
    assert checkin.due_at == datetime(2026, 12, 26, 8, 0, tzinfo=UTC)


# ---- local time: daylight saving and zone changes --------------------------------


@pytest.mark.parametrize(
    ("zone", "today", "preset", "due_utc"),
    [
        # Berlin springs forward on 28 Mar 2027: 10:00 is 09:00 UTC before, 08:00 after.
        (
            "Europe/Berlin",
            datetime(2027, 3, 10, 12, tzinfo=UTC),
            Preset.ONE_MONTH,
            datetime(2027, 4, 10, 8, 0, tzinfo=UTC),
        ),
        # ... and falls back on 31 Oct 2027.
        (
            "Europe/Berlin",
            datetime(2027, 10, 20, 12, tzinfo=UTC),
            Preset.TWO_WEEKS,
            datetime(2027, 11, 3, 9, 0, tzinfo=UTC),
        ),
        # New York: 14 Mar 2027 (EST -5 -> EDT -4) and 7 Nov 2027 (back to -5).
        (
            "America/New_York",
            datetime(2027, 3, 1, 17, tzinfo=UTC),
            Preset.TWO_WEEKS,
            datetime(2027, 3, 15, 14, 0, tzinfo=UTC),
        ),
        (
            "America/New_York",
            datetime(2027, 10, 30, 17, tzinfo=UTC),
            Preset.TWO_WEEKS,
            datetime(2027, 11, 13, 15, 0, tzinfo=UTC),
        ),
    ],
)
async def test_ten_oclock_stays_ten_oclock_across_dst(
    harness: BotHarness, zone: str, today: datetime, preset: Preset, due_utc: datetime
) -> None:
    user = harness.user()
    await reflected(harness, user, zone=zone)
    harness.clock.set(today)
    owner, client = await owner_and_client(harness)
    checkin = await planner(harness).plan_preset(owner, client, preset)
    assert checkin.due_at == due_utc
    assert checkin.due_at.astimezone(ZoneInfo(zone)).hour == 10
    harness.clock.set(due_utc - timedelta(minutes=1))
    await harness.due_work.run_due()
    assert reminders_sent(harness) == []
    harness.clock.set(due_utc)
    await harness.due_work.run_due()
    assert len(reminders_sent(harness)) == 1


async def test_zone_change_moves_pending_checkins_with_it(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In 2 weeks")  # 10 Dec 10:00 Berlin = 09:00 UTC
    await user.send("/settings")
    await user.press("🕒 Time zone")
    await user.send("Tokyo")
    checkin = await the_checkin(harness)
    assert checkin.local_due == datetime(2026, 12, 10, 10, 0)
    assert checkin.due_at == datetime(2026, 12, 10, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
    assert harness.waker.notified[-1] == checkin.due_at


# ---- the reminder ------------------------------------------------------------------


async def test_reminder_text_and_buttons(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In 2 weeks")
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    [reminder] = reminders_sent(harness)
    assert reminder.text.startswith("🔔 <b>Time to check in with Acme</b>")
    assert "Project: Spring landing, finished 23 Nov 2026 (2 weeks ago)." in reminder.text
    assert (
        "Their goal: 💰 More sales or profit. Measured by: orders per week, before the "
        "project: 30 orders." in reminder.text
    )
    assert "<blockquote>" in reminder.text and "orders per week" in reminder.text
    assert "anything else" not in reminder.text.lower()
    assert "A little late" not in reminder.text
    assert user.buttons() == [
        "✅ Done",
        "😴 Snooze",
        "🗓 Reschedule",
        "⏭ Skip",
        "🔕 Stop for this client",
        "📏 What's the number now?",
        "🗣 Ask for the client's view",
    ]
    assert "Ask what the figure for <b>orders per week</b> is now" in reminder.text
    assert (await the_checkin(harness)).status == "sent"


async def test_reminder_in_russian(harness: BotHarness) -> None:
    user = harness.user(7007, first_name="Оля", language_code="ru")
    await reflected_in_russian(user, day="вчера")
    await user.press("Через 2 недели")
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    text = user.last_message.html_text
    assert text.startswith("🔔 <b>Пора написать клиенту Ромашка</b>")
    assert "Проект: Лендинг, закончен 25 нояб. 2026" in text
    assert "Сообщение, которое можно отправить:" in text
    assert "«заказы в неделю»" not in text and "orders per week" in text  # their own words
    assert user.label("button-checkin-done") in user.buttons()


async def test_drafts_differ_by_how_long_ago_the_project_ended(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    owner, client = await owner_and_client(harness)
    t = harness.services.i18n.get("en")
    values = {"project": "Spring landing", "metric": "orders per week"}
    # Each says the time that has really passed since the project ended (23 Nov).
    for days, bucket, ago in (
        (14, AgeBucket.WEEKS, "2 weeks"),
        (40, AgeBucket.MONTH, "5 weeks"),
        (120, AgeBucket.MONTHS, "4 months"),
    ):
        due = datetime(2026, 11, 23, 14) + timedelta(days=days)
        harness.clock.set(due.replace(tzinfo=UTC) - timedelta(hours=2))
        await planner(harness).plan_at(owner, client, When(due, True))
        harness.clock.set(due.replace(tzinfo=ZoneInfo("Europe/Berlin")))
        await harness.due_work.run_due()
        draft = reminders_sent(harness)[-1].text.split("<blockquote>")[1].split("</blockquote>")[0]
        greeting, body = draft.split("\n", 1)
        assert greeting in ("Hi Acme,", "Hello Acme,")
        # A contact was recorded with the project: never "it's been a while" soon after it.
        options = {
            t(d.key, ago=ago, **values)
            for d in DRAFTS[bucket]
            if not (days < 45 and "3m-1" in d.key)
        }
        assert body in options, (bucket, draft)


# ---- acting on a reminder ----------------------------------------------------------


async def test_done_with_new_order_offers_a_repeat_project(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await deliver_reminder(harness, user)
    [text] = await user.press("✅ Done")
    assert text == "How did it go?"
    await user.press("🎉 New order")
    [text] = await user.send("They want a second landing for autumn")
    assert "Last contact with Acme is today" in text
    assert "A repeat client" in text
    replies = await user.press("✅ Record the new project")
    assert "What was the project?" in replies[-1]
    tables = await exported(harness)
    assert [(c["status"], c["outcome"], c["note"]) for c in tables["checkins"]] == [
        ("done", "new_order", "They want a second landing for autumn")
    ]
    assert [(c["happened_on"], c["source"]) for c in tables["contacts"]] == [
        ("2026-11-23", "project"),
        ("2026-12-10", "checkin"),
    ]
    _, client = await owner_and_client(harness)
    assert client.last_contact_at is not None
    assert client.last_contact_at.date() == date(2026, 12, 10)


async def test_snooze_of_recurring_checkin_keeps_cadence(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await deliver_reminder(harness, user, preset="Every month")  # due 23 Dec 10:00
    await user.press("😴 Snooze")
    [text] = await user.press("3 days")
    assert "Snoozed until Sat, 26 Dec 2026 at 10:00" in text
    checkin = await the_checkin(harness)
    assert checkin.base_day == date(2026, 12, 23)
    harness.clock.set(checkin.due_at)
    await harness.due_work.run_due()
    await user.press("⏭ Skip")
    nxt = await the_checkin(harness)
    # The next one counts from the planned day (23 Dec), not from the snoozed one.
    assert nxt.local_due == datetime(2027, 1, 23, 10, 0)


async def test_reschedule_stop_and_checkins_list(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In a month")
    [text] = await user.send("/checkins")
    assert "Next 30 days:" in text and "Sat, 26 Dec 2026 at 10:00 (Europe/Berlin) · Acme" in text
    await user.press("Sat, 26 Dec 2026 at 10:00 (Europe/Berlin) · Acme")
    await user.press("🗓 Reschedule")
    [text] = await user.send("15.12 11:00")
    assert "🔔 Check-in with <b>Acme</b>: Tue, 15 Dec 2026 at 11:00" in text
    harness.clock.set(datetime(2026, 12, 15, 10, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    [text] = await user.send("/checkins")
    assert "Waiting for you:" in text
    await user.press("Tue, 15 Dec 2026 at 11:00 (Europe/Berlin) · Acme")
    [text] = await user.press("🔕 Stop for this client")
    assert "No more check-ins for Acme" in text
    [text] = await user.send("/checkins")
    assert text.startswith("No check-ins planned")


async def test_contacted_from_card_restarts_cadence(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("Every 2 weeks")  # from 23 Nov: 7 Dec
    harness.clock.set(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    await user.send("/clients")
    await user.press("Acme · 8 days ago")
    await user.press("📞 I contacted them")
    [text] = await user.send("yesterday")
    assert "last contact with Acme was Mon, 30 Nov 2026" in text
    assert (await the_checkin(harness)).local_due == datetime(2026, 12, 14, 10, 0)


async def test_forged_checkin_button_is_refused(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    owner = harness.user(1001)
    await reflected(harness, owner)
    await owner.press("In 2 weeks")
    checkin = await the_checkin(harness)
    intruder = harness.user(2002)
    await intruder.onboard()
    with caplog.at_level(logging.WARNING):
        for action in (CheckinAction.OPEN, CheckinAction.STOP, CheckinAction.DONE):
            replies = await intruder.press_data(
                CheckinCb(id=checkin.id, action=action).pack(), intruder.last_message
            )
            assert all("Acme" not in text for text in replies)
    assert "User 2002 pressed a button for check-in" in caplog.text
    assert (await the_checkin(harness)).status == "pending"


async def test_buttons_of_a_closed_checkin_change_nothing(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await deliver_reminder(harness, user)
    checkin = await the_checkin(harness)
    reminder, done = user.button_data("✅ Done")
    [text] = await user.press("⏭ Skip")
    assert text == "Skipped this one."
    old_buttons = [
        done,
        CheckinCb(id=checkin.id, action=CheckinAction.SKIP).pack(),
        CheckinCb(id=checkin.id, action=CheckinAction.STOP).pack(),
        SnoozeCb(id=checkin.id, days=3).pack(),
        OutcomeCb(id=checkin.id, outcome=CheckinOutcome.NEW_ORDER).pack(),
    ]
    for data in old_buttons:
        # No "done", no "snoozed": the old-button pop-up, at most the menu as a way on.
        replies = await user.press_data(data, reminder)
        assert all(reply == user.label("menu-title") for reply in replies)
    assert user.alerts() == [user.label("stale-button")] * len(old_buttons)
    closed = await checkin_now(harness, checkin)
    assert (closed.status, closed.outcome) == ("skipped", None)
    contacts = (await exported(harness))["contacts"]
    assert [c["source"] for c in contacts] == ["project"]  # no contact logged by "Done"


async def test_values_no_button_offers_are_answered_as_stale(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await deliver_reminder(harness, user)
    checkin = await the_checkin(harness)
    _, client = await owner_and_client(harness)
    reminder_id = user.last_message.message_id
    for data in (
        SnoozeCb(id=checkin.id, days=2).pack(),  # 1, 3 and 7 days are offered
        f"kv1:{checkin.id}:great",
        f"kp1:{client.id}:5y",
    ):
        # Pressed on the reminder as it looks now (the first press took its buttons off).
        reminder = next(m for m in user.messages() if m.message_id == reminder_id)
        replies = await user.press_data(data, reminder)
        assert all("Snoozed" not in text and "Check-in with" not in text for text in replies)
    assert user.alerts() == [user.label("stale-button")] * 3
    unchanged = await checkin_now(harness, checkin)
    assert (unchanged.status, unchanged.due_at) == ("sent", checkin.due_at)


# ---- delivery faults ---------------------------------------------------------------


async def test_catch_up_after_downtime_is_marked_late(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In 2 weeks")
    planned = await the_checkin(harness)
    # The bot was down from before 10 Dec 10:00 until 23:40 that night.
    harness.clock.set(datetime(2026, 12, 10, 22, 40, tzinfo=UTC))
    await harness.due_work.run_due()
    [reminder] = reminders_sent(harness)
    assert "A little late: I was offline" in reminder.text
    assert reminder.disable_notification is True  # 23:40 in Berlin: no sound at night
    sent = await checkin_now(harness, planned)
    assert (sent.status, sent.late) == ("sent", True)


async def test_two_racing_sweeps_send_one_message(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In 2 weeks")
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    await asyncio.gather(harness.due_work.run_due(), harness.due_work.run_due())
    assert len(reminders_sent(harness)) == 1


async def test_crash_between_claim_and_send_is_retried_once(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In 2 weeks")
    checkin = await the_checkin(harness)
    now = checkin.due_at
    harness.clock.set(now)
    claims = harness.services.repos.checkins  # the claim due work makes before sending
    assert await claims.claim(checkin.id, now, now - timedelta(minutes=2))  # then the crash
    await harness.due_work.run_due()
    assert reminders_sent(harness) == []  # the claim is fresh: nobody else sends it
    harness.clock.advance(minutes=3)
    await harness.due_work.run_due()
    await harness.due_work.run_due()
    assert len(reminders_sent(harness)) == 1


async def test_blocked_user_is_held_and_the_others_get_theirs(harness: BotHarness) -> None:
    blocked = harness.user(1001)
    await reflected(harness, blocked)
    await blocked.press("In 2 weeks")
    other = harness.user(3003)
    await reflected(harness, other)
    await other.press("In 2 weeks")
    held = await the_checkin(harness, 1001)
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))

    harness.session.blocked_chats.add(1001)  # Telegram answers 403; no update tells us
    await harness.due_work.run_due()
    harness.session.blocked_chats.clear()
    assert [int(m.chat_id) for m in reminders_sent(harness)] == [3003]
    assert (await stored(harness, 1001)).is_blocked
    assert (await the_checkin(harness, 3003)).status == "sent"
    # Held, not lost: still pending, and never counted as sent.
    waiting = await checkin_now(harness, held)
    assert (waiting.status, waiting.sent_at) == ("pending", None)
    assert (await harness.services.admin.overview()).checkins_sent == 1
    await harness.due_work.run_due()  # still blocked: not due, not tried again
    assert [int(m.chat_id) for m in reminders_sent(harness)] == [3003]

    harness.clock.advance(days=1)
    await blocked.unblock_bot()
    await harness.due_work.run_due()
    await harness.due_work.run_due()  # a second sweep sends nothing twice
    assert [int(m.chat_id) for m in reminders_sent(harness)] == [3003, 1001]
    assert "A little late" in reminders_sent(harness)[-1].text
    assert (await checkin_now(harness, held)).status == "sent"


async def test_429_pauses_and_retries(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In 2 weeks")
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        harness.clock.advance(seconds=seconds)

    dispatcher = _dispatcher_with_sleep(harness, fake_sleep)
    harness.session.fail_next(
        SendMessage, TelegramRetryAfter(SendMessage(chat_id=1, text="-"), "Too Many Requests", 7)
    )
    await dispatcher.run_due()
    assert slept == [7.0]
    attempts = [m for m in harness.session.requests if isinstance(m, SendMessage)]
    assert attempts[-1].text == attempts[-2].text  # refused once, then sent after the pause
    delivered = [
        m for m in harness.session.messages.values() if "Time to check in" in (m.text or "")
    ]
    assert len(delivered) == 1
    assert (await the_checkin(harness)).status == "sent"


async def test_server_errors_retry_with_backoff_then_fail(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press("In 2 weeks")
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    for _ in range(MAX_ATTEMPTS):
        harness.session.fail_next(
            SendMessage, TelegramServerError(SendMessage(chat_id=1, text="-"), "Bad Gateway")
        )
    checkin = await the_checkin(harness)
    delays = []
    with caplog.at_level(logging.WARNING):
        for _ in range(MAX_ATTEMPTS):
            before = harness.clock.now()
            await harness.due_work.run_due()
            checkin = await checkin_now(harness, checkin)
            if checkin.status == "failed":
                break
            delays.append(checkin.due_at - before)
            harness.clock.set(checkin.due_at)
    expected = [retry_delay(n) for n in range(1, MAX_ATTEMPTS)]
    assert delays == expected == [timedelta(seconds=n) for n in (30, 60, 120, 240)]
    assert checkin.status == "failed"
    assert f"failed after {MAX_ATTEMPTS} attempts" in caplog.text


class UnansweredBudget:
    """A shared send budget whose Redis does not answer."""

    rate = 25.0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        raise BudgetUnavailableError("Redis: Timeout reading from socket")
        yield  # pragma: no cover - a generator, never reached

    async def pause(self, seconds: float) -> None:
        return None


async def test_a_send_budget_that_does_not_answer_postpones_without_using_attempts(
    harness: BotHarness,
) -> None:
    """Redis gone for a while (several instances): nothing reaches Telegram, so nothing
    counts as a failed attempt; the reminder goes out once Redis answers again."""
    user = harness.user()
    await reflected(harness, user)
    await user.press("In 2 weeks")
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    services = harness.services
    down = create_delivery(harness.bot, services, UnansweredBudget())
    for _ in range(MAX_ATTEMPTS + 3):  # more sweeps than a failing send would be allowed
        await down.due_work.run_due()
        checkin = await the_checkin(harness)
        assert (checkin.status, checkin.attempts) == ("pending", 0)
        harness.clock.set(checkin.due_at)
    await harness.due_work.run_due()  # Redis is back
    assert (await the_checkin(harness)).status == "sent"


def _dispatcher_with_sleep(harness: BotHarness, sleep: object) -> DueWorkRunner:
    """Due work as production builds it, with a pacer that sleeps on the test clock."""
    pacer = Pacer(1000, harness.clock, sleep=sleep)  # type: ignore[arg-type]
    return create_delivery(harness.bot, harness.services, pacer).due_work


# ---- the APScheduler waker ----------------------------------------------------------


async def test_waker_on_a_clock_moved_ahead_waits_the_bot_clock_difference() -> None:
    async def run_due() -> datetime | None:
        return None

    clock = FakeClock(datetime.now(UTC) + timedelta(days=30))  # a month ahead of real time
    waker = SchedulerWaker(clock)
    waker.attach(run_due)
    waker.start()
    try:
        waker.notify(clock.now() + timedelta(hours=1))
        job = waker.scheduler.get_job("due-work-wake")
        wait = job.next_run_time - datetime.now(UTC)
        # One hour of real time, not a month and an hour.
        assert timedelta(minutes=59) < wait <= timedelta(hours=1)
        waker.wake_now()
        wait = waker.scheduler.get_job("due-work-wake").next_run_time - datetime.now(UTC)
        assert wait < timedelta(seconds=1)
    finally:
        await waker.close()


async def test_waker_arms_one_job_at_the_earliest_due_time() -> None:
    calls: list[int] = []

    async def run_due() -> datetime | None:
        calls.append(1)
        return None

    clock = SystemClock()  # APScheduler runs on real time
    waker = SchedulerWaker(clock)
    waker.attach(run_due)
    waker.start()
    try:
        later = clock.now() + timedelta(hours=5)
        sooner = clock.now() + timedelta(hours=1)
        waker.notify(later)
        assert waker.next_wake() == later
        waker.notify(sooner)
        assert waker.next_wake() == sooner  # re-armed for the sooner row
        waker.notify(later + timedelta(days=1))
        assert waker.next_wake() == sooner  # a later row changes nothing
        assert len(waker.scheduler.get_jobs()) == 2  # one wake-up, one sweep: no job per row
        await asyncio.sleep(0.1)  # the first sweep runs at once at start (catch-up)
        assert calls == [1]
    finally:
        await waker.close()
