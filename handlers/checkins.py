"""Check-ins: planning one (presets, a cadence, a typed time), acting on a reminder
(done with an outcome, snooze, reschedule, skip, stop), /checkins, /checkin, and
"I contacted them" from a client's card."""

from __future__ import annotations

from datetime import date, timedelta

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reading.dates import NotAPastDay
from bot.rules.checkins import When
from bot.services.checkins import CheckinOutcome, CheckinService, ContactSource
from bot.services.clients import ClientService
from bot.telegram.filters import OpenCheckin, OwnClient
from bot.telegram.input import TYPED_TEXT, read_text, refuse, reject_non_text, stale
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
from storage.users import User

PICKER_CLIENTS = 12  # /checkin offers the clients with the latest contact
CONTACT_DAYS_AGO = (0, 1)  # the day buttons: today, yesterday


class CheckinForm(StatesGroup):
    when = State()  # a typed time: data has client_id (new) or checkin_id (reschedule)
    note = State()  # a note after "Done": data has checkin_id and outcome
    contacted = State()  # the day of a contact: data has client_id


# ---- planning --------------------------------------------------------------------


async def plan_chosen(
    callback: CallbackQuery, callback_data: PlanCb, client: Client,
    state: FSMContext, user: User, t: Translator,
    checkins: CheckinService,
) -> None:  # fmt: skip
    choice = callback_data.choice
    if choice is PlanChoice.NONE:
        await no_plan(t).show(callback)
    elif choice is PlanChoice.PICK:
        await state.set_state(CheckinForm.when)
        await state.set_data({"client_id": client.id})
        await when_question(t).show(callback)
    elif choice in CADENCES:
        unit, n = CADENCES[choice]
        checkin = await checkins.plan_cadence(user, client, unit, n)
        await planned_cadence(t, client, checkin, user.timezone, unit, n).show(callback)
    else:
        checkin = await checkins.plan_preset(user, client, PRESETS[choice])
        await planned(t, client, checkin, user.timezone).show(callback)


async def _read_when(message: Message, user: User, t: Translator,
                     checkins: CheckinService) -> When | None:  # fmt: skip
    """The typed time, or None after saying what is wrong with it."""
    text = (message.text or "").strip()
    found = await checkins.read_when(user, text)
    if isinstance(found, When):
        return found
    await when_problem(t, found, text).answer(message)
    return None


async def when_typed(
    message: Message, state: FSMContext, user: User, t: Translator, clients: ClientService,
    checkins: CheckinService,
) -> None:  # fmt: skip
    when = await _read_when(message, user, t, checkins)
    if when is None:
        return
    data = await state.get_data()
    await state.clear()
    if data.get("checkin_id"):
        checkin = await checkins.get(user, int(data["checkin_id"]))
        moved = await checkins.reschedule(user, checkin, when) if checkin else None
        client = await clients.get(user, moved.client_id) if moved else None
        if moved is None or client is None:  # closed meanwhile (on another device)
            await checkin_gone(t).answer(message)
            return
        await planned(t, client, moved, user.timezone).answer(message)
        return
    client = await clients.get(user, int(data.get("client_id", 0)))
    if client is None:
        await client_gone(t).answer(message)
        return
    checkin = await checkins.plan_at(user, client, when)
    await planned(t, client, checkin, user.timezone).answer(message)


