"""The post-project reflection: one question per message, then the partner score.

Progress lives in the database (the reflection's position and answers), so a restart,
a /cancel or an old chat all resume at the same question via /reflect.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.content.questions import QUESTIONS, AnswerKind, Decision
from bot.i18n import Translator
from bot.services.reflections import ButtonProblem, ReflectionService, Step
from bot.telegram.input import TYPED_TEXT, read_text, refuse, reject_non_text, stale
from bot.views.checkins import plan_screen
from bot.views.common import PAGE_SIZE, Nav, NavCb, menu_screen
from bot.views.reflection import (
    AnswerCb,
    ReflectAction,
    ReflectionFlow,
    ReflectNavCb,
    ReflectPageCb,
    ReflectPickCb,
    answer_label,
    expect_answers,
    open_reflection,
    pick_screen,
    question_screen,
    record_answer,
    reflection_id,
    result_screen,
)
from bot.views.screen import Screen
from storage.projects import Project
from storage.reflections import COMMENT_LIMIT, LESSON_LIMIT
from storage.users import User


def _refused(
    problem: ButtonProblem, callback_answer: CallbackAnswer, t: Translator, user: User,
    reflection: int,
) -> None:  # fmt: skip
    """A reflection button that cannot be acted on: old ones are stale, others refused."""
    if problem is ButtonProblem.PASSED:
        stale(callback_answer, t)
    else:
        refuse(callback_answer, t, user.id, "reflection", reflection)


async def _advance(
    target: Message, step: Step, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService,
) -> bool:  # fmt: skip
    """Ask the next question, or close the reflection with its score and a follow-up
    plan when none is left. False when the reflection was already closed."""
    if step.question is not None:
        await expect_answers(state, step.reflection.id)
        screen = question_screen(t, step.reflection.id, step.position, step.project_title)
        await screen.answer(target)
        return True
    finished = await reflections.finish(user, step.reflection)
    await state.clear()
    if finished is None:
        return False
    await result_screen(t, finished.summary, finished.advice).answer(target)
    client = finished.client
    if client is None:  # deleted from another device meanwhile: nobody to plan for
        return True
    if finished.summary.decision == Decision.LET_GO:
        await target.answer(t("checkin-let-go-none", client=client.name))
    else:
        await plan_screen(t, client, finished.summary.decision).answer(target)
    return True


async def _answered(
    callback: CallbackQuery, callback_answer: CallbackAnswer, position: int, shown: str,
    step: Step, state: FSMContext, user: User, t: Translator, reflections: ReflectionService,
) -> None:  # fmt: skip
    """Leave the question at `position` in the chat as a record of its answer `shown`,
    then go on to `step`."""
    await record_answer(callback, t, position, shown)
    if not isinstance(callback.message, Message):
        return
    if not await _advance(callback.message, step, state, user, t, reflections):
        stale(callback_answer, t)


async def answer_button(
    callback: CallbackQuery, callback_data: AnswerCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, reflections: ReflectionService,
) -> None:  # fmt: skip
    found = await reflections.answer(
        user, callback_data.reflection, callback_data.position, callback_data.value
    )
    if isinstance(found, ButtonProblem):
        _refused(found, callback_answer, t, user, callback_data.reflection)
        return
    position = callback_data.position
    shown = answer_label(t, QUESTIONS[position], callback_data.value)
    await _answered(callback, callback_answer, position, shown, found, state, user, t, reflections)


async def nav_button(
    callback: CallbackQuery, callback_data: ReflectNavCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, reflections: ReflectionService,
) -> None:  # fmt: skip
    reflection, position = callback_data.reflection, callback_data.position
    if callback_data.action is ReflectAction.PAUSE:
        problem = await reflections.pause(user, reflection, position)
        if problem is not None:
            _refused(problem, callback_answer, t, user, reflection)
            return
        await state.clear()
        await Screen(t("reflect-paused", n=position + 1)).show(callback)
        return
    if callback_data.action is ReflectAction.BACK:
        found = await reflections.back(user, reflection, position)
        if isinstance(found, ButtonProblem):
            _refused(found, callback_answer, t, user, reflection)
            return
        await expect_answers(state, reflection)
        await question_screen(t, reflection, found.position, found.project_title).show(callback)
        return
    # Skip: offered on optional questions only; a forged one is refused as INVALID.
    found = await reflections.answer(user, reflection, position, None)
    if isinstance(found, ButtonProblem):
        _refused(found, callback_answer, t, user, reflection)
        return
    shown = t("answer-skipped")
    await _answered(callback, callback_answer, position, shown, found, state, user, t, reflections)


async def typed_text(
    message: Message, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    """The answer to the free-text question, or a comment on the current one."""
    step = await reflections.current(user, await reflection_id(state))
    if step is None or step.question is None:
        await state.clear()
        await message.answer(t("reflect-nothing"))
        return
    if step.question.kind is AnswerKind.TEXT:
        lesson = await read_text(message, t, LESSON_LIMIT)
        if lesson is None:
            return
        written = await reflections.write_lesson(user, step.reflection, lesson)
        if written is None or not await _advance(message, written, state, user, t, reflections):
            await state.clear()
            await message.answer(t("reflect-nothing"))
        return
    comment = await read_text(message, t, COMMENT_LIMIT)
    if comment is None:
        return
    if not await reflections.comment(user, step.reflection, comment):
        await state.clear()
        await message.answer(t("reflect-nothing"))
        return
    await message.answer(t("reflect-comment-saved"))


# ---- /reflect: resume a draft or pick a project ---------------------------------


async def _begin(
    message: Message, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService, project: Project, *, notice: str | None = None,
) -> bool:  # fmt: skip
    """Start or resume the project's reflection; False when the project is gone."""
    reflection = await reflections.start(user, project)
    if reflection is None:
        return False
    step = Step(reflection, reflection.position, project.title)
    if not reflection.is_done and step.question is None:
        # Every question answered, but the draft was never closed (a crash right
        # before it): close it now rather than ask a question that is not there.
        await _advance(message, step, state, user, t, reflections)
        return True
    await open_reflection(message, state, t, reflection, project.title, notice=notice)
    return True


