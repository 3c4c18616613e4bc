"""After the project, the client's number comes back: asked in every check-in reminder and
from the client's card, kept as typed, read as a number, and shown against the baseline."""

from __future__ import annotations

import io
import re
import threading
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest
from aiogram.methods import SendPhoto
from aiogram.types import BufferedInputFile, CallbackQuery, InaccessibleMessage, Update
from matplotlib.image import imread

from bot.content.drafts import DRAFTS, NO_METRIC_DRAFTS, RESULT_DRAFTS, Draft
from bot.i18n import I18n
from bot.reading.numbers import Change
from bot.rules.checkins import AgeBucket
from bot.views.charts import (
    ChartPoint,
    MetricChartTexts,
    draw_metric_chart,
    number_text,
    render_metric_chart,
)
from bot.views.outcomes import MetricCb, MetricChartCb
from testkit.harness import BotHarness, UserDriver
from tests.support.conversations import BEST_ANSWERS, answer_all

DUE = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # two weeks on, 10:00 in Berlin


async def project_with_metric(user: UserDriver, baseline: str = "1,2%") -> None:
    """Onboarded, with a reflected project for Acme whose number is CTR at `baseline`."""
    await user.onboard()
    await user.press(user.label("button-done-project"))
    await user.send("Acme")
    await user.send("Spring banners")
    await user.press(user.label("goal-leads"))
    await user.send("CTR")
    await user.send(baseline)
    await user.send("3 days ago")
    await answer_all(user, BEST_ANSWERS, None)


async def russian_project(harness: BotHarness) -> UserDriver:
    """A Russian-speaking user with a reflected project for Ромашка: заявки в неделю, 40."""
    user = harness.user(language_code="ru")
    await user.onboard()
    await user.press(user.label("button-done-project"))
    for typed in ("Ромашка", "Лендинг"):
        await user.send(typed)
    await user.press(user.label("goal-leads"))
    for typed in ("заявки в неделю", "40 заявок", "вчера"):
        await user.send(typed)
    await answer_all(
        user, ["5", "Да", "Да", "5", "Да", "Да", "5", "Да", "5", "10", "🤝 Продолжать"], None
    )
    return user


async def open_card(user: UserDriver) -> str:
    await user.send("/clients")
    [text] = await user.press(next(b for b in user.buttons() if b.startswith("Acme")))
    return text


