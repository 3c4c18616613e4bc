"""The post-project reflection: one question per message, then the partner score.

Progress lives in the database (the reflection's position and answers), so a restart,
a /cancel or an old chat all resume at the same question via /reflect.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.content.questions import QUESTIONS, AnswerKind, Decision
from bot.services.reflections import ButtonProblem, ReflectionService, Step
from bot.telegram.context import Ctx
from bot.telegram.input import TYPED_TEXT, reject_non_text, text_answer
from bot.telegram.reflection import ReflectionFlow, expect_answers, open_reflection
from bot.views.checkins import plan_screen
from bot.views.common import PAGE_SIZE, Nav, NavCb, menu_screen
from bot.views.reflection import (
    AnswerCb,
    ReflectAction,
    ReflectNavCb,
    ReflectPageCb,
    ReflectPickCb,
    answer_label,
    answer_record,
    decision_draft,
    pick_screen,
    question_screen,
    result_screen,
)
from bot.views.screen import Screen
from storage.projects import Project
from storage.reflections import COMMENT_LIMIT, LESSON_LIMIT, ReflectionStatus


def _refused(ctx: Ctx, problem: ButtonProblem, reflection: int) -> None:
    """A reflection button that cannot be acted on: old ones are stale, others refused."""
    if problem is ButtonProblem.PASSED:
        ctx.stale()
    else:
        ctx.refuse("reflection", reflection)


async def _advance(ctx: Ctx, step: Step, reflections: ReflectionService) -> bool:
    """Ask the next question in a new message, or close the reflection with its score
    and a follow-up plan when none is left. False when it was already closed."""
    if step.question is not None:
        await expect_answers(ctx, step.reflection.id)
        t = ctx.t
        await ctx.send(question_screen(t, step.reflection.id, step.position, step.project_title))
        return True
    finished = await reflections.finish(ctx.user, step.reflection)
    await ctx.state.clear()
    if finished is None:
        return False
    project_id = finished.project.id if finished.project is not None else None
    await ctx.send(result_screen(ctx.t, finished.summary, finished.advice, project_id))
    client = finished.client
    if client is None:  # deleted from another device meanwhile: nobody to plan for
        return True
    draft = decision_draft(ctx.t, finished.summary.decision, client, step.reflection.id)
    if draft is not None:
        await ctx.send(draft)
    if finished.summary.decision == Decision.LET_GO:
        await ctx.say("checkin-let-go-none", client=client.name)
    else:
        await ctx.send(plan_screen(ctx.t, client, finished.summary.decision))
    return True


async def _answered(
    ctx: Ctx, position: int, shown: str, step: Step, reflections: ReflectionService
) -> None:
    """Leave the question at `position` in the chat as a record of its answer `shown`,
    then go on to `step`."""
    await ctx.close_keyboard(answer_record(ctx.t, position, shown))
    if ctx.message is None:
        return
    if not await _advance(ctx, step, reflections):
        ctx.stale()


async def answer_button(
    _: object, ctx: Ctx, callback_data: AnswerCb, reflections: ReflectionService
) -> None:
    found = await reflections.answer(
        ctx.user, callback_data.reflection, callback_data.position, callback_data.value
    )
    if isinstance(found, ButtonProblem):
        _refused(ctx, found, callback_data.reflection)
        return
    position = callback_data.position
    shown = answer_label(ctx.t, QUESTIONS[position], callback_data.value)
    await _answered(ctx, position, shown, found, reflections)


async def nav_button(
    _: object, ctx: Ctx, callback_data: ReflectNavCb, reflections: ReflectionService
) -> None:
    reflection, position = callback_data.reflection, callback_data.position
    if callback_data.action is ReflectAction.PAUSE:
        problem = await reflections.pause(ctx.user, reflection, position)
        if problem is not None:
            _refused(ctx, problem, reflection)
            return
        await ctx.state.clear()
        await ctx.reply(Screen(ctx.t("reflect-paused", n=position + 1)))
        return
    if callback_data.action is ReflectAction.BACK:
        found = await reflections.back(ctx.user, reflection, position)
        if isinstance(found, ButtonProblem):
            _refused(ctx, found, reflection)
            return
        await expect_answers(ctx, reflection)
        await ctx.reply(question_screen(ctx.t, reflection, found.position, found.project_title))
        return
    # Skip: offered on optional questions only; a forged one is refused as INVALID.
    found = await reflections.answer(ctx.user, reflection, position, None)
    if isinstance(found, ButtonProblem):
        _refused(ctx, found, reflection)
        return
    await _answered(ctx, position, ctx.t("answer-skipped"), found, reflections)


async def typed_text(_: object, ctx: Ctx, reflections: ReflectionService) -> None:
    """The answer to the free-text question, or a comment on the current one."""
    rid = int((await ctx.state.get_data()).get("rid", 0))  # 0: none is open
    step = await reflections.current(ctx.user, rid)
    if step is None or step.question is None:
        await ctx.state.clear()
        await ctx.say("reflect-nothing")
        return
    if step.question.kind is AnswerKind.TEXT:
        lesson = await text_answer(ctx, LESSON_LIMIT)
        if lesson is None:
            return
        written = await reflections.write_lesson(ctx.user, step.reflection, lesson)
        if written is None or not await _advance(ctx, written, reflections):
            await ctx.state.clear()
            await ctx.say("reflect-nothing")
        return
    comment = await text_answer(ctx, COMMENT_LIMIT)
    if comment is None:
        return
    if not await reflections.comment(ctx.user, step.reflection, comment):
        await ctx.state.clear()
        await ctx.say("reflect-nothing")
        return
    await ctx.say("reflect-comment-saved")


# ---- /reflect: resume a draft or pick a project ---------------------------------


async def _begin(
    ctx: Ctx, reflections: ReflectionService, project: Project, *, notice: str | None = None
) -> bool:
    """Start or resume the project's reflection; False when the project is gone."""
    reflection = await reflections.start(ctx.user, project)
    if reflection is None:
        return False
    step = Step(reflection, reflection.position, project.title)
    if not reflection.is_done and step.question is None:
        # Every question answered, but the draft was never closed (a crash right
        # before it): close it now rather than ask a question that is not there.
        await _advance(ctx, step, reflections)
        return True
    await open_reflection(ctx, reflection, project.title, notice=notice)
    return True


