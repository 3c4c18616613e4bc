"""/settings: language, time zone (buttons and typed), tips; Back and Menu; double taps
and forged buttons."""

from __future__ import annotations

from aiogram.methods import SetMyCommands
from aiogram.types import BotCommandScopeChat

from bot.i18n import LANGUAGES
from bot.views.settings import LANGUAGE_NAMES, Language, LanguageCb
from storage.users import User
from testkit.harness import BotHarness, UserDriver


async def onboarded(harness: BotHarness, user_id: int = 1001, **kwargs: object) -> UserDriver:
    user = harness.user(user_id, **kwargs)
    await user.send("/start")
    await user.press("Europe/Berlin")
    await user.press("No, thanks")
    return user


async def stored(harness: BotHarness, user_id: int = 1001) -> User:
    user = await harness.services.accounts.get(user_id)
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


async def test_the_command_menu_follows_the_chosen_language(harness: BotHarness) -> None:
    """The "/" menu set at start follows Telegram's interface language; a language chosen
    in /settings sets this chat's own menu in it."""
    user = await onboarded(harness)
    await user.send("/settings")
    await user.press("🌐 Language")
    await user.press("Русский")
    [menu] = [m for m in harness.session.requests if isinstance(m, SetMyCommands)]
    assert isinstance(menu.scope, BotCommandScopeChat) and menu.scope.chat_id == user.user_id
    described = {command.command: command.description for command in menu.commands}
    russian = harness.services.i18n.get("ru")
    assert described["settings"] == russian("command-settings") != user.label("command-settings")
    assert "broadcast" not in described  # not an admin


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


def test_every_language_has_a_button() -> None:
    """The language buttons offer exactly the languages that have texts."""
    assert [str(language) for language in Language] == list(LANGUAGES)
    assert set(LANGUAGE_NAMES) == set(Language)
    # Buttons sent before the field was typed carry the same value.
    assert LanguageCb.unpack("l1:ru").language is Language.RU


async def test_forged_language_is_a_stale_button(harness: BotHarness) -> None:
    user = await onboarded(harness)
    await user.send("/settings")
    await user.press("🌐 Language")
    await user.press_data("l1:de", user.last_message)
    assert user.alerts()[-1] == user.label("stale-button")
    assert (await stored(harness)).language == "en"


async def double_tap(user: UserDriver, label: str) -> tuple[list[str], list[str]]:
    """Both taps of a double tap on one button: Telegram sends the second with the
    message as it looks after the first. Returns what each tap sent or edited."""
    screen, data = user.button_data(label)
    first = await user.press_data(data, screen)
    now_showing = user.harness.session.messages[(user.user_id, screen.message_id)]
    return first, await user.press_data(data, now_showing)


async def test_double_tap_edits_once(harness: BotHarness) -> None:
    """The second tap finds its screen already showing and changes nothing (Telegram
    refuses an edit to the same text, and the harness fails the test on one)."""
    user = await onboarded(harness)
    await user.send("/settings")
    await user.press("🌐 Language")
    first, second = await double_tap(user, "Русский")
    assert len(first) == 1 and second == []
    assert user.alerts()[-2:] == ["Теперь говорю по-русски."] * 2

    await user.press("🕒 Часовой пояс")
    first, second = await double_tap(user, "← Назад")
    assert len(first) == 1 and second == []

    await user.press("⏰ Час напоминаний")
    first, second = await double_tap(user, "12:00")
    assert len(first) == 1 and second == []
    assert (await stored(harness)).checkin_hour == 12


async def test_checkin_hour_from_settings(harness: BotHarness) -> None:
    user = await onboarded(harness)
    await user.send("/settings")
    assert "Check-ins at: 10:00" in user.last_message.text  # type: ignore[operator]
    await user.press("⏰ Check-in hour")
    [text] = await user.press("18:00")
    assert "Check-ins at: 18:00" in text
    assert user.alerts()[-1] == "Reminders now arrive at 18:00 your time."
    assert (await stored(harness)).checkin_hour == 18
    # A quiet hour is never offered; a forged one changes nothing.
    await user.press("⏰ Check-in hour")
    await user.press_data("kh1:3", user.last_message)
    assert user.alerts()[-1] == user.label("stale-button")
    assert (await stored(harness)).checkin_hour == 18
