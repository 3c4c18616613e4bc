"""The playground's local Bot API, driven by aiogram itself: what Telegram accepts shows on
the page, what Telegram refuses is refused in Telegram's words, and the page's people
reach the bot as updates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramUnauthorizedError,
)
from aiogram.methods import SendVenue
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    CopyTextButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiohttp import web

from bot.i18n import I18n
from playground.bot_api import LocalBotAPI
from playground.chats import PEOPLE, sample_photo
from playground.clock import MovableClock
from playground.run import playground_token
from playground.web import PlaygroundPage

RU, EN, ADMIN, CLIENT = (person.user_id for person in PEOPLE)
PLAYGROUND_TOKEN = playground_token()
START = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)


@dataclass
class Playground:
    api: LocalBotAPI
    bot: Bot
    url: str
    http: aiohttp.ClientSession
    clock: MovableClock
    clock_moves: list[int] = field(default_factory=list)
    due: list[datetime] = field(default_factory=list)  # what the bot has pending
    runs: list[datetime] = field(default_factory=list)  # when due work ran

    async def state(self, person: str = "ru") -> dict[str, Any]:
        async with self.http.get(f"{self.url}/api/state?person={person}&after=-1") as answer:
            return await answer.json()  # type: ignore[no-any-return]

    async def act(self, action: str, **body: Any) -> tuple[int, dict[str, Any]]:
        async with self.http.post(f"{self.url}/api/{action}", json=body) as answer:
            return answer.status, await answer.json()

    async def messages(self, person: str = "ru") -> list[dict[str, Any]]:
        return (await self.state(person))["messages"]  # type: ignore[no-any-return]


@pytest.fixture
async def playground() -> AsyncIterator[Playground]:
    clock = MovableClock(wall=lambda: START)
    api = LocalBotAPI(PLAYGROUND_TOKEN, clock, PEOPLE)
    for chat in api.chats.values():  # as if each had written to the bot before
        chat.started = True
    moves: list[int] = []

    due: list[datetime] = []
    runs: list[datetime] = []

    async def no_profile(user_id: int) -> None:
        return None

    async def run_due() -> datetime | None:
        """As the bot's due work: deliver what is due now, tell when the next falls due."""
        runs.append(clock.now())
        due[:] = [moment for moment in due if moment > clock.now()]
        return min(due, default=None)

    page = PlaygroundPage(
        api,
        clock,
        I18n(),
        hint="",
        profile=no_profile,
        run_due=run_due,
        on_clock_moved=lambda: moves.append(1),
    )
    runner = web.AppRunner(page.create_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}"
    bot = Bot(
        PLAYGROUND_TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(url)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    async with aiohttp.ClientSession() as http:
        yield Playground(api, bot, url, http, clock, moves, due, runs)
    await bot.session.close()
    await runner.cleanup()


def keyboard(*labels: str, data: str | None = None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=label, callback_data=data or label) for label in labels]
        ]
    )


async def test_a_message_shows_in_its_persons_chat_as_telegram_keeps_it(
    playground: Playground,
) -> None:
    sent = await playground.bot.send_message(
        RU,
        '  <b>Балл: 96</b> · <a href="https://example.com">подробнее</a> &amp; <i>ещё</i>\n',
        reply_markup=keyboard("Да", "Нет"),
    )
    assert sent.text == "Балл: 96 · подробнее & ещё"
    assert [(e.type, e.offset, e.length) for e in sent.entities or []] == [
        ("bold", 0, 8),
        ("text_link", 11, 9),
        ("italic", 23, 3),
    ]
    [shown] = await playground.messages("ru")
    assert (shown["from"], shown["text"], shown["id"]) == ("bot", sent.text, sent.message_id)
    assert shown["entities"][1]["url"] == "https://example.com"
    assert [b["text"] for b in shown["inline_keyboard"][0]] == ["Да", "Нет"]
    assert await playground.messages("en") == []  # each person has their own chat


