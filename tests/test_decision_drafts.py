"""After the reflection, the two hardest messages to write (I13): renegotiating the terms
and letting a client go, each a draft alone in its own message, ready to copy."""

from __future__ import annotations

import pytest

from testkit.harness import BotHarness
from tests.support.conversations import answer_all, record_project

ANSWERS = ["4", "Yes", "Yes", "4", "Yes", "Yes", "4", "Yes", "4", "7"]


@pytest.mark.parametrize(
    ("decision", "words"),
    [("decision-renegotiate", "one change in how we work"), ("decision-let_go", "best fit")],
)
async def test_a_hard_decision_comes_with_a_draft_of_its_own(
    harness: BotHarness, decision: str, words: str
) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user, client="Acme & Sons")
    await answer_all(user, [*ANSWERS, user.label(decision)], None)
    texts = [m.text or "" for m in user.messages()]
    [draft] = [text for text in texts if words in text]
    assert draft.startswith("Hi Acme & Sons,")  # the name as typed, escaped for HTML
    result = next(text for text in texts if "Partner score" in text)
    assert user.label("result-draft-below") in result
    drafted = next(m for m in user.messages() if words in (m.text or ""))
    assert drafted.reply_markup is None  # nothing but the message to send


async def test_keeping_the_client_needs_no_draft(harness: BotHarness) -> None:
    user = harness.user()
    await user.onboard()
    await record_project(user)
    await answer_all(user, [*ANSWERS, user.label("decision-keep")], None)
    texts = " ".join(m.text or "" for m in user.messages())
    assert "fill in the brackets" not in texts


async def test_the_russian_drafts_read_in_russian(harness: BotHarness) -> None:
    user = harness.user(language_code="ru")
    await user.onboard()
    await record_project(user, day="вчера")
    await answer_all(
        user,
        ["4", "Да", "Да", "4", "Да", "Да", "4", "Да", "4", "7", user.label("decision-let_go")],
        None,
    )
    texts = [m.text or "" for m in user.messages()]
    assert any(t.startswith("Acme, добрый день!") and "не лучший вариант" in t for t in texts)