async def test_the_reminder_asks_for_the_number_and_the_card_shows_the_change(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await project_with_metric(user)
    await user.press("In 2 weeks")
    card = await open_card(user)
    assert "CTR: 1,2% → not measured since the project" in card

    harness.clock.set(DUE)
    await harness.due_work.run_due()
    reminder = user.last_message
    assert "Ask what the figure for CTR is now" in (reminder.text or "")
    [question] = await user.press("📏 What's the number now?", reminder)
    assert "What's the figure for <b>CTR</b> at Acme now?" in question
    assert "Before the project: 1,2%." in question
    assert "✅ Done" in user.buttons(reminder)  # the reminder stays as it was

    [saved] = await user.send("вырос до 2,1%")
    assert "Saved for Acme: вырос до 2,1%" in saved
    assert "CTR: 1,2% → вырос до 2,1% (+75%, 10 Dec 2026)" in saved
    owner = await harness.services.accounts.get(user.user_id)
    assert owner is not None
    [client] = await harness.services.clients.recent(owner, 1)
    card_data = await harness.services.clients.card(owner, client)
    assert card_data.metric is not None and card_data.metric.latest is not None
    assert card_data.metric.latest.value == pytest.approx(2.1)
    assert card_data.metric.baseline.value == pytest.approx(1.2)

    [card] = await user.press("👤 Client card")
    assert "CTR: 1,2% → вырос до 2,1% (+75%, 10 Dec 2026)" in card


async def test_from_the_card_at_any_time_and_dont_know_is_an_answer(harness: BotHarness) -> None:
    user = harness.user()
    await project_with_metric(user, baseline="40 leads a week")
    await open_card(user)
    await user.press("📏 What's the number now?")
    [saved] = await user.press("🤷 Don't know yet")
    assert "Saved for Acme: don't know yet" in saved
    assert "CTR: 40 leads a week → don't know yet (26 Nov 2026)" in saved
    await open_card(user)
    await user.press("📏 What's the number now?")
    [saved] = await user.send("38 в неделю")
    assert "CTR: 40 leads a week → 38 в неделю (-5%, 26 Nov 2026)" in saved
    export = await harness.services.accounts.export(
        await harness.services.accounts.get(user.user_id)  # type: ignore[arg-type]
    )
    assert b"metric_readings.csv" in export


async def test_wrong_input_is_asked_again_and_loses_nothing(harness: BotHarness) -> None:
    user = harness.user()
    await project_with_metric(user)
    await open_card(user)
    await user.press("📏 What's the number now?")
    [answer] = await user.send_sticker()
    assert "not a sticker" in answer
    [answer] = await user.send("x" * 301)
    assert "301" in answer  # how far over the limit
    [saved] = await user.send("2.4%")
    assert "(+100%, 26 Nov 2026)" in saved


async def test_someone_elses_project_is_refused(harness: BotHarness) -> None:
    owner = harness.user(1001)
    await project_with_metric(owner)
    stranger = harness.user(2002)
    await stranger.onboard()
    owner_user = await harness.services.accounts.get(1001)
    assert owner_user is not None
    [client] = await harness.services.clients.recent(owner_user, 1)
    project = await harness.services.outcomes.tracked_project(owner_user, client.id)
    assert project is not None
    replies = await stranger.press_data(MetricCb(project=project.id).pack(), stranger.last_message)
    assert "What is" not in " ".join(replies)
    assert stranger.alerts()[-1] == stranger.label("stale-button")
    [saved] = await stranger.send("5%")  # no question was asked: nothing is recorded
    assert "Saved" not in saved
    progress = await harness.services.outcomes.progress(owner_user, project)
    assert progress.latest is None


# ---- the chart of the number --------------------------------------------------------

CHART = "📈 Chart of the number"
NOW = "📏 What's the number now?"


def photos(user: UserDriver) -> list[SendPhoto]:
    return [m for m in user.sent if isinstance(m, SendPhoto)]


def png_size(photo: SendPhoto) -> tuple[int, int]:
    assert isinstance(photo.photo, BufferedInputFile)
    assert photo.photo.data.startswith(b"\x89PNG\r\n\x1a\n")
    image = imread(io.BytesIO(photo.photo.data), format="png")
    return image.shape[1], image.shape[0]


async def tracked_project_id(harness: BotHarness, user_id: int) -> int:
    owner = await harness.services.accounts.get(user_id)
    assert owner is not None
    [client] = await harness.services.clients.recent(owner, 1)
    project = await harness.services.outcomes.tracked_project(owner, client.id)
    assert project is not None
    return project.id


async def test_the_chart_shows_every_number_since_the_project(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[dict[str, Any]] = []

    def recording(*args: Any, **kwargs: Any) -> bytes:
        drawn.append({"args": args, "kwargs": kwargs, "thread": threading.get_ident()})
        return render_metric_chart(*args, **kwargs)

    monkeypatch.setattr("handlers.outcomes.render_metric_chart", recording)
    user = harness.user()
    await project_with_metric(user)  # finished 23 Nov, CTR 1,2% before
    await open_card(user)
    assert CHART not in user.buttons()  # nothing measured yet
    await user.press(NOW)
    await user.press("🤷 Don't know yet")
    await open_card(user)
    assert CHART not in user.buttons()  # a "don't know" is no point to draw
    harness.clock.set(DUE)
    await user.press(NOW)
    await user.send("2,1%")
    harness.clock.set(datetime(2027, 1, 10, 9, 0, tzinfo=UTC))
    card = await open_card(user)
    assert CHART in user.buttons()
    await user.press(NOW)
    await user.send("вырос до 2,4% за месяц")
    card = await open_card(user)
    card_message = user.last_message
    card_buttons = user.buttons()

    texts = await user.press(CHART)

    assert texts == []  # no text message: a photo, and the card is not edited
    [photo] = photos(user)
    width, height = png_size(photo)
    assert width >= 600 and height >= 300
    shown = user.last_message
    assert shown.photo and shown.message_id > card_message.message_id
    assert shown.caption == (
        "📈 3 readings since the project, 1 without a number\n"
        "📏 CTR: 1,2% → вырос до 2,4% за месяц (+100%, 10 Jan 2027)"
    )
    assert user.messages()[-2].text == card_message.text and card in card_message.html_text
    assert user.buttons(user.messages()[-2]) == card_buttons

    [call] = drawn
    assert call["thread"] != threading.get_ident()  # drawn off the event loop
    points, baseline, texts_ = call["args"]
    assert (baseline.day, baseline.label) == ("23 Nov 2026", "1,2%")
    assert baseline.value == pytest.approx(1.2)
    # Short readings are labelled as typed, long ones by their number.
    assert [(p.day, p.label) for p in points] == [("10 Dec 2026", "2,1%"), ("10 Jan 2027", "2.4%")]
    assert [p.value for p in points] == [pytest.approx(2.1), pytest.approx(2.4)]
    assert texts_ == MetricChartTexts(
        "CTR at Acme", "before the project", "your readings", "from the client"
    )
    assert call["kwargs"] == {"percent": True}


async def test_the_chart_speaks_russian(harness: BotHarness) -> None:
    user = await russian_project(harness)
    await user.send("/clients")
    await user.press(next(b for b in user.buttons() if b.startswith("Ромашка")))
    assert "📈 Цифра на графике" not in user.buttons()
    await user.press("📏 Какая цифра сейчас?")
    await user.send("52 заявки")
    await user.press("👤 Карточка клиента")
    await user.press("📈 Цифра на графике")
    [photo] = photos(user)
    assert png_size(photo) == (800, 450)
    assert user.last_message.caption == (
        "📈 1 замер после проекта\n📏 заявки в неделю: 40 заявок → 52 заявки (+30%, 26 нояб. 2026)"
    )


async def test_a_chart_of_someone_elses_project_is_refused(harness: BotHarness) -> None:
    owner = harness.user(1001)
    await project_with_metric(owner)
    await open_card(owner)
    await owner.press(NOW)
    await owner.send("2,1%")
    project_id = await tracked_project_id(harness, 1001)
    stranger = harness.user(2002)
    await stranger.onboard()
    forged = MetricChartCb(project=project_id).pack()
    replies = await stranger.press_data(forged, stranger.last_message)
    assert replies == []
    assert stranger.alerts()[-1] == stranger.label("stale-button")
    assert photos(stranger) == []


async def test_no_chart_before_a_number_even_from_an_old_button(harness: BotHarness) -> None:
    user = harness.user()
    await project_with_metric(user)
    await open_card(user)
    await user.press(NOW)
    await user.press("🤷 Don't know yet")
    project_id = await tracked_project_id(harness, user.user_id)
    await user.press_data(MetricChartCb(project=project_id).pack(), user.last_message)
    assert user.alerts()[-1] == user.label("stale-button")
    assert photos(user) == []


async def test_the_chart_reaches_the_chat_when_the_card_is_out_of_reach(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await project_with_metric(user)
    await open_card(user)
    await user.press(NOW)
    await user.send("2,1%")
    project_id = await tracked_project_id(harness, user.user_id)
    old = InaccessibleMessage(chat=user.chat, message_id=1, date=0)
    query = CallbackQuery(
        id="old",
        from_user=user.tg_user,
        chat_instance="ci",
        message=old,
        data=MetricChartCb(project=project_id).pack(),
    )
    await harness.feed(Update(update_id=999_999, callback_query=query))
    [photo] = [m for m in harness.session.requests if isinstance(m, SendPhoto)]
    assert photo.chat_id == user.user_id
    assert (photo.caption or "").startswith("📈 1 reading since the project\n")


def test_metric_chart_draws_percent_readings_over_the_baseline() -> None:
    baseline = ChartPoint("23 Nov 2026", 1.2, "1,2%")
    points = [
        ChartPoint("10 Dec 2026", 2.1, "2,1%"),
        ChartPoint("10 Jan 2027", 2.4, "2.4%"),
        ChartPoint("10 Feb 2027", 1.9, "$1.9% or so"),
    ]
    texts = MetricChartTexts("CTR at Acme", "before the project")
    figure = draw_metric_chart(points, baseline, texts, percent=True)
    figure.canvas.draw()
    [axes] = figure.axes
    assert axes.get_title() == "CTR at Acme"
    ticks = [label.get_text() for label in axes.get_yticklabels()]
    assert ticks and all(tick.endswith("%") for tick in ticks)
    days = [label.get_text() for label in axes.get_xticklabels()]
    assert days == ["23 Nov 2026", "10 Dec 2026", "10 Jan 2027", "10 Feb 2027"]
    labels = {text.get_text() for text in axes.texts}
    assert {"before the project", "1,2%", "2,1%", "2.4%", "$1.9% or so"} <= labels
    dashed = [line for line in axes.get_lines() if line.get_linestyle() == "--"]
    assert [np.asarray(line.get_ydata()).tolist() for line in dashed] == [[1.2, 1.2]]
    low, high = axes.get_ylim()
    assert low < 1.2 and high > 2.4

    png = render_metric_chart(points, baseline, texts, percent=True)
    image = imread(io.BytesIO(png), format="png")
    assert image.shape[:2] == (450, 800)


def test_metric_chart_of_a_single_reading_without_a_baseline() -> None:
    texts = MetricChartTexts("«Заявки» у клиента Acme", "до проекта")
    figure = draw_metric_chart([ChartPoint("10 дек. 2026", 12.0, "12 заявок")], None, texts)
    figure.canvas.draw()
    [axes] = figure.axes
    assert [line.get_linestyle() for line in axes.get_lines()] == ["-"]  # no baseline
    assert "до проекта" not in {text.get_text() for text in axes.texts}
    assert not any(label.get_text().endswith("%") for label in axes.get_yticklabels())
    low, high = axes.get_ylim()
    assert low < 12 < high  # a lone point still gets room around it
    png = render_metric_chart([ChartPoint("10 дек. 2026", 12.0, "12")], None, texts)
    assert imread(io.BytesIO(png), format="png").shape[:2] == (450, 800)
    with pytest.raises(ValueError, match="at least one point"):
        draw_metric_chart([], None, texts)


@pytest.mark.parametrize(
    ("value", "percent", "shown"),
    [
        (2.1, True, "2.1%"),
        (1200000.0, False, "1\u2009200\u2009000"),
        (-0.001, False, "0"),
        (40.0, False, "40"),
        (0.126, True, "0.13%"),
    ],
)
def test_axis_numbers_are_short(value: float, percent: bool, shown: str) -> None:
    assert number_text(value, percent) == shown


# ---- the check-in draft follows the client's number ----------------------------------


def drafts_for(user: UserDriver, options: tuple[Draft, ...], **values: str) -> set[str]:
    """The texts a reminder may quote under its greeting, rendered as the user would read
    them (a client addressed with «вы» unless told)."""
    values = {"address": "formal", **values}
    return {user.label(draft.key, **values) for draft in options}


def quoted_draft(reminder_text: str) -> str:
    """The draft's text under its greeting, as the reminder shows it: the paragraph after
    "A message you could send"."""
    return reminder_text.split("\n\n")[3].split("\n", 2)[2]


async def reminder_after(user: UserDriver, harness: BotHarness, reading: str | None) -> str:
    """The check-in reminder two weeks on, after the freelancer typed `reading` (if any)."""
    await user.press(user.label("preset-2w"))
    if reading is not None:
        await open_card(user)
        await user.press(user.label("button-metric-now"))
        await user.send(reading)
    harness.clock.set(DUE)
    await harness.due_work.run_due()
    return user.last_message.text or ""


@pytest.mark.parametrize(
    ("reading", "change"),
    [("up to 2,1%", Change.IMPROVED), ("1,2 %", Change.SAME), ("0,9%", Change.WORSE)],
)
async def test_the_reminder_draft_follows_the_measured_change(
    harness: BotHarness, reading: str, change: Change
) -> None:
    user = harness.user()
    await project_with_metric(user)
    text = await reminder_after(user, harness, reading)
    values = {"project": "Spring banners", "metric": "CTR"}
    # The number as an English reader writes it, whatever the freelancer typed.
    latest = reading.removeprefix("up to ").replace(",", ".").replace(" ", "")
    expected = drafts_for(user, RESULT_DRAFTS[change], **values, baseline="1.2%", latest=latest)
    assert quoted_draft(text) in expected
    assert latest in quoted_draft(text)  # the number is never hidden
    assert "Ask what the figure for CTR is now" in text  # the rest of the reminder is as before
    assert "✅ Done" in user.buttons()


async def test_without_a_number_the_draft_goes_by_the_projects_age(harness: BotHarness) -> None:
    user = harness.user()
    await project_with_metric(user)
    text = await reminder_after(user, harness, "don't know")
    values = {"project": "Spring banners", "metric": "CTR", "ago": "2 weeks"}
    assert quoted_draft(text) in drafts_for(user, DRAFTS[AgeBucket.WEEKS], **values)


async def test_the_draft_follows_the_number_in_russian(harness: BotHarness) -> None:
    user = await russian_project(harness)
    await user.press(user.label("preset-2w"))
    await user.send("/clients")
    await user.press(next(b for b in user.buttons() if b.startswith("Ромашка")))
    await user.press(user.label("button-metric-now"))
    await user.send("30 заявок")
    harness.clock.set(DUE)
    await harness.due_work.run_due()
    text = user.last_message.text or ""
    values = {"project": "Лендинг", "metric": "заявки в неделю"}
    # The numbers alone beside the metric's name: «40 заявок» would say «заявки» twice.
    expected = drafts_for(user, RESULT_DRAFTS[Change.WORSE], **values, baseline="40", latest="30")
    assert quoted_draft(text) in expected


async def test_a_project_without_a_number_gets_a_draft_that_asks_for_one(
    harness: BotHarness,
) -> None:
    """A kickoff may leave the number for later; the check-in draft then asks the client
    which number shows the result, rather than quoting an empty one."""
    user = harness.user()
    await user.onboard()
    await user.send("/kickoff")
    await user.send("Acme")
    await user.send("Spring banners")
    await user.press(user.label("goal-leads"))
    await user.press(user.label("button-skip"))  # no number yet
    await user.press(user.label("button-end-in-weeks", n=2))
    await user.press(user.label("button-budget-fits"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("trust-call-button"))
    await user.press(user.label("button-trust-ready", n=1))
    await user.send("/done")
    await user.press(user.label("button-started-project", project="Spring banners", client="Acme"))
    await user.press(user.label("button-today"))
    await answer_all(user, BEST_ANSWERS, None)
    text = await reminder_after(user, harness, None)
    values = {"project": "Spring banners", "ago": "2 weeks"}
    assert quoted_draft(text) in drafts_for(user, NO_METRIC_DRAFTS, **values)


_REFERRAL_ASK = {
    "en": re.compile(r"recommend|referr|testimonial|review|introduc|pass on my contact", re.I),
    "ru": re.compile(r"рекоменд|отзыв|посоветуйте|мой контакт", re.I),
}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_only_a_result_that_got_better_asks_for_a_referral(language: str) -> None:
    """Asking a favour before the client has seen the work pay off puts the freelancer's
    income first (I6, I7); after a better number, one draft may ask."""
    t = I18n().get(language)
    values = {name: "x" for name in ("project", "metric", "baseline", "latest", "ago")}
    ask = _REFERRAL_ASK[language]
    asking = [d.key for d in RESULT_DRAFTS[Change.IMPROVED] if ask.search(t(d.key, **values))]
    assert asking
    others = [
        *(d for options in DRAFTS.values() for d in options),
        *NO_METRIC_DRAFTS,
        *RESULT_DRAFTS[Change.SAME],
        *RESULT_DRAFTS[Change.WORSE],
    ]
    assert [d.key for d in others if ask.search(t(d.key, **values))] == []
    assert not ask.search(t("draft-no-project"))


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_draft_names_its_ideas_and_russian_ones_fit_any_gender(language: str) -> None:
    t = I18n().get(language)
    values = {name: "x" for name in ("project", "metric", "baseline", "latest", "ago")}
    drafts = [
        d
        for options in (*DRAFTS.values(), NO_METRIC_DRAFTS, *RESULT_DRAFTS.values())
        for d in options
    ]
    assert len(drafts) == len({d.key for d in drafts})
    for change in Change:
        assert len(RESULT_DRAFTS[change]) >= 2
    masculine = re.compile(r"\bя\s+\w+л\b|\bрад\b|\bготов\b", re.IGNORECASE)
    texts = [t("draft-no-project", address=a, **values) for a in ("formal", "informal")]
    for draft in drafts:
        assert draft.ideas and all(re.fullmatch(r"I\d+", idea) for idea in draft.ideas), draft
        texts += [t(draft.key, address=a, **values) for a in ("formal", "informal")]
    for text in texts:
        assert language == "en" or not masculine.search(text), text
