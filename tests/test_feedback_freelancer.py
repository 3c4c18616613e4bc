"""The client's own voice, as the freelancer lives it: asking from the card, after the
reflection and on a reminder; the message to send with its link; every refusal; the card
in each state of the request; withdrawing; the notice when the client answered (held
through the night); /stats, /history and the number's chart with the client's answers.

The client's side is reached through the service, as the client's own handlers would."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from aiogram.methods import SendMessage, SendPhoto
from aiogram.types import BufferedInputFile, InlineKeyboardButton, Message
from matplotlib.image import imread

from bot.rules.feedback import payload_hash
from bot.services.feedback import Asked, ClientAnswers, FeedbackOverview, LinkState
from bot.views.charts import ChartPoint, MetricChartTexts, draw_metric_chart, render_metric_chart
from bot.views.feedback import (
    COPY_TEXT_LIMIT,
    AskFrom,
    FeedbackAskCb,
    FeedbackWithdrawCb,
    asked_screen,
    request_draft,
    stats_lines,
    utf16_length,
)
from storage.feedback import FeedbackQuestion, FeedbackStatus
from storage.kickoffs import Address
from testkit.harness import BotHarness, UserDriver
from tests.support.conversations import (
    BEST_ANSWERS,
    answer_all,
    deliver_reminder,
    record_project,
    reflected,
    stored,
)

ASK = "🗣 Ask for the client's view"
WITHDRAW = "↩ Withdraw the request"
COPY = "📋 Copy"
SEND = "📤 Send"
CARD = "👤 Client card"
CARD_RU = "👤 Карточка клиента"
CLIENT = 7007  # the Telegram id of the person who answers for Acme
LINK = re.compile(r"https://t\.me/coach_bot\?start=(fb_[A-Za-z0-9_-]{32})")


def button(message: Message, label: str) -> InlineKeyboardButton:
    markup = message.reply_markup
    found = [b for row in markup.inline_keyboard for b in row if b.text == label] if markup else []
    assert found, f"no {label!r} on the message"
    return found[0]


def payload_of(message: Message) -> str:
    match = LINK.search(message.text or "")
    assert match, message.text
    return match.group(1)


def result_of(user: UserDriver) -> Message:
    """The reflection's result, with its Ask button."""
    return next(m for m in reversed(user.messages()) if "Partner score" in (m.text or ""))


async def open_card(user: UserDriver) -> Message:
    await user.send("/clients")
    await user.press(user.buttons()[0])
    return user.last_message


async def ask_on_card(harness: BotHarness, user: UserDriver) -> Message:
    await open_card(user)
    await user.press(ASK)
    return user.last_message


async def client_opens(harness: BotHarness, payload: str) -> int:
    opening = await harness.services.feedback.open(payload, CLIENT)
    assert opening.state is LinkState.READY and opening.request is not None
    return opening.request.id


async def client_answers(
    harness: BotHarness,
    payload: str,
    *,
    understood: int | None = 2,
    number: str | None = "35 orders",
    again: int | None = 9,
    comments: dict[FeedbackQuestion, str] | None = None,
) -> int:
    request_id = await client_opens(harness, payload)
    answers = ClientAnswers(understood, number, again, comments or {})
    opening = await harness.services.feedback.submit(request_id, CLIENT, answers)
    assert opening.state is LinkState.ANSWERED
    return request_id


def notices(harness: BotHarness) -> list[SendMessage]:
    return [
        m
        for m in harness.session.requests
        if isinstance(m, SendMessage) and "answered about" in m.text
    ]


# ---- asking ------------------------------------------------------------------------


