"""The playground in a real browser (headless Chromium): a Russian-speaking freelancer
goes from /start to a reminder two weeks later, as a person would, by typing and pressing
buttons on the page."""

from __future__ import annotations

import asyncio
import io
import os
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from aiogram import Bot
from aiogram.types import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup, Update
from matplotlib import image

from bot.i18n import I18n
from playground.chats import PEOPLE
from testkit import engines
from tests.support.playground_process import (
    CHROMIUM_ARGS,
    chromium_or_skip,
    local_playground,
    playground_process,
)

pytestmark = pytest.mark.skipif(
    engines.ON_SERVERS, reason="the playground runs on SQLite alone: the SQLite run covers it"
)

if not engines.ON_SERVERS:
    from playwright.async_api import Browser, Locator, Page, Route, async_playwright, expect

RU = I18n().get("ru")
PACE_MS = 250
# Thursday noon in Berlin: the check-in planned for two weeks later falls on a weekday
# morning, whatever the day the test runs.
START = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
# Where the README's picture comes from: SAVE_SCREENSHOT=docs/playground.png
SAVE_SCREENSHOT = os.environ.get("SAVE_SCREENSHOT")


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    path = chromium_or_skip()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


class Person:
    """One person at the page: types, presses, reads the newest bot messages. Never faster
    than four actions a second: the bot slows down anyone above five (FLOOD_RATE)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    async def type(self, text: str) -> None:
        await self.page.wait_for_timeout(PACE_MS)
        await self.page.locator("#text").fill(text)
        await self.page.locator("#send").click()
        await expect(self.page.locator("#text")).to_have_value("")

    async def press(self, label: str) -> None:
        await self.page.wait_for_timeout(PACE_MS)
        button = self.page.locator("#messages .inline-keyboard button").filter(
            has_text=_exact(label)
        )
        await button.last.click()

    async def follow(self, label: str) -> None:
        """A URL button of the newest message that has one with this label."""
        await self.page.wait_for_timeout(PACE_MS)
        await (
            self.page.locator("#messages .inline-keyboard a")
            .filter(has_text=_exact(label))
            .last.click()
        )

    async def becomes(self, key: str) -> None:
        """The visitor switches to another person's chat."""
        await self.page.locator(f'button[data-person="{key}"]').click()
        await expect(self.page.locator(f'button[data-person="{key}"]')).to_have_attribute(
            "aria-pressed", "true"
        )

    def bot_message(self, containing: str) -> Locator:
        return self.page.locator('#messages .message[data-from="bot"]').filter(has_text=containing)

    async def sees(self, text: str) -> Locator:
        found = self.bot_message(text).last
        await expect(found).to_be_visible(timeout=15_000)
        return found


async def onboard_in_russian(anna: Person) -> None:
    """Onboarding in Russian: time zone, no tips."""
    await anna.type("/start")
    await anna.sees("Привет, Аня!")
    await anna.press("Europe/Berlin")
    await anna.sees("Присылать иногда короткие советы?")
    await anna.press(RU.label("button-tips-no"))
    await anna.sees("Что делаем?")
    await expect(anna.page.locator("#clock")).to_contain_text("Europe/Berlin")
    await expect(anna.page.locator("#clock")).to_contain_text("чт, 26 нояб. 2026, 12:0")


async def finish_a_project(
    anna: Person, client: str, title: str, metric: str, baseline: str
) -> None:
    """A finished project with the client's real number, finished yesterday."""
    await anna.press(RU.label("button-done-project"))
    await anna.sees("Для какого клиента")
    await anna.type(client)
    await anna.sees("Что это был за проект?")
    await anna.type(title)
    await anna.sees("Что на самом деле было нужно клиенту?")
    await anna.press(RU.label("goal-sales"))
    await anna.sees("Как вы оба поймёте, что сработало?")
    await anna.type(metric)
    await anna.sees("Каким было это число до проекта")
    await anna.type(baseline)
    await anna.sees("Когда закончили?")
    await anna.press(RU.label("button-yesterday"))


async def reflect(anna: Person) -> None:
    """The whole reflection: twelve questions, the last one typed. The request was
    understood (5/5), and the client will surely come back (10)."""
    answers = ["5", "Да", "Да", "5", "Да", "Да", "5", "Да", "5", "10", RU.label("decision-keep")]
    for number, answer in enumerate(answers, start=1):
        await anna.sees(f"Вопрос {number} из 12")
        await anna.press(answer)
    await anna.sees("Вопрос 12 из 12")
    await anna.type("Спрашивать цифры до старта")


