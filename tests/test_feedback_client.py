"""The client's side of a feedback request, as two people live it: a freelancer who asked,
and their client who opens the link and answers in their own language, without ever
becoming a user of the bot."""

from __future__ import annotations

import re
from pathlib import Path

from bot.rules.feedback import PAYLOAD_PREFIX
from bot.services.feedback import Asked, AskRefusal, AskRefused
from storage.feedback import FeedbackStatus
from testkit.harness import BotHarness, UserDriver
from tests.support.client_feedback import every_row
from tests.support.conversations import reflected, stored

CLIENT_ID = 2001


async def _project_id(harness: BotHarness, user_id: int = 1001) -> int:
    found = await harness.db.fetchvalue(
        "SELECT id FROM projects WHERE user_id = :user_id ORDER BY id DESC LIMIT 1",
        {"user_id": user_id},
    )
    assert found is not None
    return int(found)


async def _ask(harness: BotHarness, user_id: int = 1001) -> Asked:
    user = await stored(harness, user_id)
    asked = await harness.services.feedback.ask(user, await _project_id(harness, user_id))
    assert isinstance(asked, Asked), asked
    return asked


async def _asked(harness: BotHarness) -> tuple[UserDriver, UserDriver, Asked]:
    """A freelancer (Anna, English) with a reflected project for Acme, who asked for
    feedback; and the client (Миша, Russian Telegram), who has not opened it yet."""
    freelancer = harness.user()
    await reflected(harness, freelancer)
    client = harness.user(CLIENT_ID, first_name="Миша", language_code="ru")
    return freelancer, client, await _ask(harness)


async def _started(client: UserDriver, asked: Asked, understood: str = "4") -> None:
    """The client opened the link, pressed Answer and answered the first question."""
    await client.send(f"/start {asked.payload}")
    await client.press(client.label("client-button-start"))
    await client.press(understood)


def _shown(person: UserDriver) -> str:
    return person.last_message.text or ""


async def _request_status(harness: BotHarness, asked: Asked) -> str:
    return str(
        await harness.db.fetchvalue(
            "SELECT status FROM feedback_requests WHERE id = :id", {"id": asked.request.id}
        )
    )


async def _everything_stored(harness: BotHarness) -> str:
    """Every row of every table, as text: to look for what must not be kept."""
    tables = await every_row(harness.db)
    return "\n".join(repr(row) for rows in tables.values() for row in rows)


async def test_the_client_answers_in_their_language_and_is_never_enrolled(
    harness: BotHarness,
) -> None:
    _, client, asked = await _asked(harness)
    replies = await client.send(f"/start {asked.payload}")
    intro = replies[-1]
    assert "Anna" in intro and "Spring landing" in intro
    assert "Три коротких вопроса" in intro  # the client's own Telegram language
    await client.press(client.label("client-button-start"))
    assert "1 из 3" in _shown(client)
    # A typed comment stays with the question it was typed on.
    replies = await client.send("Цель поняли, но не сразу")
    assert "Цель поняли, но не сразу" in replies[-1] and "1 из 3" in replies[-1]
    await client.press("3")
    assert "2 из 3" in _shown(client) and "orders per week" in _shown(client)
    await client.send("около 40 в неделю")
    assert "3 из 3" in _shown(client)
    replies = await client.press("7")
    thanks = replies[-1]
    assert "Anna" in thanks and "3" in thanks and "около 40 в неделю" in thanks and "7" in thanks
    assert "Цель поняли, но не сразу" in thanks
    assert "&lt;" not in thanks  # the comment's formatting is HTML, not tags shown as text
    assert client.buttons() == [client.label("client-button-delete")]

    assert await harness.services.accounts.get(CLIENT_ID) is None  # never a user
    every_text = " ".join(m.text or "" for m in client.messages())
    assert "часовом поясе" not in every_text and "/menu" not in every_text
    assert await _request_status(harness, asked) == FeedbackStatus.ANSWERED
    reading = await harness.db.fetchone(
        "SELECT value, text, feedback_id FROM metric_readings WHERE feedback_id IS NOT NULL"
    )
    assert reading is not None and reading["value"] == 40 and reading["text"] == "около 40 в неделю"
    answers = await harness.db.fetchall(
        "SELECT question_id, value, comment FROM feedback_answers ORDER BY question_id"
    )
    assert [(a["question_id"], a["value"]) for a in answers] == [
        ("again", 7),
        ("number", 40),
        ("understood", 3),
    ]
    assert answers[2]["comment"] == "Цель поняли, но не сразу"


