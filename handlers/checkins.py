"""Check-ins: planning one (presets, a cadence, a typed time), acting on a reminder
(done with an outcome, snooze, reschedule, skip, stop), /checkins, /checkin, and
"I contacted them" from a client's card."""

from __future__ import annotations

from datetime import date, timedelta

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup

from bot.reading.dates import NotAPastDay
from bot.rules.checkins import CheckinOutcome, When
from bot.services.checkins import CheckinService, ContactSource
from bot.services.clients import ClientService
from bot.telegram.context import Ctx
from bot.telegram.filters import OpenCheckin, OwnClient
from bot.telegram.input import TYPED_TEXT, reject_non_text, text_answer
from bot.views.checkins import (
    CADENCES,
    PRESETS,
    SNOOZE_DAYS,
    UPCOMING_DAYS,
    CheckinAction,
    CheckinCb,
    CheckinClientCb,
    ContactedCb,
    OutcomeCb,
    PlanCb,
    PlanChoice,
    SnoozeCb,
    checkin_gone,
    checkins_screen,
    client_picker,
    closed,
    contacted_question,
    contacted_saved,
    no_plan,
    note_question,
    outcome_question,
    plan_screen,
    planned,
    planned_cadence,
    skipped,
    snooze_menu,
    snoozed,
    stopped,
    when_problem,
    when_question,
    with_menu,
)
from bot.views.clients import client_gone
from bot.views.common import DayCb, FormAction, FormCb, Nav, NavCb, day_problem
from bot.views.reminder import reminder_screen
from storage.checkins import NOTE_LIMIT, Checkin
from storage.clients import Client

PICKER_CLIENTS = 12  # /checkin offers the clients with the latest contact
CONTACT_DAYS_AGO = (0, 1)  # the day buttons: today, yesterday


class CheckinForm(StatesGroup):
    when = State()  # a typed time: data has client_id (new) or checkin_id (reschedule)
    note = State()  # a note after "Done": data has checkin_id and outcome
    contacted = State()  # the day of a contact: data has client_id


# ---- planning --------------------------------------------------------------------


async def plan_chosen(
    _: object, ctx: Ctx, callback_data: PlanCb, client: Client, checkins: CheckinService
) -> None:
    choice, user = callback_data.choice, ctx.user
    if choice is PlanChoice.NONE:
        await ctx.reply(no_plan(ctx.t))
    elif choice is PlanChoice.PICK:
        await ctx.state.set_state(CheckinForm.when)
        await ctx.state.set_data({"client_id": client.id})
        await ctx.reply(when_question(ctx.t))
    elif choice in CADENCES:
        unit, n = CADENCES[choice]
        checkin = await checkins.plan_cadence(user, client, unit, n)
        await ctx.reply(planned_cadence(ctx.t, client, checkin, user.timezone, unit, n))
    else:
        checkin = await checkins.plan_preset(user, client, PRESETS[choice])
        await ctx.reply(planned(ctx.t, client, checkin, user.timezone))


async def _read_when(ctx: Ctx, checkins: CheckinService) -> When | None:
    """The typed time, or None after saying what is wrong with it."""
    text = ((ctx.message.text if ctx.message else None) or "").strip()
    found = await checkins.read_when(ctx.user, text)
    if isinstance(found, When):
        return found
    await ctx.reply(when_problem(ctx.t, found, text))
    return None


async def when_typed(_: object, ctx: Ctx, clients: ClientService, checkins: CheckinService) -> None:
    when = await _read_when(ctx, checkins)
    if when is None:
        return
    data = await ctx.state.get_data()
    await ctx.state.clear()
    user = ctx.user
    if data.get("checkin_id"):
        checkin = await checkins.get(user, int(data["checkin_id"]))
        moved = await checkins.reschedule(user, checkin, when) if checkin else None
        client = await clients.get(user, moved.client_id) if moved else None
        if moved is None or client is None:  # closed meanwhile (on another device)
            await ctx.reply(checkin_gone(ctx.t))
            return
        await ctx.reply(planned(ctx.t, client, moved, user.timezone, when.named))
        return
    client = await clients.get(user, int(data.get("client_id", 0)))
    if client is None:
        await ctx.reply(client_gone(ctx.t))
        return
    checkin = await checkins.plan_at(user, client, when)
    await ctx.reply(planned(ctx.t, client, checkin, user.timezone, when.named))


