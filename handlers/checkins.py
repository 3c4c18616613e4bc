"""Check-ins: planning one (presets, a cadence, a typed time), acting on a reminder
(done with an outcome, snooze, reschedule, skip, stop), /checkins, /checkin, and
"I contacted them" from a client's card."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.i18n import Translator
from bot.messaging import Screen
from bot.services.checkin_rules import (
    CadenceUnit,
    Preset,
    When,
    WhenProblem,
    local_now,
    parse_when,
)
from bot.services.checkins import CheckinService
from bot.services.dates import parse_day
from bot.views.checkins import (
    CheckinAction,
    CheckinCb,
    CheckinClientCb,
    ContactedCb,
    NewOrderCb,
    OutcomeCb,
    PlanCb,
    SnoozeCb,
    plan_screen,
    when_text,
)
from bot.views.common import (
    DayCb,
    FormAction,
    FormCb,
    Nav,
    NavCb,
    day_choice,
    form_step,
    menu_button,
)
from bot.views.input import TYPED_TEXT, read_text, refuse, reject_non_text
from bot.views.reminder import reminder_screen
from storage.checkins import NOTE_LIMIT, OPEN_STATUSES, Checkin, CheckinRepository
from storage.clients import ClientRepository
from storage.users import User

OUTCOMES = ("replied", "new_order", "no_answer", "not_relevant")
SNOOZE_DAYS = (1, 3, 7)
UPCOMING_DAYS = 30


class CheckinForm(StatesGroup):
    when = State()  # a typed time: data has client_id (new) or checkin_id (reschedule)
    note = State()  # a note after "Done": data has checkin_id
    contacted = State()  # the day of a contact: data has client_id


async def _open_checkin(
    callback: CallbackQuery,
    checkin_id: int,
    user: User,
    t: Translator,
    checkins: CheckinRepository,
) -> Checkin | None:
    """The user's own check-in that still waits for action, else a polite refusal."""
    checkin = await checkins.get(user.id, checkin_id)
    if checkin is None:
        await refuse(callback, t, "check-in", checkin_id)
        return None
    if checkin.status not in OPEN_STATUSES:
        await callback.answer(t("checkin-gone"), show_alert=True)
        return None
    return checkin


# ---- planning --------------------------------------------------------------------


async def plan_chosen(
    callback: CallbackQuery,
    callback_data: PlanCb,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    planner: CheckinService,
) -> None:
    client = await owned_client(callback, callback_data.client, user, t, clients)
    if client is None:
        return
    choice = callback_data.choice
    if choice == "none":
        await callback.answer()
        await Screen(t("checkin-skipped-plan")).show(callback)
        return
    if choice == "pick":
        await state.set_state(CheckinForm.when)
        await state.set_data({"client_id": client.id})
        await callback.answer()
        await Screen(t("checkin-when-ask"), form_step(t, back=False)).show(callback)
        return
    if choice in {p.value for p in Preset}:
        checkin = await planner.plan_preset(user, client, Preset(choice))
        text = t("checkin-planned", client=client.name, when=when_text(t, checkin, user.timezone))
    elif choice in {c for c, _ in CADENCES}:
        _, n, unit = choice.split("-")
        checkin = await planner.plan_cadence(user, client, CadenceUnit(unit), int(n))
        text = t(
            "checkin-planned-cadence", client=client.name, unit=unit, n=int(n),
            when=when_text(t, checkin, user.timezone),
        )  # fmt: skip
    else:
        await refuse(callback, t, "check-in plan", client.id)
        return
    await callback.answer()
    await Screen(text).show(callback)


async def _read_when(message: Message, t: Translator, user: User, clock: Clock) -> When | None:
    text = (message.text or "").strip()
    now_local = local_now(clock.now(), user.timezone)
    # dateparser is CPU work: keep it off the event loop.
    found = await asyncio.to_thread(parse_when, text, now_local, user.checkin_hour)
    if isinstance(found, When):
        return found
    key = {
        WhenProblem.UNREADABLE: "checkin-when-unreadable",
        WhenProblem.PAST: "checkin-when-past",
        WhenProblem.TOO_FAR: "checkin-when-too-far",
    }[found]
    await message.answer(t(key, text=text[:100]), reply_markup=form_step(t, back=False))
    return None


