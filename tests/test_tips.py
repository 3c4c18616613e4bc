"""Tip subscriptions: one-tap subscribe, how often and when, delivery through the
due-work runner, rotation without repeats, the weakest dimension first."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.content.questions import DIMENSIONS
from bot.content.tips import TIP_BY_ID, TIPS, tips_of
from bot.i18n import LANGUAGES, I18n
from bot.rules.tips import RECENTLY, Frequency, choose_tip, less_often, next_slot
from storage.users import User
from testkit.harness import BotHarness, UserDriver
from tests.support.conversations import (
    TITLE,
    answer_all,
    deliver_next,
    export_of,
    next_tip,
    record_project,
    tip_requests,
)

THURSDAY_NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # the harness's start


def test_next_slot_by_frequency() -> None:
    thursday_13 = datetime(2026, 11, 26, 13, 0)
    assert next_slot(thursday_13, Frequency.DAILY, 9) == datetime(2026, 11, 27, 9, 0)
    assert next_slot(thursday_13, Frequency.DAILY, 18) == datetime(2026, 11, 26, 18, 0)
    assert next_slot(thursday_13, Frequency.TWICE_WEEKLY, 9) == datetime(2026, 11, 30, 9, 0)
    assert next_slot(thursday_13, Frequency.TWICE_WEEKLY, 14) == datetime(2026, 11, 26, 14, 0)
    assert next_slot(thursday_13, Frequency.WEEKLY, 9) == datetime(2026, 11, 30, 9, 0)
    assert less_often(Frequency.DAILY) is Frequency.TWICE_WEEKLY
    assert less_often(Frequency.WEEKLY) is None


IDEAS = tuple(f"I{n}" for n in range(1, 14))  # shared/seed/IDEAS.md


def test_library() -> None:
    assert len(TIPS) >= 48
    assert len(TIP_BY_ID) == len(TIPS)
    assert all(tip.ideas and set(tip.ideas) <= set(IDEAS) for tip in TIPS)
    assert all(tip.dimension in DIMENSIONS for tip in TIPS)
    # Every habit has enough tips for a month of daily advice and subscription alike.
    assert all(len(tips_of(dimension)) >= 6 for dimension in DIMENSIONS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_tip_has_a_text_in_each_language(language: str) -> None:
    """At least 48 tips in the language: the library and the locale agree key for key."""
    texts = {key for key in I18n().message_ids(language) if re.fullmatch(r"tip-.+-\d+", key)}
    assert texts == {tip.key for tip in TIPS}
    assert len(texts) >= 48


def test_every_idea_is_carried_by_at_least_two_tips() -> None:
    carried = {idea: [tip.id for tip in TIPS if idea in tip.ideas] for idea in IDEAS}
    assert {idea: ids for idea, ids in carried.items() if len(ids) < 2} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_tips_are_short(language: str) -> None:
    t = I18n().get(language)
    too_long = {tip.id: len(t(tip.key)) for tip in TIPS if len(t(tip.key)) > 260}
    assert too_long == {}


def test_russian_tips_speak_in_a_gender_neutral_first_person() -> None:
    """Phrases the freelancer would say to a client fit anyone who says them."""
    t = I18n().get("ru")
    gendered = re.compile(
        r"\bя\s+(?:бы\s+)?\w+(?:л|ла|лся|лась)\b"  # "я сделал(а)", "я бы хотел(а)"
        r"|(?:^|[«.!?]\s*)(?:рада?|готова?|уверена?)\b",  # "Рад помочь", "Готов обсудить"
        re.IGNORECASE,
    )
    keys = [tip.key for tip in TIPS] + [
        key for key in I18n().message_ids("ru") if key.startswith("advice-")
    ]
    assert [key for key in keys if gendered.search(t(key))] == []


def test_the_library_goes_round_keeping_the_last_four_weeks() -> None:
    now = THURSDAY_NOON
    assert choose_tip({}, "trust", now) == (tips_of("trust")[0], False)
    every = {tip.id: now - timedelta(days=60) for tip in TIPS}
    tip, went_round = choose_tip(every, "trust", now)
    assert went_round and tip.dimension == "trust"
    # Tips read in the last four weeks wait for the round after, the weakest habit too.
    lately = every | {tip.id: now - timedelta(days=3) for tip in tips_of("trust")}
    tip, went_round = choose_tip(lately, "trust", now)
    assert went_round and tip == TIPS[0]
    # Everything read lately (much advice, daily tips): the one read longest ago.
    recent = {tip.id: now - timedelta(days=1) for tip in TIPS}
    recent[TIPS[5].id] = now - timedelta(days=20)
    assert choose_tip(recent, "trust", now) == (TIPS[5], True)


async def stored(harness: BotHarness, user: UserDriver) -> User:
    found = await harness.services.accounts.get(user.user_id)
    assert found is not None
    return found


async def subscribed(harness: BotHarness, user: UserDriver) -> None:
    await user.onboard()
    await user.send("/tips")


async def test_tips_subscribes_in_one_tap_and_shows_options(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    replies = await user.send("/tips")
    # Thursday 13:00 in Berlin: twice a week means Monday 9:00 next.
    assert replies[0] == "Subscribed. The first tip comes 30 Nov 2026, 09:00."
    assert "<b>Tips</b>: on" in replies[1] and "twice a week" in replies[1]
    delivery = await next_tip(harness, user.user_id)
    assert delivery is not None
    assert delivery.due_at == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert harness.waker.notified[-1] == delivery.due_at
    [text] = await user.press("🔕 Unsubscribe")
    assert "<b>Tips</b>: off" in text
    assert await next_tip(harness, user.user_id) is None


async def test_frequency_and_time_reschedule(harness: BotHarness) -> None:
    user = harness.user()
    await subscribed(harness, user)
    await user.press("Every day")
    delivery = await next_tip(harness, user.user_id)
    assert delivery is not None and delivery.local_due == datetime(2026, 11, 27, 9, 0)
    await user.press("⏰ Time")
    [text] = await user.press("18:00")
    assert "Time: 18:00" in text
    delivery = await next_tip(harness, user.user_id)
    assert delivery is not None and delivery.local_due == datetime(2026, 11, 26, 18, 0)
    # Each change replaced the planned tip: the user's data holds one pending, not three.
    exported = json.loads((await export_of(harness, user)).read("export.json"))["tables"]
    assert [d["status"] for d in exported["tip_deliveries"]].count("pending") == 1


async def test_onboarding_yes_subscribes(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    await user.press("Europe/Berlin")
    await user.press("Yes, send tips")
    assert await next_tip(harness, user.user_id) is not None


async def test_delivery_in_users_language_with_buttons(harness: BotHarness) -> None:
    english = harness.user(1001)
    await subscribed(harness, english)
    sent = await deliver_next(harness, 1001)
    assert sent.text.startswith(TITLE)
    assert english.buttons() == ["🐢 Less often", "🔕 Unsubscribe"]
    # The next tip is planned at once, per frequency: Thursday after Monday.
    delivery = await next_tip(harness, 1001)
    assert delivery is not None and delivery.local_due == datetime(2026, 12, 3, 9, 0)
    russian = harness.user(1002, language_code="ru")
    await russian.onboard()
    await russian.send("/tips")
    sent = await deliver_next(harness, 1002)
    assert sent.text.startswith("💡 <b>Что попробовать</b>")


async def test_no_repeat_until_all_are_seen(harness: BotHarness) -> None:
    user = harness.user()
    await subscribed(harness, user)
    await user.press("Every day")
    seen = []
    for _ in range(len(TIPS)):
        sent = await deliver_next(harness)
        seen.append(sent.text)
    assert len(set(seen)) == len(TIPS)
    again = await deliver_next(harness)
    assert again.text == seen[0]  # the library went round and starts over
    # The new round forgot the older tips and keeps those of the last four weeks.
    remembered = await harness.services.repos.tips.seen(user.user_id)
    assert all(when > harness.clock.now() - RECENTLY for when in remembered.values())
    assert len(remembered) == RECENTLY.days  # the 27 days before, and today


async def test_weakest_dimension_comes_first(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    # Everything strong except early trust ("No").
    await answer_all(
        user, ["5", "Yes", "Yes", "5", "Yes", "Yes", "5", "No", "5", "10", "🤝 Keep"], None
    )
    await user.send("/tips")
    await user.press("Every day")
    t = harness.dispatcher["i18n"].get("en")
    trust_tips = {f"{TITLE}\n\n{t(tip.key)}" for tip in tips_of("trust")}
    for _ in range(4):
        assert (await deliver_next(harness)).text in trust_tips


async def test_a_tip_button_from_before_delete_me_acts_on_nothing(harness: BotHarness) -> None:
    """After erasure an old tip's buttons get the old-button answer: no "Now: once a
    week", no subscription made again; only the person's first-contact row exists."""
    user = harness.user()
    await subscribed(harness, user)
    await deliver_next(harness)
    tip = user.last_message
    await user.send("/delete_me")
    await user.press(user.label("button-delete-me-yes"))
    await user.press("🐢 Less often", tip)
    assert user.alerts()[-1] == user.label("stale-button-new")
    fresh = await stored(harness, user)
    assert not fresh.tips_enabled and not fresh.is_onboarded
    assert await next_tip(harness) is None
    assert await harness.db.fetchvalue("SELECT COUNT(*) FROM tip_deliveries") == 0


