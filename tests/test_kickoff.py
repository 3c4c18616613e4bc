"""/kickoff: the goal and its number agreed before the work, partner checks, early trust
actions nudged on the right local days, and /done picking the started project."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from aiogram.methods import SendMessage

from bot.delivery.nudge_sender import NudgeSender
from bot.reading.dates import NotAFutureDay, parse_day, read_future_day
from bot.rules.nudges import first_day, next_progress_day
from storage.nudges import NudgeKind
from testkit.harness import BotHarness, UserDriver
from tests.support.conversations import kickoff

# The harness starts on Thursday 26 Nov 2026, 12:00 UTC (13:00 in Berlin); the check-in
# hour is 10:00, which is 09:00 UTC in winter.
CALL_DAY = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
FIRST_NOTE = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
SECOND_NOTE = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def nudges_sent(harness: BotHarness, user: UserDriver) -> list[str]:
    return [
        m.text
        for m in harness.session.requests
        if isinstance(m, SendMessage) and m.chat_id == user.user_id and "<blockquote>" in m.text
    ]


async def test_kickoff_writes_the_message_that_confirms_goal_and_number(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    summary, draft = await kickoff(user)
    assert "Spring banners</b> for Acme is under way. Planned end: 10 Dec 2026" in summary
    assert summary.endswith(user.label("kickoff-draft-title"))
    # The letter is a message of its own: a greeting, the points, the question.
    greeting, opening = draft.split("\n")[:2]
    assert greeting in ("Hi Acme,", "Hello Acme,")
    assert opening.startswith('Before I start on "Spring banners"')
    assert "• the aim is more leads;" in draft
    assert "• we'll judge the result by CTR;\n• today it's 1.2%;" in draft
    assert "• success would be 2%;" in draft
    assert "• I plan to finish by 10 December." in draft  # no year in this year's letter
    assert "the call: Fri, 27 Nov" in summary
    assert "a progress note every 3 days, from Sun, 29 Nov" in summary
    assert "/done" in summary


async def test_unknown_baseline_asks_the_client_for_it(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    _, draft = await kickoff(user, baseline=None)
    assert "Could you look it up?" in draft


async def test_russian_drafts_follow_the_form_of_address(harness: BotHarness) -> None:
    user = harness.user(language_code="ru")
    await user.onboard()
    await user.send("/kickoff")
    for typed in ("Ромашка", "Лендинг"):
        await user.send(typed)
    await user.press(user.label("goal-leads"))
    await user.press(user.label("button-skip"))  # no number yet
    await user.send("через 3 недели")
    await user.press(user.label("button-budget-smaller"))
    await user.send("торопят и не говорят, зачем")
    await user.press(user.label("trust-confirm-button"))
    await user.press(user.label("button-trust-ready", n=1))
    summary, draft = await user.press(user.label("button-address-informal"))
    assert draft.startswith(("Привет, Ромашка!\n", "Ромашка, привет!\n"))
    assert "Давай выберем её сразу" in draft and "скажи сейчас" in draft
    assert "Давайте" not in draft and "скажите" not in draft
    assert "• закончить планирую к 17 декабря." in draft
    assert "хватит решения попроще" in summary.casefold()
    # The freelancer's private note stays in their own message, never in the letter.
    assert "торопят и не говорят, зачем" in summary
    assert "торопят" not in draft
    assert "17 дек. 2026" in summary


async def test_trust_actions_are_one_to_three(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/kickoff")
    await user.send("Acme")
    await user.send("Banners")
    await user.press(user.label("goal-sales"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("button-end-in-weeks", n=4))
    await user.press(user.label("button-budget-unsure"))
    await user.press(user.label("button-skip"))
    assert not any(b.startswith("Ready") for b in user.buttons())
    for key in ("trust-call-button", "trust-confirm-button", "trust-progress-button"):
        await user.press(user.label(key))
    await user.press(user.label("trust-early_draft-button"))
    assert user.alerts()[-1] == user.label("kickoff-trust-max", most=3)
    assert "✅ " + user.label("trust-call-button").split(" ", 1)[1] in user.buttons()
    await user.press("✅ " + user.label("trust-call-button").split(" ", 1)[1])  # untick
    await user.press(user.label("trust-early_draft-button"))
    summary, _ = await user.press(user.label("button-trust-ready", n=3))
    assert "the written confirmation: Sat, 28 Nov" in summary
    assert "the early draft: Sat, 5 Dec" in summary  # a third of the way in
    assert "a progress note every 7 days, from Thu, 3 Dec" in summary  # four weeks: weekly


async def test_end_date_in_the_past_or_unreadable_gets_a_clear_answer(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/kickoff")
    await user.send("Acme")
    await user.send("Banners")
    await user.press(user.label("goal-sales"))
    await user.press(user.label("button-skip"))
    [reply] = await user.send("yesterday")
    assert "and 25 Nov 2026 isn't" in reply
    [reply] = await user.send("someday soon")
    assert "couldn't read" in reply
    [reply] = await user.send("12.11.2028")
    assert "more than a year away" in reply
    [reply] = await user.send("15.12")
    assert reply == user.label("kickoff-budget-ask")
    # Back returns to the end date, and Cancel leaves with nothing saved.
    await user.press(user.label("button-back"))
    assert user.last_message.text == user.label("kickoff-end-ask").replace("<b>", "").replace(
        "</b>", ""
    ).replace("<i>", "").replace("</i>", "")
    await user.press(user.label("button-cancel"))
    assert await harness.services.kickoffs.active(await _stored(harness, user), 10) == []


async def _stored(harness: BotHarness, user: UserDriver):  # type: ignore[no-untyped-def]
    found = await harness.services.accounts.get(user.user_id)
    assert found is not None
    return found


async def test_nudges_arrive_on_their_local_days_and_count_what_was_done(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await kickoff(user)
    harness.clock.set(CALL_DAY.replace(hour=8))
    await harness.due_work.run_due()
    assert nudges_sent(harness, user) == []  # 09:00 in Berlin: not yet

    harness.clock.set(CALL_DAY)
    await harness.due_work.run_due()
    [call] = nudges_sent(harness, user)
    assert "A call with Acme" in call and "twenty minutes" in call
    replies = await user.press(user.label("button-nudge-done"))
    assert "the call is counted" in replies[-1]
    assert user.buttons() == []  # the answered nudge keeps its text, loses its buttons

    harness.clock.set(FIRST_NOTE)
    await harness.due_work.run_due()
    await harness.due_work.run_due()  # a second sweep sends nothing more
    notes = nudges_sent(harness, user)[1:]
    assert len(notes) == 1 and "A progress note for Acme" in notes[0]
    replies = await user.press(user.label("button-nudge-done"))
    assert "first progress note is counted" in replies[-1]
    assert "I'll remind you again on Wed, 2 Dec, at your reminder hour." in replies[-1]

    harness.clock.set(SECOND_NOTE)
    await harness.due_work.run_due()
    # The call and the first note: every kind of trust step counts.
    assert "Trust steps done so far in this project: 2." in nudges_sent(harness, user)[-1]
    replies = await user.press(user.label("button-nudge-skipped"))
    assert "Skipped this time. I'll remind you again on Sat, 5 Dec" in replies[-1]

    harness.clock.set(datetime(2026, 12, 5, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    replies = await user.press(user.label("button-nudge-stopped"))
    assert "No more reminders" in replies[-1]
    harness.clock.set(datetime(2026, 12, 20, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    assert len(nudges_sent(harness, user)) == 4  # call + three notes, none after Stop

    stored = await _stored(harness, user)
    [started] = await harness.services.kickoffs.active(stored, 10)
    counts = await harness.services.kickoffs.trust_done(stored, started)
    assert counts == 2


async def test_a_zone_change_keeps_nudges_at_the_local_check_in_hour(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await kickoff(user, actions=("trust-call-button",))
    await user.send("/settings")
    await user.press(user.label("button-settings-timezone"))
    await user.send("Tokyo")
    harness.clock.set(datetime(2026, 11, 27, 0, 59, tzinfo=UTC))  # 09:59 in Tokyo
    await harness.due_work.run_due()
    assert nudges_sent(harness, user) == []
    harness.clock.set(datetime(2026, 11, 27, 1, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    assert len(nudges_sent(harness, user)) == 1


async def test_done_offers_the_started_project_and_asks_only_the_end_day(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await kickoff(user)
    replies = await user.send("/done")
    assert user.label("button-started-project", project="Spring banners", client="Acme") in (
        user.buttons()
    )
    assert "only ask when it ended" in replies[-1]
    [ask] = await user.press(
        user.label("button-started-project", project="Spring banners", client="Acme")
    )
    assert 'When did "Spring banners" end?' in ask
    replies = await user.press(user.label("button-today"))
    assert "Saved: <b>Spring banners</b> for Acme" in replies[0]
    stored = await _stored(harness, user)
    assert await harness.services.kickoffs.active(stored, 10) == []
    page = await harness.services.repos.projects.for_client(stored.id, 1, 5)
    [project] = page.projects
    assert (project.goal.value, project.metric, project.baseline) == ("leads", "CTR", "1,2%")
    # The project is over: no more nudges.
    harness.clock.set(datetime(2026, 12, 30, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    assert nudges_sent(harness, user) == []


async def test_done_without_a_kickoff_works_as_before(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await kickoff(user)
    await user.send("/done")
    [ask] = await user.press(user.label("button-other-project"))
    assert "Which client was it for?" in ask
    await user.press(user.label("button-back"))
    assert user.label("button-other-project") in user.buttons()


async def test_buttons_for_someone_elses_kickoff_or_nudge_are_refused(
    harness: BotHarness,
) -> None:
    owner = harness.user(2001)
    await owner.onboard()
    await kickoff(owner)
    harness.clock.set(CALL_DAY)
    await harness.due_work.run_due()
    nudge_message, done_data = owner.button_data(owner.label("button-nudge-done"))
    await owner.send("/done")
    _, started_data = owner.button_data(
        owner.label("button-started-project", project="Spring banners", client="Acme")
    )

    intruder = harness.user(2002)
    await intruder.onboard()
    await intruder.send("/done")
    await intruder.press_data(started_data, intruder.last_message)
    await intruder.press_data(done_data, intruder.last_message)
    assert intruder.alerts() == [intruder.label("stale-button")] * 2
    stored = await _stored(harness, owner)
    [started] = await harness.services.kickoffs.active(stored, 10)
    assert started.title == "Spring banners"
    nudges = await harness.services.repos.nudges.for_kickoff(stored.id, started.id)
    assert [n.status for n in nudges if n.action is NudgeKind.CALL] == ["sent"]
    # The owner's own press still works, once; a second press is an old button.
    await owner.press(owner.label("button-nudge-done"), nudge_message)
    await owner.press_data(done_data, nudge_message)
    assert owner.alerts()[-1] == owner.label("stale-button")


async def test_export_and_erase_cover_kickoffs_and_nudges(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await kickoff(user)
    stored = await _stored(harness, user)
    tables = await harness.services.repos.user_data.collect(stored.id)
    assert [row["title"] for row in tables["kickoffs"]] == ["Spring banners"]
    assert {row["action"] for row in tables["nudges"]} == {"call", "progress", "wrap_up"}
    await harness.services.accounts.erase(stored)
    for table in ("kickoffs", "nudges"):
        count = await harness.db.fetchvalue(f"SELECT COUNT(*) AS n FROM {table}")
        assert count == 0


def test_first_days_fit_inside_the_project() -> None:
    start, end = date(2026, 11, 26), date(2026, 11, 28)
    assert first_day(NudgeKind.CALL, start, end) == date(2026, 11, 27)
    assert first_day(NudgeKind.CONFIRM, start, end) == date(2026, 11, 28)
    assert first_day(NudgeKind.PROGRESS, start, end) is None  # too short for notes
    long_end = date(2027, 2, 26)
    assert first_day(NudgeKind.PROGRESS, start, long_end) == date(2026, 12, 3)  # weekly
    assert next_progress_day(date(2027, 2, 19), start, long_end) == date(2027, 2, 25)
    assert next_progress_day(date(2027, 2, 25), start, long_end) is None  # the end is news


async def test_a_project_called_off_from_the_card_stops_its_reminders(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await kickoff(user)
    await user.send("/clients")
    [card] = await user.press(next(b for b in user.buttons() if b.startswith("Acme")))
    assert "🚀 Under way: <b>Spring banners</b>, planned end 10 Dec 2026." in card
    call_off = user.label("button-call-off", project="Spring banners")
    card_message, ask_data = user.button_data(call_off)

    intruder = harness.user(2002)
    await intruder.onboard()
    assert ask_data.endswith(":0")
    await intruder.press_data(ask_data, intruder.last_message)
    await intruder.press_data(ask_data[:-1] + "1", intruder.last_message)  # "confirmed"
    assert intruder.alerts() == [intruder.label("stale-button")] * 2

    [ask] = await user.press(call_off)
    assert "Call off <b>Spring banners</b>?" in ask
    await user.press(user.label("button-back"))
    assert "Under way" in (user.last_message.text or "")
    await user.press(call_off)
    [done] = await user.press(user.label("button-call-off-yes"))
    assert done.startswith('"Spring banners" is called off.')
    assert "Under way" not in done
    await user.press_data(ask_data, card_message)  # an old copy of the button
    assert user.alerts()[-1] == user.label("stale-button")

    [ask] = await user.send("/done")
    assert "Which client was it for?" in ask
    harness.clock.set(datetime(2026, 12, 30, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    assert nudges_sent(harness, user) == []


async def test_the_end_day_asks_whether_the_work_is_finished(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    summary, _ = await kickoff(user, actions=("trust-progress-button",))
    assert "whether the work is finished: Thu, 10 Dec" in summary
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    wrap_up = user.last_message
    assert "Spring banners for Acme was planned to end 10 Dec 2026" in (wrap_up.text or "")
    # A week more: the end moves, progress notes go on, and the question comes again.
    _, extend_data = user.button_data(user.label("button-wrap-up-extend"))
    replies = await user.press(user.label("button-wrap-up-extend"))
    assert "New planned end: Thu, 17 Dec" in replies[-1]
    harness.clock.set(datetime(2026, 12, 13, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    assert "A progress note for Acme" in (user.last_message.text or "")
    harness.clock.set(datetime(2026, 12, 17, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    assert "planned to end 17 Dec 2026" in (user.last_message.text or "")
    # Finished: only the end day is asked, then the reflection starts.
    replies = await user.press(user.label("button-wrap-up-record"))
    assert 'When did "Spring banners" end?' in replies[-1]
    replies = await user.press(user.label("button-today"))
    assert "Saved: <b>Spring banners</b> for Acme, finished Thu, 17 Dec 2026." in replies[0]
    await user.press_data(extend_data, wrap_up)  # an old copy of the first question
    assert user.alerts()[-1] == user.label("stale-button")


async def test_called_off_at_the_end_day(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await kickoff(user, actions=("trust-call-button",))
    harness.clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    await harness.due_work.run_due()
    replies = await user.press(user.label("button-wrap-up-call_off"))
    assert '"Spring banners" is called off.' in replies[-1]
    [ask] = await user.send("/done")
    assert "Which client was it for?" in ask


async def test_a_note_sent_again_after_a_crash_does_not_double_the_notes(
    harness: BotHarness,
) -> None:
    """The process dies after sending a note but before marking it sent: the note goes
    out once more after the claim timeout, and the notes after it still come once."""
    user = harness.user()
    await user.onboard()
    await kickoff(user, actions=("trust-progress-button",))
    harness.clock.set(FIRST_NOTE)
    stored = await _stored(harness, user)
    [started] = await harness.services.kickoffs.active(stored, 10)
    [note] = [
        n
        for n in await harness.services.repos.nudges.for_kickoff(stored.id, started.id)
        if n.action is NudgeKind.PROGRESS
    ]
    sender = NudgeSender(harness.bot, harness.services.i18n, harness.services.kickoffs)
    assert await harness.services.repos.nudges.claim(note.id, FIRST_NOTE, FIRST_NOTE)
    await sender.send(note, False)  # sent, then the crash: still 'sending'
    harness.clock.advance(minutes=3)
    await harness.due_work.run_due()  # the stale claim is taken again and sent once more
    assert len(nudges_sent(harness, user)) == 2
    pending = [
        n
        for n in await harness.services.repos.nudges.for_kickoff(stored.id, started.id)
        if n.action is NudgeKind.PROGRESS and n.status == "pending"
    ]
    assert [n.local_due.date() for n in pending] == [date(2026, 12, 2)]


async def test_names_in_buttons_are_shown_as_typed(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await kickoff(user, client="Smith & Co")
    await user.send("/done")
    assert "Spring banners · Smith & Co" in user.buttons()


def test_a_leap_day_end_date_typed_after_it_is_not_a_date() -> None:
    assert parse_day("29.02", date(2028, 3, 1), ahead=True) is None
    assert parse_day("28.02", date(2028, 3, 1), ahead=True) == date(2029, 2, 28)


async def test_a_planned_end_on_todays_weekday_or_date_is_the_next_one() -> None:
    friday = date(2025, 11, 7)  # a Friday, the 7th
    limit = friday + timedelta(days=400)
    expected = {
        "в пятницу": date(2025, 11, 14),
        "friday": date(2025, 11, 14),
        "7-го": date(2025, 12, 7),
        "7.11": date(2026, 11, 7),
        "в конце недели": date(2025, 11, 14),
        "сегодня": NotAFutureDay(friday),  # today itself is still not in the future
    }
    for text, day in expected.items():
        assert await read_future_day(text, friday, limit) == day, text
    last_working = date(2025, 11, 28)  # a Friday: 29-30 November is a weekend
    assert await read_future_day("в конце месяца", last_working, limit) == date(2025, 12, 31)
    assert parse_day("friday", friday, ahead=True) == date(2025, 11, 14)
    assert parse_day("friday", friday) == friday  # a finish day: today counts


async def test_a_button_of_an_earlier_question_changes_nothing(harness: BotHarness) -> None:
    """Skip pressed on the baseline question after the target was typed would have wiped
    the number, baseline and target: it is an old button now."""
    user = harness.user()
    await user.onboard()
    await user.send("/kickoff")
    await user.send("Acme")
    await user.send("Spring banners")
    await user.press(user.label("goal-leads"))
    await user.send("CTR")
    baseline_question, skip = user.button_data(user.label("button-skip"))
    await user.send("1,2%")
    await user.send("2%")  # now at the end date
    await user.press_data(skip, baseline_question)
    assert user.alerts()[-1] == user.label("stale-button")
    _, draft = await kickoff_rest(user)
    assert "• we'll judge the result by CTR;\n• today it's 1.2%;" in draft
    assert "success would be 2%" in draft


async def kickoff_rest(user: UserDriver) -> list[str]:
    await user.press(user.label("button-end-in-weeks", n=2))
    await user.press(user.label("button-budget-fits"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("trust-call-button"))
    return await user.press(user.label("button-trust-ready", n=1))