def _exact(label: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(label)}\s*$")


async def test_a_freelancer_goes_from_start_to_a_reminder_two_weeks_later(
    browser: Browser, tmp_path: Path
) -> None:
    async with playground_process(tmp_path, now=START) as playground:
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        await page.goto(f"{playground.url}/#ru")
        await expect(page.locator("body")).to_have_attribute("data-ready", "true")
        anna = Person(page)

        await onboard_in_russian(anna)
        await finish_a_project(
            anna, "Кофейня «Зерно»", "Лендинг к весне", "заказы в неделю", "30 заказов"
        )
        await reflect(anna)
        score = await anna.sees("Балл партнёрства:")
        await expect(score).to_contain_text("/100")

        # A check-in in two weeks, confirmed with its weekday.
        await anna.press(RU.label("preset-2w"))
        planned = await anna.sees("Напомню написать клиенту")
        await expect(planned).to_contain_text("Кофейня «Зерно»")
        await expect(planned).to_contain_text("10 дек.")

        # The score chart, drawn by the bot and shown as an image.
        await anna.type("/stats")
        chart = page.locator("#messages img.photo").last
        await expect(chart).to_be_visible(timeout=15_000)
        width = await chart.evaluate("image => image.complete ? image.naturalWidth : 0")
        assert width >= 400

        # Two weeks pass in two clicks; the reminder arrives with its buttons.
        assert await anna.bot_message("Пора написать клиенту").count() == 0
        for _ in range(2):
            await page.locator('button[data-advance="week"]').click()
        reminder = await anna.sees("Пора написать клиенту")
        await expect(reminder).to_contain_text("Кофейня «Зерно»")
        # Sent at its own moment (10:00 that Thursday) on the way, not late at the end.
        await expect(reminder.locator(".meta")).to_contain_text("10:00")
        await expect(reminder).not_to_contain_text(RU.label("reminder-late"))
        await expect(reminder).to_contain_text("30 заказов")
        # Done, snooze, reschedule, skip, stop, the number now, and asking the client.
        buttons = reminder.locator(".inline-keyboard button")
        await expect(buttons).to_have_count(7)
        await expect(buttons.last).to_have_text(RU.label("button-feedback-ask"))
        await expect(page.locator("#clock")).to_contain_text("10 дек. 2026")

        shot = await page.screenshot()
        assert_not_blank(shot)
        if SAVE_SCREENSHOT:
            await asyncio.to_thread(Path(SAVE_SCREENSHOT).write_bytes, shot)
        assert errors == []
        assert "Traceback" not in playground.output()