@pytest.mark.parametrize(
    ("text", "markup", "refusal"),
    [
        ("x" * 4097, None, "message is too long"),
        ("<b>x" + "y" * 4096 + "</b>", None, "message is too long"),
        ("Line<br>break", None, 'Unsupported start tag "br" at byte offset 4'),
        ("<b>bold", None, 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>bold</i>", None, 'Unmatched end tag at byte offset 7, expected "</b>"'),
        ("<b> </b>", None, "message text is empty"),
        ("ok", keyboard("Go", data="x" * 65), "BUTTON_DATA_INVALID"),
        ("ok", keyboard("Go", data="ж" * 33), "BUTTON_DATA_INVALID"),  # 66 bytes
        # A "<" that starts no tag Telegram knows is refused, not shown as text.
        ("I <3 you", None, 'Unsupported start tag "3" at byte offset 2'),
        ("5 < 6", None, 'Unsupported start tag "" at byte offset 2'),
        ("x<!-- note -->y", None, 'Unsupported start tag "!--" at byte offset 1'),
        ("<span>x</span>", None, 'Tag "span" must have class "tg-spoiler"'),
        ("<a href=https://x.org>x</a>", None, "Unexpected end of name token"),
        ("</b>", None, "Unexpected end tag at byte offset 0"),
    ],
)
async def test_what_telegram_refuses_is_refused_in_its_words(
    playground: Playground, text: str, markup: InlineKeyboardMarkup | None, refusal: str
) -> None:
    with pytest.raises(TelegramBadRequest, match=refusal):
        await playground.bot.send_message(RU, text, reply_markup=markup)
    assert await playground.messages("ru") == []


async def test_what_telegram_allows_is_kept_as_telegram_keeps_it(playground: Playground) -> None:
    bot = playground.bot
    await bot.send_message(RU, "<b>" + "x" * 4096 + "</b>")  # tags do not count
    await bot.send_message(RU, "ok", reply_markup=keyboard("Go", data="x" * 64))
    # Only &lt; &gt; &amp; &quot; and numbers are decoded; any other "&" stays as typed.
    await bot.send_message(RU, "a &nbsp; &lt;b&gt; &#60; &#x3C; &amp;c")
    await bot.send_message(
        RU,
        '<span class="tg-spoiler">s</span> <blockquote expandable>q</blockquote>'
        '<pre><code class="language-python">x = 1</code></pre>',
    )
    # Texts that look like JSON or a flag reach the chat as they were written.
    for text in ("[1/3] Вопрос", '{"a": 1}', "true"):
        await bot.send_message(RU, text, parse_mode=None)
    shown = await playground.messages("ru")
    assert shown[2]["text"] == "a &nbsp; <b> < < &c"
    assert [(e["type"], e.get("language")) for e in shown[3]["entities"]] == [
        ("spoiler", None),
        ("expandable_blockquote", None),
        ("pre", "python"),
    ]
    assert [m["text"] for m in shown[4:]] == ["[1/3] Вопрос", '{"a": 1}', "true"]


async def test_captions_and_chats_are_checked_too(playground: Playground) -> None:
    photo = BufferedInputFile(sample_photo(), "chart.png")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await playground.bot.send_photo(RU, photo, caption="x" * 1025)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await playground.bot.send_message(424242, "Who is there?")
    assert await playground.messages("ru") == []


async def test_an_edit_that_changes_nothing_is_refused_and_a_real_one_shows(
    playground: Playground,
) -> None:
    bot = playground.bot
    sent = await bot.send_message(RU, "Вопрос 1", reply_markup=keyboard("1", "2"))
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "Вопрос 1", chat_id=RU, message_id=sent.message_id, reply_markup=keyboard("1", "2")
        )
    edited = await bot.edit_message_text(
        "Вопрос <b>2</b>", chat_id=RU, message_id=sent.message_id, reply_markup=keyboard("3")
    )
    assert not isinstance(edited, bool) and edited.text == "Вопрос 2"
    [shown] = await playground.messages("ru")
    assert (shown["text"], shown["edited"]) == ("Вопрос 2", True)
    assert [b["text"] for b in shown["inline_keyboard"][0]] == ["3"]
    await bot.edit_message_reply_markup(chat_id=RU, message_id=sent.message_id)
    assert (await playground.messages("ru"))[0]["inline_keyboard"] is None
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=RU, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("?", chat_id=RU, message_id=999)


async def test_a_deleted_message_leaves_the_page(playground: Playground) -> None:
    first = await playground.bot.send_message(RU, "first")
    await playground.bot.send_message(RU, "second")
    assert await playground.bot.delete_message(RU, first.message_id) is True
    assert [m["text"] for m in await playground.messages("ru")] == ["second"]
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await playground.bot.delete_message(RU, first.message_id)


