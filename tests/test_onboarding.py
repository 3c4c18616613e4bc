"""First contact: greeting, time zone, tips, and the way back and out of each step."""

from __future__ import annotations

from datetime import timedelta

from bot.rules.checkins import Preset
from storage.users import UserRepository
from testkit.harness import BotHarness


async def test_new_user_completes_onboarding_with_buttons(harness: BotHarness) -> None:
    user = harness.user(first_name="Anna", language_code="en")
    replies = await user.send("/start")
    assert "Hi, Anna!" in replies[0]
    assert "Which time zone" in replies[1]
    assert "Europe/Berlin" in user.buttons()

    replies = await user.press("Europe/Berlin")
    assert "Europe/Berlin" in replies[0] and "UTC+01:00" in replies[0]
    assert "tip" in replies[-1]

    replies = await user.press("Yes, send tips")
    assert "All set" in replies[-1]
    assert "⚙️ Settings" in user.buttons()

    stored = await UserRepository(harness.db).get(user.user_id)
    assert stored is not None
    assert stored.timezone == "Europe/Berlin"
    assert stored.tips_enabled is True
    assert stored.is_onboarded
    assert stored.language == "en"


async def test_known_user_gets_menu_not_onboarding(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    await user.press("Europe/London")
    await user.press("No, thanks")

    replies = await user.send("/start")
    assert replies == ["What would you like to do?"]
    stored = await UserRepository(harness.db).get(user.user_id)
    assert stored is not None and stored.tips_enabled is False


async def test_russian_speaker_is_greeted_in_russian(harness: BotHarness) -> None:
    for user_id, code in ((2001, "ru"), (2002, "uk"), (2003, "be"), (2004, "kk-KZ")):
        user = harness.user(user_id, first_name="Оля", language_code=code)
        replies = await user.send("/start")
        assert replies[0].startswith("Привет, Оля!"), code
    english = harness.user(2005, language_code="de")
    assert (await english.send("/start"))[0].startswith("Hi,")


async def test_typed_zone_forms(harness: BotHarness) -> None:
    cases = {
        "Europe/Berlin": "Europe/Berlin",
        "europe/berlin": "Europe/Berlin",
        "+3": "Etc/GMT-3",
        "UTC+5:30": "Asia/Kolkata",
        "Moscow": "Europe/Moscow",
        "Москва": "Europe/Moscow",
        "Berlin": "Europe/Berlin",
        "new york": "America/New_York",
    }
    for offset, (typed, expected) in enumerate(cases.items()):
        user = harness.user(3000 + offset)
        await user.send("/start")
        replies = await user.send(typed)
        assert expected in replies[0], (typed, replies)
        stored = await UserRepository(harness.db).get(user.user_id)
        assert stored is not None and stored.timezone == expected


async def test_back_from_tips_returns_to_zone_question(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    await user.press("Asia/Almaty")
    replies = await user.press("← Back")
    assert "Which time zone" in replies[-1]
    await user.press("Europe/Kyiv")
    await user.press("No, thanks")
    stored = await UserRepository(harness.db).get(user.user_id)
    assert stored is not None and stored.timezone == "Europe/Kyiv" and stored.is_onboarded


async def test_cancel_leaves_onboarding_and_start_resumes(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    replies = await user.press("✖ Cancel")
    assert "Send /start" in replies[-1]
    assert "Which time zone" in (await user.send("/start"))[-1]


async def test_html_in_name_is_escaped(harness: BotHarness) -> None:
    user = harness.user(first_name="<b>Bob</b> & Co")
    replies = await user.send("/start")
    assert "Hi, &lt;b&gt;Bob&lt;/b&gt; &amp; Co!" in replies[0]


async def test_zone_step_moves_pending_checkins_like_settings(harness: BotHarness) -> None:
    """One "change time zone" action: onboarding keeps 10:00 at 10:00 as settings does."""
    user = harness.user()
    await user.send("/start")
    owner = await harness.services.accounts.get(user.user_id)
    assert owner is not None and owner.timezone == "UTC"
    client = await harness.services.clients.add(owner, "Acme", None, None)
    planned = await harness.services.checkins.plan_preset(owner, client, Preset.TWO_WEEKS)
    assert planned.due_at.hour == 10  # 10:00 in UTC
    await user.press("Europe/Berlin")
    moved = await harness.services.checkins.next_for_client(owner, client.id)
    assert moved is not None and moved.local_due == planned.local_due
    assert moved.due_at == planned.due_at - timedelta(hours=1)  # 10:00 in Berlin


async def test_no_tips_at_onboarding_cancels_a_planned_tip(harness: BotHarness) -> None:
    """Turning tips off at onboarding goes through the tip service, so no tip planned
    earlier is left to arrive."""
    user = harness.user()
    await user.send("/start")
    owner = await harness.services.accounts.get(user.user_id)
    assert owner is not None
    await harness.services.tips.subscribe(owner)
    assert await harness.services.repos.tips.next_for_user(owner.id) is not None
    await user.press("Europe/Berlin")
    await user.press("No, thanks")
    assert await harness.services.repos.tips.next_for_user(owner.id) is None
    harness.clock.advance(days=8)
    await harness.due_work.run_due()
    assert not [m for m in user.messages() if (m.text or "").startswith("💡")]
