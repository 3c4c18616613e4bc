"""`python -m storage.copy_database`: an operator moves a live SQLite file to an empty
PostgreSQL database. Run as the operator would (a subprocess), on a SQLite file filled
through the bot's own repositories with ids and Telegram ids above 2**31, into a
PostgreSQL database of the server run."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import make_url

from bot.content.questions import QUESTIONS
from storage.broadcasts import RecipientStatus
from storage.checkins import NewCheckin
from storage.db import Database
from storage.feedback import FeedbackAnswer, FeedbackQuestion
from storage.fsm import DatabaseStorage
from storage.kickoffs import Address, BudgetFit, NewKickoff
from storage.nudges import NewNudge, NudgeKind
from storage.projects import Goal, NewProject
from storage.repositories import Repositories
from storage.users import NewUser
from testkit import engines

pytestmark = engines.needs_servers

ROOT = Path(__file__).resolve().parents[1]
BIG = 2**31
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
PASSWORD = "s3cret-pw-never-shown"
ANNA = NewUser(BIG + 7, BIG + 7, "Анна", "Петрова", "anna", "ru", "Europe/Moscow")
BORIS = NewUser(BIG + 11, BIG + 12, "Boris", None, None, "en", "Europe/Berlin")
CLIENT_ID = BIG + 20  # Anna's client: answered her request, never a user of the bot
FSM_KEY = StorageKey(bot_id=BIG + 99, chat_id=ANNA.chat_id, user_id=ANNA.id)


@dataclass(frozen=True, slots=True)
class Built:
    """Ids of rows the tests read back through the repositories."""

    client_id: int
    project_id: int
    reflection_id: int
    kickoff_id: int
    request_id: int


async def _lift(db: Database, table: str, row_id: int, to: int) -> int:
    """Give a row without children yet an id above 2**31; SQLite numbers the next rows
    after it, as a long-lived database would."""
    await db.execute(
        f"UPDATE {table} SET id = :to WHERE id = :row_id", {"to": to, "row_id": row_id}
    )
    return to


async def build_source(path: Path, *, many: bool) -> Built:
    """A SQLite file with rows in every table, written by the bot's repositories. With
    `many`, two tables (one of them WITHOUT ROWID) hold more than a batch of rows."""
    db = await Database.open(path)
    try:
        repos = Repositories.over(db)
        await repos.users.get_or_create(ANNA, NOW)
        await repos.users.get_or_create(BORIS, NOW)
        await repos.users.finish_onboarding(ANNA.id, NOW)
        await repos.users.set_tips(ANNA.id, True, NOW)
        await repos.users.set_tips_frequency(ANNA.id, "daily", NOW)

        acme = await repos.clients.add(ANNA.id, "Acme", "@acme", "Ёлки и палки", NOW)
        acme_id = await _lift(db, "clients", acme.id, BIG + 100)
        beta = await repos.clients.add(ANNA.id, "Beta", None, None, NOW + timedelta(minutes=1))
        await repos.clients.set_cadence(ANNA.id, beta.id, "month", 2)
        await repos.clients.record_contact(ANNA.id, acme_id, NOW)
        await repos.clients.add(BORIS.id, "Gamma GmbH", "gamma@example.com", None, NOW)

        project = await repos.projects.add(
            NewProject(
                ANNA.id,
                acme_id,
                "Spring banners",
                Goal.LEADS,
                "more calls",
                "CTR",
                "1,2%",
                date(2026, 11, 20),
            ),
            NOW,
        )
        project_id = await _lift(db, "projects", project.id, BIG + 200)
        started = await repos.reflections.start(ANNA.id, project_id, NOW)
        assert started is not None
        reflection_id = await _lift(db, "reflections", started.id, BIG + 300)
        for position, question in enumerate(QUESTIONS):
            await repos.reflections.save_answer(
                ANNA.id,
                reflection_id,
                question.id,
                value=position % 5,
                text="Ask about the numbers" if question.id == "lesson" else None,
                skipped=question.id == "trust",
                next_position=position + 1,
            )
        await repos.reflections.save_comment(ANNA.id, reflection_id, "fit", "They loved it")
        await repos.reflections.complete(
            ANNA.id,
            reflection_id,
            score=72,
            label="partner",
            decision="keep",
            lesson="Ask about the numbers",
            advice=("A1", "A7"),
            now=NOW,
        )
        for number in range(90 if many else 2):
            older = await repos.projects.add(
                NewProject(
                    ANNA.id,
                    beta.id,
                    f"Site {number}",
                    Goal.SALES,
                    None,
                    None,
                    None,
                    date(2026, 1, 1) + timedelta(days=number),
                ),
                NOW,
            )
            draft = await repos.reflections.start(ANNA.id, older.id, NOW)
            assert draft is not None
            for position, question in enumerate(QUESTIONS):
                await repos.reflections.save_answer(
                    ANNA.id,
                    draft.id,
                    question.id,
                    value=(number + position) % 3,
                    text=None,
                    skipped=False,
                    next_position=position + 1,
                )

        checkin = await repos.checkins.replace_for_client(
            NewCheckin(
                ANNA.id,
                acme_id,
                project_id,
                datetime(2026, 12, 3, 10, 0),
                True,
                datetime(2026, 12, 3, 7, 0, tzinfo=UTC),
            ),
            NOW,
        )
        await _lift(db, "checkins", checkin.id, BIG + 400)
        await repos.checkins.insert_many(
            (
                NewCheckin(
                    ANNA.id,
                    beta.id,
                    None,
                    datetime(2027, 1, 1, 10, 0),
                    False,
                    datetime(2027, 1, 1, 7, 0, tzinfo=UTC) + timedelta(hours=number),
                    recurring=True,
                    base_day=date(2026, 12, 1),
                )
                for number in range(2345 if many else 3)
            ),
            NOW,
        )
        await repos.checkins.log_contact(ANNA.id, acme_id, date(2026, 11, 25), "manual", NOW)

        await repos.tips.schedule(
            ANNA.id, datetime(2026, 11, 27, 9, 0), datetime(2026, 11, 27, 6, 0, tzinfo=UTC), NOW
        )
        await repos.tips.mark_seen(ANNA.id, "tip-partner", NOW)
        await repos.tips.mark_seen(BORIS.id, "tip-goal", NOW)

        broadcast = await repos.broadcasts.create(ANNA.id, ANNA.chat_id, BIG + 5, "all", NOW)
        await repos.broadcasts.start(broadcast.id, NOW)
        await repos.broadcasts.mark(broadcast.id, BORIS.id, RecipientStatus.SENT)

        reading = await repos.metrics.add(
            ANNA.id, project_id, "1,5%", 1.5, True, date(2026, 11, 26), NOW
        )
        assert reading is not None

        # Anna asked her client for their view: one client (a Telegram id above 2**31,
        # never a user) answered with a number; another asked not to be asked again.
        asked = await repos.feedback.add(
            ANNA.id, project_id, "a" * 64, NOW, NOW + timedelta(days=30)
        )
        assert asked is not None
        request_id = await _lift(db, "feedback_requests", asked.id, BIG + 700)
        assert await repos.feedback.claim(request_id, CLIENT_ID, NOW)
        assert await repos.feedback.mark_answered(request_id, CLIENT_ID, NOW)
        await repos.feedback.add_answers(
            request_id,
            [
                FeedbackAnswer(FeedbackQuestion.UNDERSTOOD, 4, comment="Всё ясно"),
                FeedbackAnswer(FeedbackQuestion.NUMBER, 2.1, percent=True, text="2,1%"),
                FeedbackAnswer(FeedbackQuestion.AGAIN, None, skipped=True),
            ],
        )
        from_client = await repos.metrics.add(
            ANNA.id, project_id, "2,1%", 2.1, True, date(2026, 11, 26), NOW, feedback_id=request_id
        )
        assert from_client is not None
        await repos.feedback_notices.add(ANNA.id, request_id, NOW, NOW)
        declined = await repos.feedback.add(
            ANNA.id, project_id, "b" * 64, NOW, NOW + timedelta(days=30)
        )
        assert declined is not None
        await repos.feedback.decline(declined.id, ANNA.id, acme_id, BIG + 21, NOW)

        kickoff = await repos.kickoffs.add(
            NewKickoff(
                ANNA.id,
                acme_id,
                "Summer banners",
                Goal.LEADS,
                None,
                "CTR",
                "1,5%",
                "2%",
                date(2027, 2, 1),
                BudgetFit.FITS,
                None,
                Address.INFORMAL,
            ),
            NOW,
        )
        kickoff_id = await _lift(db, "kickoffs", kickoff.id, BIG + 600)
        await repos.nudges.add(
            NewNudge(
                ANNA.id,
                kickoff_id,
                NudgeKind.CALL,
                datetime(2026, 11, 27, 10, 0),
                datetime(2026, 11, 27, 7, 0, tzinfo=UTC),
            ),
            NOW,
        )

        fsm = DatabaseStorage(db, lambda: NOW)
        await fsm.set_state(FSM_KEY, "Reflection:answer")
        await fsm.set_data(FSM_KEY, {"reflection_id": reflection_id, "name": "Ёж"})
    finally:
        await db.close()
    return Built(acme_id, project_id, reflection_id, kickoff_id, request_id)


def sqlite_tables(path: Path) -> dict[str, list[str]]:
    """Every table of the file and its columns, read straight from SQLite's catalogue
    (not through the command under test)."""
    connection = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            name: [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')]
            for name in names
        }
    finally:
        connection.close()


async def dump(url: str | Path, tables: dict[str, list[str]]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in the same column order on either engine, sorted."""
    db = await Database.open(url)
    try:
        dumped: dict[str, list[tuple[Any, ...]]] = {}
        for table, columns in tables.items():
            listed = ", ".join(f'"{column}"' for column in columns)
            rows = await db.fetchall(f'SELECT {listed} FROM "{table}"')
            dumped[table] = sorted((tuple(row[c] for c in columns) for row in rows), key=repr)
        return dumped
    finally:
        await db.close()