async def test_what_people_do_reaches_the_bot_as_updates(playground: Playground) -> None:
    assert await playground.act("send", person="ru", text="/start") == (200, {"ok": True})
    [update] = await playground.bot.get_updates(timeout=1)
    assert update.message is not None and update.message.text == "/start"
    assert update.message.from_user is not None
    assert (update.message.from_user.id, update.message.from_user.language_code) == (RU, "ru")
    assert [e.type for e in update.message.entities or []] == ["bot_command"]

    question = await playground.bot.send_message(RU, "Q", reply_markup=keyboard("Yes", "No"))
    await playground.act("press", person="ru", message_id=question.message_id, data="Yes")
    await playground.act("sticker", person="ru")
    await playground.act("photo", person="ru")
    updates = await playground.bot.get_updates(offset=update.update_id + 1, timeout=1)
    press, sticker, photo = updates
    assert press.callback_query is not None and press.callback_query.data == "Yes"
    assert press.callback_query.message is not None
    assert press.callback_query.message.message_id == question.message_id
    assert sticker.message is not None and sticker.message.sticker is not None
    assert photo.message is not None and photo.message.photo is not None
    # A confirmed update is not delivered again.
    assert await playground.bot.get_updates(offset=photo.update_id + 1, timeout=0) == []

    await playground.bot.answer_callback_query(press.callback_query.id, text="Сохранено")
    assert (await playground.state("ru"))["notices"][-1]["text"] == "Сохранено"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await playground.bot.answer_callback_query(press.callback_query.id)


async def test_a_press_on_a_message_no_longer_there_gets_a_clear_answer(
    playground: Playground,
) -> None:
    status, body = await playground.act("press", person="ru", message_id=77, data="x")
    assert (status, body["ok"]) == (400, False)
    assert "no longer in the chat" in body["error"]
    status, body = await playground.act("send", person="ru", text="   ")
    assert status == 400 and body["error"] == "Type a message first."
    # A button the message no longer shows is not pressed, as in Telegram's apps.
    question = await playground.bot.send_message(RU, "Q", reply_markup=keyboard("Yes"))
    await playground.bot.edit_message_reply_markup(
        chat_id=RU, message_id=question.message_id, reply_markup=keyboard("Later")
    )
    status, body = await playground.act(
        "press", person="ru", message_id=question.message_id, data="Yes"
    )
    assert status == 400 and body["error"] == "That button is no longer on this message."
    assert await playground.bot.get_updates(timeout=0) == []
    # A new keyboard alone does not mark the message edited.
    assert (await playground.messages("ru"))[0]["edited"] is False


async def test_a_person_who_blocked_the_bot_gets_nothing_until_they_unblock(
    playground: Playground,
) -> None:
    await playground.act("block", person="en", blocked=True)
    [update] = await playground.bot.get_updates(timeout=1)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    assert (await playground.state("en"))["people"][1]["blocked"] is True
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await playground.bot.send_message(EN, "Hello?")
    # Nor can they write to it, as in Telegram, until they unblock.
    status, body = await playground.act("send", person="en", text="hi")
    assert status == 400 and "unblock it" in body["error"]
    await playground.act("block", person="en", blocked=False)
    [update] = await playground.bot.get_updates(offset=update.update_id + 1, timeout=1)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "member"
    await playground.bot.send_message(EN, "Welcome back")
    assert [m["text"] for m in await playground.messages("en")] == ["Welcome back"]


async def test_unknown_methods_and_wrong_tokens_get_clear_errors(playground: Playground) -> None:
    with pytest.raises(TelegramNotFound, match="sendVenue is not implemented in the playground"):
        await playground.bot(
            SendVenue(chat_id=RU, latitude=1.0, longitude=2.0, title="t", address="a")
        )
    stranger = Bot(
        "7000000000:AnotherTokenThatThePlaygroundDoesNotKnow",
        session=AiohttpSession(api=TelegramAPIServer.from_base(playground.url)),
    )
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await stranger.get_me()
    finally:
        await stranger.session.close()


async def test_photos_and_documents_are_served_to_the_page(playground: Playground) -> None:
    png = sample_photo()
    await playground.bot.send_photo(
        RU, BufferedInputFile(png, "chart.png"), caption="<b>Балл</b> за месяц"
    )
    await playground.bot.send_document(
        RU, BufferedInputFile(b"PK\x05\x06" + bytes(18), "partner-coach-export.zip")
    )
    photo, document = await playground.messages("ru")
    assert (photo["caption"], photo["caption_entities"][0]["type"]) == ("Балл за месяц", "bold")
    async with playground.http.get(playground.url + photo["photo"]) as answer:
        assert (answer.content_type, await answer.read()) == ("image/png", png)
    assert document["document"]["name"] == "partner-coach-export.zip"
    async with playground.http.get(playground.url + document["document"]["url"]) as answer:
        assert answer.headers["Content-Disposition"] == (
            "attachment; filename*=UTF-8''partner-coach-export.zip"
        )
        assert (await answer.read())[:4] == b"PK\x05\x06"
    async with playground.http.get(playground.url + "/files/nope") as answer:
        assert answer.status == 404