async def test_a_freelancer_asks_the_client_and_both_views_meet(
    browser: Browser, tmp_path: Path
) -> None:
    """The whole path of the client's own voice, as the visitor plays it: Аня finishes a
    project and asks her client; the share button opens Миша's chat with /start and the
    link's payload; Миша answers the three questions; Аня gets both views side by side,
    on the client's card and in /stats too."""
    async with playground_process(tmp_path, now=START) as playground:
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        await context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        await page.goto(f"{playground.url}/#ru")
        await expect(page.locator("body")).to_have_attribute("data-ready", "true")
        visitor = Person(page)

        # Аня: a project with a number, the reflection, then "ask the client".
        await onboard_in_russian(visitor)
        await finish_a_project(
            visitor, "Кофейня «Зерно»", "Лендинг к весне", "конверсия сайта", "1,5%"
        )
        await reflect(visitor)
        await visitor.sees("Балл партнёрства:")
        await visitor.press(RU.label("button-feedback-ask"))
        asked = await visitor.sees("Запрос отзыва у клиента Кофейня «Зерно»")
        link = asked.locator(".text a").filter(has_text="partner_coach_playground_bot?start=fb_")
        href = await link.get_attribute("href")
        assert href is not None
        match = re.fullmatch(
            r"https://t\.me/partner_coach_playground_bot\?start=(fb_[\w-]{32})", href
        )
        assert match, href
        payload = match.group(1)

        # Copy puts the whole message, link included, on the clipboard.
        await (
            asked.locator(".inline-keyboard button")
            .filter(has_text=RU.label("button-feedback-copy"))
            .click()
        )
        await expect(page.locator("#toast")).to_have_text("Copied to clipboard")
        copied = await page.evaluate("navigator.clipboard.readText()")
        await expect(page.locator("#toast")).to_be_hidden()  # a moment, as in Telegram
        assert copied.startswith("Здравствуйте!") and copied.endswith(f"\n{href}")
        await expect(asked.locator("blockquote")).to_contain_text(copied.split("\n")[0])

        # Send: Telegram's share dialog, Миша picked already; his chat opens at Start.
        await visitor.follow(RU.label("button-feedback-share"))
        dialog = page.locator("#link-dialog")
        await expect(dialog.locator('input[value="client"]')).to_be_checked()
        await expect(dialog.locator("#link-preview")).to_contain_text(href)
        await dialog.locator("#link-go").click()
        await expect(page.locator('button[data-person="client"]')).to_have_attribute(
            "aria-pressed", "true"
        )
        await expect(page.locator(".empty-chat")).to_contain_text(f"/start {payload}")
        await page.locator(".empty-chat .start-button").click()
        sent = page.locator('#messages .message[data-from="user"]').first
        await expect(sent).to_have_text(re.compile(rf"^/start {payload}"))
        await expect(sent.locator(".bot-command")).to_have_text("/start")

        # Миша answers: a comment typed beside the first question, a number as said aloud.
        await visitor.sees("Аня хочет узнать, как для вас прошёл проект «Лендинг к весне»")
        await visitor.press(RU.label("client-button-start"))
        await visitor.sees("1 из 3.")
        await visitor.type("О цели спросили, но потом о ней забыли")
        await visitor.sees("Ваш комментарий")
        await visitor.press("3")
        question = await visitor.sees("2 из 3.")
        await expect(question).to_contain_text("конверсия сайта: сколько сейчас?")
        await visitor.type("2,1%")
        await visitor.sees("3 из 3.")
        await visitor.press("8")
        thanks = await visitor.sees("Спасибо!")
        await expect(thanks).to_contain_text("2,1%")
        await expect(thanks).to_contain_text("О цели спросили, но потом о ней забыли")
        assert_not_blank(await page.screenshot(path=str(tmp_path / "client.png")))

        # Back to Аня: the notice, both views side by side, and the advice the gap calls for.
        await visitor.becomes("ru")
        notice = await visitor.sees("Клиент Кофейня «Зерно» ответил о проекте «Лендинг к весне»")
        await expect(notice).to_contain_text(
            "Поняли, что на самом деле было нужно: вы 5/5 · клиент 3/5"
        )
        await expect(notice).to_contain_text("Снова работать вместе: вы 10/10 · клиент 8/10")
        await expect(notice).to_contain_text("со слов клиента 2,1%")
        await expect(notice).to_contain_text("«О цели спросили, но потом о ней забыли»")
        await expect(notice).to_contain_text("Клиент почувствовал, что его поняли меньше")
        assert_not_blank(await page.screenshot(path=str(tmp_path / "freelancer.png")))

        # The card says it too, and so does /stats.
        await visitor.press(RU.label("button-to-client"))
        card = await visitor.sees("Взгляд клиента,")
        await expect(card).to_contain_text("понимание задачи: вы 5/5 · клиент 3/5")
        await expect(card).to_contain_text("снова работать вместе: вы 10/10 · клиент 8/10")
        await visitor.type("/stats")
        stats = await visitor.sees("Взгляд клиентов")
        await expect(stats).to_contain_text("1 ответ")
        await expect(stats).to_contain_text("в среднем +2,0")
        await expect(stats).to_contain_text("лучше по цифре самого клиента: 1 из 1")
        assert errors == []
        assert "Traceback" not in playground.output()
        await context.close()


