"""Conversations many tests start from: a reflected project, a delivered reminder, a
kickoff, an export, the next tip. Each is what a person does, through the user driver."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from aiogram.methods import SendDocument, SendMessage
from aiogram.types import BufferedInputFile

from storage.checkins import Checkin
from storage.tips import TipDelivery
from storage.users import User
from testkit.harness import BotHarness, UserDriver

BEST_ANSWERS = ["5", "Yes", "Yes", "5", "Yes", "Yes", "5", "Yes", "5", "10", "🤝 Keep"]


async def record_project(
    user: UserDriver, client: str = "Acme", title: str = "Spring landing", day: str = "3 days ago"
) -> list[str]:
    await user.press(user.label("button-done-project"))
    await user.send(client)
    await user.send(title)
    await user.press(user.label("goal-sales"))
    await user.send("orders per week")
    await user.send("30 orders")
    return await user.send(day)


async def answer_all(user: UserDriver, answers: list[str], lesson: str | None) -> list[str]:
    """Answer the remaining questions; the replies end with the result (what follows it
    is left out: the check-in offer, and the draft to the client after a decision to
    renegotiate or let go; see user.messages())."""
    for answer in answers:
        await user.press(answer)
    if lesson is None:
        replies = await user.press(user.label("button-skip"))
    else:
        replies = await user.send(lesson)
    hard = {user.label("decision-renegotiate"), user.label("decision-let_go")}
    follow_ups = 2 if answers and answers[-1] in hard else 1
    return replies[:-follow_ups]


async def reflected(harness: BotHarness, user: UserDriver, zone: str = "Europe/Berlin") -> None:
    """An onboarded user with one finished, reflected project for client Acme."""
    await user.onboard(zone=zone)
    await record_project(user)
    await answer_all(user, BEST_ANSWERS, None)


async def stored(harness: BotHarness, user_id: int = 1001) -> User:
    found = await harness.services.accounts.get(user_id)
    assert found is not None
    return found


async def exported(harness: BotHarness, user_id: int = 1001) -> dict[str, list[dict[str, Any]]]:
    """Every table of the user's, as /export hands it to them."""
    archive = await harness.services.accounts.export(await stored(harness, user_id))
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return json.loads(opened.read("export.json"))["tables"]  # type: ignore[no-any-return]


async def the_checkin(harness: BotHarness, user_id: int = 1001) -> Checkin:
    """The user's one open check-in: planned, or a reminder waiting for them."""
    [found] = await harness.services.checkins.open(
        await stored(harness, user_id), days_ahead=3 * 366
    )
    return found.checkin


async def deliver_reminder(
    harness: BotHarness, user: UserDriver, preset: str = "In 2 weeks"
) -> None:
    await user.press(preset)
    checkin = await the_checkin(harness)
    harness.clock.set(checkin.due_at)
    await harness.due_work.run_due()


async def kickoff(
    user: UserDriver,
    *,
    client: str = "Acme",
    baseline: str | None = "1,2%",
    actions: tuple[str, ...] = ("trust-progress-button", "trust-call-button"),
    end: str = "button-end-in-weeks",
) -> list[str]:
    """A kickoff for Acme's spring banners, measured by CTR, ending in two weeks."""
    await user.send("/kickoff")
    await user.send(client)
    await user.send("Spring banners")
    await user.press(user.label("goal-leads"))
    await user.send("CTR")
    if baseline is None:
        await user.press(user.label("button-skip"))
    else:
        await user.send(baseline)
    await user.send("2%")
    await user.press(user.label(end, n=2))
    await user.press(user.label("button-budget-fits"))
    await user.press(user.label("button-skip"))
    for key in actions:
        await user.press(user.label(key))
    return await user.press(user.label("button-trust-ready", n=len(actions)))


async def export_of(harness: BotHarness, user: UserDriver) -> zipfile.ZipFile:
    await user.send("/export")
    document = next(m for m in reversed(user.sent) if isinstance(m, SendDocument))
    assert isinstance(document.document, BufferedInputFile)
    return zipfile.ZipFile(io.BytesIO(document.document.data))


TITLE = "💡 <b>Something to try</b>"


async def tip_requests(harness: BotHarness, user_id: int = 1001) -> list[SendMessage]:
    return [
        m
        for m in harness.session.requests
        if isinstance(m, SendMessage) and m.text.startswith("💡 <b>") and int(m.chat_id) == user_id
    ]


async def next_tip(harness: BotHarness, user_id: int = 1001) -> TipDelivery | None:
    """The user's next planned tip, as the tip queue sees it."""
    return await harness.services.repos.tips.next_for_user(user_id)


async def deliver_next(harness: BotHarness, user_id: int = 1001) -> SendMessage:
    delivery = await next_tip(harness, user_id)
    assert delivery is not None
    harness.clock.set(delivery.due_at)
    before = len(await tip_requests(harness, user_id))
    await harness.due_work.run_due()
    sent = await tip_requests(harness, user_id)
    assert len(sent) == before + 1
    return sent[-1]