async def test_each_person_sees_the_command_menu_meant_for_them(playground: Playground) -> None:
    bot = playground.bot
    await bot.set_my_commands([BotCommand(command="help", description="Help")])
    await bot.set_my_commands(
        [BotCommand(command="help", description="Помощь")], language_code="ru"
    )
    await bot.set_my_commands(
        [
            BotCommand(command="help", description="Help"),
            BotCommand(command="broadcast", description="Broadcast"),
        ],
        scope=BotCommandScopeChat(chat_id=ADMIN),
    )
    menus = {key: (await playground.state(key))["commands"] for key in ("ru", "en", "admin")}
    assert [c["description"] for c in menus["ru"]] == ["Помощь"]
    assert [c["description"] for c in menus["en"]] == ["Help"]
    assert [c["command"] for c in menus["admin"]] == ["help", "broadcast"]
    assert [c.command for c in await bot.get_my_commands(language_code="ru")] == ["help"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Help-me", description="x")])


async def test_a_reply_keyboard_shows_above_the_input_until_used_or_removed(
    playground: Playground,
) -> None:
    buttons = [[KeyboardButton(text="Да"), KeyboardButton(text="Нет")]]
    await playground.bot.send_message(
        RU, "?", reply_markup=ReplyKeyboardMarkup(keyboard=buttons, one_time_keyboard=True)
    )
    assert (await playground.state("ru"))["reply_keyboard"]["rows"] == [["Да", "Нет"]]
    await playground.act("send", person="ru", text="Да")
    assert (await playground.state("ru"))["reply_keyboard"] is None  # one-time: used up
    await playground.bot.send_message(RU, "?", reply_markup=ReplyKeyboardMarkup(keyboard=buttons))
    await playground.act("send", person="ru", text="Нет")
    assert (await playground.state("ru"))["reply_keyboard"] is not None
    await playground.bot.send_message(RU, "ok", reply_markup=ReplyKeyboardRemove())
    assert (await playground.state("ru"))["reply_keyboard"] is None


async def test_a_broadcast_copy_shows_in_each_chat(playground: Playground) -> None:
    await playground.act("send", person="admin", text="Tip of the week")
    [update] = await playground.bot.get_updates(timeout=1)
    assert update.message is not None
    copied = await playground.bot.copy_message(RU, ADMIN, update.message.message_id)
    [shown] = await playground.messages("ru")
    assert (shown["id"], shown["text"], shown["from"]) == (
        copied.message_id,
        "Tip of the week",
        "bot",
    )
    chart = await playground.bot.send_photo(ADMIN, BufferedInputFile(sample_photo(), "c.png"))
    assert chart.photo is not None
    await playground.bot.copy_message(EN, ADMIN, chart.message_id, caption="<i>New</i> chart")
    [copy] = await playground.messages("en")
    assert (copy["caption"], copy["photo"]) == ("New chart", f"/files/{chart.photo[-1].file_id}")
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await playground.bot.copy_message(EN, ADMIN, 999)


async def test_the_clock_buttons_move_the_bots_time(playground: Playground) -> None:
    clock = playground.clock
    assert await playground.act("clock", step="month") == (200, {"ok": True})
    assert clock.now() == datetime(2026, 2, 28, 9, 0, tzinfo=UTC)  # 31 Jan + 1 month
    await playground.act("clock", step="week")
    await playground.act("clock", step="day")
    await playground.act("clock", step="hour")
    assert clock.now() == datetime(2026, 3, 8, 10, 0, tzinfo=UTC)
    assert clock.ahead == clock.now() - START
    assert len(playground.clock_moves) == 4  # due work is woken at every move
    status, body = await playground.act("clock", step="year")
    assert status == 400 and "hour, day, week, month" in body["error"]
    assert clock.now() - START == timedelta(days=36, hours=1)
    state = await playground.state("ru")
    assert state["clock"] == {"label": "вс, 8 мар. 2026, 10:00", "zone": "UTC"}


async def test_moving_the_clock_stops_wherever_work_falls_due(playground: Playground) -> None:
    """Each check-in, nudge or tip is sent at its own moment, as if the days had passed,
    not all at once at the end and marked late."""
    day = timedelta(days=1)
    playground.due[:] = [START + day, START + 3 * day, START + 3 * day, START + 9 * day]
    await playground.act("clock", step="week")
    assert playground.runs == [START, START + day, START + 3 * day]
    assert playground.clock.now() == START + 7 * day
    assert playground.due == [START + 9 * day]  # next week's stays pending


async def test_only_this_computer_drives_the_playground(playground: Playground) -> None:
    # Another site reaching 127.0.0.1 under its own name (DNS rebinding) is refused...
    async with playground.http.get(
        f"{playground.url}/api/state?person=ru", headers={"Host": "evil.example:8080"}
    ) as answer:
        assert answer.status == 403
    # ...and so is a cross-site form posted as text/plain, which needs no CORS preflight.
    async with playground.http.post(
        f"{playground.url}/api/send",
        data='{"person": "ru", "text": "/delete_me"}',
        headers={"Content-Type": "text/plain"},
    ) as answer:
        assert answer.status == 415
    assert await playground.bot.get_updates(timeout=0) == []
    # Nor can another site post to the local Bot API, whose token it could not know anyway.
    async with playground.http.post(
        f"{playground.url}/bot{PLAYGROUND_TOKEN}/sendMessage",
        data={"chat_id": str(RU), "text": "Click here"},
        headers={"Origin": "https://evil.example"},
    ) as answer:
        assert answer.status == 403
    assert await playground.messages("ru") == []


async def test_malformed_requests_get_telegrams_400_not_a_crash(playground: Playground) -> None:
    url = f"{playground.url}/bot{PLAYGROUND_TOKEN}"
    for method, fields, refusal in [
        ("deleteMessage", {"chat_id": str(RU), "message_id": "abc"}, "must be of type Integer"),
        (
            "sendMessage",
            {"chat_id": str(RU), "text": "x", "reply_markup": "{"},
            "can't parse reply_markup JSON object",
        ),
        (
            "sendMessage",
            {"chat_id": str(RU), "text": "x", "reply_markup": '{"inline_keyboard": [["Go"]]}'},
            "InlineKeyboardButton must be an Object",
        ),
    ]:
        async with playground.http.post(f"{url}/{method}", data=fields) as answer:
            body = await answer.json()
            assert (answer.status, body["ok"]) == (400, False)
            assert refusal in body["description"]
    # Telegram takes parameters in the query string too.
    async with playground.http.get(f"{url}/sendMessage?chat_id={RU}&text=hello") as answer:
        assert (await answer.json())["result"]["text"] == "hello"


async def test_the_bot_cannot_write_first_to_someone_who_never_wrote(
    playground: Playground,
) -> None:
    playground.api.chats[EN].started = False
    with pytest.raises(TelegramForbiddenError, match="bot can't initiate conversation"):
        await playground.bot.send_message(EN, "Hello")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await playground.bot.set_my_commands(
            [BotCommand(command="help", description="Help")],
            scope=BotCommandScopeChat(chat_id=EN),
        )
    await playground.act("send", person="en", text="/start")
    await playground.bot.send_message(EN, "Hello")
    assert [m["text"] for m in await playground.messages("en")] == ["/start", "Hello"]


LINK = "https://t.me/partner_coach_playground_bot?start=fb_" + "Ab3-_" * 6 + "xy"
SHARE = "https://t.me/share/url?url=" + quote(LINK, safe="") + "&text=" + quote("Как прошло?")


def one_button(button: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


async def test_a_copy_button_and_a_share_link_are_kept_as_telegram_keeps_them(
    playground: Playground,
) -> None:
    bot = playground.bot
    draft = f"Здравствуйте! Пара вопросов о проекте: {LINK}"
    await bot.send_message(
        RU,
        f'Ссылка для клиента: <a href="{LINK}">ответить</a>',
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text="Скопировать", copy_text=CopyTextButton(text=draft))],
                [InlineKeyboardButton(text="Отправить", url=SHARE)],
            ]
        ),
    )
    await bot.send_message(
        RU,
        "ok",
        reply_markup=one_button(
            InlineKeyboardButton(text="x", copy_text=CopyTextButton(text="ж" * 256))
        ),
    )
    first, second = await playground.messages("ru")
    assert first["entities"][0] == {
        "type": "text_link",
        "offset": 20,
        "length": 8,
        "url": LINK,
    }
    copy, share = (row[0] for row in first["inline_keyboard"])
    assert copy == {"text": "Скопировать", "copy_text": {"text": draft}}
    assert share == {"text": "Отправить", "url": SHARE}
    assert second["inline_keyboard"][0][0]["copy_text"] == {"text": "ж" * 256}


