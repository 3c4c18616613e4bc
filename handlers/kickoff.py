"""/kickoff: before the work starts, agree on the client's real goal and the number that
shows it, make two partner checks, pick early trust actions, and get the message that
confirms it all with the client."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reading.dates import NotAFutureDay
from bot.rules.nudges import MAX_TRUST_ACTIONS
from bot.services.clients import ClientService
from bot.services.kickoffs import KickoffDraft, KickoffService, chosen_actions
from bot.telegram.filters import CurrentPrompt, OwnClient
from bot.telegram.input import TYPED_TEXT, ask, read_text, refuse, reject_non_text, stale
from bot.views.clients import call_off_question, client_card
from bot.views.common import FormAction, FormCb, Nav, NavCb, form_step
from bot.views.kickoff import (
    END_IN_WEEKS,
    AddressCb,
    BudgetCb,
    CallOffCb,
    EndInCb,
    TrustCb,
    TrustReadyCb,
    address_choice,
    budget_choice,
    end_choice,
    end_problem,
    started_screen,
    trust_choice,
)
from bot.views.projects import GoalCb, PickClientCb, client_choice, goal_choice
from bot.views.screen import Screen
from storage.clients import NAME_LIMIT, Client
from storage.kickoffs import RED_FLAGS_LIMIT, Address, BudgetFit
from storage.projects import FIELD_LIMIT, TITLE_LIMIT, Goal
from storage.users import User

CLIENT_BUTTONS = 8


class KickoffForm(StatesGroup):
    client = State()
    new_client = State()
    title = State()
    goal = State()
    goal_other = State()
    metric = State()
    baseline = State()
    target = State()
    end = State()
    budget = State()
    flags = State()
    actions = State()
    address = State()


_STATES = {state.state: state for state in KickoffForm.__states__}
_TEXT_LIMITS = {
    KickoffForm.client: NAME_LIMIT,
    KickoffForm.new_client: NAME_LIMIT,
    KickoffForm.title: TITLE_LIMIT,
    KickoffForm.goal_other: FIELD_LIMIT,
    KickoffForm.metric: FIELD_LIMIT,
    KickoffForm.baseline: FIELD_LIMIT,
    KickoffForm.target: FIELD_LIMIT,
    KickoffForm.flags: RED_FLAGS_LIMIT,
}
# Typed answers: the key of the data they fill, and the step that follows.
_TYPED = {
    KickoffForm.title: ("title", KickoffForm.goal),
    KickoffForm.goal_other: ("goal_note", KickoffForm.metric),
    KickoffForm.metric: ("metric", KickoffForm.baseline),
    KickoffForm.baseline: ("baseline", KickoffForm.target),
    KickoffForm.target: ("target", KickoffForm.end),
    KickoffForm.flags: ("red_flags", KickoffForm.actions),
}
# Steps a Skip button may leave empty, and where Skip leads.
_SKIP = {
    KickoffForm.metric: KickoffForm.end,  # no number yet: no baseline or target either
    KickoffForm.baseline: KickoffForm.target,
    KickoffForm.target: KickoffForm.end,
    KickoffForm.flags: KickoffForm.actions,
}
_BUTTON_STEPS = (KickoffForm.goal, KickoffForm.budget, KickoffForm.actions, KickoffForm.address)
_ASK = {
    KickoffForm.new_client: "done-new-client-ask",
    KickoffForm.title: "kickoff-title-ask",
    KickoffForm.goal_other: "kickoff-goal-other-ask",
    KickoffForm.metric: "kickoff-metric-ask",
    KickoffForm.baseline: "kickoff-baseline-ask",
    KickoffForm.target: "kickoff-target-ask",
    KickoffForm.flags: "kickoff-flags-ask",
}


def _back(step: State, data: dict[str, Any]) -> State:
    """Where Back leads from `step`, given what was answered so far."""
    if step == KickoffForm.metric:
        return KickoffForm.goal_other if data.get("goal") == Goal.OTHER else KickoffForm.goal
    if step == KickoffForm.end:
        return KickoffForm.target if data.get("metric") else KickoffForm.metric
    order = [
        KickoffForm.client, KickoffForm.title, KickoffForm.goal, KickoffForm.metric,
        KickoffForm.baseline, KickoffForm.target, KickoffForm.end, KickoffForm.budget,
        KickoffForm.flags, KickoffForm.actions, KickoffForm.address,
    ]  # fmt: skip
    if step in (KickoffForm.new_client, KickoffForm.title):
        return KickoffForm.client
    if step == KickoffForm.goal_other:
        return KickoffForm.goal
    return order[max(0, order.index(step) - 1)]


async def _prompt(step: State, user: User, data: dict[str, Any], t: Translator,
                  kickoffs: KickoffService) -> Screen:  # fmt: skip
    if step == KickoffForm.client:
        recent = await kickoffs.client_choices(user, CLIENT_BUTTONS)
        return Screen(t("kickoff-client-ask"), client_choice(t, [(c.id, c.name) for c in recent]))
    if step == KickoffForm.goal:
        return Screen(t("kickoff-goal-ask"), goal_choice(t))
    if step == KickoffForm.end:
        return Screen(t("kickoff-end-ask"), end_choice(t))
    if step == KickoffForm.budget:
        return Screen(t("kickoff-budget-ask"), budget_choice(t))
    if step == KickoffForm.actions:
        return trust_choice(t, chosen_actions(data.get("actions", [])))
    if step == KickoffForm.address:
        return Screen(t("kickoff-address-ask"), address_choice(t))
    return Screen(t(_ASK[step]), form_step(t, skip=step in _SKIP))


async def _go(
    step: State, target: Message | CallbackQuery, state: FSMContext, user: User, t: Translator,
    kickoffs: KickoffService,
) -> None:  # fmt: skip
    await state.set_state(step)
    await ask(await _prompt(step, user, await state.get_data(), t, kickoffs), target, state)


async def _start(
    target: Message | CallbackQuery, state: FSMContext, user: User, t: Translator,
    kickoffs: KickoffService,
) -> None:  # fmt: skip
    await state.clear()
    await state.set_state(KickoffForm.client)
    screen = await _prompt(KickoffForm.client, user, {}, t, kickoffs)
    await ask(screen, target, state, below=True)


async def kickoff_command(message: Message, state: FSMContext, user: User, t: Translator,
                          kickoffs: KickoffService) -> None:  # fmt: skip
    await message.answer(t("kickoff-intro"))
    await _start(message, state, user, t, kickoffs)


async def kickoff_button(callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
                         kickoffs: KickoffService) -> None:  # fmt: skip
    await _start(callback, state, user, t, kickoffs)


async def new_client_picked(callback: CallbackQuery, state: FSMContext, user: User,
                            t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    await _go(KickoffForm.new_client, callback, state, user, t, kickoffs)


async def client_picked(callback: CallbackQuery, client: Client, state: FSMContext, user: User,
                        t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    await state.update_data(client_id=client.id, new_client=None)
    await _go(KickoffForm.title, callback, state, user, t, kickoffs)


async def typed(message: Message, state: FSMContext, user: User, t: Translator,
                kickoffs: KickoffService) -> None:  # fmt: skip
    step = _STATES[str(await state.get_state())]
    if step in _BUTTON_STEPS:
        await message.answer(t("expects-button"))
        return
    if step == KickoffForm.end:
        text = message.text or ""
        day = await kickoffs.read_end_day(user, text)
        if isinstance(day, NotAFutureDay):
            await ask(end_problem(t, day, text), message, state)  # its buttons answer now
            return
        await _ended(day, message, state, user, t, kickoffs)
        return
    value = await read_text(message, t, _TEXT_LIMITS[step])
    if value is None:
        return
    if step in (KickoffForm.client, KickoffForm.new_client):
        # A typed name is a new client; it is created only when the kickoff is saved.
        await state.update_data(client_id=None, new_client=value)
        await _go(KickoffForm.title, message, state, user, t, kickoffs)
        return
    key, next_step = _TYPED[step]
    await state.update_data({key: value})
    await _go(next_step, message, state, user, t, kickoffs)


async def goal_picked(callback: CallbackQuery, callback_data: GoalCb, state: FSMContext,
                      user: User, t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    await state.update_data(goal=callback_data.goal.value, goal_note=None)
    other = callback_data.goal is Goal.OTHER
    await _go(KickoffForm.goal_other if other else KickoffForm.metric, callback, state, user, t,
              kickoffs)  # fmt: skip


async def form_button(callback: CallbackQuery, callback_data: FormCb, state: FSMContext,
                      user: User, t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    step = _STATES[str(await state.get_state())]
    if callback_data.action is FormAction.SKIP and step in _SKIP:
        if step == KickoffForm.metric:
            await state.update_data(metric=None, baseline=None, target=None)
        else:
            await state.update_data({_TYPED[step][0]: None})
        await _go(_SKIP[step], callback, state, user, t, kickoffs)
        return
    await _go(_back(step, await state.get_data()), callback, state, user, t, kickoffs)


async def end_picked(callback: CallbackQuery, callback_data: EndInCb, state: FSMContext,
                     user: User, t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    day = kickoffs.today(user) + timedelta(weeks=callback_data.weeks)
    await _ended(day, callback, state, user, t, kickoffs)


async def _ended(day: date, target: Message | CallbackQuery, state: FSMContext, user: User,
                 t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    await state.update_data(ends_on=day.isoformat())
    await _go(KickoffForm.budget, target, state, user, t, kickoffs)


async def budget_picked(callback: CallbackQuery, callback_data: BudgetCb, state: FSMContext,
                        user: User, t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    await state.update_data(budget_fit=callback_data.fit.value)
    await _go(KickoffForm.flags, callback, state, user, t, kickoffs)


async def trust_toggled(
    callback: CallbackQuery, callback_data: TrustCb, callback_answer: CallbackAnswer,
    state: FSMContext, t: Translator,
) -> None:  # fmt: skip
    picked = list(chosen_actions((await state.get_data()).get("actions", [])))
    if callback_data.action in picked:
        picked.remove(callback_data.action)
    elif len(picked) >= MAX_TRUST_ACTIONS:
        callback_answer.text = t("kickoff-trust-max", most=MAX_TRUST_ACTIONS)
        callback_answer.show_alert = True
        return
    else:
        picked.append(callback_data.action)
    await state.update_data(actions=[action.value for action in chosen_actions(picked)])
    await trust_choice(t, chosen_actions(picked)).show(callback)


async def trust_ready(
    callback: CallbackQuery, callback_answer: CallbackAnswer, state: FSMContext, user: User,
    t: Translator, kickoffs: KickoffService,
) -> None:  # fmt: skip
    if not (await state.get_data()).get("actions"):
        callback_answer.text = t("kickoff-trust-none")
        callback_answer.show_alert = True
        return
    if t.language == "ru":  # only Russian drafts need to know «вы» or «ты»
        await _go(KickoffForm.address, callback, state, user, t, kickoffs)
        return
    await _save(callback, Address.FORMAL, state, user, t, kickoffs)


async def address_picked(callback: CallbackQuery, callback_data: AddressCb, state: FSMContext,
                         user: User, t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    await _save(callback, callback_data.address, state, user, t, kickoffs)


def _draft(data: dict[str, Any], address: Address) -> KickoffDraft:
    """The kickoff as the form collected it."""
    return KickoffDraft(
        client_id=int(data["client_id"]) if data.get("client_id") else None,
        new_client=data.get("new_client"),
        title=data["title"],
        goal=Goal(data["goal"]),
        goal_note=data.get("goal_note"),
        metric=data.get("metric"),
        baseline=data.get("baseline"),
        target=data.get("target"),
        ends_on=date.fromisoformat(data["ends_on"]),
        budget_fit=BudgetFit(data["budget_fit"]),
        red_flags=data.get("red_flags"),
        address=address,
        actions=chosen_actions(data.get("actions", [])),
    )


async def _save(callback: CallbackQuery, address: Address, state: FSMContext, user: User,
                t: Translator, kickoffs: KickoffService) -> None:  # fmt: skip
    started = await kickoffs.start(user, _draft(await state.get_data(), address))
    if started is None:
        # The chosen client was deleted meanwhile: ask again, keep everything else.
        await Screen(t("client-gone")).below(callback)
        await state.set_state(KickoffForm.client)
        await ask(await _prompt(KickoffForm.client, user, {}, t, kickoffs), callback, state,
                  below=True)  # fmt: skip
        return
    await state.clear()
    await started_screen(t, started).show(callback)


async def call_off(
    callback: CallbackQuery, callback_data: CallOffCb, callback_answer: CallbackAnswer,
    user: User, t: Translator, kickoffs: KickoffService, clients: ClientService,
) -> None:  # fmt: skip
    """From the client's card: a project that will not happen stops its reminders."""
    kickoff = await kickoffs.get(user, callback_data.id)
    if kickoff is None:
        refuse(callback_answer, t, user.id, "kickoff", callback_data.id)
        return
    if not kickoff.active:  # finished or called off meanwhile
        stale(callback_answer, t)
        return
    if not callback_data.confirmed:
        await call_off_question(t, kickoff).show(callback)
        return
    await kickoffs.drop(user, kickoff)
    client = await clients.get(user, kickoff.client_id)
    notice = t("call-off-done", project=kickoff.title)
    if client is None:
        await Screen(notice).show(callback)
        return
    card = client_card(t, await clients.card(user, client), user.timezone)
    await card.after(notice).show(callback)


