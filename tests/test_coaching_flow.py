"""From the main menu to the partner score, through the user driver, on real SQLite."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.views.reflection import AnswerCb
from storage.projects import Goal, Project
from storage.reflections import Answer
from storage.users import User
from testkit.harness import BotHarness, UserDriver
from tests.support.conversations import BEST_ANSWERS, answer_all, record_project


async def account(harness: BotHarness, user_id: int = 1001) -> User:
    found = await harness.services.accounts.get(user_id)
    assert found is not None
    return found


async def stored_projects(harness: BotHarness, user_id: int = 1001) -> list[Project]:
    """Every project of the user, oldest first: those waiting for a reflection and those
    reflected on."""
    user = await account(harness, user_id)
    reflections = harness.services.reflections
    projects = list((await reflections.awaiting(user, 0, 100)).projects)
    for item in (await reflections.history(user, 0, 100)).items:
        project = await reflections.project(user, item.project_id)
        assert project is not None
        projects.append(project)
    return sorted(projects, key=lambda project: project.id)


async def client_names(harness: BotHarness, user_id: int = 1001) -> list[str]:
    """The clients offered when recording a project."""
    user = await account(harness, user_id)
    return [client.name for client in await harness.services.projects.client_choices(user, 100)]


async def stored_answers(harness: BotHarness, user: UserDriver) -> dict[str, Answer]:
    """The answers of the reflection whose question is on screen."""
    _, data = user.button_data(user.buttons()[0])
    reflection = AnswerCb.unpack(data).reflection
    past = await harness.services.reflections.past(await account(harness, user.user_id), reflection)
    assert past is not None
    return past.answers


async def exported(harness: BotHarness, user_id: int = 1001) -> dict[str, list[dict[str, Any]]]:
    """The user's data export (/export), table by table."""
    archive = await harness.services.accounts.export(await account(harness, user_id))
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        return dict(json.loads(files.read("export.json"))["tables"])