async def test_a_link_written_out_in_a_text_becomes_a_url_entity_as_on_telegram(
    playground: Playground,
) -> None:
    await playground.bot.send_message(
        RU,
        f"Ссылка: {LINK}. И ещё (t.me/other_bot), <code>https://x.org</code>, "
        '<a href="https://y.org">https://y.org</a>',
    )
    [shown] = await playground.messages("ru")
    found = [
        (e["type"], shown["text"][e["offset"] : e["offset"] + e["length"]])
        for e in shown["entities"]
    ]
    assert found == [
        ("url", LINK),
        ("url", "t.me/other_bot"),
        ("code", "https://x.org"),
        ("text_link", "https://y.org"),
    ]


@pytest.mark.parametrize("text", ["x" * 257, ""])
async def test_a_copy_button_over_256_characters_or_empty_is_refused(
    playground: Playground, text: str
) -> None:
    markup = one_button(InlineKeyboardButton(text="Copy", copy_text=CopyTextButton(text=text)))
    with pytest.raises(TelegramBadRequest, match="BUTTON_COPY_TEXT_INVALID"):
        await playground.bot.send_message(RU, "ok", reply_markup=markup)
    assert await playground.messages("ru") == []


async def test_the_client_is_a_fourth_person_with_a_chat_of_their_own(
    playground: Playground,
) -> None:
    state = await playground.state("client")
    assert [p["label"] for p in state["people"]] == [
        "Аня · RU",
        "Sam · EN",
        "Alex · admin",
        "Миша · клиент",
    ]
    assert (state["person"], state["client"]) == ("client", "client")
    assert state["bot_username"] == "partner_coach_playground_bot"
    assert (state["messages"], state["commands"]) == ([], [])  # no menu until the bot sets one
    # Not an admin: a menu for the admin's chat is not theirs; the default one is.
    await playground.bot.set_my_commands(
        [BotCommand(command="broadcast", description="Broadcast")],
        scope=BotCommandScopeChat(chat_id=ADMIN),
    )
    await playground.bot.set_my_commands(
        [BotCommand(command="help", description="Помощь")], language_code="ru"
    )
    assert [c["command"] for c in (await playground.state("client"))["commands"]] == ["help"]


