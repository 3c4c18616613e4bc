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
from bot.telegram.forms import Answers, Buttons, Form, Step, Updates
from bot.telegram.project_questions import (
    CLIENT_BUTTONS,
    chosen_client,
    client_steps,
    goal_step,
    other_goal,
)
from bot.telegram.reflection import open_reflection
from bot.views.checkins import NewOrderCb
from bot.views.common import DayCb, Nav, NavCb, day_choice, day_problem
from bot.views.nudges import WrapUpCb, WrapUpChoice
from bot.views.projects import (
    StartedCb,
    started_choice,
)
from bot.views.screen import Screen
from storage.clients import Client
from storage.nudges import Nudge, NudgeStatus
from storage.projects import FIELD_LIMIT, TITLE_LIMIT, Goal

# ---- the questions and answers --------------------------------------------------------


async def ask_started(ctx: Ctx, projects: ProjectService, answers: Answers) -> Screen:
    started = await projects.started(ctx.user, CLIENT_BUTTONS)
    return Screen(ctx.t("done-started-ask"), started_choice(ctx.t, started))


async def ask_day(ctx: Ctx, projects: ProjectService, answers: Answers) -> Screen:
    if answers.get("kickoff_id"):
        return Screen(ctx.t("done-started-date-ask", project=answers["title"]), day_choice(ctx.t))
    return Screen(ctx.t("done-date-ask"), day_choice(ctx.t))


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
    return _new_project(ctx, answers) and other_goal(ctx, answers)


PROJECT_FORM: Form[Ctx, ProjectService] = Form(
    name="ProjectForm",
    service="projects",
    steps=[
        Step(
            "started",
            ask=ask_started,
            buttons=[Buttons(StartedCb.filter(), pick_started)],
            when=_has_started,
        ),
        *client_steps("done-client-ask", offers_back=_has_started, when=_new_project),
        Step(
            "title",
            question="done-title-ask",
            key="title",
            limit=TITLE_LIMIT,
            when=_new_project,
            back="client",
        ),
        goal_step("done-goal-ask", when=_new_project),
        Step(
            "goal_other",
            question="done-goal-other-ask",
            key="goal_note",
            limit=FIELD_LIMIT,
            when=_other_goal,
        ),
        Step(
            "metric",
            question="done-metric-ask",
            key="metric",
            limit=FIELD_LIMIT,
            when=_new_project,
        ),
        Step(
            "baseline",
            question="done-baseline-ask",
            key="baseline",
            limit=FIELD_LIMIT,
            skip={"baseline": None},
            when=_new_project,
        ),
        Step("day", ask=ask_day, read=typed_day, buttons=[Buttons(DayCb.filter(), pick_day)]),
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
