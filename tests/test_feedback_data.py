"""What a client gave a freelancer is the client's to erase, everywhere; a freelancer's
requests and the answers to them are theirs to take with /export and to erase with
/delete_me. Real databases: SQLite, and PostgreSQL on the server run."""

from __future__ import annotations

import csv
import io
import json

from bot.rules.feedback import payload_hash
from bot.services.feedback import LinkState
from storage.codec import epoch
from storage.feedback import FeedbackState
from testkit.harness import BotHarness
from tests.support.client_feedback import answered, asked, declined, every_row, where_found
from tests.support.conversations import (
    BEST_ANSWERS,
    answer_all,
    export_of,
    exported,
    record_project,
    reflected,
    stored,
)

ANNA, BORIS, CARL, DORA, EMIL = 1001, 2002, 3003, 4004, 5005
CLIENT = 987_654_321  # the client both Anna and Boris asked: never a user of the bot
OTHER_CLIENT = 876_543_219  # Carl's client, who keeps their answers
THIRD_CLIENT = 765_432_198
SECRET = "Der Preis war fair, aber die Abstimmung zäh"


async def freelancers(harness: BotHarness, *ids: int) -> None:
    for user_id in ids:
        await reflected(harness, harness.user(user_id))


async def test_a_clients_erasure_reaches_every_freelancer_and_nothing_else(
    harness: BotHarness,
) -> None:
    await freelancers(harness, ANNA, BORIS, CARL, DORA, EMIL)
    feedback, repos = harness.services.feedback, harness.services.repos
    anna = await stored(harness, ANNA)
    project_id = (await exported(harness, ANNA))["projects"][0]["id"]
    await harness.services.outcomes.record(anna, project_id, "35 orders")  # Anna's own
    to_anna = await answered(harness, ANNA, CLIENT, SECRET)
    to_boris = await answered(harness, BORIS, CLIENT, SECRET + " (Boris)")
    to_carl = await answered(harness, CARL, OTHER_CLIENT, "Carl was great")
    to_dora = await declined(harness, DORA, CLIENT)
    to_emil = await asked(harness, EMIL)
    opening = await feedback.open(to_emil.payload, CLIENT)  # opened, never answered
    assert opening.state is LinkState.READY
    assert await feedback.is_respondent(CLIENT)
    assert [r.feedback_id for r in await repos.metrics.for_project(ANNA, project_id)] == [
        None,
        to_anna.id,
    ]
    # The scan below finds the client's words and id wherever they are.
    assert await where_found(harness.db, text="Abstimmung") == ["feedback_answers.comment"]
    assert await where_found(harness.db, number=CLIENT) == [
        "feedback_opt_outs.respondent_id",
        "feedback_requests.respondent_id",
    ]
    carl_before = {
        table: rows
        for table, rows in (await every_row(harness.db)).items()
        if table.startswith("feedback_") or table == "metric_readings"
    }

    assert await feedback.erase_person(CLIENT) == 2

    # Answered requests say so; the answers, the readings made of them and the notices
    # are gone from Anna's and Boris's data alike.
    for user_id, request in ((ANNA, to_anna), (BORIS, to_boris)):
        user = await stored(harness, user_id)
        now = harness.clock.now()
        left = await feedback.request(user, request.id)
        assert left is not None and left.state(now) is FeedbackState.ERASED
        assert left.respondent_id is None and left.closed_at == now
        assert await repos.feedback.answers(request.id) == []
        assert await feedback.views(user, left) is None
        tables = await exported(harness, user_id)
        assert tables["feedback_answers"] == [] and tables["feedback_notices"] == []
        assert all(r["feedback_id"] is None for r in tables["metric_readings"])
    # Anna's own reading stays, and only it.
    [own] = await repos.metrics.for_project(ANNA, project_id)
    assert own.text == "35 orders" and not own.from_client
    # Dora's opt-out is gone (her declined request stays declined, with nobody's id);
    # Emil's request, only opened, is free for whoever opens it next.
    assert not await repos.feedback.opted_out(DORA, CLIENT)
    dora_request = await feedback.request(await stored(harness, DORA), to_dora.id)
    assert dora_request is not None and dora_request.status.value == "declined"
    assert dora_request.respondent_id is None
    emil_request = await feedback.request(await stored(harness, EMIL), to_emil.request.id)
    assert emil_request is not None and emil_request.state(harness.clock.now()) is (
        FeedbackState.WAITING
    )
    assert emil_request.respondent_id is None and emil_request.opened_at is None
    assert not await feedback.is_respondent(CLIENT)
    # Nothing of the client's is anywhere in the schema.
    assert await where_found(harness.db, text="Abstimmung") == []
    assert await where_found(harness.db, number=CLIENT) == []
    # Carl's client kept every row of theirs.
    carl_after = {
        table: rows
        for table, rows in (await every_row(harness.db)).items()
        if table.startswith("feedback_") or table == "metric_readings"
    }
    for table, rows in carl_before.items():
        if table == "feedback_opt_outs":
            continue
        kept = [row for row in rows if _of_request(row, table, to_carl.id)]
        assert kept and kept == [r for r in carl_after[table] if _of_request(r, table, to_carl.id)]
    carl = await stored(harness, CARL)
    carl_request = await feedback.request(carl, to_carl.id)
    assert carl_request is not None and carl_request.respondent_id == OTHER_CLIENT
    views = await feedback.views(carl, carl_request)
    assert views is not None and views.comments
    # The freed link works for the person who opens it now.
    reopened = await feedback.open(to_emil.payload, OTHER_CLIENT)
    assert reopened.state is LinkState.READY