async def when_typed(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    checkins: CheckinRepository,
    planner: CheckinService,
    clock: Clock,
) -> None:
    when = await _read_when(message, t, user, clock)
    if when is None:
        return
    data = await state.get_data()
    await state.clear()
    if data.get("checkin_id"):
        checkin = await checkins.get(user.id, int(data["checkin_id"]))
        moved = await planner.reschedule(user, checkin, when) if checkin else None
        if moved is None:
            await message.answer(t("checkin-gone"))
            return
        await message.answer(t("checkin-snoozed", when=when_text(t, moved, user.timezone)))
        return
    client = await clients.get(user.id, int(data.get("client_id", 0)))
    if client is None:
        await message.answer(t("client-gone"))
        return
    checkin = await planner.plan_at(user, client, when)
    await message.answer(
        t("checkin-planned", client=client.name, when=when_text(t, checkin, user.timezone))
    )


async def when_button(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    """Skip/Back under the typed-time question: leave without planning."""
    await state.clear()
    await callback.answer()
    await Screen(t("checkin-skipped-plan")).show(callback)


# ---- acting on a reminder ------------------------------------------------------------


async def reminder_action(
    callback: CallbackQuery,
    callback_data: CheckinCb,
    state: FSMContext,
    user: User,
    t: Translator,
    checkins: CheckinRepository,
    clients: ClientRepository,
    planner: CheckinService,
    reminders: ReminderLookup,
) -> None:
    checkin = await _open_checkin(callback, callback_data.id, user, t, checkins)
    if checkin is None:
        return
    action = callback_data.action
    await callback.answer()
    if action is CheckinAction.OPEN:
        view = await reminders.view(checkin, planner.today(user))
        if view is not None:
            await reminder_screen(t, view, late=False).show(callback)
    elif action is CheckinAction.DONE:
        await planner.done(user, checkin)
        builder = InlineKeyboardBuilder()
        for outcome in OUTCOMES:
            builder.button(
                text=t(f"outcome-{outcome}"),
                callback_data=OutcomeCb(id=checkin.id, outcome=outcome),
            )
        builder.adjust(2)
        await Screen(t("checkin-outcome-ask"), builder.as_markup()).show(callback)
    elif action is CheckinAction.SNOOZE:
        builder = InlineKeyboardBuilder()
        for days in SNOOZE_DAYS:
            builder.button(
                text=t(f"snooze-{_snooze_key(days)}"),
                callback_data=SnoozeCb(id=checkin.id, days=days),
            )
        builder.button(
            text=t("button-back"), callback_data=CheckinCb(id=checkin.id, action=CheckinAction.OPEN)
        )
        builder.adjust(3, 1)
        await Screen(t("button-snooze"), builder.as_markup()).show(callback)
    elif action is CheckinAction.RESCHEDULE:
        await state.set_state(CheckinForm.when)
        await state.set_data({"checkin_id": checkin.id})
        await Screen(t("checkin-when-ask"), form_step(t, back=False)).show(callback)
    elif action is CheckinAction.SKIP:
        await planner.skip(user, checkin)
        await Screen(t("checkin-skipped")).show(callback)
    elif action is CheckinAction.STOP:
        await planner.stop(user, checkin.client_id)
        client = await clients.get(user.id, checkin.client_id)
        await Screen(t("checkin-stopped", client=client.name if client else "")).show(callback)


def _snooze_key(days: int) -> str:
    return {1: "1d", 3: "3d", 7: "1w"}[days]


async def snooze_chosen(
    callback: CallbackQuery,
    callback_data: SnoozeCb,
    user: User,
    t: Translator,
    checkins: CheckinRepository,
    planner: CheckinService,
) -> None:
    checkin = await _open_checkin(callback, callback_data.id, user, t, checkins)
    if checkin is None:
        return
    if callback_data.days not in SNOOZE_DAYS:
        await refuse(callback, t, "snooze", callback_data.id)
        return
    moved = await planner.snooze(user, checkin, callback_data.days)
    await callback.answer()
    if moved is None:
        await Screen(t("checkin-gone")).show(callback)
        return
    await Screen(t("checkin-snoozed", when=when_text(t, moved, user.timezone))).show(callback)


async def outcome_chosen(
    callback: CallbackQuery,
    callback_data: OutcomeCb,
    state: FSMContext,
    user: User,
    t: Translator,
    checkins: CheckinRepository,
) -> None:
    checkin = await checkins.get(user.id, callback_data.id)
    if checkin is None or callback_data.outcome not in OUTCOMES:
        await refuse(callback, t, "check-in outcome", callback_data.id)
        return
    if checkin.status != "done":
        await callback.answer(t("checkin-gone"), show_alert=True)
        return
    await checkins.set_outcome(user.id, checkin.id, callback_data.outcome, None)
    await state.set_state(CheckinForm.note)
    await state.set_data({"checkin_id": checkin.id, "outcome": callback_data.outcome})
    await callback.answer()
    label = t(f"outcome-{callback_data.outcome}")
    await Screen(f"{label}\n\n{t('checkin-note-ask')}", form_step(t, skip=True, back=False)).show(
        callback
    )


async def _close_note(
    target: Message | CallbackQuery,
    note: str | None,
    state: FSMContext,
    user: User,
    t: Translator,
    checkins: CheckinRepository,
    clients: ClientRepository,
) -> None:
    data = await state.get_data()
    await state.clear()
    checkin = await checkins.get(user.id, int(data.get("checkin_id", 0)))
    if checkin is None:
        await Screen(t("checkin-gone")).reply(target)
        return
    await checkins.set_outcome(user.id, checkin.id, str(data["outcome"]), note)
    client = await clients.get(user.id, checkin.client_id)
    name = client.name if client else ""
    builder = InlineKeyboardBuilder()
    text = t("checkin-done", client=name)
    if data["outcome"] == "new_order" and client is not None:
        # A repeat client: offer to record the new project straight away.
        text += "\n\n" + t("checkin-new-order")
        builder.button(text=t("button-record-project"), callback_data=NewOrderCb(client=client.id))
    builder.row(menu_button(t))
    await Screen(text, builder.as_markup()).reply(target)


async def note_typed(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    checkins: CheckinRepository,
    clients: ClientRepository,
) -> None:
    note = await read_text(message, t, NOTE_LIMIT)
    if note is None:
        return
    await _close_note(message, note, state, user, t, checkins, clients)


async def note_skipped(
    callback: CallbackQuery,
    state: FSMContext,
    user: User,
    t: Translator,
    checkins: CheckinRepository,
    clients: ClientRepository,
) -> None:
    await _close_note(callback, None, state, user, t, checkins, clients)


# ---- /checkins and /checkin -------------------------------------------------------


async def checkins_screen(
    user: User, t: Translator, checkins: CheckinRepository, clients: ClientRepository, clock: Clock
) -> Screen:
    now = clock.now()
    rows = await checkins.open_for_user(user.id, now + timedelta(days=UPCOMING_DAYS))
    if not rows:
        builder = InlineKeyboardBuilder()
        builder.row(menu_button(t))
        return Screen(t("checkins-empty"), builder.as_markup())
    builder = InlineKeyboardBuilder()
    names: dict[int, str] = {}
    overdue = [row for row in rows if row.status == "sent" or row.due_at <= now]
    upcoming = [row for row in rows if row not in overdue]
    lines = [t("checkins-title")]
    for title, group in (("checkins-overdue", overdue), ("checkins-upcoming", upcoming)):
        if not group:
            continue
        lines.append(t(title))
        for row in group:
            if row.client_id not in names:
                client = await clients.get(user.id, row.client_id)
                names[row.client_id] = client.name if client else "?"
            label = t("checkins-item", when=when_text(t, row, user.timezone),
                      client=names[row.client_id])  # fmt: skip
            lines.append(f"• {label}")
            builder.button(
                text=label[:60], callback_data=CheckinCb(id=row.id, action=CheckinAction.OPEN)
            )
    builder.adjust(1)
    builder.row(menu_button(t))
    return Screen("\n".join(lines), builder.as_markup())


async def checkins_command(
    message: Message, state: FSMContext, user: User, t: Translator,
    checkins: CheckinRepository, clients: ClientRepository, clock: Clock,
) -> None:  # fmt: skip
    await state.clear()
    await (await checkins_screen(user, t, checkins, clients, clock)).answer(message)


async def checkins_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    checkins: CheckinRepository, clients: ClientRepository, clock: Clock,
) -> None:  # fmt: skip
    await state.clear()
    await callback.answer()
    await (await checkins_screen(user, t, checkins, clients, clock)).show(callback)