async def test_an_english_client_reads_english_and_back_skip_and_dont_know_work(
    harness: BotHarness,
) -> None:
    freelancer = harness.user()
    await reflected(harness, freelancer)
    client = harness.user(CLIENT_ID, first_name="Sam", language_code="en")
    asked = await _ask(harness)
    await _started(client, asked)
    assert "2 of 3" in _shown(client)
    await client.press(client.label("button-back"))
    assert "1 of 3" in _shown(client)
    await client.press("5")
    await client.press(client.label("client-button-dont-know"))
    assert "3 of 3" in _shown(client)
    replies = await client.press("10")
    assert "don't know" in replies[-1] and "Understood what you needed: 5" in replies[-1]
    number = await harness.db.fetchone(
        "SELECT value, skipped FROM feedback_answers WHERE question_id = 'number'"
    )
    assert number is not None and number["value"] is None and number["skipped"] == 0
    assert (
        await harness.db.fetchvalue(
            "SELECT COUNT(*) FROM metric_readings WHERE feedback_id IS NOT NULL"
        )
        == 0
    )


async def test_skip_leaves_the_number_out_and_unreadable_text_asks_again(
    harness: BotHarness,
) -> None:
    _, client, asked = await _asked(harness)
    await _started(client, asked)
    replies = await client.send("стало лучше")  # no number in it
    assert client.label("client-number-unread") in replies[-1] and "2 из 3" in replies[-1]
    await client.press(client.label("button-skip"))
    await client.press("8")
    number = await harness.db.fetchone(
        "SELECT skipped, comment FROM feedback_answers WHERE question_id = 'number'"
    )
    assert number is not None and number["skipped"] == 1


async def test_a_restart_in_the_middle_keeps_the_answers_given(db_path: Path) -> None:
    first = await BotHarness.start(db_path)
    _, client, asked = await _asked(first)
    await client.send(f"/start {asked.payload}")
    await client.press(client.label("client-button-start"))
    await client.press("2")
    await first.stop()

    second = await BotHarness.start(db_path)
    try:
        second.session.adopt(first.session)
        same = second.user(CLIENT_ID, first_name="Миша", language_code="ru")
        replies = await same.send("12%")
        assert "3 из 3" in replies[-1]
        await same.press("6")
        answers = await second.db.fetchall(
            "SELECT question_id, value FROM feedback_answers ORDER BY question_id"
        )
        assert [(a["question_id"], a["value"]) for a in answers] == [
            ("again", 6),
            ("number", 12),
            ("understood", 2),
        ]
    finally:
        await second.stop()


async def test_a_link_works_for_one_person(harness: BotHarness) -> None:
    _, client, asked = await _asked(harness)
    await client.send(f"/start {asked.payload}")
    stranger = harness.user(2002, first_name="Eve", language_code="en")
    replies = await stranger.send(f"/start {asked.payload}")
    assert replies == [stranger.label("client-link-used")]
    assert "Anna" not in replies[0]  # nothing about the freelancer reaches a stranger
    # Nor can the stranger press the client's buttons.
    message, data = client.button_data(client.label("client-button-start"))
    await stranger.press_data(data, message)
    assert stranger.alerts() == [stranger.label("stale-button")]
    assert await harness.services.accounts.get(2002) is None  # opening a link enrols nobody

    await client.press(client.label("client-button-start"))
    await client.press("5")
    await client.press(client.label("client-button-dont-know"))
    await client.press("9")
    replies = await client.send(f"/start {asked.payload}")
    assert replies == [client.label("client-answered-already", freelancer="Anna")]


