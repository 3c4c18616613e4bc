"""Bad input gets a clear answer and loses nothing."""

from __future__ import annotations

import pytest
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import SendMessage

from bot.views.onboarding import TipsCb
from bot.views.zones import ZoneCb
from storage.users import UserRepository
from testkit.harness import BotHarness


async def current_state(harness: BotHarness, user_id: int) -> str | None:
    context = harness.dispatcher.fsm.get_context(harness.bot, chat_id=user_id, user_id=user_id)
    return await context.get_state()


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("send_sticker", "not a sticker"),
        ("send_photo", "not a photo"),
        ("send_voice", "not a voice message"),
    ],
)
async def test_media_in_zone_step_reprompts(
    harness: BotHarness, action: str, expected: str
) -> None:
    user = harness.user()
    await user.send("/start")
    [text] = await getattr(user, action)()
    assert expected in text
    assert "Europe/Berlin" in user.buttons()  # the choices are offered again
    assert await current_state(harness, user.user_id) == "Onboarding:timezone"


async def test_unknown_and_overlong_zone_reprompt(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    [text] = await user.send("Atlantis <script>")
    assert 'couldn\'t recognise "Atlantis &lt;script&gt;"' in text
    [text] = await user.send("x" * 5000)
    assert "longer than any time zone" in text
    assert await current_state(harness, user.user_id) == "Onboarding:timezone"
    # ...and the step still works afterwards.
    await user.send("Berlin")
    assert await current_state(harness, user.user_id) == "Onboarding:tips"


async def test_text_where_a_button_is_expected(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    await user.press("Europe/Berlin")
    [text] = await user.send("yes please")
    assert "answer with the buttons" in text
    assert await current_state(harness, user.user_id) == "Onboarding:tips"


async def test_old_button_after_onboarding_is_answered_politely(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    question = user.last_message
    await user.press("Europe/Berlin")
    await user.press("No, thanks")
    # The zone buttons were removed from the question; press its payload anyway.
    replies = await user.press_data(ZoneCb(zone="Asia/Almaty").pack(), question)
    assert "older message" in user.alerts()[-1]
    assert replies[-1] == "What would you like to do?"
    stored = await UserRepository(harness.db).get(user.user_id)
    assert stored is not None and stored.timezone == "Europe/Berlin"


async def test_forged_and_garbage_callbacks(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    question = user.last_message
    await user.press_data(ZoneCb(zone="Mars/Olympus").pack(), question)
    await user.press_data("z1:../../etc/passwd", question)
    await user.press_data("totally-unknown", question)
    await user.press_data(TipsCb(enabled=True).pack(), question)  # a step not reached yet
    assert len(user.alerts()) == 4
    assert all("older message" in alert for alert in user.alerts())
    stored = await UserRepository(harness.db).get(user.user_id)
    assert stored is not None and not stored.is_onboarded and not stored.tips_enabled
    assert await current_state(harness, user.user_id) == "Onboarding:timezone"


async def test_text_outside_any_flow_shows_menu(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    await user.press("Europe/Berlin")
    await user.press("No, thanks")
    [text] = await user.send("hello?")
    assert text.startswith("I didn't catch that.")
    assert "⚙️ Settings" in user.buttons()


async def _broken(*args: object) -> None:
    raise RuntimeError("disk on fire")


async def test_failure_in_a_handler_keeps_the_step(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = harness.user()
    await user.send("/start")
    monkeypatch.setattr(harness.services.repos.users, "set_timezone", _broken)
    replies = await user.press("Europe/Berlin")
    # A message, not a pop-up: the button itself was answered when the handler ended.
    assert "something went wrong" in replies[-1]
    assert await current_state(harness, user.user_id) == "Onboarding:timezone"

    monkeypatch.undo()
    await user.press("Europe/Berlin")
    assert await current_state(harness, user.user_id) == "Onboarding:tips"


async def test_failure_on_a_message_tells_the_user(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = harness.user()
    await user.send("/start")
    monkeypatch.setattr(harness.services.repos.users, "set_timezone", _broken)
    replies = await user.send("Berlin")
    assert "something went wrong" in replies[-1]
    assert await current_state(harness, user.user_id) == "Onboarding:timezone"


async def test_my_chat_member_marks_blocked_and_unblocked(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    repo = UserRepository(harness.db)
    await user.block_bot()
    stored = await repo.get(user.user_id)
    assert stored is not None and stored.is_blocked
    await user.unblock_bot()
    stored = await repo.get(user.user_id)
    assert stored is not None and not stored.is_blocked


async def test_blocked_while_answering_marks_user_blocked(harness: BotHarness) -> None:
    user = harness.user()
    await user.send("/start")
    harness.session.fail_next(
        SendMessage,
        TelegramForbiddenError(
            SendMessage(chat_id=user.user_id, text="-"), "Forbidden: bot was blocked by the user"
        ),
    )
    await user.send("/help")
    stored = await UserRepository(harness.db).get(user.user_id)
    assert stored is not None and stored.is_blocked


async def test_group_messages_are_ignored(harness: BotHarness) -> None:
    from aiogram.types import Chat, Message, Update, User

    message = Message(
        message_id=1,
        date=harness.clock.now(),
        chat=Chat(id=-100, type="supergroup", title="Freelancers"),
        from_user=User(id=77, is_bot=False, first_name="G"),
        text="/start",
    )
    await harness.feed(Update(update_id=999_999, message=message))
    assert harness.session.requests == []
    assert await UserRepository(harness.db).get(77) is None


async def test_a_button_whose_screen_is_showing_is_only_answered(harness: BotHarness) -> None:
    """Telegram refuses an edit that changes nothing; pressing the option that is already
    chosen answers the button and makes no such call."""
    user = harness.user()
    await user.onboard()
    await user.send("/tips")
    tips_screen = user.last_message
    chosen = next(label for label in user.buttons() if label.startswith("• "))
    before = len(harness.session.requests)
    await user.press(chosen, tips_screen)
    await user.press(chosen, tips_screen)  # a double tap
    calls = [type(m).__name__ for m in harness.session.requests[before:]]
    assert "EditMessageText" not in calls and "EditMessageReplyMarkup" not in calls
    assert calls.count("AnswerCallbackQuery") == 2
    assert harness.session.refusals == []