async def test_less_often_and_unsubscribe_under_a_tip(harness: BotHarness) -> None:
    user = harness.user()
    await subscribed(harness, user)
    await user.press("Every day")
    await deliver_next(harness)
    await user.press("🐢 Less often")
    assert "Now: twice a week." in user.alerts()[-1]
    await user.press("🐢 Less often")
    await user.press("🐢 Less often")
    assert "Already once a week" in user.alerts()[-1]
    assert (await stored(harness, user)).tips_frequency == "weekly"
    await user.press("🔕 Unsubscribe")
    assert not (await stored(harness, user)).tips_enabled
    assert await next_tip(harness, user.user_id) is None


async def test_late_tip_does_not_cause_a_burst(harness: BotHarness) -> None:
    user = harness.user()
    await subscribed(harness, user)
    await user.press("Every day")
    delivery = await next_tip(harness, user.user_id)
    assert delivery is not None
    harness.clock.set(delivery.due_at + timedelta(days=5))  # down for five days
    await harness.due_work.run_due()
    await harness.due_work.run_due()
    assert len(await tip_requests(harness)) == 1
    nxt = await next_tip(harness, user.user_id)
    assert nxt is not None and nxt.due_at > harness.clock.now()


async def test_double_tap_on_a_frequency_edits_once(harness: BotHarness) -> None:
    """The second tap finds the screen already showing the choice: nothing to edit."""
    user = harness.user()
    await subscribed(harness, user)
    screen, daily = user.button_data("Every day")
    assert len(await user.press_data(daily, screen)) == 1
    now_showing = harness.session.messages[(user.user_id, screen.message_id)]
    assert await user.press_data(daily, now_showing) == []
    assert user.alerts()[-2:] == ["Now: every day."] * 2
    assert "• Every day" in user.buttons()