async def test_a_link_to_the_bot_opened_as_the_client_sends_start_with_its_payload(
    playground: Playground,
) -> None:
    """As in Telegram: the client's chat opens and /start <payload> is sent as them; the
    bot could not have written to them before."""
    playground.api.chats[CLIENT].started = False
    with pytest.raises(TelegramForbiddenError, match="bot can't initiate conversation"):
        await playground.bot.send_message(CLIENT, "Hello")
    payload = LINK.rsplit("=", 1)[1]
    assert await playground.act("start", person="client", payload=payload) == (200, {"ok": True})
    [update] = await playground.bot.get_updates(timeout=1)
    message = update.message
    assert message is not None and message.from_user is not None
    assert (message.text, message.from_user.id, message.from_user.first_name) == (
        f"/start {payload}",
        CLIENT,
        "Миша",
    )
    assert message.from_user.language_code == "ru"
    assert [(e.type, e.offset, e.length) for e in message.entities or []] == [("bot_command", 0, 6)]
    await playground.bot.send_message(CLIENT, "Здравствуйте, Миша!")
    assert [m["text"] for m in await playground.messages("client")] == [
        f"/start {payload}",
        "Здравствуйте, Миша!",
    ]
    assert await playground.messages("ru") == []


@pytest.mark.parametrize(
    "payload",
    ["x" * 65, "fb_не-латиница", "fb x", "fb_a+b", "", None],
)
async def test_a_start_parameter_telegram_would_not_deliver_sends_a_plain_start(
    playground: Playground, payload: str | None
) -> None:
    await playground.act("start", person="client", payload=payload)
    [update] = await playground.bot.get_updates(timeout=1)
    assert update.message is not None and update.message.text == "/start"


async def test_a_start_parameter_of_64_characters_is_delivered(playground: Playground) -> None:
    payload = "A-z_09" * 10 + "abcd"
    await playground.act("start", person="en", payload=payload)
    [update] = await playground.bot.get_updates(timeout=1)
    assert update.message is not None and update.message.text == f"/start {payload}"