def create_router() -> Router:
    router = Router(name="kickoff")
    router.message.register(kickoff_command, Command("kickoff"))
    router.callback_query.register(kickoff_button, NavCb.filter(F.to == Nav.KICKOFF))
    router.callback_query.register(call_off, CallOffCb.filter())
    in_form = StateFilter(*KickoffForm.__states__)
    # Every button of the form answers only the question asked now.
    current = CurrentPrompt()
    register = router.callback_query.register
    register(new_client_picked, KickoffForm.client, PickClientCb.filter(F.id == 0), current)
    register(client_picked, KickoffForm.client, PickClientCb.filter(), current, OwnClient())
    register(goal_picked, KickoffForm.goal, GoalCb.filter(), current)
    register(end_picked, KickoffForm.end, EndInCb.filter(F.weeks.in_(END_IN_WEEKS)), current)
    register(budget_picked, KickoffForm.budget, BudgetCb.filter(), current)
    register(trust_toggled, KickoffForm.actions, TrustCb.filter(), current)
    register(trust_ready, KickoffForm.actions, TrustReadyCb.filter(), current)
    register(address_picked, KickoffForm.address, AddressCb.filter(), current)
    register(form_button, in_form, FormCb.filter(), current)
    router.message.register(typed, in_form, TYPED_TEXT)
    router.message.register(reject_non_text, in_form, ~F.text)
    return router