async def test_asking_from_the_card_gives_a_message_with_a_link_to_copy_or_send(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    card = await open_card(user)
    assert ASK in user.buttons()
    await user.press(ASK)
    asked = user.last_message
    assert asked.message_id == card.message_id  # in the card's place
    text = asked.html_text
    assert "A request for Acme's own view of “Spring landing”" in text
    assert "three quick questions" in text and "beside your own" in text
    assert "works until 26 Dec 2026" in text
    assert "<blockquote>Hello! Could you give me your honest view of “Spring landing”?" in text
    assert user.buttons() == [COPY, SEND, WITHDRAW, CARD]

    payload = payload_of(asked)
    link = f"https://t.me/coach_bot?start={payload}"
    # Only the payload's hash is kept: the link cannot be rebuilt from the database.
    request = await harness.services.repos.feedback.by_token(payload_hash(payload))
    assert request is not None and request.status is FeedbackStatus.WAITING
    assert await harness.services.repos.feedback.by_token(payload) is None

    copy = button(asked, COPY).copy_text
    assert copy is not None
    assert copy.text.endswith("\n" + link) and utf16_length(copy.text) <= COPY_TEXT_LIMIT
    quoted = (asked.text or "").split("Send them this (📋 copies it, 📤 picks a chat):\n")[1]
    assert copy.text == quoted  # the very message shown in the quote
    share = button(asked, SEND).url
    assert share is not None and share.startswith("https://t.me/share/url?")
    query = parse_qs(urlsplit(share).query)
    assert query["url"] == [link]
    assert query["text"] == [copy.text.removesuffix("\n" + link)]

    await user.press(CARD)
    card_text = user.last_message.html_text
    assert "🗣 Asked for their own view on 26 Nov 2026; the link works until 26 Dec 2026." in (
        card_text
    )
    assert ASK not in user.buttons() and WITHDRAW in user.buttons()


async def test_asking_after_the_reflection_comes_below_the_result(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await answer_all(user, BEST_ANSWERS, None)
    result = user.messages()[-2]
    assert "Partner score: 100/100" in (result.text or "")
    assert user.buttons(result) == [ASK, "📜 History", "☰ Menu"]
    await user.press(ASK, result)
    asked = user.last_message
    assert asked.message_id > result.message_id
    assert user.messages()[-3].text == result.text  # the result and its advice stay
    assert LINK.search(asked.text or "")


async def test_asking_from_a_reminder_comes_below_it(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await deliver_reminder(harness, user)
    reminder = user.last_message
    assert "Time to check in with Acme" in (reminder.text or "")
    assert user.buttons(reminder)[-1] == ASK
    await user.press(ASK, reminder)
    assert user.last_message.message_id > reminder.message_id
    assert "✅ Done" in user.buttons(reminder)  # the reminder keeps its buttons
    assert LINK.search(user.last_message.text or "")


async def test_the_draft_fits_the_copy_limit_with_the_longest_names(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    # Emoji count twice in Telegram's characters: the longest a title can be.
    await record_project(user, client="C" * 100, title="🍰" * 200)
    await answer_all(user, BEST_ANSWERS, None)
    await user.press(ASK, user.messages()[-2])
    asked = user.last_message
    copy = button(asked, COPY).copy_text
    assert copy is not None
    assert utf16_length(copy.text) <= COPY_TEXT_LIMIT
    assert "🍰" not in copy.text and "our project" in copy.text
    assert copy.text.endswith(payload_of(asked))


async def test_the_russian_draft_speaks_as_the_client_is_addressed(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    me = await stored(harness)
    [project] = (await harness.services.reflections.history(me, 0, 6)).items
    asked = await harness.services.feedback.ask(me, project.project_id)
    assert isinstance(asked, Asked) and asked.address is Address.FORMAL
    ru = harness.services.i18n.get("ru")
    link = f"https://t.me/coach_bot?start={asked.payload}"
    formal = asked_screen(ru, asked, link, me.timezone).text
    assert "Мне важно ваше честное мнение о проекте «Spring landing»" in formal
    assert "три коротких вопроса" in formal and link in formal
    informal = request_draft(ru, replace(asked, address=Address.INFORMAL), link)
    assert informal.plain.startswith("Привет! Мне важно твоё честное мнение")
    long_title = replace(asked, project=replace(asked.project, title="Я" * 200))
    for address in Address:
        draft = request_draft(ru, replace(long_title, address=address), "https://t.me/" + "x" * 80)
        assert utf16_length(draft.plain) <= COPY_TEXT_LIMIT and "ЯЯЯ" not in draft.plain


# ---- refusals ----------------------------------------------------------------------


async def test_a_second_request_waits_for_the_first_and_can_withdraw_it(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.press(ASK, user.messages()[-2])
    first = payload_of(user.last_message)
    [refusal] = await user.press(ASK, user.messages()[-3])
    assert "Acme already has a request waiting, sent on 26 Nov 2026" in refusal
    assert "works until 26 Dec 2026" in refusal
    assert user.buttons() == [WITHDRAW, CARD]
    [card] = await user.press(WITHDRAW)
    assert card.startswith("Request withdrawn: its link no longer opens the questions.")
    assert "🗣 The request of 26 Nov 2026 was withdrawn." in card
    # Withdrawn before the client opened it, it never reached them: asking again is fine.
    assert ASK in user.buttons()
    opening = await harness.services.feedback.open(first, CLIENT)
    assert opening.state is LinkState.WITHDRAWN


async def test_once_the_client_opened_it_the_next_request_waits_a_month(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    asked = await ask_on_card(harness, user)
    await client_opens(harness, payload_of(asked))
    [card] = await user.press(WITHDRAW, asked)
    assert "was withdrawn" in card and "A new request is possible from 26 Dec 2026." in card
    assert ASK not in user.buttons()
    [refusal] = await user.press(ASK, result_of(user))
    assert refusal == (
        "🗣 Acme was asked recently. One request a month keeps it light for them: "
        "the next one can go out on 26 Dec 2026."
    )
    assert user.buttons() == [CARD]
    harness.clock.advance(days=30)
    await open_card(user)
    assert ASK in user.buttons()


async def test_a_client_who_asked_not_to_be_asked_is_left_alone(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    asked = await ask_on_card(harness, user)
    request_id = await client_opens(harness, payload_of(asked))
    assert await harness.services.feedback.decline(request_id, CLIENT)
    card = await open_card(user)
    assert "🗣 They asked not to be asked for their view again." in card.html_text
    assert "A new request is possible" not in card.html_text
    assert ASK not in user.buttons() and WITHDRAW not in user.buttons()
    harness.clock.advance(days=40)
    [refusal] = await user.press(ASK, result_of(user))
    assert refusal.startswith("🗣 Acme asked not to be asked for their view again")
    assert user.buttons() == [CARD]


async def test_a_forged_project_or_request_is_refused(harness: BotHarness) -> None:
    anna = harness.user()
    await reflected(harness, anna)
    ben = harness.user(1002, first_name="Ben")
    await ben.onboard()
    await record_project(ben, client="Ben's client")
    await answer_all(ben, BEST_ANSWERS, None)
    _, data = ben.button_data(ASK, ben.messages()[-2])
    bens_project = FeedbackAskCb.unpack(data).project

    forged = FeedbackAskCb(project=bens_project, origin=AskFrom.CARD).pack()
    texts = await anna.press_data(forged, anna.last_message)
    assert texts == [] and anna.alerts()[-1] == anna.label("stale-button")
    assert (await harness.services.feedback.for_project(await stored(harness, 1002), 0)) is None
    bens_card = await harness.services.clients.recent(await stored(harness, 1002), 1)
    found = await harness.services.feedback.for_client(await stored(harness, 1002), bens_card[0])
    assert found.latest is None  # nothing was asked in Ben's name

    await ben.press(ASK, ben.messages()[-2])
    bens_request = FeedbackWithdrawCb.unpack(ben.button_data(WITHDRAW)[1]).request
    texts = await anna.press_data(
        FeedbackWithdrawCb(request=bens_request).pack(), anna.last_message
    )
    assert texts == [] and anna.alerts()[-1] == anna.label("stale-button")
    still = await harness.services.feedback.request(await stored(harness, 1002), bens_request)
    assert still is not None and still.status is FeedbackStatus.WAITING


async def test_withdrawing_an_answered_request_shows_the_card_as_it_is(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    asked = await ask_on_card(harness, user)
    await client_answers(harness, payload_of(asked))
    [card] = await user.press(WITHDRAW, asked)
    assert user.alerts()[-1] == user.label("stale-button")
    assert "🗣 Their own view, 26 Nov 2026:" in card and "withdrawn" not in card


# ---- the card ----------------------------------------------------------------------


async def test_the_card_tells_each_state_of_the_request(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    card = (await open_card(user)).html_text
    assert "🗣" not in card  # never asked: only the button

    asked = await ask_on_card(harness, user)
    harness.clock.advance(days=31)
    card = (await open_card(user)).html_text
    assert "🗣 The request of 26 Nov 2026 expired without an answer." in card
    assert ASK in user.buttons() and WITHDRAW not in user.buttons()
    assert (await harness.services.feedback.open(payload_of(asked), CLIENT)).state is (
        LinkState.EXPIRED
    )

    asked = await ask_on_card(harness, user)
    await client_answers(harness, payload_of(asked), understood=4, again=None)
    card = (await open_card(user)).html_text
    assert (
        "🗣 Their own view, 27 Dec 2026:\n· understood what they needed: you 5/5 · client 4/5\n"
        "· would work with you again: you 10/10 · client —"
    ) in card
    assert "A new request is possible from 27 Jan 2027." in card
    assert "35 orders (+17%, 27 Dec 2026) · from the client" in card

    await harness.services.feedback.erase_person(CLIENT)
    card = (await open_card(user)).html_text
    assert "🗣 The client withdrew their answers." in card
    assert "Their own view" not in card and "from the client" not in card


# ---- the notice --------------------------------------------------------------------


async def test_the_notice_waits_for_the_morning_and_shows_both_views(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)  # Berlin, check-ins at 10:00
    asked = await ask_on_card(harness, user)
    harness.clock.set(datetime(2026, 11, 26, 22, 30, tzinfo=UTC))  # 23:30 in Berlin
    comments = {
        FeedbackQuestion.UNDERSTOOD: "The <goal> & brief felt fuzzy",
        FeedbackQuestion.AGAIN: "Happy to",
    }
    await client_answers(harness, payload_of(asked), comments=comments)
    await harness.due_work.run_due()
    assert notices(harness) == []
    morning = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    assert harness.waker.notified[-1] == morning
    harness.clock.set(morning - timedelta(minutes=1))
    await harness.due_work.run_due()
    assert notices(harness) == []
    harness.clock.set(morning)
    await harness.due_work.run_due()
    [notice] = notices(harness)
    assert notice.text == (
        "🗣 <b>Acme answered about “Spring landing”</b>\n\n"
        "Understood what they really needed: you 5/5 · client 2/5\n"
        "<i>“The &lt;goal&gt; &amp; brief felt fuzzy”</i>\n\n"
        "Would work with you again: you 10/10 · client 9/10\n"
        "<i>“Happy to”</i>\n\n"
        "Their number (orders per week): client 35 orders · before the project 30 orders\n\n"
        "💡 They felt less understood than you thought: next time, write the goal and its "
        "number down at the start and have the client confirm it in their own words "
        "(/kickoff does this)."
    )
    message = user.last_message
    assert user.buttons(message) == [CARD]
    await user.press(CARD, message)
    assert user.last_message.html_text.startswith("<b>Acme</b>")
    await harness.due_work.run_due()
    assert len(notices(harness)) == 1  # once


async def test_a_notice_without_a_large_gap_gives_no_advice_and_says_what_is_missing(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await user.press("⏸ Pause")  # no reflection: the freelancer's own view is missing
    await open_card(user)
    await user.press(ASK)
    await client_answers(harness, payload_of(user.last_message), number="", again=3)
    await harness.due_work.run_due()
    [notice] = notices(harness)
    assert "Understood what they really needed: you — · client 2/5" in notice.text
    assert "Would work with you again: you — · client 3/10" in notice.text
    assert (
        "Their number (orders per week): client doesn't know · before the project 30 orders"
        in notice.text
    )
    assert "💡" not in notice.text


async def test_an_erased_answer_sends_no_notice(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    asked = await ask_on_card(harness, user)
    harness.clock.set(datetime(2026, 11, 26, 22, 30, tzinfo=UTC))
    await client_answers(harness, payload_of(asked))
    await harness.services.feedback.erase_person(CLIENT)
    harness.clock.set(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    assert notices(harness) == []


# ---- /stats, /history, the chart ---------------------------------------------------


async def stats_text(user: UserDriver) -> str:
    texts = await user.send("/stats")
    photo = next(m for m in reversed(user.sent) if isinstance(m, SendPhoto))
    return "\n".join([photo.caption or "", *texts])


async def test_stats_invite_to_ask_then_hold_the_forecast_against_the_client(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    text = await stats_text(user)
    assert "🗣 No client's own view yet. From a client's card you can ask for one" in text
    assert "The clients' own view" not in text
    asked = await ask_on_card(harness, user)
    await client_answers(harness, payload_of(asked))
    text = await stats_text(user)
    assert "No client's own view yet" not in text
    assert "🗣 <b>The clients' own view</b>: 1 answer" in text
    assert "· understood what they needed (1–5): your score minus theirs, on average +3.0" in text
    assert "· better by the client's own number: 1 of 1 project they gave a number for" in text
    assert (
        "· will they come back (0–10): your forecast minus their answer, on average +1.0 (over 1)"
    ) in text


async def test_history_shows_the_clients_answers_beside_the_reflection(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    await user.send("/history")
    [detail] = await user.press(user.buttons()[0])
    assert "Partner score: 100/100" in detail and "The client's own view" not in detail
    asked = await ask_on_card(harness, user)
    await client_answers(
        harness, payload_of(asked), comments={FeedbackQuestion.NUMBER: "Spring was slow"}
    )
    await user.send("/history")
    [detail] = await user.press(user.buttons()[0])
    assert (
        "🗣 <b>The client's own view</b> (26 Nov 2026)\n"
        "Understood what they really needed: you 5/5 · client 2/5\n"
        "Would work with you again: you 10/10 · client 9/10\n"
        "Their number (orders per week): client 35 orders · before the project 30 orders\n"
        "<i>“Spring was slow”</i>"
    ) in detail


async def test_the_numbers_chart_marks_the_clients_reading(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    await open_card(user)
    await user.press("📏 What's the number now?")
    await user.send("32 orders")
    harness.clock.advance(days=1)
    asked = await ask_on_card(harness, user)
    await client_answers(harness, payload_of(asked))
    card = await open_card(user)
    assert "→ 35 orders (+17%, 27 Nov 2026) · from the client" in card.html_text
    await user.press("📈 Chart of the number")
    photo = next(m for m in reversed(user.sent) if isinstance(m, SendPhoto))
    assert isinstance(photo.photo, BufferedInputFile)
    image = imread(io.BytesIO(photo.photo.data), format="png")
    assert image.shape[0] > 200 and image.shape[1] > 400

    me = await stored(harness)
    [item] = (await harness.services.reflections.history(me, 0, 6)).items
    history = await harness.services.outcomes.chart(me, item.project_id)
    assert history is not None
    assert [(r.text, r.from_client) for r in history.measured] == [
        ("32 orders", False),
        ("35 orders", True),
    ]


def test_the_chart_draws_client_points_apart_with_a_legend() -> None:
    texts = MetricChartTexts("Orders at Acme", "before the project", "your readings", "client")
    points = [ChartPoint("1 Dec", 32, "32"), ChartPoint("5 Dec", 35, "35", from_client=True)]
    figure = draw_metric_chart(points, ChartPoint("23 Nov", 30, "30"), texts)
    legend = figure.axes[0].get_legend()
    assert legend is not None
    assert [text.get_text() for text in legend.get_texts()] == ["your readings", "client"]
    assert render_metric_chart(points, None, texts).startswith(b"\x89PNG")
    own_only = draw_metric_chart(points[:1], None, texts)
    assert own_only.axes[0].get_legend() is None  # a legend only when there is a difference


async def test_a_russian_speaking_freelancer_reads_it_all_in_russian(
    harness: BotHarness,
) -> None:
    user = harness.user(language_code="ru")
    await user.onboard()
    await record_project(user, day="вчера")
    await user.press(user.label("button-pause"))
    await open_card(user)
    await user.press(user.label("button-feedback-ask"))
    asked = user.last_message
    assert "<b>Запрос отзыва у клиента Acme о проекте «Spring landing»</b>" in asked.html_text
    assert "<blockquote>Здравствуйте! Мне важно ваше честное мнение" in asked.html_text
    assert user.buttons() == ["📋 Скопировать", "📤 Отправить", "↩ Отозвать запрос", CARD_RU]
    await client_answers(harness, payload_of(asked))
    await harness.due_work.run_due()
    [notice] = [
        m for m in harness.session.requests if isinstance(m, SendMessage) and "ответил" in m.text
    ]
    assert notice.text.startswith("🗣 <b>Клиент Acme ответил о проекте «Spring landing»</b>")
    assert "Поняли, что на самом деле было нужно: вы — · клиент 2/5" in notice.text
    card = await open_card(user)
    assert "· со слов клиента" in card.html_text
    assert "· понимание задачи: вы — · клиент 2/5" in card.html_text


def test_stats_lines_write_gaps_the_readers_way(harness: BotHarness) -> None:
    overview = FeedbackOverview(
        answered=2,
        understood_gap=-0.5,
        again_gap=1.5,
        forecast_pairs=2,
        confirmed_better=0,
        client_measured=0,
    )
    ru = stats_lines(harness.services.i18n.get("ru"), overview)
    assert ru == [
        "🗣 <b>Взгляд клиентов</b>: 2 ответа",
        "· понимание задачи (1–5): ваша оценка минус оценка клиента, в среднем -0,5",
        "· вернётся ли клиент (0–10): ваш прогноз минус ответ клиента, в среднем +1,5 (по 2)",
    ]
    en = stats_lines(harness.services.i18n.get("en"), overview)
    assert en[0] == "🗣 <b>The clients' own view</b>: 2 answers" and "-0.5" in en[1]
    assert stats_lines(harness.services.i18n.get("en"), None) == []


async def test_from_the_button_to_the_notice_through_the_clients_own_chat(
    harness: BotHarness,
) -> None:
    """The whole loop as two people live it: the link from the freelancer's message is
    what the client opens, and their answers come back as the notice."""
    freelancer = harness.user()
    await reflected(harness, freelancer)
    asked = await ask_on_card(harness, freelancer)
    copy = button(asked, COPY).copy_text
    assert copy is not None
    link = LINK.search(copy.text)
    assert link is not None
    client = harness.user(CLIENT, first_name="Mike", language_code="en")
    await client.send(f"/start {link.group(1)}")  # what Telegram sends for the link
    await client.press(client.label("client-button-start"))
    await client.send("The brief took a while to settle")  # a comment on the first question
    await client.press("3")
    await client.send("about 40 a week")
    await client.press("6")
    await harness.due_work.run_due()
    [notice] = notices(harness)
    assert "Understood what they really needed: you 5/5 · client 3/5" in notice.text
    assert "<i>“The brief took a while to settle”</i>" in notice.text
    assert "Would work with you again: you 10/10 · client 6/10" in notice.text
    assert "client about 40 a week · before the project 30 orders" in notice.text
    assert "💡 They felt less understood than you thought" in notice.text
    card = await open_card(freelancer)
    assert "→ about 40 a week (+33%, 26 Nov 2026) · from the client" in card.html_text


async def test_an_expired_request_is_not_withdrawn(harness: BotHarness) -> None:
    user = harness.user()
    await reflected(harness, user)
    asked = await ask_on_card(harness, user)
    await client_opens(harness, payload_of(asked))
    harness.clock.advance(days=30, hours=1)  # the link ran out an hour ago
    [card] = await user.press(WITHDRAW, asked)
    assert user.alerts()[-1] == user.label("stale-button")
    assert "🗣 The request of 26 Nov 2026 expired without an answer." in card
    assert "Request withdrawn" not in card


async def test_a_freelancer_who_blocked_the_bot_gets_the_notice_when_back(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await reflected(harness, user)
    asked = await ask_on_card(harness, user)
    await user.block_bot()
    await client_answers(harness, payload_of(asked))
    await harness.due_work.run_due()
    assert notices(harness) == []
    await user.unblock_bot()
    await harness.due_work.run_due()
    assert len(notices(harness)) == 1
