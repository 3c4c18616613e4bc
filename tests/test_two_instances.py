"""Two bot processes in webhook mode on one PostgreSQL and Redis, against a Bot API that
answers 429 above 30 sends a second, as Telegram does.

A broadcast to 1,000 people and 250 check-ins falling due at once are each delivered
exactly once, the two instances together never faster than BROADCAST_RATE and never
answered 429; then the instance sending a second broadcast is killed with SIGKILL and
the other one finishes it with nobody lost.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from redis.asyncio import Redis

from bot.views.broadcast import AudienceCb, BroadcastConfirmCb
from storage.broadcasts import Audience, BroadcastRepository
from storage.db import Database
from testkit import engines
from testkit.fake_bot_api import BOT_ID, FakeBotAPI
from testkit.harness import TEST_TOKEN
from testkit.instances import (
    BotInstance,
    busiest,
    free_port,
    instance_env,
    message_update,
    seed_due_checkins,
    seed_people,
)

pytestmark = engines.needs_servers

RATE = 25  # BROADCAST_RATE's default
TELEGRAM_LIMIT = 30
ADMIN = 42
# 1,250 sends at RATE take 50 s: five windows of SPAN in which a budget that was not
# shared would show, without minutes of waiting for more of the same.
EN_PEOPLE = range(100_001, 101_001)  # 1,000
WITH_CHECKINS = range(100_001, 100_251)  # 250 of them
RU_PEOPLE = range(300_001, 300_401)  # 400, for the broadcast interrupted by a kill
# Sends leave 1/RATE apart; on a busy machine some reach the fake server (or get its
# attention) late, next to ones that are on time: a 200 ms stall of this process puts
# five sends into the next moment. Over ten seconds that is a shift of a few sends, while
# a budget that was not shared would put twice the rate into every window.
ARRIVAL_JITTER = 5
SPAN = 10.0


async def until(check: Callable[[], Awaitable[bool]], timeout: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.5)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI(TEST_TOKEN, limit_per_second=TELEGRAM_LIMIT)
    await server.start()
    yield server
    await server.stop()


async def test_two_instances_share_the_work_once_and_survive_a_kill(
    tmp_path: Path, api: FakeBotAPI
) -> None:
    url = engines.database_for(tmp_path / "shared")
    assert engines.REDIS_URL is not None
    db = await Database.open(url)
    instances: list[BotInstance] = []
    try:
        now = datetime.now(UTC)
        await seed_people(db, EN_PEOPLE)
        await seed_people(db, RU_PEOPLE, language="ru")
        await seed_due_checkins(db, WITH_CHECKINS, now)
        first = await BroadcastRepository(db).create(ADMIN, ADMIN, 1, Audience.EN, now)
        assert first.total == len(EN_PEOPLE)
        await seed_people(db, range(ADMIN, ADMIN + 1))

        for n in range(2):
            port = free_port()
            env = instance_env(
                token=TEST_TOKEN,
                api_url=api.url,
                database_url=url,
                redis_url=engines.REDIS_URL,
                port=port,
                ADMIN_IDS=str(ADMIN),
                BROADCAST_RATE=str(RATE),
            )
            instance = BotInstance(port, env)
            await instance.start(tmp_path / f"instance-{n}.log")
            instances.append(instance)
        for instance in instances:
            await instance.wait_healthy()

        # Both instances sweep at start: the check-ins and the queued broadcast.
        async def first_round_done() -> bool:
            sent = await db.fetchvalue("SELECT COUNT(*) FROM checkins WHERE status = 'sent'")
            status = await db.fetchvalue(
                "SELECT status FROM broadcasts WHERE id = :id", {"id": first.id}
            )
            return bool(sent == len(WITH_CHECKINS) and status == "done")

        await until(first_round_done, 240, "the first broadcast and the check-ins")
        copies = Counter(int(c.params["chat_id"]) for c in api.calls if c.method == "copyMessage")
        reminders = Counter(
            int(c.params["chat_id"]) for c in api.calls if c.method == "sendMessage"
        )
        assert set(copies) == set(EN_PEOPLE) and set(copies.values()) == {1}
        assert set(reminders) == set(WITH_CHECKINS) and set(reminders.values()) == {1}
        # Never a second above Telegram's limit (it would have answered 429), and the two
        # instances together never faster than BROADCAST_RATE.
        assert api.answered_429 == 0
        assert busiest(api.send_times, SPAN) <= RATE * SPAN + ARRIVAL_JITTER

        # The admin starts a second broadcast through the second instance's webhook.
        updates = itertools.count(1)
        async with aiohttp.ClientSession() as http:
            target = instances[1]
            for update in (
                message_update(next(updates), ADMIN, "/broadcast"),
                message_update(next(updates), ADMIN, "Hello from the team"),
            ):
                assert await target.post_update(http, update) == 200
                await asyncio.sleep(0.5)  # a person reads the question before answering
            for data in (AudienceCb(audience=Audience.RU).pack(), BroadcastConfirmCb().pack()):
                question = await api.wait_for(
                    lambda c, d=data: (
                        c.method in ("sendMessage", "editMessageText")
                        and int(c.params["chat_id"]) == ADMIN
                        and d in str(c.params.get("reply_markup", ""))
                    ),
                    timeout=20,
                )
                assert await target.post_update(http, press(next(updates), question, data)) == 200

        second_id = first.id + 1

        async def ru_copies() -> Counter[int]:
            return Counter(
                int(c.params["chat_id"])
                for c in api.calls
                if c.method == "copyMessage" and int(c.params["chat_id"]) in RU_PEOPLE
            )

        async def some_sent() -> bool:
            return len(await ru_copies()) >= 100

        await until(some_sent, 60, "the second broadcast to start")
        redis = Redis.from_url(engines.REDIS_URL)
        try:
            holder = (await redis.get(f"broadcasts:{BOT_ID}")).decode()
        finally:
            await redis.aclose()
        victim = next(i for i in instances if f":{i.pid}:" in holder)
        victim.kill()
        await victim.process.wait()  # type: ignore[union-attr]
        survivor = next(i for i in instances if i is not victim)

        async def second_done() -> bool:
            status = await db.fetchvalue(
                "SELECT status FROM broadcasts WHERE id = :id", {"id": second_id}
            )
            return bool(status == "done")

        await until(second_done, 120, f"the survivor to finish:\n{survivor.output()}")
        copies = await ru_copies()
        assert set(copies) == set(RU_PEOPLE)  # nobody lost
        # Sends on their way when the instance died may go twice: one claimed batch.
        assert sum(copies.values()) - len(RU_PEOPLE) <= RATE
        assert api.answered_429 == 0
    finally:
        for instance in instances:
            await instance.stop()
        await db.close()


def press(update_id: int, question: Any, data: str) -> dict[str, Any]:
    """A press of the button with this callback data on the message the bot sent."""
    result = question.result
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": {"id": ADMIN, "is_bot": False, "first_name": "U", "language_code": "en"},
            "chat_instance": "instances",
            "message": result,
            "data": data,
        },
    }
