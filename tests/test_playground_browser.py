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

import pytest
from matplotlib import image

from bot.i18n import I18n
from testkit import engines
from tests.support.playground_process import CHROMIUM_ARGS, chromium_or_skip, playground_process

pytestmark = pytest.mark.skipif(
    engines.ON_SERVERS, reason="the playground runs on SQLite alone: the SQLite run covers it"
)

if not engines.ON_SERVERS:
    from playwright.async_api import Browser, Locator, Page, async_playwright, expect

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

    def bot_message(self, containing: str) -> Locator:
        return self.page.locator('#messages .message[data-from="bot"]').filter(has_text=containing)

    async def sees(self, text: str) -> Locator:
        found = self.bot_message(text).last
        await expect(found).to_be_visible(timeout=15_000)
        return found


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

        # Onboarding in Russian: time zone, no tips.
        await anna.type("/start")
        await anna.sees("Привет, Аня!")
        await anna.press("Europe/Berlin")
        await anna.sees("Присылать иногда короткие советы?")
        await anna.press(RU.label("button-tips-no"))
        await anna.sees("Что делаем?")
        await expect(page.locator("#clock")).to_contain_text("Europe/Berlin")
        await expect(page.locator("#clock")).to_contain_text("чт, 26 нояб. 2026, 12:0")

        # A finished project with the client's real number.
        await anna.press(RU.label("button-done-project"))
        await anna.sees("Для какого клиента")
        await anna.type("Кофейня «Зерно»")
        await anna.sees("Что это был за проект?")
        await anna.type("Лендинг к весне")
        await anna.sees("Что на самом деле было нужно клиенту?")
        await anna.press(RU.label("goal-sales"))
        await anna.sees("Как вы оба поймёте, что сработало?")
        await anna.type("заказы в неделю")
        await anna.sees("Каким было это число до проекта")
        await anna.type("30 заказов")
        await anna.sees("Когда закончили?")
        await anna.press(RU.label("button-yesterday"))

        # The whole reflection: twelve questions, the last one typed.
        answers = [
            "5",
            "Да",
            "Да",
            "5",
            "Да",
            "Да",
            "5",
            "Да",
            "5",
            "10",
            RU.label("decision-keep"),
        ]
        for number, answer in enumerate(answers, start=1):
            await anna.sees(f"Вопрос {number} из 12")
            await anna.press(answer)
        await anna.sees("Вопрос 12 из 12")
        await anna.type("Спрашивать цифры до старта")
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
        buttons = reminder.locator(".inline-keyboard button")
        assert await buttons.count() >= 4
        await expect(page.locator("#clock")).to_contain_text("10 дек. 2026")

        shot = await page.screenshot()
        assert_not_blank(shot)
        if SAVE_SCREENSHOT:
            await asyncio.to_thread(Path(SAVE_SCREENSHOT).write_bytes, shot)
        assert errors == []
        assert "Traceback" not in playground.output()


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
