"""/export gives people their data; /delete_me erases every row of theirs, and only theirs."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from bot.content.questions import QUESTIONS
from storage.db import Database
from storage.users import User
from testkit.harness import BotHarness, UserDriver
from tests.support.client_feedback import answered
from tests.support.conversations import BEST_ANSWERS, answer_all, export_of, record_project

# Rows of these tables carry no user column of their own: they hang on a row that does
# (and go with it). A new table must say how its rows belong to a person, or be listed as
# holding nobody's data, before this check passes.
OWNED_THROUGH = {
    "reflection_answers": "SELECT COUNT(*) AS n FROM reflection_answers a "
    "JOIN reflections r ON r.id = a.reflection_id WHERE r.user_id = :user_id",
    # The answers to the user's requests, and those the user gave as someone's client.
    "feedback_answers": "SELECT COUNT(*) AS n FROM feedback_answers a "
    "JOIN feedback_requests r ON r.id = a.request_id "
    "WHERE r.user_id = :user_id OR r.respondent_id = :user_id",
}
NOBODYS = {"schema_version"}  # PostgreSQL's record of the migrations


async def busy_user(harness: BotHarness, user_id: int, client: str) -> UserDriver:
    """A user with a client, a project, a reflection, a check-in, tips, the client's own
    view (answers, a reading of theirs, a notice; later "don't ask me again") and a state."""
    user = harness.user(user_id)
    await user.onboard()
    await record_project(user, client=client)
    await user.send(f"{client} wanted more repeat orders")  # a comment
    await answer_all(user, BEST_ANSWERS, "Ask for numbers first")
    await user.press("Every month")
    respondent = user_id * 1000 + 7  # the client, never a user of the bot
    request = await answered(harness, user_id, respondent, f"{client} would come back")
    await harness.services.repos.feedback.decline(
        request.id, user_id, request.client_id, respondent, harness.clock.now()
    )
    await user.send("/tips")
    await user.send("/done")  # leaves a conversation state behind
    return user


async def test_export_contains_only_own_data(harness: BotHarness) -> None:
    mine = await busy_user(harness, 1001, "Acme")
    await busy_user(harness, 2002, "Other Co")
    archive = await export_of(harness, mine)
    data = json.loads(archive.read("export.json"))["tables"]
    assert [c["name"] for c in data["clients"]] == ["Acme"]
    assert data["profile"][0]["id"] == 1001 and data["profile"][0]["tips_enabled"] == 1
    assert len(data["reflection_answers"]) == len(QUESTIONS)
    assert data["reflections"][0]["lesson"] == "Ask for numbers first"
    assert len(data["checkins"]) == 1 and data["tip_deliveries"]
    assert "Other Co" not in archive.read("export.json").decode()
    rows = list(csv.DictReader(io.StringIO(archive.read("projects.csv").decode())))
    assert rows[0]["title"] == "Spring landing"


async def test_export_for_someone_with_no_data(harness: BotHarness) -> None:
    user = harness.user()
    archive = await export_of(harness, user)
    data = json.loads(archive.read("export.json"))["tables"]
    assert data["clients"] == [] and len(data["profile"]) == 1
    assert archive.read("clients.csv").decode().strip() == ""


async def storage_rows_of(db: Database, user_id: int) -> dict[str, int]:
    """Storage check, below every service: the rows of any table in the schema that
    point at the user by a user-ish column (or hang on one that does), so a table added
    later cannot be missed by /delete_me."""
    found = {}
    for table, columns in (await schema_of(db)).items():
        checks: list[str] = [
            c for c in ("user_id", "admin_id", "chat_id", "respondent_id") if c in columns
        ]
        if table == "users":
            checks.append("id")
        if not checks:
            assert table in OWNED_THROUGH or table in NOBODYS, f"whose are the rows of {table}?"
            if table in OWNED_THROUGH:
                rows = await db.fetchvalue(OWNED_THROUGH[table], {"user_id": user_id})
                if rows:
                    found[table] = int(rows)
        for column in checks:
            rows = await db.fetchvalue(
                f"SELECT COUNT(*) AS n FROM {table} WHERE {column} = :user_id",
                {"user_id": user_id},
            )
            if rows:
                found[f"{table}.{column}"] = int(rows)
    return found


async def schema_of(db: Database) -> dict[str, list[str]]:
    """Every table and its columns, read from the engine's own catalogue."""
    if db.engine == "sqlite":
        names = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {
            row["name"]: [c["name"] for c in await db.fetchall(f"PRAGMA table_info({row['name']})")]
            for row in names
        }
    rows = await db.fetchall(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    )
    tables: dict[str, list[str]] = {}
    for row in rows:
        tables.setdefault(row["table_name"], []).append(row["column_name"])
    return tables


async def exported_tables(harness: BotHarness, user: User) -> dict[str, Any]:
    """What /export would give the user, read without a message (which would bring a
    deleted user back)."""
    archive = zipfile.ZipFile(io.BytesIO(await harness.services.accounts.export(user)))
    return json.loads(archive.read("export.json"))["tables"]  # type: ignore[no-any-return]


async def test_delete_me_erases_everything_and_only_that(harness: BotHarness) -> None:
    mine = await busy_user(harness, 1001, "Acme")
    await busy_user(harness, 2002, "Other Co")
    me, other = await harness.services.accounts.get(1001), await harness.services.accounts.get(2002)
    assert me is not None and other is not None
    before_other = await storage_rows_of(harness.db, 2002)
    other_data = await exported_tables(harness, other)
    assert len((await exported_tables(harness, me))["reflection_answers"]) == len(QUESTIONS)
    mine_before = await storage_rows_of(harness.db, 1001)
    assert {
        "feedback_requests.user_id",
        "feedback_answers",
        "feedback_notices.user_id",
        "feedback_opt_outs.user_id",
        "metric_readings.user_id",
    } <= set(mine_before)

    [text] = await mine.send("/delete_me")
    assert "Delete everything?" in text
    await mine.press("No, keep my data")
    assert await storage_rows_of(harness.db, 1001)  # nothing happens without a yes
    await mine.send("/delete_me")
    [text] = await mine.press("Yes, delete everything")
    assert "everything about you is erased" in text

    assert await storage_rows_of(harness.db, 1001) == {}
    assert await storage_rows_of(harness.db, 2002) == before_other
    # Answers hang on reflections, not on the user: they went with them, and only mine.
    assert all(rows == [] for rows in (await exported_tables(harness, me)).values())
    assert await exported_tables(harness, other) == other_data
    assert await harness.services.accounts.get(1001) is None