async def when_button(_: object, ctx: Ctx) -> None:
    """Skip/Back under the typed-time question: leave without planning."""
    await ctx.state.clear()
    await ctx.reply(no_plan(ctx.t))


# ---- acting on a reminder ------------------------------------------------------------


async def reminder_open(_: object, ctx: Ctx, checkin: Checkin, checkins: CheckinService) -> None:
    reminder = await checkins.reminder(ctx.user, checkin)
    if reminder is None:  # the client is gone
        ctx.stale()
        return
    await ctx.reply(reminder_screen(ctx.t, reminder, late=False))


async def reminder_done(_: object, ctx: Ctx, checkin: Checkin, checkins: CheckinService) -> None:
    if not await checkins.done(ctx.user, checkin):  # closed by a press a moment ago
        ctx.stale()
        return
    await ctx.reply(outcome_question(ctx.t, checkin.id))


async def reminder_snooze(_: object, ctx: Ctx, checkin: Checkin) -> None:
    await ctx.reply(snooze_menu(ctx.t, checkin.id))


async def reminder_reschedule(_: object, ctx: Ctx, checkin: Checkin) -> None:
    """Reschedule on a reminder, or Change under a confirmation: ask for a new time."""
    await ctx.state.set_state(CheckinForm.when)
    await ctx.state.set_data({"checkin_id": checkin.id})
    await ctx.reply(when_question(ctx.t, checkin, ctx.user.timezone))


async def reminder_skip(_: object, ctx: Ctx, checkin: Checkin, checkins: CheckinService) -> None:
    if not await checkins.skip(ctx.user, checkin):
        ctx.stale()
        return
    await ctx.reply(skipped(ctx.t))


async def reminder_stop(_: object, ctx: Ctx, checkin: Checkin, checkins: CheckinService) -> None:
    client = await checkins.stop(ctx.user, checkin.client_id)
    if client is None:
        ctx.stale()
        return
    await ctx.reply(stopped(ctx.t, client))


async def snooze_chosen(
    _: object, ctx: Ctx, callback_data: SnoozeCb, checkin: Checkin, checkins: CheckinService
) -> None:
    moved = await checkins.snooze(ctx.user, checkin, callback_data.days)
    if moved is None:
        ctx.stale()
        return
    await ctx.reply(snoozed(ctx.t, moved, ctx.user.timezone))


async def outcome_chosen(
    _: object, ctx: Ctx, callback_data: OutcomeCb, checkins: CheckinService
) -> None:
    checkin_id, outcome = callback_data.id, callback_data.outcome
    if await checkins.get(ctx.user, checkin_id) is None:
        ctx.refuse("check-in", checkin_id)
        return
    if await checkins.record_outcome(ctx.user, checkin_id, outcome, None) is None:
        ctx.stale()  # not a done check-in (skipped, stopped)
        return
    await ctx.state.set_state(CheckinForm.note)
    await ctx.state.set_data({"checkin_id": checkin_id, "outcome": outcome.value})
    await ctx.reply(note_question(ctx.t, outcome))


async def _save_note(
    ctx: Ctx, note: str | None, clients: ClientService, checkins: CheckinService
) -> None:
    data = await ctx.state.get_data()
    await ctx.state.clear()
    outcome = CheckinOutcome(data["outcome"])
    checkin_id = int(data.get("checkin_id", 0))
    checkin = await checkins.record_outcome(ctx.user, checkin_id, outcome, note)
    if checkin is None:  # gone meanwhile (the client deleted)
        await ctx.reply(checkin_gone(ctx.t))
        return
    client = await clients.get(ctx.user, checkin.client_id)
    await ctx.reply(closed(ctx.t, client, outcome))


async def note_typed(_: object, ctx: Ctx, clients: ClientService, checkins: CheckinService) -> None:
    note = await text_answer(ctx, NOTE_LIMIT)
    if note is not None:
        await _save_note(ctx, note, clients, checkins)


async def note_skipped(
    _: object, ctx: Ctx, clients: ClientService, checkins: CheckinService
) -> None:
    await _save_note(ctx, None, clients, checkins)


# ---- /checkins and /checkin -------------------------------------------------------


async def checkins_list(_: object, ctx: Ctx, checkins: CheckinService) -> None:
    """/checkins, or "Check-ins" in the menu (shown in place of the menu)."""
    await ctx.state.clear()
    found = await checkins.open(ctx.user, UPCOMING_DAYS)
    await ctx.reply(checkins_screen(ctx.t, found, ctx.user.timezone))