async def checkin_command(
    message: Message, state: FSMContext, user: User, t: Translator, clients: ClientRepository
) -> None:
    await state.clear()
    found = await clients.page(user.id, archived=False, offset=0, limit=12)
    if not found.clients:
        await message.answer(t("checkin-no-clients"))
        return
    builder = InlineKeyboardBuilder()
    for client in found.clients:
        builder.button(text=client.name, callback_data=CheckinClientCb(client=client.id))
    builder.adjust(2)
    builder.row(menu_button(t))
    await Screen(t("checkin-pick-client"), builder.as_markup()).answer(message)


async def checkin_for_client(
    callback: CallbackQuery,
    callback_data: CheckinClientCb,
    user: User,
    t: Translator,
    clients: ClientRepository,
) -> None:
    client = await owned_client(callback, callback_data.client, user, t, clients)
    if client is None:
        return
    await callback.answer()
    await plan_screen(t, client).show(callback)


# ---- "I contacted them" --------------------------------------------------------------


async def contacted_start(
    callback: CallbackQuery,
    callback_data: ContactedCb,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
) -> None:
    client = await owned_client(callback, callback_data.client, user, t, clients)
    if client is None:
        return
    await state.set_state(CheckinForm.contacted)
    await state.set_data({"client_id": client.id})
    await callback.answer()
    await Screen(t("contacted-when"), day_choice(t)).show(callback)