async def test_expired_withdrawn_and_forged_links_say_so(harness: BotHarness) -> None:
    _, client, asked = await _asked(harness)
    forged = PAYLOAD_PREFIX + "A" * 32
    replies = await client.send(f"/start {forged}")
    assert replies == [client.label("client-link-unknown")]

    user = await stored(harness)
    await harness.services.feedback.withdraw(user, asked.request.id)
    replies = await client.send(f"/start {asked.payload}")
    assert replies == [client.label("client-link-withdrawn")]

    harness.clock.advance(days=32)  # a month on: another request may be made
    second = await _ask(harness)
    harness.clock.advance(days=31)
    replies = await client.send(f"/start {second.payload}")
    assert replies == [client.label("client-link-expired", freelancer="Anna")]


async def test_withdrawn_while_answering_keeps_nothing(harness: BotHarness) -> None:
    _, client, asked = await _asked(harness)
    await _started(client, asked)
    await client.press(client.label("client-button-dont-know"))
    await harness.services.feedback.withdraw(await stored(harness), asked.request.id)
    replies = await client.press("9")
    assert replies[-1] == client.label("client-link-withdrawn")
    assert await harness.db.fetchvalue("SELECT COUNT(*) FROM feedback_answers") == 0


async def test_the_freelancer_opening_their_own_link_sees_a_preview(harness: BotHarness) -> None:
    freelancer, client, asked = await _asked(harness)
    replies = await freelancer.send(f"/start {asked.payload}")
    preview = replies[-1]
    assert "This is what your client will see" in preview and "Spring landing" in preview
    assert "&lt;" not in preview  # the quoted intro is formatted, not tags shown as text
    assert freelancer.buttons() == []  # nothing to answer with
    respondent = await harness.db.fetchvalue(
        "SELECT respondent_id FROM feedback_requests WHERE id = :id", {"id": asked.request.id}
    )
    assert respondent is None
    replies = await client.send(f"/start {asked.payload}")  # still the client's to answer
    assert client.label("client-button-start") in client.buttons()


async def test_dont_ask_me_again_stops_every_request_to_that_person(
    harness: BotHarness,
) -> None:
    _, client, asked = await _asked(harness)
    await client.send(f"/start {asked.payload}")
    replies = await client.press(client.label("client-button-never"))
    assert replies[-1] == client.label("client-declined", freelancer="Anna")
    assert await _request_status(harness, asked) == FeedbackStatus.DECLINED
    harness.clock.advance(days=40)
    user = await stored(harness)
    again = await harness.services.feedback.ask(user, await _project_id(harness))
    assert isinstance(again, AskRefused) and again.reason is AskRefusal.OPTED_OUT


async def test_stop_shares_nothing_and_the_link_still_works(harness: BotHarness) -> None:
    _, client, asked = await _asked(harness)
    await _started(client, asked)
    replies = await client.press(client.label("client-button-stop"))
    assert "Anna" in replies[-1] and "ничего не получит" in replies[-1]
    assert await harness.db.fetchvalue("SELECT COUNT(*) FROM feedback_answers") == 0
    await client.send(f"/start {asked.payload}")
    assert client.label("client-button-start") in client.buttons()
    await client.press(client.label("client-button-start"))
    replies = await client.send("/cancel")
    assert "ничего не получит" in replies[-1]


async def test_a_sticker_in_the_middle_is_answered_and_loses_nothing(
    harness: BotHarness,
) -> None:
    _, client, asked = await _asked(harness)
    await _started(client, asked)
    replies = await client.send_sticker()
    assert replies and "2 из 3" not in replies[-1]
    replies = await client.send("15")
    assert "3 из 3" in replies[-1]


async def test_a_client_writing_later_learns_what_the_bot_is_and_may_join(
    harness: BotHarness,
) -> None:
    _, client, asked = await _asked(harness)
    await client.send(f"/start {asked.payload}")
    replies = await client.send("/start")
    assert replies == [client.label("client-about-bot")]
    replies = await client.send("привет")
    assert replies == [client.label("client-about-bot")]
    assert await harness.services.accounts.get(CLIENT_ID) is None
    await client.press(client.label("client-button-join"))
    joined = await harness.services.accounts.get(CLIENT_ID)
    assert joined is not None and joined.language == "ru" and not joined.is_onboarded
    assert "часовом поясе" in _shown(client)  # onboarding, as for anyone


