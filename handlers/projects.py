"""/done: record a finished project (client, title, the real goal, how it is measured,
when it ended), then go straight into its reflection. A project begun with /kickoff is
offered first and asks only when it ended: its goal and number were agreed at the start."""

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
from bot.reading.dates import NotAPastDay
from bot.services.kickoffs import KickoffService
from bot.services.projects import ProjectDraft, ProjectService
from bot.services.reflections import ReflectionService
from bot.telegram.filters import CurrentPrompt, OpenNudge, OwnClient
from bot.telegram.input import TYPED_TEXT, ask, read_text, refuse, reject_non_text, stale
from bot.telegram.sending import close_keyboard
from bot.views.checkins import NewOrderCb
from bot.views.common import (
    DayCb,
    FormAction,
    FormCb,
    Nav,
    NavCb,
    day_choice,
    day_problem,
    form_step,
)
from bot.views.nudges import WrapUpCb, WrapUpChoice
from bot.views.projects import (
    GoalCb,
    PickClientCb,
    StartedCb,
    client_choice,
    goal_choice,
    started_choice,
)
from bot.views.reflection import open_reflection
from bot.views.screen import Screen
from storage.clients import NAME_LIMIT, Client
from storage.nudges import Nudge
from storage.projects import FIELD_LIMIT, TITLE_LIMIT, Goal
from storage.users import User

CLIENT_BUTTONS = 8


class ProjectForm(StatesGroup):
    started = State()
    client = State()
    new_client = State()
    title = State()
    goal = State()
    goal_other = State()
    metric = State()
    baseline = State()
    day = State()


# Where Back leads from each step (goal_other and new_client are side steps).
_BACK = {
    ProjectForm.new_client: ProjectForm.client,
    ProjectForm.title: ProjectForm.client,
    ProjectForm.goal: ProjectForm.title,
    ProjectForm.goal_other: ProjectForm.goal,
    ProjectForm.baseline: ProjectForm.metric,
    ProjectForm.day: ProjectForm.baseline,
}
_TEXT_LIMITS = {
    ProjectForm.client: NAME_LIMIT,
    ProjectForm.new_client: NAME_LIMIT,
    ProjectForm.title: TITLE_LIMIT,
    ProjectForm.goal_other: FIELD_LIMIT,
    ProjectForm.metric: FIELD_LIMIT,
    ProjectForm.baseline: FIELD_LIMIT,
}
_ASK = {
    ProjectForm.new_client: "done-new-client-ask",
    ProjectForm.title: "done-title-ask",
    ProjectForm.goal_other: "done-goal-other-ask",
    ProjectForm.metric: "done-metric-ask",
    ProjectForm.baseline: "done-baseline-ask",
}
_STATES = {state.state: state for state in ProjectForm.__states__}


async def prompt(
    step: State, user: User, t: Translator, projects: ProjectService, data: dict[str, Any]
) -> Screen:
    if step == ProjectForm.started:
        started = await projects.started(user, CLIENT_BUTTONS)
        return Screen(t("done-started-ask"), started_choice(t, started))
    if step == ProjectForm.day and data.get("kickoff_id"):
        return Screen(t("done-started-date-ask", project=data["title"]), day_choice(t))
    if step == ProjectForm.client:
        recent = await projects.client_choices(user, CLIENT_BUTTONS)
        back = bool(await projects.started(user, 1))  # back to the started projects
        choice = client_choice(t, [(c.id, c.name) for c in recent], back=back)
        return Screen(t("done-client-ask"), choice)
    if step == ProjectForm.goal:
        return Screen(t("done-goal-ask"), goal_choice(t))
    if step == ProjectForm.day:
        return Screen(t("done-date-ask"), day_choice(t))
    return Screen(t(_ASK[step]), form_step(t, skip=step == ProjectForm.baseline))


async def _go(
    step: State, target: Message | CallbackQuery, state: FSMContext, user: User, t: Translator,
    projects: ProjectService,
) -> None:  # fmt: skip
    await state.set_state(step)
    await ask(await prompt(step, user, t, projects, await state.get_data()), target, state)


async def _start(
    message: Message, state: FSMContext, user: User, t: Translator, projects: ProjectService
) -> None:
    await state.clear()
    # Carry the lesson forward: last time's "do differently" comes before the new project.
    lesson = await projects.last_lesson(user)
    if lesson:
        await message.answer(t("done-lesson-reminder", lesson=lesson))
    # Projects begun with /kickoff come first: for them only the end day is new.
    first = ProjectForm.started if await projects.started(user, 1) else ProjectForm.client
    await _go(first, message, state, user, t, projects)