async def run_copy(source: str | Path, target: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "storage.copy_database",
        "--from",
        str(source),
        "--to",
        target,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=300)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def with_password(url: str) -> str:
    """The test server trusts every local login, so a password in the URL is ignored
    there; the command must still never print it."""
    return make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)


async def test_copies_every_table_and_the_bot_reads_the_same_data(tmp_path: Path) -> None:
    source = tmp_path / "data" / "bot.sqlite3"
    built = await build_source(source, many=True)
    target = engines.database_for(tmp_path / "target")
    tables = sqlite_tables(source)
    before = await dump(source, tables)
    assert all(before.values()), [t for t, rows in before.items() if not rows]  # all filled
    # A reading the client gave, not only NULLs, in the column that marks one.
    feedback_id = tables["metric_readings"].index("feedback_id")
    assert {row[feedback_id] for row in before["metric_readings"]} == {None, built.request_id}
    assert len(before["checkins"]) > 2000 and len(before["reflection_answers"]) > 1000

    status, out, err = await run_copy(f"sqlite:///{source}", with_password(target))

    assert status == 0, err
    assert PASSWORD not in out + err and "***" in out
    lines = out.strip().splitlines()
    for table, rows in before.items():
        assert any(line.split() == [table, str(len(rows)), "rows"] for line in lines), table
    assert "row counts match" in lines[-1]
    total = sum(len(rows) for rows in before.values())
    assert f"copied {total} rows in {len(tables)} tables" in lines[-1]
    # Parents were copied before children.
    order = [line.split()[0] for line in lines[1:-1]]
    assert order.index("users") < order.index("clients") < order.index("projects")
    assert order.index("reflections") < order.index("reflection_answers")
    assert order.index("kickoffs") < order.index("nudges")
    assert order.index("projects") < order.index("feedback_requests")
    assert order.index("feedback_requests") < order.index("metric_readings")
    assert order.index("feedback_requests") < order.index("feedback_answers")
    assert order.index("feedback_requests") < order.index("feedback_notices") == len(order) - 1

    assert await dump(target, tables) == before
    pg = await Database.open(target)
    try:
        pg_tables = await pg.fetchall(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name != 'schema_version'"
        )
        assert {row["table_name"] for row in pg_tables} == set(tables)

        # New rows get ids past the copied ones.
        repos = Repositories.over(pg)
        newest = await repos.clients.add(ANNA.id, "Delta", None, None, NOW)
        assert newest.id > max(row[0] for row in before["clients"])
        assert newest.id > BIG + 100
        checkin = await repos.checkins.replace_for_client(
            NewCheckin(
                ANNA.id,
                newest.id,
                None,
                datetime(2027, 3, 1, 10, 0),
                False,
                datetime(2027, 3, 1, 7, 0, tzinfo=UTC),
            ),
            NOW,
        )
        assert checkin.id > max(row[0] for row in before["checkins"])

        lite = await Database.open(source)
        try:
            old = Repositories.over(lite)
            assert await repos.users.get(ANNA.id) == await old.users.get(ANNA.id)
            assert await repos.users.get(BORIS.id) == await old.users.get(BORIS.id)
            anna_client = await repos.clients.get(ANNA.id, built.client_id)
            assert anna_client is not None and anna_client.name == "Acme"
            assert anna_client == await old.clients.get(ANNA.id, built.client_id)
            assert await repos.projects.get(ANNA.id, built.project_id) == (
                await old.projects.get(ANNA.id, built.project_id)
            )
            reflection = await repos.reflections.get(ANNA.id, built.reflection_id)
            assert reflection is not None and reflection.score == 72
            assert reflection == await old.reflections.get(ANNA.id, built.reflection_id)
            answers = await repos.reflections.answers(ANNA.id, built.reflection_id)
            assert len(answers) == len(QUESTIONS)
            assert answers == await old.reflections.answers(ANNA.id, built.reflection_id)
            assert await repos.kickoffs.get(ANNA.id, built.kickoff_id) == (
                await old.kickoffs.get(ANNA.id, built.kickoff_id)
            )
            assert await repos.metrics.latest(ANNA.id, built.project_id) == (
                await old.metrics.latest(ANNA.id, built.project_id)
            )
            request = await repos.feedback.get(ANNA.id, built.request_id)
            assert request is not None and request.respondent_id == CLIENT_ID
            assert request == await old.feedback.get(ANNA.id, built.request_id)
            copied_answers = await repos.feedback.answers(built.request_id)
            assert len(copied_answers) == 3
            assert sorted(copied_answers, key=repr) == sorted(
                await old.feedback.answers(built.request_id), key=repr
            )
            assert await repos.feedback.opted_out(ANNA.id, BIG + 21)
            readings = await repos.metrics.for_project(ANNA.id, built.project_id)
            assert [r.feedback_id for r in readings] == [None, built.request_id]
            assert readings == await old.metrics.for_project(ANNA.id, built.project_id)
            fsm = DatabaseStorage(pg, lambda: NOW)
            assert await fsm.get_state(FSM_KEY) == "Reflection:answer"
            assert await fsm.get_data(FSM_KEY) == {
                "reflection_id": built.reflection_id,
                "name": "Ёж",
            }
        finally:
            await lite.close()
    finally:
        await pg.close()