async def checkin_command(_: object, ctx: Ctx, clients: ClientService) -> None:
    await ctx.state.clear()
    recent = await clients.recent(ctx.user, PICKER_CLIENTS)
    if not recent:
        await ctx.say("checkin-no-clients")
        return
    await ctx.reply(client_picker(ctx.t, recent))


async def checkin_for_client(_: object, ctx: Ctx, client: Client) -> None:
    await ctx.reply(plan_screen(ctx.t, client))


# ---- "I contacted them" --------------------------------------------------------------


async def contacted_start(_: object, ctx: Ctx, client: Client) -> None:
    await ctx.state.set_state(CheckinForm.contacted)
    await ctx.state.set_data({"client_id": client.id})
    await ctx.reply(contacted_question(ctx.t))


async def _save_contact(ctx: Ctx, day: date, checkins: CheckinService) -> None:
    data = await ctx.state.get_data()
    await ctx.state.clear()
    client_id = int(data.get("client_id", 0))
    client = await checkins.contacted(ctx.user, client_id, day, ContactSource.MANUAL)
    if client is None:  # deleted meanwhile, from another device
        await ctx.reply(client_gone(ctx.t))
        return
    await ctx.reply(contacted_saved(ctx.t, client, day))


async def contacted_day_button(
    _: object, ctx: Ctx, callback_data: DayCb, checkins: CheckinService
) -> None:
    day = checkins.today(ctx.user) - timedelta(days=callback_data.days_ago)
    await _save_contact(ctx, day, checkins)


async def contacted_typed(_: object, ctx: Ctx, checkins: CheckinService) -> None:
    text = (ctx.message.text if ctx.message else None) or ""
    day = await checkins.read_day(ctx.user, text)
    if isinstance(day, NotAPastDay):
        await ctx.reply(day_problem(ctx.t, day, text))
        return
    await _save_contact(ctx, day, checkins)


async def contacted_back(_: object, ctx: Ctx) -> None:
    await ctx.state.clear()
    await ctx.reply(with_menu(ctx.t, ctx.t("cancel-done")))


def create_router() -> Router:
    router = Router(name="checkins")
    router.message.register(checkins_list, Command("checkins"))
    router.callback_query.register(checkins_list, NavCb.filter(F.to == Nav.CHECKINS))
    router.message.register(checkin_command, Command("checkin"))
    router.callback_query.register(
        checkin_for_client, CheckinClientCb.filter(), OwnClient("client")
    )
    router.callback_query.register(plan_chosen, PlanCb.filter(), OwnClient("client"))
    for handler, action in (
        (reminder_open, CheckinAction.OPEN),
        (reminder_done, CheckinAction.DONE),
        (reminder_snooze, CheckinAction.SNOOZE),
        (reminder_reschedule, CheckinAction.RESCHEDULE),
        (reminder_skip, CheckinAction.SKIP),
        (reminder_stop, CheckinAction.STOP),
    ):
        router.callback_query.register(handler, CheckinCb.filter(F.action == action), OpenCheckin())
    # A day count that was never offered falls through to the stale-button answer.
    router.callback_query.register(
        snooze_chosen, SnoozeCb.filter(F.days.in_(SNOOZE_DAYS)), OpenCheckin()
    )
    router.callback_query.register(outcome_chosen, OutcomeCb.filter())
    router.callback_query.register(contacted_start, ContactedCb.filter(), OwnClient("client"))
    router.message.register(when_typed, CheckinForm.when, TYPED_TEXT)
    router.callback_query.register(when_button, CheckinForm.when, FormCb.filter())
    router.message.register(note_typed, CheckinForm.note, TYPED_TEXT)
    router.callback_query.register(
        note_skipped, CheckinForm.note, FormCb.filter(F.action == FormAction.SKIP)
    )
    router.callback_query.register(
        contacted_day_button,
        CheckinForm.contacted,
        DayCb.filter(F.days_ago.in_(CONTACT_DAYS_AGO)),
    )
    router.callback_query.register(contacted_back, CheckinForm.contacted, FormCb.filter())
    router.message.register(contacted_typed, CheckinForm.contacted, TYPED_TEXT)
    for step in (CheckinForm.when, CheckinForm.note, CheckinForm.contacted):
        router.message.register(reject_non_text, step, ~F.text)
    return router
