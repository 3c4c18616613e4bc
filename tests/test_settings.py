"""/settings: language, time zone (buttons and typed), tips; Back and Menu."""

from __future__ import annotations

from storage.users import User, UserRepository
from tests.harness import BotHarness, UserDriver


async def onboarded(harness: BotHarness, user_id: int = 1001, **kwargs: object) -> UserDriver:
    user = harness.user(user_id, **kwargs)  # type: ignore[arg-type]
    await user.send("/start")
    await user.press("Europe/Berlin")
    await user.press("No, thanks")
    return user


async def stored(harness: BotHarness, user_id: int = 1001) -> User:
    user = await UserRepository(harness.db).get(user_id)
    assert user is not None
    return user


async def test_settings_shows_current_values(harness: BotHarness) -> None:
    user = await onboarded(harness)
    [text] = await user.send("/settings")
    assert "Language: English" in text
    assert "Europe/Berlin (UTC+01:00)" in text
    assert "Tips: off" in text


async def test_switch_language_to_russian_and_back(harness: BotHarness) -> None:
    user = await onboarded(harness)
    await user.send("/settings")
    await user.press("🌐 Language")
    [text] = await user.press("Русский")
    assert "Язык: Русский" in text
    assert "Теперь говорю по-русски." in user.alerts()
    assert (await stored(harness)).language == "ru"
    assert "Что делаем?" in (await user.send("/menu"))[0]

    await user.send("/settings")
    await user.press("🌐 Язык")
    [text] = await user.press("English")
    assert "Language: English" in text


async def test_change_timezone_by_button_and_by_text(harness: BotHarness) -> None:
    user = await onboarded(harness)
    await user.send("/settings")
    await user.press("🕒 Time zone")
    [text] = await user.press("America/New_York")
    assert "Time zone changed to <b>America/New_York</b> (UTC-05:00)" in text
    assert (await stored(harness)).timezone == "America/New_York"

    await user.press("🕒 Time zone")
    [text] = await user.send("Tbilisi")
    assert "Asia/Tbilisi" in text
    assert (await stored(harness)).timezone == "Asia/Tbilisi"


async def test_back_from_timezone_keeps_old_zone(harness: BotHarness) -> None:
    user = await onboarded(harness)
    await user.send("/settings")
    await user.press("🕒 Time zone")
    [text] = await user.press("← Back")
    assert "<b>Settings</b>" in text
    assert (await stored(harness)).timezone == "Europe/Berlin"
    # Back really left the step: typing a city now is not taken as a zone.
    await user.send("Tokyo")
    assert (await stored(harness)).timezone == "Europe/Berlin"


async def test_toggle_tips(harness: BotHarness) -> None:
    user = await onboarded(harness)
    await user.send("/settings")
    [text] = await user.press("💡 Turn tips on")
    assert "Tips: on" in text
    assert (await stored(harness)).tips_enabled is True
    [text] = await user.press("💡 Turn tips off")
    assert "Tips: off" in text
    assert (await stored(harness)).tips_enabled is False


async def test_menu_and_help_buttons(harness: BotHarness) -> None:
    user = await onboarded(harness)
    [text] = await user.press("❓ Help")
    assert "/settings" in text and "/cancel" in text
    [text] = await user.press("☰ Menu")
    assert text == "What would you like to do?"


async def test_cancel_inside_settings_flow(harness: BotHarness) -> None:
    user = await onboarded(harness)
    await user.send("/settings")
    await user.press("🕒 Time zone")
    [text] = await user.send("/cancel")
    assert text.startswith("Stopped.")
    [text] = await user.send("/cancel")
    assert text.startswith("There's nothing to cancel.")