async def test_each_person_has_their_own_chat_menu_and_language(
    browser: Browser, tmp_path: Path
) -> None:
    en = I18n().get("en")
    async with playground_process(tmp_path) as playground:
        page = await browser.new_page(viewport={"width": 1000, "height": 700})
        await page.goto(playground.url)
        await expect(page.locator("body")).to_have_attribute("data-ready", "true")
        sam = Person(page)
        await page.locator('button[data-person="en"]').click()
        await expect(page.locator('button[data-person="en"]')).to_have_attribute(
            "aria-pressed", "true"
        )

        # The "/" menu in Sam's language; a command from it is sent at once.
        await page.locator("#menu-button").click()
        await expect(page.locator("#command-menu")).to_contain_text(en("command-help"))
        await expect(page.locator("#command-menu")).not_to_contain_text(en("command-broadcast"))
        await page.locator('#command-menu button[data-command="start"]').click()
        await sam.sees("Hi, Sam!")
        # A sticker in the middle of onboarding gets a friendly word, not silence.
        await page.wait_for_timeout(PACE_MS)
        await page.locator("#sticker").click()
        await sam.sees("not a sticker")

        # Anna's chat is her own, and her menu is in Russian; the admin's has broadcasts.
        await page.locator('button[data-person="ru"]').click()
        await expect(page.locator('#messages .message[data-from="bot"]')).to_have_count(0)
        await page.locator("#menu-button").click()
        await expect(page.locator("#command-menu")).to_contain_text(RU("command-help"))
        await page.keyboard.press("Escape")
        # The admin's own menu comes with their first /start, as on Telegram.
        await page.locator('button[data-person="admin"]').click()
        await sam.type("/start")
        await sam.sees("Hi, Alex!")
        await page.locator("#menu-button").click()
        await expect(page.locator("#command-menu")).to_contain_text(en("command-broadcast"))
        await page.keyboard.press("Escape")

        # Blocking the bot is one click away, and so is coming back.
        await page.locator('button[data-person="en"]').click()
        await page.locator("#block-toggle").click()
        await expect(page.locator("#block-toggle")).to_have_text("Unblock the bot")
        await page.locator("#block-toggle").click()
        await expect(page.locator("#block-toggle")).to_have_text("Block the bot")


async def test_the_page_draws_a_chat_not_a_blank_screen(browser: Browser, tmp_path: Path) -> None:
    async with playground_process(tmp_path) as playground:
        page = await browser.new_page(viewport={"width": 1000, "height": 700})
        await page.goto(f"{playground.url}/#en")
        await expect(page.locator("body")).to_have_attribute("data-ready", "true")
        await page.locator("#text").fill("/start")
        await page.locator("#send").click()
        await expect(page.locator('#messages .message[data-from="bot"]').first).to_be_visible(
            timeout=15_000
        )
        shot = await page.screenshot(path=str(tmp_path / "page.png"))
        assert_not_blank(shot)


BOT_LINK = "https://t.me/partner_coach_playground_bot?start=fb_" + "K7-q_" * 6 + "Zz"
PAYLOAD = BOT_LINK.rsplit("=", 1)[1]