async def _reflect_entry(
    message: Message, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    """One project waiting: straight back into it. Several: let the person pick."""
    waiting = await reflections.awaiting(user, 0, PAGE_SIZE)
    if waiting.total == 1:
        project = waiting.projects[0]
        notice = (
            t("reflect-resume", project=project.title)
            if project.reflection_status == "draft"
            else None
        )
        if await _begin(message, state, user, t, reflections, project, notice=notice):
            return
        waiting = await reflections.awaiting(user, 0, PAGE_SIZE)  # it was deleted meanwhile
    screen = pick_screen(t, 0, waiting)
    await (screen or menu_screen(t).after(t("reflect-nothing"))).answer(message)


async def reflect_command(
    message: Message, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    await state.clear()
    await _reflect_entry(message, state, user, t, reflections)


async def reflect_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    await state.clear()
    if isinstance(callback.message, Message):
        await _reflect_entry(callback.message, state, user, t, reflections)


async def pick_page(
    callback: CallbackQuery, callback_data: ReflectPageCb, user: User, t: Translator,
    reflections: ReflectionService,
) -> None:  # fmt: skip
    page = max(0, callback_data.page)
    screen = pick_screen(t, page, await reflections.awaiting(user, page, PAGE_SIZE))
    await (screen or Screen(t("reflect-nothing"))).show(callback)


async def pick_project(
    callback: CallbackQuery, callback_data: ReflectPickCb, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, reflections: ReflectionService,
) -> None:  # fmt: skip
    project = await reflections.project(user, callback_data.project)
    if project is None or not isinstance(callback.message, Message):
        refuse(callback_answer, t, user.id, "project", callback_data.project)
        return
    if not await _begin(callback.message, state, user, t, reflections, project):
        refuse(callback_answer, t, user.id, "project", callback_data.project)


def create_router() -> Router:
    router = Router(name="reflection")
    router.message.register(reflect_command, Command("reflect"))
    router.callback_query.register(reflect_button, NavCb.filter(F.to == Nav.REFLECT))
    router.callback_query.register(pick_page, ReflectPageCb.filter())
    router.callback_query.register(pick_project, ReflectPickCb.filter())
    router.callback_query.register(answer_button, AnswerCb.filter())
    router.callback_query.register(nav_button, ReflectNavCb.filter())
    router.message.register(typed_text, ReflectionFlow.answering, TYPED_TEXT)
    router.message.register(reject_non_text, ReflectionFlow.answering, ~F.text)
    return router
