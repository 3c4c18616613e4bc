"""Clients (list, card, edit, archive, delete), history, stats, and refusing buttons that
point at someone else's data."""

from __future__ import annotations

import io
import logging

import pytest
from aiogram.methods import SendPhoto
from aiogram.types import BufferedInputFile
from matplotlib.image import imread

from bot.views.clients import ClientAction, ClientCb
from bot.views.history import HistoryOpenCb
from bot.views.reflection import ReflectPickCb
from testkit.harness import BotHarness, UserDriver
from tests.support.conversations import BEST_ANSWERS, answer_all, exported, record_project, stored


async def add_client(user: UserDriver, name: str, contact: str | None, notes: str | None) -> None:
    await user.send("/clients")
    await user.press("➕ Add client")
    await user.send(name)
    if contact is None:
        await user.press("Skip →")
    else:
        await user.send(contact)
    if notes is None:
        await user.press("Skip →")
    else:
        await user.send(notes)


async def test_add_client_and_see_the_card(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await add_client(user, "Bakery <Sweet> & Co 🍰", "@baker", "Sells cakes online")
    card = user.last_message.html_text
    assert "Client <b>Bakery &lt;Sweet&gt; &amp; Co 🍰</b> added." in card
    assert "Contact: @baker" in card
    assert "Notes: Sells cakes online" in card
    assert "Projects: 0" in card
    assert "Last contact: no contact yet" in card
    assert "Next check-in: —" in card


async def test_overlong_note_is_refused_and_the_rest_is_kept(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/clients")
    await user.press("➕ Add client")
    await user.send("Acme")
    await user.send("acme@example.com")
    [text] = await user.send("n" * 5000)
    assert "5,000 characters; here the limit is 1,000" in text
    [card] = await user.send("Short note")
    assert "Contact: acme@example.com\nNotes: Short note" in card
    clients = await harness.services.clients.recent(await stored(harness), 10)
    assert [(c.name, c.contact, c.notes) for c in clients] == [
        ("Acme", "acme@example.com", "Short note")
    ]


async def test_client_name_limit(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/clients")
    await user.press("➕ Add client")
    [text] = await user.send("N" * 101)
    assert "limit is 100" in text
    assert (await exported(harness))["clients"] == []


async def test_list_is_paginated_and_sorted_by_last_contact(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    for n in range(8):
        await add_client(user, f"Client {n}", None, None)
    await record_project(user, client="Fresh", day="today")  # the only one with a contact
    await user.press("⏸ Pause")
    [text] = await user.send("/clients")
    assert "<b>Your clients</b> (9)" in text
    buttons = user.buttons()
    assert buttons[0] == "Fresh · today"
    assert "More ›" in buttons
    assert sum(b.startswith("Client ") for b in buttons) == 5
    await user.press("More ›")
    assert sum(b.startswith("Client ") for b in user.buttons()) == 3
    assert "‹ Back" in user.buttons()


async def test_card_shows_projects_and_latest_score(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user, client="Acme", day="3 days ago")
    await answer_all(user, BEST_ANSWERS, None)
    harness.clock.advance(days=21)
    await user.send("/clients")
    [text] = await user.press("Acme · 3 weeks ago")
    assert "Projects: 1" in text
    assert "Latest partner score: 100" in text
    assert "• 23 Nov 2026 — Spring landing" in text


async def test_edit_archive_and_restore(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await add_client(user, "Acme", "old@acme.io", None)
    await user.press("✏️ Edit")
    await user.press("Contact")
    [text] = await user.send("new@acme.io")
    assert "Saved." in text and "Contact: new@acme.io" in text
    await user.press("✏️ Edit")
    await user.press("Contact")
    [text] = await user.press("Clear it")
    assert "Contact: —" in text
    [text] = await user.press("🗄 Archive")
    assert text.startswith("<b>Acme</b> (archived)")
    assert user.alerts()[-1] == "Moved to the archive. Its history stays; restore it any time."
    [text] = await user.send("/clients")
    assert "No clients yet" in text
    [text] = await user.press("🗄 Archive")
    assert "<b>Archived clients</b> (1)" in text
    await user.press("Acme · no contact yet")
    [text] = await user.press("↩️ Restore")
    assert text.startswith("<b>Acme</b>\n") and "Contact: —" in text
    assert user.alerts()[-1] == "Back among your active clients."
    [client] = await harness.services.clients.recent(await stored(harness), 10)
    assert (client.archived, client.contact) == (False, None)


async def test_delete_needs_confirmation_and_removes_projects(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user, client="Acme")
    await answer_all(user, BEST_ANSWERS, None)
    await user.send("/clients")
    await user.press("Acme · 3 days ago")
    [text] = await user.press("🗑 Delete")
    assert "This also removes its project and the reflections on them" in text
    [text] = await user.press("No, keep")
    assert text.startswith("<b>Acme</b>") and "Projects: 1" in text
    assert len((await exported(harness))["clients"]) == 1
    await user.press("🗑 Delete")
    [text] = await user.press("Yes, delete")
    assert "<b>Acme</b> is deleted." in text and "No clients yet" in text
    tables = await exported(harness)
    for table in ("clients", "projects", "reflections", "reflection_answers"):
        assert tables[table] == [], table


async def test_old_button_after_client_was_deleted(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await add_client(user, "Acme", None, None)
    card, edit_data = user.button_data("✏️ Edit")
    await user.press("🗑 Delete")
    await user.press("Yes, delete")
    await user.press_data(edit_data, card)
    assert "older message" in user.alerts()[-1]


async def test_forged_callbacks_for_someone_elses_data_are_refused(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    owner = harness.user(1001)
    await owner.onboard()
    await record_project(owner, client="Secret client")
    await owner.press("5")  # a draft reflection with one answer
    before = await exported(harness, 1001)
    [project] = before["projects"]
    [reflection] = before["reflections"]
    client_id, project_id, reflection_id = project["client_id"], project["id"], reflection["id"]

    intruder = harness.user(2002, first_name="Mallory")
    await intruder.onboard()
    await intruder.send("/menu")
    screen = intruder.last_message
    forged = [
        ClientCb(id=client_id, action=ClientAction.OPEN).pack(),
        ClientCb(id=client_id, action=ClientAction.DELETE_YES).pack(),
        ClientCb(id=client_id, action=ClientAction.ARCHIVE).pack(),
        ReflectPickCb(project=project_id).pack(),
        f"a2:{reflection_id}:1:2",  # an answer button: reflection, question, value
        HistoryOpenCb(id=reflection_id, page=0).pack(),
    ]
    with caplog.at_level(logging.WARNING):
        for data in forged:
            replies = await intruder.press_data(data, screen)
            assert all("Secret client" not in text for text in replies)
    assert len(intruder.alerts()) == len(forged)
    assert all("older message" in alert for alert in intruder.alerts())
    assert caplog.text.count("User 2002 pressed a button for") == len(forged)
    # The owner's data is untouched.
    after = await exported(harness, 1001)
    assert [(c["name"], c["archived"]) for c in after["clients"]] == [("Secret client", 0)]
    assert [r["position"] for r in after["reflections"]] == [1]


async def test_history_lists_and_opens_a_reflection(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    [text] = await user.send("/history")
    assert text.startswith("No reflections yet.")
    await record_project(user)
    await user.send("Wanted repeat orders")  # a comment on question 1
    await answer_all(user, BEST_ANSWERS, "Ask earlier")
    [text] = await user.send("/history")
    assert "<b>Your reflections</b>, newest first (1)" in text
    [detail] = await user.press("23 Nov 2026 · Acme: Spring landing · 100")
    assert "<b>Spring landing</b> for Acme, finished 23 Nov 2026" in detail
    assert "Goal: 💰 More sales or profit" in detail
    assert "<i>Wanted repeat orders</i>" in detail
    assert "Ask earlier" in detail
    assert "Partner score: 100/100" in detail
    [text] = await user.press("← History")
    assert "newest first (1)" in text


async def test_stats_without_data_explains(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    [text] = await user.send("/stats")
    assert text.startswith("No scores yet.")


async def test_stats_sends_a_png_chart_and_the_trend(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user, client="Acme", title="Landing", day="10 days ago")
    await answer_all(
        user, ["1", "No", "No", "2", "No", "No", "2", "No", "2", "3", "🔁 Renegotiate"], None
    )
    await record_project(user, client="Beta", title="Banner", day="5 days ago")
    await answer_all(user, BEST_ANSWERS, None)
    await user.send("/done")
    await user.press("Acme")
    await user.send("Shop")
    await user.press(user.label("goal-leads"))
    await user.send("leads")
    await user.press("Skip →")
    await user.press("Today")
    await answer_all(
        user, ["4", "Partly", "Partly", "4", "Yes", "Yes", "4", "Partly", "4", "8", "🤝 Keep"], None
    )

    await user.send("/stats")
    photo = next(m for m in reversed(user.sent) if isinstance(m, SendPhoto))
    assert isinstance(photo.photo, BufferedInputFile)
    assert photo.photo.data.startswith(b"\x89PNG\r\n\x1a\n")
    image = imread(io.BytesIO(photo.photo.data), format="png")
    assert image.shape[0] > 200 and image.shape[1] > 400
    caption = photo.caption or ""
    assert "Reflections: 3" in caption
    me = await harness.services.accounts.get(user.user_id)
    assert me is not None
    history = await harness.services.reflections.history(me, 0, 10)
    in_order = sorted(history.items, key=lambda item: item.reflection_id)
    scores = [item.score for item in in_order if item.score is not None]
    assert len(scores) == 3
    assert f"latest: {scores[-1]}" in caption
    assert f"Average score: {round(sum(scores) / 3)}" in caption
    assert "Repeat clients: 1 of 2 (50%)" in caption
    assert "Strongest: " in caption and "To work on: " in caption


async def test_an_old_reflection_shows_the_score_it_was_given(harness: BotHarness) -> None:
    """A reflection made before the twelve questions: its page shows the score stored
    then (as the list and /stats do) and leaves out the questions it was never asked."""
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await answer_all(user, BEST_ANSWERS, None)
    await harness.db.execute(
        "DELETE FROM reflection_answers WHERE question_id IN ('challenge', 'value')"
    )
    await harness.db.execute("UPDATE reflections SET score = 79, label = 'partner'")
    await user.send("/history")
    [detail] = await user.press("23 Nov 2026 · Acme: Spring landing · 79")
    assert "Partner score: 79/100 · Partner" in detail
    assert user.label("q-challenge") not in detail
    assert user.label("q-fit") in detail