async def test_forged_frequency_and_hour_are_stale_buttons(harness: BotHarness) -> None:
    user = harness.user()
    await subscribed(harness, user)
    planned = await next_tip(harness, user.user_id)
    await user.press("⏰ Time")
    await user.press_data("th1:3", user.last_message)  # night hours are never offered
    assert user.alerts()[-1] == user.label("stale-button")
    await user.send("/tips")
    await user.press_data("tf1:hourly", user.last_message)  # not a frequency at all
    assert user.alerts()[-1] == user.label("stale-button")
    account = await stored(harness, user)
    assert (account.tips_frequency, account.tips_hour) == ("twice_weekly", 9)
    assert await next_tip(harness, user.user_id) == planned


async def test_blocking_holds_tips_and_coming_back_resumes_them(harness: BotHarness) -> None:
    user = harness.user()
    await subscribed(harness, user)
    await user.press("Every day")
    await user.block_bot()
    planned = await next_tip(harness, user.user_id)
    assert planned is not None
    harness.clock.set(planned.due_at + timedelta(days=3))
    await harness.due_work.run_due()
    assert await tip_requests(harness) == []  # nothing is sent while blocked
    assert (await stored(harness, user)).tips_enabled  # still subscribed

    await user.unblock_bot()
    resumed = await next_tip(harness, user.user_id)
    # From the next slot after their return, not the tips missed meanwhile.
    assert resumed is not None and resumed.due_at > harness.clock.now()
    assert resumed.local_due == datetime(2026, 12, 1, 9, 0)
    await deliver_next(harness)
    assert len(await tip_requests(harness)) == 1


async def test_a_number_never_collected_brings_measurement_first(harness: BotHarness) -> None:
    """Trust is the weakest habit, but the client's number was never read since a project
    that ended three weeks ago: measuring comes first (I9), until a number comes in."""
    user = harness.user()
    await user.onboard()
    await record_project(user, day="21 days ago")
    await answer_all(
        user, ["5", "Yes", "Yes", "5", "Yes", "Yes", "5", "No", "5", "10", "🤝 Keep"], None
    )
    await user.send("/tips")
    await user.press("Every day")
    t = harness.dispatcher["i18n"].get("en")

    def texts_of(dimension: str) -> set[str]:
        return {f"{TITLE}\n\n{t(tip.key)}" for tip in tips_of(dimension)}

    assert (await deliver_next(harness)).text in texts_of("measure")
    stored_user = await stored(harness, user)
    [project] = (await harness.services.repos.projects.for_client(stored_user.id, 1, 1)).projects
    await harness.services.outcomes.record(stored_user, project.id, "42 orders")
    assert (await deliver_next(harness)).text in texts_of("trust")


def test_measuring_first_then_the_weakest_habit() -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    measured = {tip.id: now - timedelta(days=1) for tip in tips_of("measure")}
    assert choose_tip({}, ["measure", "trust"], now)[0] == tips_of("measure")[0]
    assert choose_tip(measured, ["measure", "trust"], now)[0] == tips_of("trust")[0]


async def test_the_hour_picker_has_a_way_back_and_a_way_out(harness: BotHarness) -> None:
    user = harness.user()
    await subscribed(harness, user)
    await user.press(user.label("button-tips-time"))
    assert user.label("tips-time-ask") in (user.last_message.text or "")
    assert {user.label("button-back"), user.label("button-menu")} <= set(user.buttons())
    await user.press(user.label("button-back"))
    assert user.label("button-tips-time") in user.buttons()  # the /tips screen again
    await user.press(user.label("button-tips-time"))
    await user.press(user.label("button-menu"))
    assert user.label("button-tips-time") not in user.buttons()