def _of_request(row: dict[str, object], table: str, request_id: int) -> bool:
    column = {
        "feedback_requests": "id",
        "feedback_answers": "request_id",
        "feedback_notices": "request_id",
        "metric_readings": "feedback_id",
    }.get(table)
    return column is not None and row[column] == request_id


async def test_a_freelancers_delete_me_leaves_no_feedback_row_of_theirs(
    harness: BotHarness,
) -> None:
    await freelancers(harness, ANNA, BORIS)
    anna_driver = harness.user(ANNA)
    await record_project(anna_driver, client="Beta", title="Autumn shop")
    await answer_all(anna_driver, BEST_ANSWERS, None)
    mine = [
        (await answered(harness, ANNA, CLIENT, SECRET)).id,
        (await declined(harness, ANNA, OTHER_CLIENT, project=1)).id,
    ]
    theirs = await answered(harness, BORIS, OTHER_CLIENT, "Boris keeps this")
    tables = await exported(harness, ANNA)
    assert len(tables["feedback_requests"]) == 2 and len(tables["feedback_answers"]) == 3
    assert len(tables["feedback_opt_outs"]) == 1 and len(tables["feedback_notices"]) == 1
    boris_before = await exported(harness, BORIS)

    await anna_driver.send("/delete_me")
    await anna_driver.press("Yes, delete everything")

    rows = await every_row(harness.db)
    assert [r for r in rows["feedback_requests"] if r["user_id"] == ANNA or r["id"] in mine] == []
    assert [r for r in rows["feedback_answers"] if r["request_id"] in mine] == []
    assert [r for r in rows["feedback_notices"] if r["user_id"] == ANNA] == []
    assert [r for r in rows["feedback_opt_outs"] if r["user_id"] == ANNA] == []
    assert [r for r in rows["metric_readings"] if r["feedback_id"] in mine] == []
    assert await where_found(harness.db, text="Abstimmung") == []
    # Boris's request, answered by someone who was Anna's client too, is untouched.
    assert await exported(harness, BORIS) == boris_before
    assert [r["request_id"] for r in rows["feedback_answers"]] == [theirs.id] * 3


