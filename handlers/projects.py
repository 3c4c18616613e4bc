"""/done: record a finished project (client, title, the real goal, how it is measured,
when it ended), then go straight into its reflection. A project begun with /kickoff is
offered first and asks only when it ended: its goal and number were agreed at the start."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command

from bot.reading.dates import NotAPastDay
from bot.services.kickoffs import KickoffService
from bot.services.projects import ProjectDraft, ProjectService, RecordProblem
from bot.telegram.context import Ctx
from bot.telegram.filters import OpenNudge, OwnClient
from bot.telegram.forms import Answers, Buttons, Form, GoTo, Step, Updates, never
from bot.telegram.reflection import open_reflection
from bot.views.checkins import NewOrderCb
from bot.views.common import DayCb, Nav, NavCb, day_choice, day_problem, form_step
from bot.views.nudges import WrapUpCb, WrapUpChoice
from bot.views.projects import (
    GoalCb,
    PickClientCb,
    StartedCb,
    client_choice,
    goal_choice,
    started_choice,
)
from bot.views.screen import Screen
from storage.clients import NAME_LIMIT, Client
from storage.nudges import Nudge, NudgeStatus
from storage.projects import FIELD_LIMIT, TITLE_LIMIT, Goal

CLIENT_BUTTONS = 8


# ---- the questions -------------------------------------------------------------------


async def ask_started(ctx: Ctx, projects: ProjectService, answers: Answers) -> Screen:
    started = await projects.started(ctx.user, CLIENT_BUTTONS)
    return Screen(ctx.t("done-started-ask"), started_choice(ctx.t, started))


async def ask_client(ctx: Ctx, projects: ProjectService, answers: Answers) -> Screen:
    recent = await projects.client_choices(ctx.user, CLIENT_BUTTONS)
    back = bool(await projects.started(ctx.user, 1))  # back to the started projects
    choice = client_choice(ctx.t, [(c.id, c.name) for c in recent], back=back)
    return Screen(ctx.t("done-client-ask"), choice)


async def ask_goal(ctx: Ctx, projects: ProjectService, answers: Answers) -> Screen:
    return Screen(ctx.t("done-goal-ask"), goal_choice(ctx.t))


async def ask_day(ctx: Ctx, projects: ProjectService, answers: Answers) -> Screen:
    if answers.get("kickoff_id"):
        return Screen(ctx.t("done-started-date-ask", project=answers["title"]), day_choice(ctx.t))
    return Screen(ctx.t("done-date-ask"), day_choice(ctx.t))


def typed_question(key: str, *, skip: bool = False) -> Any:
    async def ask(ctx: Ctx, projects: ProjectService, answers: Answers) -> Screen:
        return Screen(ctx.t(key), form_step(ctx.t, skip=skip))

    return ask


# ---- the answers -----------------------------------------------------------------------


async def pick_started(
    ctx: Ctx, projects: ProjectService, pressed: StartedCb, data: dict[str, Any]
) -> Updates | None:
    if pressed.id == 0:
        return {"kickoff_id": None}
    kickoff = await projects.kickoff(ctx.user, pressed.id)
    if kickoff is None:
        ctx.refuse("kickoff", pressed.id)
        return None
    if not kickoff.active:  # recorded by a press a moment ago
        ctx.stale()
        return None
    return {"kickoff_id": kickoff.id, "title": kickoff.title}


async def pick_new_client(
    ctx: Ctx, projects: ProjectService, pressed: PickClientCb, data: dict[str, Any]
) -> GoTo:
    return GoTo("new_client")


def chosen_client(client: Client) -> Updates:
    return {"client_id": client.id, "client_name": client.name, "new_client": None}


async def pick_client(
    ctx: Ctx, projects: ProjectService, pressed: PickClientCb, data: dict[str, Any]
) -> Updates:
    return chosen_client(data["client"])  # OwnClient checked it is theirs


async def typed_client(ctx: Ctx, projects: ProjectService, name: str, answers: Answers) -> Updates:
    """A typed name is a new client; it is created only when the project is saved."""
    return {"client_id": None, "client_name": name, "new_client": name}


async def pick_goal(
    ctx: Ctx, projects: ProjectService, pressed: GoalCb, data: dict[str, Any]
) -> Updates:
    return {"goal": pressed.goal.value, "goal_note": None}


async def pick_day(
    ctx: Ctx, projects: ProjectService, pressed: DayCb, data: dict[str, Any]
) -> Updates | None:
    if pressed.days_ago not in (0, 1):
        ctx.refuse("day offset", pressed.days_ago)
        return None
    day = projects.today(ctx.user) - timedelta(days=pressed.days_ago)
    return {"finished_on": day.isoformat()}


async def typed_day(
    ctx: Ctx, projects: ProjectService, text: str, answers: Answers
) -> Updates | Screen:
    day = await projects.read_finish_day(ctx.user, text)
    if isinstance(day, NotAPastDay):
        return day_problem(ctx.t, day, text)
    return {"finished_on": day.isoformat()}


def _draft(answers: Answers) -> ProjectDraft:
    """The project as the form collected it."""
    return ProjectDraft(
        client_id=int(answers["client_id"]) if answers.get("client_id") else None,
        new_client=answers.get("new_client"),
        title=answers["title"],
        goal=Goal(answers["goal"]),
        goal_note=answers.get("goal_note"),
        metric=answers.get("metric"),
        baseline=answers.get("baseline"),
    )


async def save(ctx: Ctx, projects: ProjectService, answers: Answers) -> None:
    kickoff_id = answers.get("kickoff_id")
    source = int(kickoff_id) if kickoff_id else _draft(answers)
    day = date.fromisoformat(answers["finished_on"])
    recorded = await projects.record(ctx.user, source, day)
    if recorded is RecordProblem.KICKOFF_GONE:
        await ctx.state.clear()
        await ctx.say("done-started-gone")
        return
    if recorded is RecordProblem.CLIENT_GONE:
        # Ask again, keep everything else.
        await ctx.say("client-gone")
        await PROJECT_FORM.go(ctx, projects, "client", below=True)
        return
    await ctx.state.clear()
    project = recorded.project
    # The day with its weekday: a misread day shows at once.
    day_shown = ctx.t.day_with_weekday(project.finished_on)
    await ctx.say("done-saved", title=project.title, client=project.client_name, date=day_shown)
    if recorded.reflection is not None:
        await open_reflection(ctx, recorded.reflection, project.title)


def _has_started(ctx: Ctx, answers: Answers) -> bool:
    return bool(answers.get("has_started"))


def _new_project(ctx: Ctx, answers: Answers) -> bool:
    return not answers.get("kickoff_id")


def _other_goal(ctx: Ctx, answers: Answers) -> bool:
    return _new_project(ctx, answers) and answers.get("goal") == Goal.OTHER


PROJECT_FORM: Form[ProjectService] = Form(
    name="ProjectForm",
    service="projects",
    steps=[
        Step(
            "started",
            ask_started,
            buttons=[Buttons(StartedCb.filter(), pick_started)],
            when=_has_started,
        ),
        Step(
            "client",
            ask_client,
            read=typed_client,
            limit=NAME_LIMIT,
            buttons=[
                Buttons(PickClientCb.filter(F.id == 0), pick_new_client),
                Buttons(PickClientCb.filter(), pick_client, (OwnClient(),)),
            ],
            when=_new_project,
        ),
        Step(
            "new_client",
            typed_question("done-new-client-ask"),
            read=typed_client,
            limit=NAME_LIMIT,
            when=never,
            back="client",
        ),
        Step(
            "title",
            typed_question("done-title-ask"),
            key="title",
            limit=TITLE_LIMIT,
            when=_new_project,
            back="client",
        ),
        Step("goal", ask_goal, buttons=[Buttons(GoalCb.filter(), pick_goal)], when=_new_project),
        Step(
            "goal_other",
            typed_question("done-goal-other-ask"),
            key="goal_note",
            limit=FIELD_LIMIT,
            when=_other_goal,
        ),
        Step(
            "metric",
            typed_question("done-metric-ask"),
            key="metric",
            limit=FIELD_LIMIT,
            when=_new_project,
        ),
        Step(
            "baseline",
            typed_question("done-baseline-ask", skip=True),
            key="baseline",
            limit=FIELD_LIMIT,
            skip={"baseline": None},
            when=_new_project,
        ),
        Step("day", ask_day, read=typed_day, buttons=[Buttons(DayCb.filter(), pick_day)]),
    ],
    finish=save,
)


# ---- ways in -----------------------------------------------------------------------------


async def done(_: object, ctx: Ctx, projects: ProjectService) -> None:
    """/done and its menu button: a new message, whatever was on screen."""
    # Carry the lesson forward: last time's "do differently" comes before the new project.
    lesson = await projects.last_lesson(ctx.user)
    if lesson:
        await ctx.say("done-lesson-reminder", lesson=lesson)
    # Projects begun with /kickoff come first: for them only the end day is new.
    has_started = bool(await projects.started(ctx.user, 1))
    await PROJECT_FORM.start(ctx, projects, {"has_started": has_started}, below=True)


async def new_order(_: object, ctx: Ctx, client: Client, projects: ProjectService) -> None:
    """A check-in brought a new order: record it for the same client (a repeat client)."""
    has_started = bool(await projects.started(ctx.user, 1))
    answers = {"has_started": has_started, **chosen_client(client)}
    await PROJECT_FORM.start(ctx, projects, answers, at="title")


async def wrap_up_record(
    _: object, ctx: Ctx, nudge: Nudge, projects: ProjectService, kickoffs: KickoffService
) -> None:
    """ "Finished" on the end-day nudge: straight to the one question left, the end day."""
    kickoff = await kickoffs.get(ctx.user, nudge.kickoff_id)
    if (
        kickoff is None
        or not kickoff.active
        or not await kickoffs.answer(ctx.user, nudge, NudgeStatus.DONE)
    ):
        ctx.stale()
        return
    shown = ctx.pressed_html
    if shown:
        await ctx.close_keyboard(f"{shown}\n\n<i>{ctx.t('wrap-up-recording')}</i>")
    answers = {"has_started": True, "kickoff_id": kickoff.id, "title": kickoff.title}
    await PROJECT_FORM.start(ctx, projects, answers, at="day", below=True)


def create_router() -> Router:
    router = Router(name="projects")
    router.message.register(done, Command("done"))
    router.callback_query.register(done, NavCb.filter(F.to == Nav.DONE))
    router.callback_query.register(new_order, NewOrderCb.filter(), OwnClient("client"))
    router.callback_query.register(
        wrap_up_record, WrapUpCb.filter(F.choice == WrapUpChoice.RECORD), OpenNudge()
    )
    PROJECT_FORM.register(router)
    return router
