"""Who becomes a user: a freelancer who writes to the bot, and nobody who only types the
bot's name in another chat (an inline query)."""

from __future__ import annotations

import itertools

from aiogram.types import InlineQuery, Update, User

from testkit.harness import BotHarness

_update_ids = itertools.count(900_000)


def inline_query(user_id: int, text: str, language: str = "en") -> Update:
    sender = User(id=user_id, is_bot=False, first_name="Mia", language_code=language)
    query = InlineQuery(id=str(next(_update_ids)), from_user=sender, query=text, offset="")
    return Update(update_id=next(_update_ids), inline_query=query)


async def test_an_inline_query_makes_nobody_a_user(harness: BotHarness) -> None:
    await harness.feed(inline_query(5551, "Миша"))

    assert await harness.services.accounts.get(5551) is None
    assert harness.session.requests == []  # nothing was sent to them either


async def test_an_inline_query_from_a_user_leaves_them_as_they_were(harness: BotHarness) -> None:
    anna = harness.user(5552)
    await anna.onboard()
    before = await harness.services.accounts.get(5552)
    harness.clock.advance(hours=3)

    await harness.feed(inline_query(5552, ""))

    assert await harness.services.accounts.get(5552) == before


async def test_writing_to_the_bot_makes_a_user(harness: BotHarness) -> None:
    """The same person, once they open the bot's chat and write, is enrolled."""
    await harness.feed(inline_query(5553, ""))
    await harness.user(5553).send("/start")

    stored = await harness.services.accounts.get(5553)
    assert stored is not None and not stored.is_onboarded
