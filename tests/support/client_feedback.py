"""A freelancer's request for their client's view, opened and answered through the
services (the client is not a user of the bot: only their Telegram id is known), and
every row of the schema, read to look for what must be gone."""

from __future__ import annotations

from typing import Any

from bot.services.feedback import Asked, ClientAnswers, FeedbackQuestion, LinkState
from storage.db import Database
from storage.feedback import FeedbackRequest
from testkit.harness import BotHarness
from tests.support.conversations import exported, stored


async def asked(harness: BotHarness, freelancer_id: int, project: int = 0) -> Asked:
    """A new request about the freelancer's project (the first one by default)."""
    user = await stored(harness, freelancer_id)
    project_id = (await exported(harness, freelancer_id))["projects"][project]["id"]
    made = await harness.services.feedback.ask(user, project_id)
    assert isinstance(made, Asked), made
    return made


async def answered(
    harness: BotHarness, freelancer_id: int, person_id: int, comment: str, project: int = 0
) -> FeedbackRequest:
    """The person opens the freelancer's link and answers all three questions, with a
    number and a comment."""
    request = await asked(harness, freelancer_id, project)
    opened = await harness.services.feedback.open(request.payload, person_id)
    assert opened.state is LinkState.READY, opened
    answers = ClientAnswers(
        understood=4, number="2,1%", again=8, comments={FeedbackQuestion.AGAIN: comment}
    )
    done = await harness.services.feedback.submit(request.request.id, person_id, answers)
    assert done.state is LinkState.ANSWERED, done
    return request.request


async def declined(
    harness: BotHarness, freelancer_id: int, person_id: int, project: int = 0
) -> FeedbackRequest:
    """The person opens the link and chooses "don't ask me again"."""
    request = await asked(harness, freelancer_id, project)
    await harness.services.feedback.open(request.payload, person_id)
    assert await harness.services.feedback.decline(request.request.id, person_id)
    return request.request


async def every_row(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, read from the engine's own catalogue."""
    if db.engine == "sqlite":
        names = [
            str(row["name"])
            for row in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
    else:
        names = [
            str(row["table_name"])
            for row in await db.fetchall(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        ]
    return {
        name: [dict(row) for row in await db.fetchall(f'SELECT * FROM "{name}"')] for name in names
    }


async def where_found(
    db: Database, *, text: str | None = None, number: int | None = None
) -> list[str]:
    """`table.column` wherever a value holds the text or equals the number."""
    found: set[str] = set()
    for table, rows in (await every_row(db)).items():
        for row in rows:
            for column, value in row.items():
                if text is not None and isinstance(value, str | bytes):
                    held = value.decode(errors="replace") if isinstance(value, bytes) else value
                    if text in held:
                        found.add(f"{table}.{column}")
                if number is not None and isinstance(value, int) and value == number:
                    found.add(f"{table}.{column}")
                if number is not None and isinstance(value, str) and str(number) in value:
                    found.add(f"{table}.{column}")
    return sorted(found)