async def started_picked(
    callback: CallbackQuery, callback_data: StartedCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, projects: ProjectService,
) -> None:  # fmt: skip
    if callback_data.id == 0:
        await _go(ProjectForm.client, callback, state, user, t, projects)
        return
    kickoff = await projects.kickoff(user, callback_data.id)
    if kickoff is None:
        refuse(callback_answer, t, user.id, "kickoff", callback_data.id)
        return
    if not kickoff.active:  # recorded by a press a moment ago
        stale(callback_answer, t)
        return
    await state.update_data(kickoff_id=kickoff.id, title=kickoff.title)
    await _go(ProjectForm.day, callback, state, user, t, projects)


async def done_command(
    message: Message, state: FSMContext, user: User, t: Translator, projects: ProjectService
) -> None:
    await _start(message, state, user, t, projects)


async def done_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    projects: ProjectService,
) -> None:  # fmt: skip
    if isinstance(callback.message, Message):
        await _start(callback.message, state, user, t, projects)


async def _client_chosen(
    callback: CallbackQuery, client: Client, state: FSMContext, user: User, t: Translator,
    projects: ProjectService,
) -> None:  # fmt: skip
    await state.update_data(client_id=client.id, client_name=client.name, new_client=None)
    await _go(ProjectForm.title, callback, state, user, t, projects)


async def new_order(
    callback: CallbackQuery, client: Client,
    state: FSMContext, user: User, t: Translator,
    projects: ProjectService,
) -> None:  # fmt: skip
    """A check-in brought a new order: record it for the same client (a repeat client)."""
    await state.clear()
    await _client_chosen(callback, client, state, user, t, projects)


async def new_client_picked(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    projects: ProjectService,
) -> None:  # fmt: skip
    await _go(ProjectForm.new_client, callback, state, user, t, projects)


async def client_picked(
    callback: CallbackQuery, client: Client, state: FSMContext, user: User, t: Translator,
    projects: ProjectService,
) -> None:  # fmt: skip
    await _client_chosen(callback, client, state, user, t, projects)


async def typed(
    message: Message, state: FSMContext, user: User, t: Translator,
    projects: ProjectService, reflections: ReflectionService,
) -> None:  # fmt: skip
    step = _STATES[str(await state.get_state())]
    if step in (ProjectForm.goal, ProjectForm.started):
        await message.answer(t("expects-button"))
        return
    if step == ProjectForm.day:
        await _day_typed(message, state, user, t, projects, reflections)
        return
    value = await read_text(message, t, _TEXT_LIMITS[step])
    if value is None:
        return
    if step in (ProjectForm.client, ProjectForm.new_client):
        # A typed name is a new client; it is created only when the project is saved.
        await state.update_data(client_id=None, client_name=value, new_client=value)
        next_step = ProjectForm.title
    elif step == ProjectForm.title:
        await state.update_data(title=value)
        next_step = ProjectForm.goal
    elif step == ProjectForm.goal_other:
        await state.update_data(goal_note=value)
        next_step = ProjectForm.metric
    elif step == ProjectForm.metric:
        await state.update_data(metric=value)
        next_step = ProjectForm.baseline
    else:
        await state.update_data(baseline=value)
        next_step = ProjectForm.day
    await _go(next_step, message, state, user, t, projects)


async def goal_picked(
    callback: CallbackQuery, callback_data: GoalCb, state: FSMContext, user: User,
    t: Translator, projects: ProjectService,
) -> None:  # fmt: skip
    await state.update_data(goal=callback_data.goal.value, goal_note=None)
    next_step = ProjectForm.goal_other if callback_data.goal is Goal.OTHER else ProjectForm.metric
    await _go(next_step, callback, state, user, t, projects)


async def form_button(
    callback: CallbackQuery, callback_data: FormCb, state: FSMContext, user: User,
    t: Translator, projects: ProjectService,
) -> None:  # fmt: skip
    step = _STATES[str(await state.get_state())]
    if callback_data.action is FormAction.SKIP and step == ProjectForm.baseline:
        await state.update_data(baseline=None)
        await _go(ProjectForm.day, callback, state, user, t, projects)
        return
    data = await state.get_data()
    if step == ProjectForm.metric:
        back = ProjectForm.goal_other if data.get("goal") == Goal.OTHER else ProjectForm.goal
    elif step == ProjectForm.day and data.get("kickoff_id"):
        await state.update_data(kickoff_id=None)
        back = ProjectForm.started
    elif step == ProjectForm.client and await projects.started(user, 1):
        back = ProjectForm.started
    else:
        back = _BACK.get(step, ProjectForm.client)
    await _go(back, callback, state, user, t, projects)


