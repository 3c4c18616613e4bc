"""A bot wired like production (real Dispatcher, real SQLite) with a recording session,
and a driver that talks to it the way a person does: `await user.send("/start")`,
`await user.press("Europe/Berlin")`."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage, TelegramMethod
from aiogram.types import (
    CallbackQuery,
    Chat,
    ChatMemberBanned,
    ChatMemberMember,
    ChatMemberUpdated,
    Message,
    PhotoSize,
    Sticker,
    Update,
    User,
    Voice,
)
from redis.asyncio import Redis

from bot.config import Settings
from bot.delivery.broadcaster import Broadcaster
from bot.delivery.due_work import DueWorkRunner
from bot.delivery.pacer import Pacer
from bot.i18n import I18n
from bot.reading.zones import CityIndex
from bot.telegram.app import create_delivery, create_dispatcher
from bot.telegram.container import Services, create_services
from storage.db import Database
from testkit import engines
from testkit.recording_session import RecordingSession

# A ban's until_date of 0 (the epoch) is Telegram's "for ever".
FOREVER = datetime.fromtimestamp(0, UTC)
TEST_TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklm"


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self._now = moment


class RecordingWaker:
    """Stands in for the APScheduler waker: remembers what it was asked to wake for."""

    def __init__(self) -> None:
        self.notified: list[datetime] = []

    def notify(self, due_at: datetime) -> None:
        self.notified.append(due_at)


def make_settings(db_path: Path, **overrides: Any) -> Settings:
    # Tests act faster than any person, on a clock that stands still: no flood limit
    # unless a test asks for one.
    # On the server run the path names a PostgreSQL database of its own (testkit/engines.py).
    values: dict[str, Any] = {
        "bot_token": TEST_TOKEN,
        "database_path": db_path,
        "flood_rate": 10_000,
    }
    if engines.ON_SERVERS:
        values.update(database_url=engines.database_for(db_path), **engines.server_settings())
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@functools.cache
def shared_i18n() -> I18n:
    """Every text, built once for the whole run: each bot a test starts would otherwise
    build its own, and texts never change while the tests run."""
    return I18n()


_update_ids = itertools.count(1)
_callback_ids = itertools.count(1)


@dataclass
class BotHarness:
    db: Database
    dispatcher: Dispatcher
    bot: Bot
    session: RecordingSession
    clock: FakeClock
    settings: Settings
    waker: RecordingWaker
    services: Services
    due_work: DueWorkRunner
    broadcaster: Broadcaster

    @classmethod
    async def start(
        cls, db_path: Path, clock: FakeClock | None = None, **settings: Any
    ) -> BotHarness:
        clock = clock or FakeClock(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
        config = make_settings(db_path, **settings)
        # The schema comes from a migrated copy; a restart on the same path finds its data.
        db = await Database.open(await engines.migrated(db_path))
        redis = Redis.from_url(config.redis_url) if config.redis_url else None
        session = RecordingSession(clock)
        bot = Bot(
            TEST_TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML)
        )
        waker = RecordingWaker()
        services = create_services(db, config, clock, shared_i18n(), CityIndex(), waker, redis)
        dispatcher = create_dispatcher(services)
        delivery = create_delivery(bot, services, Pacer(1000, clock))
        return cls(
            db,
            dispatcher,
            bot,
            session,
            clock,
            config,
            waker,
            services,
            delivery.due_work,
            delivery.broadcaster,
        )

    async def stop(self) -> None:
        # As at shutdown: a broadcast lease held in Redis is handed back at once.
        await self.broadcaster.stop()
        await self.dispatcher.fsm.storage.close()
        if self.services.redis is not None:
            await self.services.redis.aclose()
        await self.db.close()

    def user(self, user_id: int = 1001, **kwargs: Any) -> UserDriver:
        return UserDriver(self, user_id, **kwargs)

    async def feed(self, update: Update) -> None:
        await self.dispatcher.feed_update(self.bot, update)


@dataclass
class UserDriver:
    harness: BotHarness
    user_id: int
    first_name: str = "Anna"
    language_code: str | None = "en"
    sent: list[TelegramMethod[Any]] = field(default_factory=list)
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(10_000))

    @property
    def tg_user(self) -> User:
        return User(
            id=self.user_id,
            is_bot=False,
            first_name=self.first_name,
            language_code=self.language_code,
        )

    @property
    def chat(self) -> Chat:
        return Chat(id=self.user_id, type="private", first_name=self.first_name)

    # ---- what the person does -------------------------------------------------

    def label(self, key: str, **values: Any) -> str:
        """A text in this person's current language, e.g. a button label."""
        language = "ru" if self.language_code in ("ru", "uk", "be", "kk") else "en"
        return str(self.harness.services.i18n.get(language)(key, **values))

    async def onboard(self, zone: str = "Europe/Berlin") -> None:
        await self.send("/start")
        await self.press(zone)
        await self.press(self.label("button-tips-no"))

    async def send(self, text: str) -> list[str]:
        return await self._send_message(text=text)

    async def send_sticker(self) -> list[str]:
        sticker = Sticker(
            file_id="s",
            file_unique_id="s",
            type="regular",
            width=512,
            height=512,
            is_animated=False,
            is_video=False,
        )
        return await self._send_message(sticker=sticker)

    async def send_photo(self) -> list[str]:
        return await self._send_message(
            photo=[PhotoSize(file_id="p", file_unique_id="p", width=10, height=10)]
        )

    async def send_voice(self) -> list[str]:
        return await self._send_message(voice=Voice(file_id="v", file_unique_id="v", duration=3))

    async def press(self, button: str, message: Message | None = None) -> list[str]:
        """Press the button with this exact label on the newest message that has it
        (or on `message`, as it looks now)."""
        target, data = self._find_button(button, message)
        return await self.press_data(data, target)

    async def press_data(self, data: str, message: Message) -> list[str]:
        """Send raw callback data, as a forged or very old button would. Telegram sends
        the message as it looks now, whatever copy of it the test holds."""
        message = self.harness.session.messages.get((self.user_id, message.message_id), message)
        query = CallbackQuery(
            id=str(next(_callback_ids)),
            from_user=self.tg_user,
            chat_instance="ci",
            message=message,
            data=data,
        )
        return await self._feed(Update(update_id=next(_update_ids), callback_query=query))

    async def block_bot(self) -> None:
        await self._member_change(blocked=True)

    async def unblock_bot(self) -> None:
        await self._member_change(blocked=False)

    # ---- what the person sees -------------------------------------------------

    def messages(self) -> list[Message]:
        """Bot messages in this chat, oldest first, each as it looks now."""
        stored = self.harness.session.messages.items()
        found = [message for (chat, _), message in stored if chat == self.user_id]
        return sorted(found, key=lambda m: m.message_id)

    @property
    def last_message(self) -> Message:
        return self.messages()[-1]

    def alerts(self) -> list[str]:
        """Pop-up and toast texts shown after button presses, oldest first."""
        return [m.text for m in self.sent if isinstance(m, AnswerCallbackQuery) and m.text]

    def buttons(self, message: Message | None = None) -> list[str]:
        target = message or self.last_message
        markup = target.reply_markup
        return [b.text for row in markup.inline_keyboard for b in row] if markup else []

    # ---- plumbing -----------------------------------------------------------------

    def button_data(self, label: str, message: Message | None = None) -> tuple[Message, str]:
        """The message showing this button, and the button's callback data."""
        return self._find_button(label, message)

    def _find_button(self, label: str, message: Message | None) -> tuple[Message, str]:
        candidates = (
            [self.harness.session.messages[(self.user_id, message.message_id)]]
            if message
            else list(reversed(self.messages()))
        )
        for candidate in candidates:
            markup = candidate.reply_markup
            for row in markup.inline_keyboard if markup else []:
                for button in row:
                    if button.text == label and button.callback_data:
                        return candidate, button.callback_data
        shown = {m.message_id: self.buttons(m) for m in candidates}
        raise AssertionError(f"no button {label!r}; buttons on screen: {shown}")

    async def _send_message(self, **content: Any) -> list[str]:
        message = Message(
            message_id=next(self._message_ids),
            date=self.harness.clock.now(),
            chat=self.chat,
            from_user=self.tg_user,
            **content,
        )
        return await self._feed(Update(update_id=next(_update_ids), message=message))

    async def _feed(self, update: Update) -> list[str]:
        """Feed one update; return the texts the bot sent or edited in answer."""
        before = len(self.harness.session.requests)
        await self.harness.feed(update)
        new = self.harness.session.requests[before:]
        self.sent.extend(new)
        return [m.text for m in new if isinstance(m, SendMessage | EditMessageText) and m.text]

    async def _member_change(self, *, blocked: bool) -> None:
        bot_user = User(id=self.harness.bot.id, is_bot=True, first_name="Partner Coach")
        old = (
            ChatMemberMember(user=bot_user)
            if blocked
            else ChatMemberBanned(user=bot_user, until_date=FOREVER)
        )
        new = (
            ChatMemberBanned(user=bot_user, until_date=FOREVER)
            if blocked
            else ChatMemberMember(user=bot_user)
        )
        event = ChatMemberUpdated(
            chat=self.chat,
            from_user=self.tg_user,
            date=self.harness.clock.now(),
            old_chat_member=old,
            new_chat_member=new,
        )
        await self._feed(Update(update_id=next(_update_ids), my_chat_member=event))