async def _contacted(
    target: Message | CallbackQuery,
    days_ago: int | None,
    state: FSMContext,
    user: User,
    t: Translator,
    planner: CheckinService,
) -> None:
    today = planner.today(user)
    if days_ago is not None:
        day = today - timedelta(days=days_ago)
    else:
        assert isinstance(target, Message)
        text = target.text or ""
        found = await asyncio.to_thread(parse_day, text, today)
        if found is None or found > today:
            key = "date-unreadable" if found is None else "date-future"
            value = text[:64] if found is None else t.day(found)
            await target.answer(t(key, text=value, date=value), reply_markup=day_choice(t))
            return
        day = found
    data = await state.get_data()
    await state.clear()
    client = await planner.contacted(user, int(data.get("client_id", 0)), day)
    if client is None:
        await Screen(t("client-gone")).reply(target)
        return
    builder = InlineKeyboardBuilder()
    builder.row(menu_button(t))
    await Screen(
        t("contacted-saved", client=client.name, date=t.day(day)), builder.as_markup()
    ).reply(target)


async def contacted_day_button(
    callback: CallbackQuery, callback_data: DayCb, state: FSMContext, user: User,
    t: Translator, planner: CheckinService,
) -> None:  # fmt: skip
    if callback_data.days_ago not in (0, 1):
        await refuse(callback, t, "day offset", callback_data.days_ago)
        return
    await _contacted(callback, callback_data.days_ago, state, user, t, planner)


async def contacted_typed(
    message: Message, state: FSMContext, user: User, t: Translator, planner: CheckinService
) -> None:
    await _contacted(message, None, state, user, t, planner)


async def contacted_back(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await callback.answer()
    builder = InlineKeyboardBuilder()
    builder.row(menu_button(t))
    await Screen(t("cancel-done"), builder.as_markup()).show(callback)


def create_router() -> Router:
    router = Router(name="checkins")
    router.message.register(checkins_command, Command("checkins"))
    router.callback_query.register(checkins_button, NavCb.filter(F.to == Nav.CHECKINS))
    router.message.register(checkin_command, Command("checkin"))
    router.callback_query.register(checkin_for_client, CheckinClientCb.filter())
    router.callback_query.register(plan_chosen, PlanCb.filter())
    router.callback_query.register(reminder_action, CheckinCb.filter())
    router.callback_query.register(snooze_chosen, SnoozeCb.filter())
    router.callback_query.register(outcome_chosen, OutcomeCb.filter())
    router.callback_query.register(contacted_start, ContactedCb.filter())
    router.message.register(when_typed, CheckinForm.when, TYPED_TEXT)
    router.callback_query.register(when_button, CheckinForm.when, FormCb.filter())
    router.message.register(note_typed, CheckinForm.note, TYPED_TEXT)
    router.callback_query.register(
        note_skipped, CheckinForm.note, FormCb.filter(F.action == FormAction.SKIP)
    )
    router.callback_query.register(contacted_day_button, CheckinForm.contacted, DayCb.filter())
    router.callback_query.register(contacted_back, CheckinForm.contacted, FormCb.filter())
    router.message.register(contacted_typed, CheckinForm.contacted, TYPED_TEXT)
    for step in (CheckinForm.when, CheckinForm.note, CheckinForm.contacted):
        router.message.register(reject_non_text, step, ~F.text)
    return router