async def day_picked(
    callback: CallbackQuery, callback_data: DayCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, projects: ProjectService,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    if callback_data.days_ago not in (0, 1):
        refuse(callback_answer, t, user.id, "day offset", callback_data.days_ago)
        return
    if isinstance(callback.message, Message):
        day = projects.today(user) - timedelta(days=callback_data.days_ago)
        await _save(callback.message, day, state, user, t, projects, reflections)


async def _day_typed(
    message: Message, state: FSMContext, user: User, t: Translator,
    projects: ProjectService, reflections: ReflectionService,
) -> None:  # fmt: skip
    text = message.text or ""
    day = await projects.read_finish_day(user, text)
    if isinstance(day, NotAPastDay):
        await ask(day_problem(t, day, text), message, state)  # its buttons answer now
        return
    await _save(message, day, state, user, t, projects, reflections)


def _draft(data: dict[str, Any]) -> ProjectDraft:
    """The project as the form collected it."""
    return ProjectDraft(
        client_id=int(data["client_id"]) if data.get("client_id") else None,
        new_client=data.get("new_client"),
        title=data["title"],
        goal=Goal(data["goal"]),
        goal_note=data.get("goal_note"),
        metric=data.get("metric"),
        baseline=data.get("baseline"),
    )


async def _save(
    message: Message, day: date, state: FSMContext, user: User, t: Translator,
    projects: ProjectService, reflections: ReflectionService,
) -> None:  # fmt: skip
    data = await state.get_data()
    if data.get("kickoff_id"):
        project = await projects.record_kickoff(user, int(data["kickoff_id"]), day)
        if project is None:  # recorded meanwhile from another message
            await state.clear()
            await message.answer(t("done-started-gone"))
            return
    else:
        project = await projects.record_finished(user, _draft(data), day)
    if project is None:
        # The chosen client was deleted meanwhile: ask again, keep everything else.
        await message.answer(t("client-gone"))
        await _go(ProjectForm.client, message, state, user, t, projects)
        return
    await state.clear()
    await message.answer(
        t(
            "done-saved",
            title=project.title,
            client=project.client_name,
            date=t.day_with_weekday(project.finished_on),  # a misread day shows at once
        )
    )
    reflection = await reflections.start(user, project)
    if reflection is not None:  # None only if the project was deleted this very moment
        await open_reflection(message, state, t, reflection, project.title)


async def wrap_up_record(
    callback: CallbackQuery, nudge: Nudge, callback_answer: CallbackAnswer, state: FSMContext,
    user: User, t: Translator, projects: ProjectService, kickoffs: KickoffService,
) -> None:  # fmt: skip
    """ "Finished" on the end-day nudge: straight to the one question left, the end day."""
    kickoff = await kickoffs.get(user, nudge.kickoff_id)
    if kickoff is None or not kickoff.active or not await kickoffs.answer(user, nudge, "done"):
        stale(callback_answer, t)
        return
    if isinstance(callback.message, Message) and callback.message.text:
        line = t("wrap-up-recording")
        await close_keyboard(callback, f"{callback.message.html_text}\n\n<i>{line}</i>")
    await state.clear()
    await state.update_data(kickoff_id=kickoff.id, title=kickoff.title)
    await state.set_state(ProjectForm.day)
    screen = await prompt(ProjectForm.day, user, t, projects, await state.get_data())
    await ask(screen, callback, state, below=True)


def create_router() -> Router:
    router = Router(name="projects")
    router.message.register(done_command, Command("done"))
    router.callback_query.register(done_button, NavCb.filter(F.to == Nav.DONE))
    router.callback_query.register(new_order, NewOrderCb.filter(), OwnClient("client"))
    in_form = StateFilter(*ProjectForm.__states__)
    router.callback_query.register(
        wrap_up_record, WrapUpCb.filter(F.choice == WrapUpChoice.RECORD), OpenNudge()
    )
    # Every button of the form answers only the question asked now.
    current = CurrentPrompt()
    register = router.callback_query.register
    register(started_picked, ProjectForm.started, StartedCb.filter(), current)
    register(new_client_picked, ProjectForm.client, PickClientCb.filter(F.id == 0), current)
    register(client_picked, ProjectForm.client, PickClientCb.filter(), current, OwnClient())
    register(goal_picked, ProjectForm.goal, GoalCb.filter(), current)
    register(day_picked, ProjectForm.day, DayCb.filter(), current)
    register(form_button, in_form, FormCb.filter(), current)
    router.message.register(typed, in_form, TYPED_TEXT)
    router.message.register(reject_non_text, in_form, ~F.text)
    return router