async def test_delete_me_also_erases_what_the_user_answered_as_a_client(
    harness: BotHarness,
) -> None:
    await freelancers(harness, ANNA, BORIS)
    to_boris = await answered(harness, BORIS, ANNA, SECRET)  # Anna is Boris's client too
    await declined(harness, ANNA, CLIENT)
    # Her export holds her own words to Boris, and nothing of Boris's.
    given = (await exported(harness, ANNA))["feedback_given"]
    assert {row["question_id"] for row in given} == {"understood", "number", "again"}
    assert SECRET in [row["comment"] for row in given]
    assert all("user_id" not in row and "respondent_id" not in row for row in given)

    anna_driver = harness.user(ANNA)
    await anna_driver.send("/delete_me")
    [text] = await anna_driver.press("Yes, delete everything")
    assert "everything about you is erased" in text

    boris = await stored(harness, BORIS)
    left = await harness.services.feedback.request(boris, to_boris.id)
    assert left is not None and left.state(harness.clock.now()) is FeedbackState.ERASED
    assert await harness.services.feedback.for_project(boris, left.project_id) is None
    tables = await exported(harness, BORIS)
    assert tables["feedback_answers"] == [] and tables["feedback_notices"] == []
    assert all(r["feedback_id"] is None for r in tables["metric_readings"])
    assert [r["status"] for r in tables["feedback_requests"]] == ["erased"]
    assert await where_found(harness.db, text="Abstimmung") == []
    assert await where_found(harness.db, number=ANNA) == []
    assert not await harness.services.feedback.is_respondent(ANNA)


async def test_export_holds_requests_and_answers_but_no_token_and_no_clients_id(
    harness: BotHarness,
) -> None:
    await freelancers(harness, ANNA)
    anna_driver = harness.user(ANNA)
    for client, title in (("Beta", "Autumn shop"), ("Gamma", "Winter sale")):
        await record_project(anna_driver, client=client, title=title)
        await answer_all(anna_driver, BEST_ANSWERS, None)
    to_acme = await asked(harness, ANNA)  # opened, not answered yet
    await harness.services.feedback.open(to_acme.payload, CLIENT)
    to_beta = await answered(harness, ANNA, OTHER_CLIENT, SECRET, project=1)
    to_gamma = await declined(harness, ANNA, THIRD_CLIENT, project=2)
    archive = await export_of(harness, anna_driver)

    data = json.loads(archive.read("export.json"))["tables"]
    by_id = {row["id"]: row for row in data["feedback_requests"]}
    assert set(by_id) == {to_acme.request.id, to_beta.id, to_gamma.id}
    answered_row = by_id[to_beta.id]
    assert answered_row["status"] == "answered" and answered_row["answered_at"] is not None
    assert answered_row["client_id"] == to_beta.client_id
    assert answered_row["project_id"] == to_beta.project_id
    assert by_id[to_acme.request.id]["opened_at"] is not None
    assert by_id[to_gamma.id]["status"] == "declined"
    assert all("token_hash" not in r and "respondent_id" not in r for r in by_id.values())
    # "This client asked not to be asked again", without the client's Telegram id.
    assert data["feedback_opt_outs"] == [
        {
            "user_id": ANNA,
            "client_id": to_gamma.client_id,
            "created_at": epoch(harness.clock.now()),
        }
    ]
    answers = {row["question_id"]: row for row in data["feedback_answers"]}
    assert answers["understood"]["value"] == 4 and answers["again"]["comment"] == SECRET
    assert answers["number"]["text"] == "2,1%"
    [reading] = [r for r in data["metric_readings"] if r["feedback_id"] == to_beta.id]
    assert reading["text"] == "2,1%"
    rows = list(csv.DictReader(io.StringIO(archive.read("feedback_answers.csv").decode())))
    assert SECRET in [row["comment"] for row in rows]
    everything = "".join(archive.read(name).decode(errors="replace") for name in archive.namelist())
    hashes = [
        str(row["token_hash"])
        for row in (await every_row(harness.db))["feedback_requests"]
        if row["user_id"] == ANNA
    ]
    assert len(hashes) == 3 and payload_hash(to_acme.payload) in hashes
    secrets = [to_acme.payload, *hashes]
    for never in (*secrets, str(CLIENT), str(OTHER_CLIENT), str(THIRD_CLIENT)):
        assert never not in everything