async def test_a_link_to_the_bot_opens_in_the_chat_of_whoever_the_visitor_picks(
    browser: Browser, tmp_path: Path
) -> None:
    """As in Telegram: a shared link goes to someone else (the client unless the visitor
    picks another), and opening it sends /start with its payload as them; a chat opened
    for the first time waits for Start. Other links open in a new tab, a copy button
    copies."""
    draft = f"Здравствуйте! Ответите на три вопроса о проекте? {BOT_LINK}"
    share = f"https://t.me/share/url?url={quote(BOT_LINK, safe='')}&text={quote(draft)}"
    async with local_playground(START) as playground:
        ru, client = PEOPLE_IDS["ru"], PEOPLE_IDS["client"]
        await playground.bot.send_message(
            ru,
            f'Ссылка для клиента: <a href="{BOT_LINK}">ответить на вопросы</a>. '
            "Подробнее: https://example.com/about",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        InlineKeyboardButton(
                            text="Скопировать", copy_text=CopyTextButton(text=draft)
                        )
                    ],
                    [InlineKeyboardButton(text="Отправить клиенту", url=share)],
                    [
                        InlineKeyboardButton(
                            text="Другой бот", url="https://t.me/some_other_bot?start=hello"
                        ),
                        InlineKeyboardButton(
                            text="Длинная ссылка",
                            url="https://t.me/partner_coach_playground_bot?start=" + "x" * 65,
                        ),
                    ],
                ]
            ),
        )
        context = await browser.new_context(viewport={"width": 1100, "height": 800})
        await context.grant_permissions(["clipboard-read", "clipboard-write"])
        elsewhere: list[str] = []  # what the browser tried to open beyond the page

        async def offline(route: Route) -> None:
            elsewhere.append(route.request.url)
            await route.abort()

        await context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), offline)
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        await page.goto(f"{playground.url}/#ru")
        await expect(page.locator("body")).to_have_attribute("data-ready", "true")
        await expect(page.locator('button[data-person="client"]')).to_have_text("Миша · клиент")

        # The share button: anyone but Аня, the client first; Send opens Миша's chat.
        await page.locator("#messages a", has_text="Отправить клиенту").click()
        dialog = page.locator("#link-dialog")
        await expect(dialog).to_be_visible()
        await expect(dialog.locator("#link-title")).to_have_text("Share with…")
        await expect(dialog.locator("#link-preview")).to_contain_text(draft)
        assert await dialog.locator(".link-person").all_inner_texts() == [
            "Sam · EN",
            "Alex · admin",
            "Миша · клиент",
        ]
        await expect(dialog.locator('input[value="client"]')).to_be_checked()
        await dialog.locator("#link-go").click()
        await expect(dialog).to_be_hidden()
        await expect(page.locator('button[data-person="client"]')).to_have_attribute(
            "aria-pressed", "true"
        )
        assert page.url.endswith("#client")
        # A first visit to the bot: Telegram's Start button, which sends the link's /start.
        await page.locator(".empty-chat .start-button").click()
        sent = page.locator('#messages .message[data-from="user"]').last
        await expect(sent).to_contain_text(f"/start {PAYLOAD}")
        [update] = await updates(playground.bot, 1)
        assert update.message is not None and update.message.from_user is not None
        assert (update.message.from_user.id, update.message.text) == (client, f"/start {PAYLOAD}")
        await playground.bot.send_message(client, "Здравствуйте, Миша!")
        await expect(page.locator("#messages")).to_contain_text("Здравствуйте, Миша!")
        shot = await page.screenshot(path=str(tmp_path / "client.png"))
        assert_not_blank(shot)

        # The link in the text, back in Аня's chat: opened as Миша, whose chat has history
        # now, it is sent at once; Аня could open it herself too.
        await page.locator('button[data-person="ru"]').click()
        await page.locator("#messages a", has_text="ответить на вопросы").click()
        await expect(dialog.locator("#link-title")).to_have_text("Open the link as…")
        await expect(dialog.locator(".link-person")).to_have_count(4)
        await expect(dialog.locator('[data-person="ru"]')).to_contain_text("(you)")
        await expect(dialog.locator('input[value="client"]')).to_be_checked()
        await dialog.locator("#link-go").click()
        await expect(page.locator('#messages .message[data-from="user"]')).to_have_count(2)
        [again] = await updates(playground.bot, 1, after=update.update_id)
        assert again.message is not None and again.message.text == f"/start {PAYLOAD}"

        # A start parameter Telegram would not deliver: a plain /start.
        await page.locator('button[data-person="ru"]').click()
        await page.locator("#messages a", has_text="Длинная ссылка").click()
        await dialog.locator("#link-go").click()
        [plain] = await updates(playground.bot, 1, after=again.update_id)
        assert plain.message is not None and plain.message.text == "/start"

        # The copy button copies its text, with Telegram's short notice.
        await page.locator('button[data-person="ru"]').click()
        await page.locator("#messages button", has_text="Скопировать").click()
        await expect(page.locator("#toast")).to_have_text("Copied to clipboard")
        assert await page.evaluate("navigator.clipboard.readText()") == draft

        # Another bot and another site open in a new tab, never on the page.
        for label in ("Другой бот", "example.com/about"):
            link = page.locator("#messages a", has_text=label)
            assert await link.get_attribute("target") == "_blank"
            assert await link.get_attribute("rel") == "noopener"
            async with context.expect_page():
                await link.click()
            await expect(dialog).to_be_hidden()
        assert list(dict.fromkeys(elsewhere)) == [
            "https://t.me/some_other_bot?start=hello",
            "https://example.com/about",
        ]
        assert await updates(playground.bot, 0, after=plain.update_id) == []
        assert errors == []
        await context.close()


PEOPLE_IDS = {person.key: person.user_id for person in PEOPLE}


async def updates(bot: Bot, count: int, *, after: int = 0) -> list[Update]:
    """The next `count` updates the page sent, waiting a little for them."""
    for _ in range(50):
        found = await bot.get_updates(offset=after + 1, timeout=0)
        if len(found) >= count:
            return found
        await asyncio.sleep(0.1)
    return found


def assert_not_blank(png: bytes) -> None:
    """A drawn page has many colours, and most of it is not the background."""
    pixels = image.imread(io.BytesIO(png), format="png")[:, :, :3]
    height, width, _ = pixels.shape
    assert (width, height) >= (800, 600)
    colours = {tuple(row) for row in (pixels[::7, ::7].reshape(-1, 3) * 255).astype(int)}
    assert len(colours) > 50, f"only {len(colours)} colours: a blank or unstyled page"
    background = pixels[height // 2, 2]
    differs = (abs(pixels - background).sum(axis=2) > 0.05).mean()
    assert differs > 0.05, f"{differs:.1%} of the page differs from its background"