async def test_refuses_a_target_that_has_rows_and_leaves_it_alone(tmp_path: Path) -> None:
    source = tmp_path / "bot.sqlite3"
    await build_source(source, many=False)
    target = engines.database_for(tmp_path / "target")
    status, _, err = await run_copy(source, target)
    assert status == 0, err
    tables = sqlite_tables(source)
    copied = await dump(target, tables)

    status, out, err = await run_copy(source, with_password(target))

    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "already has rows in table users" in err
    assert PASSWORD not in err
    assert await dump(target, tables) == copied


async def test_a_failed_copy_leaves_the_target_empty(tmp_path: Path) -> None:
    source = tmp_path / "bot.sqlite3"
    await build_source(source, many=False)
    # A value PostgreSQL cannot take, in the table copied last: every table before it
    # has been inserted by then, inside the one unit of work.
    connection = sqlite3.connect(source)
    with connection:
        connection.execute("UPDATE feedback_notices SET attempts = 'many'")
    connection.close()
    target = engines.database_for(tmp_path / "target")
    tables = sqlite_tables(source)

    status, _, err = await run_copy(source, target)

    assert status == 1
    assert "feedback_notices" in err and "no row was written" in err
    assert all(not rows for rows in (await dump(target, tables)).values())

    # Fixed, the same command simply runs again.
    connection = sqlite3.connect(source)
    with connection:
        connection.execute("UPDATE feedback_notices SET attempts = 0")
    connection.close()
    status, _, err = await run_copy(source, target)
    assert status == 0, err
    assert await dump(target, tables) == await dump(source, tables)


async def test_a_missing_source_is_refused_and_not_created(tmp_path: Path) -> None:
    target = engines.database_for(tmp_path / "target")
    missing = tmp_path / "nowhere" / "bot.sqlite3"
    for given in (str(missing), f"sqlite:///{missing}"):
        status, out, err = await run_copy(given, target)
        assert status == 2
        assert out == ""
        assert err.strip() == f"copy_database: refused: the source {missing} does not exist"
    assert not missing.parent.exists()


async def test_wrong_engines_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "bot.sqlite3"
    await build_source(source, many=False)
    target = with_password(engines.database_for(tmp_path / "target"))
    elsewhere = tmp_path / "other.sqlite3"
    for given_from, given_to, expected in (
        (target, target, "--from must be a SQLite file"),
        (str(source), f"sqlite:///{elsewhere}", "--to must be a postgresql:// URL"),
        (str(source), str(elsewhere), "--to must be a postgresql:// URL"),
    ):
        status, out, err = await run_copy(given_from, given_to)
        assert status == 2, err
        assert expected in err and len(err.strip().splitlines()) == 1
        assert PASSWORD not in out + err
    assert not elsewhere.exists()