async def reflect(_: object, ctx: Ctx, reflections: ReflectionService) -> None:
    """/reflect and its menu button, in a new message. One project waiting: straight
    back into it. Several: let the person pick."""
    await ctx.state.clear()
    if ctx.message is None:
        return
    waiting = await reflections.awaiting(ctx.user, 0, PAGE_SIZE)
    if waiting.total == 1:
        project = waiting.projects[0]
        notice = (
            ctx.t("reflect-resume", project=project.title)
            if project.reflection_status == ReflectionStatus.DRAFT
            else None
        )
        if await _begin(ctx, reflections, project, notice=notice):
            return
        waiting = await reflections.awaiting(ctx.user, 0, PAGE_SIZE)  # deleted meanwhile
    screen = pick_screen(ctx.t, 0, waiting)
    await ctx.send(screen or menu_screen(ctx.t).after(ctx.t("reflect-nothing")))


async def pick_page(
    _: object, ctx: Ctx, callback_data: ReflectPageCb, reflections: ReflectionService
) -> None:
    page = max(0, callback_data.page)
    screen = pick_screen(ctx.t, page, await reflections.awaiting(ctx.user, page, PAGE_SIZE))
    await ctx.reply(screen or Screen(ctx.t("reflect-nothing")))


async def pick_project(
    _: object, ctx: Ctx, callback_data: ReflectPickCb, reflections: ReflectionService
) -> None:
    project = await reflections.project(ctx.user, callback_data.project)
    if project is None or ctx.message is None or not await _begin(ctx, reflections, project):
        ctx.refuse("project", callback_data.project)


def create_router() -> Router:
    router = Router(name="reflection")
    router.message.register(reflect, Command("reflect"))
    router.callback_query.register(reflect, NavCb.filter(F.to == Nav.REFLECT))
    router.callback_query.register(pick_page, ReflectPageCb.filter())
    router.callback_query.register(pick_project, ReflectPickCb.filter())
    router.callback_query.register(answer_button, AnswerCb.filter())
    router.callback_query.register(nav_button, ReflectNavCb.filter())
    router.message.register(typed_text, ReflectionFlow.answering, TYPED_TEXT)
    router.message.register(reject_non_text, ReflectionFlow.answering, ~F.text)
    return router