async def test_deleting_my_answers_leaves_nothing_of_them(harness: BotHarness) -> None:
    _, client, asked = await _asked(harness)
    await client.send(f"/start {asked.payload}")
    await client.press(client.label("client-button-start"))
    await client.send("Очень личный комментарий")
    await client.press("4")
    await client.send("около 40")
    await client.press("9")
    await client.press(client.label("client-button-delete"))
    replies = await client.press(client.label("client-button-delete-yes"))
    assert replies[-1] == client.label("client-answers-deleted", count=1)
    assert await _request_status(harness, asked) == FeedbackStatus.ERASED
    everything = await _everything_stored(harness)
    assert "Очень личный комментарий" not in everything and "около 40" not in everything
    assert f"'respondent_id': {CLIENT_ID}" not in everything


async def test_a_clients_delete_me_erases_their_answers(harness: BotHarness) -> None:
    _, client, asked = await _asked(harness)
    await _started(client, asked)
    await client.send("около 40")
    await client.press("9")
    await client.send("/delete_me")
    assert client.label("client-delete-question") in _shown(client)
    await client.press(client.label("client-button-delete-yes"))
    assert await _request_status(harness, asked) == FeedbackStatus.ERASED
    assert await harness.db.fetchvalue("SELECT COUNT(*) FROM feedback_answers") == 0
    assert f"'respondent_id': {CLIENT_ID}" not in await _everything_stored(harness)


async def test_limits_one_open_request_and_one_a_month(harness: BotHarness) -> None:
    freelancer = harness.user()
    await reflected(harness, freelancer)
    user = await stored(harness)
    project = await _project_id(harness)
    first = await harness.services.feedback.ask(user, project)
    assert isinstance(first, Asked)
    second = await harness.services.feedback.ask(user, project)
    assert isinstance(second, AskRefused) and second.reason is AskRefusal.OPEN
    # Withdrawn before the client opened it: it never reached them, so it does not count.
    await harness.services.feedback.withdraw(user, first.request.id)
    third = await harness.services.feedback.ask(user, project)
    assert isinstance(third, Asked)
    client = harness.user(CLIENT_ID, first_name="Миша", language_code="ru")
    await client.send(f"/start {third.payload}")
    await harness.services.feedback.withdraw(user, third.request.id)
    fourth = await harness.services.feedback.ask(user, project)
    assert isinstance(fourth, AskRefused) and fourth.reason is AskRefusal.TOO_SOON
    assert fourth.next_on is not None and fourth.next_on.month == 12  # a month after 26 Nov
    harness.clock.advance(days=31)
    assert isinstance(await harness.services.feedback.ask(user, project), Asked)


async def test_the_link_is_a_start_payload_and_only_its_hash_is_kept(
    harness: BotHarness,
) -> None:
    _, _, asked = await _asked(harness)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", asked.payload)
    assert len(asked.payload) - len(PAYLOAD_PREFIX) == 32  # 192 random bits
    assert asked.payload not in await _everything_stored(harness)
    other = await harness.services.feedback.ask(await stored(harness), await _project_id(harness))
    assert isinstance(other, AskRefused)  # one open request per client


async def test_a_clients_erasure_does_not_lift_the_monthly_limit(harness: BotHarness) -> None:
    """A request the client opened counts toward once a month, even after they erased
    everything of theirs: the freelancer cannot ask again at once."""
    _, client, asked = await _asked(harness)
    await client.send(f"/start {asked.payload}")
    user = await stored(harness)
    await harness.services.feedback.withdraw(user, asked.request.id)
    await client.send("/delete_me")
    await client.press(client.label("client-button-delete-yes"))
    again = await harness.services.feedback.ask(user, await _project_id(harness))
    assert isinstance(again, AskRefused) and again.reason is AskRefusal.TOO_SOON