async def test_whole_flow_from_menu_to_score(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    replies = await record_project(user)
    assert "Saved: <b>Spring landing</b> for Acme, finished Mon, 23 Nov 2026." in replies[0]
    assert "12 questions" in replies[1]
    assert replies[2].startswith("<i>Question 1 of 12 · Spring landing</i>")

    replies = await answer_all(user, BEST_ANSWERS, "Ask for the numbers before the kickoff")
    result = replies[-1]
    assert "Partner score: 100/100 · Partner" in result
    assert "Partner-level work" in result
    assert "keep this client" in result

    [project] = await stored_projects(harness)
    assert (project.finished_on, project.goal, project.metric, project.baseline) == (
        date(2026, 11, 23),
        Goal.SALES,
        "orders per week",
        "30 orders",
    )
    me = await account(harness)
    [done] = (await harness.services.reflections.history(me, 0, 10)).items
    assert (done.project_id, done.score, done.label) == (project.id, 100, "partner")
    lesson = await harness.services.projects.last_lesson(me)
    assert lesson == "Ask for the numbers before the kickoff"
    [reflection] = (await exported(harness))["reflections"]
    assert (reflection["status"], reflection["decision"]) == ("done", "keep")
    client = await harness.services.clients.get(me, project.client_id)
    assert client is not None and client.last_contact_at is not None
    # noon in Berlin, in UTC
    assert client.last_contact_at.isoformat().startswith("2026-11-23T11:00")


async def test_weak_answers_get_two_concrete_pieces_of_advice(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    answers = ["1", "No", "No", "4", "Yes", "Yes", "4", "Yes", "4", "7", "👋 Let go"]
    result = (await answer_all(user, answers, None))[-1]
    # Letting the client go takes "will they come back" out (weight 8 of 100):
    # (18*0 + 6*0 + 10*0 + 14*.75 + 6*1 + 8*1 + 8*.75 + 8*1 + 14*.75) / 92 = 49 / 92 -> 53
    assert "Partner score: 53/100 · Halfway" in result
    assert "What to try next:" in result
    assert "<b>The real request.</b>" in result
    assert "<b>Measuring the result.</b>" in result
    assert "let this client go" in result


async def test_comment_back_and_skip(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    replies = await user.send("They wanted more repeat orders, not a redesign")
    assert replies == ["Noted. Now pick an answer above."]
    await user.press("2")  # request
    assert "Skip (counts as No)" in user.buttons()  # challenging the spec is optional
    replies = await user.press("← Back")
    assert "Question 1 of 12" in replies[-1]
    await user.press("4")  # a changed answer to question 1
    await user.press("Skip (counts as No)")  # challenge
    await user.press("Skip (counts as No)")  # measure
    assert "Skip (counts as No)" not in user.buttons()  # fit is required: no Skip
    answers = await stored_answers(harness, user)
    stored = {qid: (a.value, a.comment, a.skipped) for qid, a in answers.items()}
    assert stored == {
        "request": (4, "They wanted more repeat orders, not a redesign", False),
        "challenge": (None, None, True),
        "measure": (None, None, True),
    }


async def test_overlong_comment_is_refused_and_nothing_lost(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    [text] = await user.send("x" * 301)
    assert "301 characters; here the limit is 300" in text
    replies = await user.press("5")
    assert "Question 2 of 12" in replies[-1]


async def test_cancel_keeps_draft_and_reflect_resumes(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await user.press("5")
    await user.press("Yes")
    [text] = await user.send("/cancel")
    assert text.startswith("Paused. Your answers are saved; /reflect")
    replies = await user.send("/reflect")
    assert "Picking up where you stopped: <b>Spring landing</b>" in replies[0]
    assert "Question 3 of 12" in replies[1]
    result = (await answer_all(user, BEST_ANSWERS[2:], None))[-1]
    assert "Partner score: 100/100" in result


async def test_pause_button_then_reflect(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await user.press("3")
    [text] = await user.press("⏸ Pause")
    assert "Paused at question 2" in text
    assert "Question 2 of 12" in (await user.send("/reflect"))[-1]


async def test_restart_mid_reflection_resumes_same_question(db_path: Path) -> None:
    first = await BotHarness.start(db_path)
    user = first.user()
    await user.onboard()
    await record_project(user)
    for answer in ("5", "Yes", "Yes", "4"):
        await user.press(answer)
    question = user.last_message
    await first.stop()

    second = await BotHarness.start(db_path)
    try:
        second.session.adopt(first.session)
        same = second.user()
        replies = await same.press("Yes", question)  # question 5, pressed after the restart
        assert "Question 6 of 12" in replies[-1]
        result = (await answer_all(same, BEST_ANSWERS[5:], None))[-1]
        assert "Partner score:" in result
    finally:
        await second.stop()


async def test_old_question_button_is_stale(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    first_question, old_data = user.button_data("1")
    await user.press("5")
    await user.press_data(old_data, first_question)  # a double tap on the answered question
    assert "older message" in user.alerts()[-1]
    answers = await stored_answers(harness, user)
    assert [answer.value for answer in answers.values()] == [5]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", date(2026, 11, 26)),
        ("yesterday", date(2026, 11, 25)),
        ("3 days ago", date(2026, 11, 23)),
        ("12.11", date(2026, 11, 12)),
        ("2026-11-03", date(2026, 11, 3)),
        ("вчера", date(2026, 11, 25)),
        ("3 дня назад", date(2026, 11, 23)),
    ],
)
async def test_finish_date_forms(harness: BotHarness, typed: str, expected: date) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user, day=typed)
    [project] = await stored_projects(harness)
    assert project.finished_on == expected


async def test_future_and_nonsense_dates_are_refused(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    replies = await record_project(user, day="2026-12-01")
    assert "1 Dec 2026 hasn't come yet" in replies[-1]
    [text] = await user.send("tomorrow")
    assert "hasn't come yet" in text
    [text] = await user.send("when the moon is blue")
    assert "couldn't read" in text
    assert await stored_projects(harness) == []
    replies = await user.press("Yesterday")
    assert "finished Wed, 25 Nov 2026" in replies[0]


async def test_date_is_read_in_the_users_time_zone(harness: BotHarness) -> None:
    # 23:30 UTC on 26 Nov is already 27 Nov in Tokyo.
    harness.clock.set(harness.clock.now().replace(hour=23, minute=30))
    user = harness.user()
    await user.onboard(zone="America/Los_Angeles")
    await user.send("/settings")
    await user.press("🕒 Time zone")
    await user.send("Tokyo")
    await record_project(user, day="today")
    [project] = await stored_projects(harness)
    assert project.finished_on == date(2026, 11, 27)


async def test_last_lesson_is_shown_with_the_next_project(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await answer_all(user, BEST_ANSWERS, "Agree on one metric <before> we start")
    replies = await user.send("/done")
    assert replies[0] == (
        "Last time you wrote you'd do this differently: "
        "<i>Agree on one metric &lt;before&gt; we start</i>"
    )
    assert "Which client" in replies[1]
    assert "Acme" in user.buttons()


async def test_existing_client_is_picked_and_counts_as_repeat(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await answer_all(user, BEST_ANSWERS, None)
    await user.send("/done")
    await user.press("Acme")
    await user.send("Autumn banner")
    await user.press(user.label("goal-traffic"))
    await user.send("CTR")
    await user.press("Skip →")
    await user.press("Today")
    assert await client_names(harness) == ["Acme"]
    projects = await stored_projects(harness)
    assert [(p.title, p.baseline) for p in projects] == [
        ("Spring landing", "30 orders"),
        ("Autumn banner", None),
    ]
    assert projects[0].client_id == projects[1].client_id


async def test_a_failed_save_leaves_no_half_of_the_project(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = harness.user()
    await user.onboard()

    async def contact_log_fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    contacts = harness.services.repos.checkins
    monkeypatch.setattr(contacts, "log_contact", contact_log_fails)
    replies = await record_project(user, client="Acme")
    assert replies == [user.label("error-generic")]
    # The contact is written last: the new client and the project went with it.
    assert await client_names(harness) == []
    assert await stored_projects(harness) == []

    monkeypatch.undo()
    replies = await user.send("3 days ago")  # the form kept every answer
    assert "Saved: <b>Spring landing</b> for Acme, finished Mon, 23 Nov 2026." in replies[0]
    assert await client_names(harness) == ["Acme"]
    [project] = await stored_projects(harness)
    assert (project.title, project.metric) == ("Spring landing", "orders per week")
    [contact] = (await exported(harness))["contacts"]
    assert (contact["client_id"], contact["happened_on"], contact["source"]) == (
        project.client_id,
        "2026-11-23",
        "project",
    )


async def test_back_through_the_project_form(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/done")
    await user.send("Acme")
    await user.send("Landing")
    replies = await user.press("← Back")
    assert "What was the project?" in replies[-1]
    await user.send("Landing v2")
    await user.press(user.label("goal-other"))
    await user.send("fewer support calls")
    replies = await user.press("← Back")  # from "how will you measure" to the goal in words
    assert "what result did the client want" in replies[-1]
    replies = await user.press("← Back")
    assert "What did the client really need" in replies[-1]
    await user.press(user.label("goal-savings"))
    await user.send("calls per week")
    await user.press("Skip →")
    await user.press("Today")
    projects = await stored_projects(harness)
    assert [(p.title, p.goal, p.goal_note) for p in projects] == [
        ("Landing v2", Goal.SAVINGS, None)
    ]


async def test_wrong_input_in_project_steps(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/done")
    [text] = await user.send_sticker()
    assert "I need text here, not a sticker" in text
    await user.send("Acme")
    [text] = await user.send("y" * 201)
    assert "201 characters; here the limit is 200" in text
    await user.send("Landing")
    [text] = await user.send("sales please")  # the goal wants a button
    assert "answer with the buttons" in text
    [text] = await user.send("/cancel")
    assert text.startswith("Stopped.")
    assert await client_names(harness) == []


async def test_russian_flow(harness: BotHarness) -> None:
    user = harness.user(5005, first_name="Оля", language_code="ru")
    await user.onboard()
    replies = await record_project(user, client="Ромашка", title="Лендинг", day="вчера")
    assert (
        "Записано: <b>Лендинг</b> для клиента Ромашка, работа закончена ср, 25 нояб. 2026"
        in replies[0]
    )
    assert "Вопрос 1 из 12" in replies[2]
    answers = ["5", "Да", "Да", "5", "Да", "Да", "5", "Да", "5", "10", "🤝 Продолжать"]
    result = (await answer_all(user, answers, "Спросить про цифры заранее"))[-1]
    assert "Балл партнёрства: 100/100 · Партнёр" in result


async def test_reflect_lists_several_paused_reflections(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user, client="Acme", title="Landing")
    await user.press("⏸ Pause")
    await record_project(user, client="Beta", title="Banner", day="yesterday")
    await user.press("4")
    await user.press("⏸ Pause")
    [text] = await user.send("/reflect")
    assert text == "Which project would you like to look back on?"
    assert user.buttons()[:2] == ["25 Nov 2026 · Beta: Banner", "23 Nov 2026 · Acme: Landing"]
    replies = await user.press("25 Nov 2026 · Beta: Banner")
    assert "Question 2 of 12 · Banner" in replies[-1]


async def test_reflect_with_nothing_waiting(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    [text] = await user.send("/reflect")
    assert text.startswith("No project is waiting for a reflection.")


async def test_advice_puts_measuring_first_when_nobody_knew_the_number(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await user.press(user.label("button-done-project"))
    for typed in ("Acme", "Spring landing"):
        await user.send(typed)
    await user.press(user.label("goal-sales"))
    await user.send("orders per week")
    await user.press(user.label("button-skip"))  # nobody knows the number before
    await user.send("3 days ago")
    replies = await answer_all(user, BEST_ANSWERS, None)
    result = replies[-1]
    assert user.label("result-weak-title") in result
    assert user.label("advice-measure") in result