async def when_button(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    """Skip/Back under the typed-time question: leave without planning."""
    await state.clear()
    await no_plan(t).show(callback)


# ---- acting on a reminder ------------------------------------------------------------


async def reminder_open(
    callback: CallbackQuery, checkin: Checkin, callback_answer: CallbackAnswer,
    user: User, t: Translator, checkins: CheckinService,
) -> None:  # fmt: skip
    reminder = await checkins.reminder(user, checkin)
    if reminder is None:  # the client is gone
        stale(callback_answer, t)
        return
    await reminder_screen(t, reminder, late=False).show(callback)


async def reminder_done(
    callback: CallbackQuery, checkin: Checkin, callback_answer: CallbackAnswer,
    user: User, t: Translator, checkins: CheckinService,
) -> None:  # fmt: skip
    if not await checkins.done(user, checkin):  # closed by a press a moment ago
        stale(callback_answer, t)
        return
    await outcome_question(t, checkin.id).show(callback)


async def reminder_snooze(callback: CallbackQuery, checkin: Checkin, t: Translator) -> None:
    await snooze_menu(t, checkin.id).show(callback)


async def reminder_reschedule(
    callback: CallbackQuery, checkin: Checkin, state: FSMContext, user: User, t: Translator
) -> None:
    """Reschedule on a reminder, or Change under a confirmation: ask for a new time."""
    await state.set_state(CheckinForm.when)
    await state.set_data({"checkin_id": checkin.id})
    await when_question(t, checkin, user.timezone).show(callback)


async def reminder_skip(
    callback: CallbackQuery, checkin: Checkin, callback_answer: CallbackAnswer,
    user: User, t: Translator, checkins: CheckinService,
) -> None:  # fmt: skip
    if not await checkins.skip(user, checkin):
        stale(callback_answer, t)
        return
    await skipped(t).show(callback)


async def reminder_stop(
    callback: CallbackQuery, checkin: Checkin, callback_answer: CallbackAnswer,
    user: User, t: Translator, checkins: CheckinService,
) -> None:  # fmt: skip
    client = await checkins.stop(user, checkin.client_id)
    if client is None:
        stale(callback_answer, t)
        return
    await stopped(t, client).show(callback)


async def snooze_chosen(
    callback: CallbackQuery, callback_data: SnoozeCb, checkin: Checkin,
    callback_answer: CallbackAnswer, user: User, t: Translator, checkins: CheckinService,
) -> None:  # fmt: skip
    moved = await checkins.snooze(user, checkin, callback_data.days)
    if moved is None:
        stale(callback_answer, t)
        return
    await snoozed(t, moved, user.timezone).show(callback)


async def outcome_chosen(
    callback: CallbackQuery, callback_data: OutcomeCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, checkins: CheckinService,
) -> None:  # fmt: skip
    if await checkins.get(user, callback_data.id) is None:
        refuse(callback_answer, t, user.id, "check-in", callback_data.id)
        return
    outcome = callback_data.outcome
    if await checkins.record_outcome(user, callback_data.id, outcome, None) is None:
        stale(callback_answer, t)  # not a done check-in (skipped, stopped)
        return
    await state.set_state(CheckinForm.note)
    await state.set_data({"checkin_id": callback_data.id, "outcome": outcome.value})
    await note_question(t, outcome).show(callback)


async def _save_note(
    target: Message | CallbackQuery, note: str | None, state: FSMContext, user: User,
    t: Translator, clients: ClientService, checkins: CheckinService,
) -> None:  # fmt: skip
    data = await state.get_data()
    await state.clear()
    outcome = CheckinOutcome(data["outcome"])
    checkin = await checkins.record_outcome(user, int(data.get("checkin_id", 0)), outcome, note)
    if checkin is None:  # gone meanwhile (the client deleted)
        await checkin_gone(t).reply(target)
        return
    client = await clients.get(user, checkin.client_id)
    await closed(t, client, outcome).reply(target)


async def note_typed(
    message: Message, state: FSMContext, user: User, t: Translator, clients: ClientService,
    checkins: CheckinService,
) -> None:  # fmt: skip
    note = await read_text(message, t, NOTE_LIMIT)
    if note is not None:
        await _save_note(message, note, state, user, t, clients, checkins)


async def note_skipped(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    clients: ClientService, checkins: CheckinService,
) -> None:  # fmt: skip
    await _save_note(callback, None, state, user, t, clients, checkins)


# ---- /checkins and /checkin -------------------------------------------------------


async def checkins_command(
    message: Message, state: FSMContext, user: User, t: Translator, checkins: CheckinService
) -> None:
    await state.clear()
    found = await checkins.open(user, UPCOMING_DAYS)
    await checkins_screen(t, found, user.timezone).answer(message)


async def checkins_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    checkins: CheckinService,
) -> None:  # fmt: skip
    await state.clear()
    found = await checkins.open(user, UPCOMING_DAYS)
    await checkins_screen(t, found, user.timezone).show(callback)


async def checkin_command(
    message: Message, state: FSMContext, user: User, t: Translator, clients: ClientService
) -> None:
    await state.clear()
    recent = await clients.recent(user, PICKER_CLIENTS)
    if not recent:
        await message.answer(t("checkin-no-clients"))
        return
    await client_picker(t, recent).answer(message)


async def checkin_for_client(callback: CallbackQuery, client: Client, t: Translator) -> None:
    await plan_screen(t, client).show(callback)


# ---- "I contacted them" --------------------------------------------------------------


async def contacted_start(
    callback: CallbackQuery, client: Client,
    state: FSMContext, user: User, t: Translator,
) -> None:  # fmt: skip
    await state.set_state(CheckinForm.contacted)
    await state.set_data({"client_id": client.id})
    await contacted_question(t).show(callback)


async def _save_contact(
    target: Message | CallbackQuery, day: date, state: FSMContext, user: User, t: Translator,
    checkins: CheckinService,
) -> None:  # fmt: skip
    data = await state.get_data()
    await state.clear()
    client = await checkins.contacted(user, int(data.get("client_id", 0)), day,
                                      ContactSource.MANUAL)  # fmt: skip
    if client is None:  # deleted meanwhile, from another device
        await client_gone(t).reply(target)
        return
    await contacted_saved(t, client, day).reply(target)


async def contacted_day_button(
    callback: CallbackQuery, callback_data: DayCb, state: FSMContext, user: User,
    t: Translator, checkins: CheckinService,
) -> None:  # fmt: skip
    day = checkins.today(user) - timedelta(days=callback_data.days_ago)
    await _save_contact(callback, day, state, user, t, checkins)


async def contacted_typed(
    message: Message, state: FSMContext, user: User, t: Translator, checkins: CheckinService
) -> None:
    text = message.text or ""
    day = await checkins.read_day(user, text)
    if isinstance(day, NotAPastDay):
        await day_problem(t, day, text).answer(message)
        return
    await _save_contact(message, day, state, user, t, checkins)


async def contacted_back(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await with_menu(t, t("cancel-done")).show(callback)


def create_router() -> Router:
    router = Router(name="checkins")
    router.message.register(checkins_command, Command("checkins"))
    router.callback_query.register(checkins_button, NavCb.filter(F.to == Nav.CHECKINS))
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
