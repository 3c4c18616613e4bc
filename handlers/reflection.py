"""The post-project reflection: one question per message, then the partner score.

Progress lives in the database (the reflection's position and answers), so a restart,
a /cancel or an old chat all resume at the same question via /reflect.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.content.questions import QUESTIONS, AnswerKind, Decision
from bot.i18n import Translator
from bot.messaging import Screen, close_keyboard
from bot.services.reflection_rules import ReflectionSummary as Outcome
from bot.services.reflection_rules import accepts, previous_position, question_at
from bot.services.reflection_rules import summarize_reflection as outcome
from bot.views.checkins import plan_screen
from bot.views.common import PAGE_SIZE, Nav, NavCb, menu_button, menu_screen, pager_row
from bot.views.input import TYPED_TEXT, read_text, refuse, reject_non_text
from bot.views.reflection import (
    AnswerCb,
    ReflectAction,
    ReflectNavCb,
    ReflectPageCb,
    ReflectPickCb,
    answer_label,
    question_keyboard,
)
from storage.clients import ClientRepository
from storage.projects import Project, ProjectRepository
from storage.reflections import COMMENT_LIMIT, LESSON_LIMIT, Reflection, ReflectionRepository
from storage.users import User


class ReflectionFlow(StatesGroup):
    answering = State()


def question_text(t: Translator, position: int, project_title: str) -> str:
    question = QUESTIONS[position]
    progress = t("reflect-progress", n=position + 1, total=len(QUESTIONS), project=project_title)
    text = f"{progress}\n\n<b>{t(f'q-{question.id}')}</b>"
    if question.kind is AnswerKind.SCALE:
        text += f"\n{t('scale-hint')}"
    elif question.kind is AnswerKind.TEXT:
        text += f"\n{t('reflect-lesson-hint')}"
    return text


def question_screen(t: Translator, reflection_id: int, position: int, title: str) -> Screen:
    keyboard = question_keyboard(t, reflection_id, position, QUESTIONS[position])
    return Screen(question_text(t, position, title), keyboard)


def result_screen(t: Translator, result: Outcome) -> Screen:
    if result.result is None:
        parts = [t("result-no-score")]
    else:
        parts = [
            t("result-title", score=result.result.score, label=t(f"label-{result.result.label}"))
        ]
        if result.result.weakest:
            parts.append(t("result-weak-title"))
            parts.extend(t(f"advice-{dimension}") for dimension in result.result.weakest)
        else:
            parts.append(t("result-strong"))
    if result.decision:
        parts.append(t(f"result-decision-{result.decision}"))
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-history"), callback_data=NavCb(to=Nav.HISTORY))
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    return Screen("\n\n".join(parts), builder.as_markup())


async def begin(
    target: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    project: Project,
    clock: Clock,
    *,
    notice: str | None = None,
) -> None:
    """Start the project's reflection, or resume its draft at the saved question."""
    reflection = await reflections.start(user.id, project.id, clock.now())
    if reflection is None:
        return
    if reflection.is_done:
        await target.answer(t("reflect-already-done"))
        return
    await state.set_state(ReflectionFlow.answering)
    await state.set_data({"rid": reflection.id})
    if notice:
        await target.answer(notice)
    elif reflection.position == 0:
        await target.answer(t("reflect-intro", count=len(QUESTIONS)))
    await question_screen(t, reflection.id, reflection.position, project.title).answer(target)


async def _advance(
    target: Message,
    reflection: Reflection,
    position: int,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clients: ClientRepository,
    clock: Clock,
) -> None:
    """Ask the question at `position`, or close the reflection when none is left."""
    if question_at(position) is not None:
        await state.set_state(ReflectionFlow.answering)
        await state.set_data({"rid": reflection.id})
        project = await projects.get(user.id, reflection.project_id)
        title = project.title if project else ""
        await question_screen(t, reflection.id, position, title).answer(target)
        return
    result = outcome(await reflections.answers(user.id, reflection.id))
    await reflections.complete(
        user.id,
        reflection.id,
        score=result.result.score if result.result else None,
        label=result.result.label.value if result.result else None,
        decision=result.decision,
        lesson=result.lesson,
        now=clock.now(),
    )
    await state.clear()
    await result_screen(t, result).answer(target)
    project = await projects.get(user.id, reflection.project_id)
    client = await clients.get(user.id, project.client_id) if project else None
    if client is None:
        return
    if result.decision == Decision.LET_GO:
        await target.answer(t("checkin-let-go-none", client=client.name))
    else:
        await plan_screen(t, client, result.decision).answer(target)


async def _current_draft(
    callback: CallbackQuery,
    reflection_id: int,
    position: int,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
) -> Reflection | None:
    """The draft this button belongs to, if the button is still the live one."""
    reflection = await reflections.get(user.id, reflection_id)
    if reflection is None:
        await refuse(callback, t, "reflection", reflection_id)
        return None
    if reflection.is_done or reflection.position != position:
        await callback.answer(t("stale-button"), show_alert=True)
        return None
    return reflection


async def answer_button(
    callback: CallbackQuery,
    callback_data: AnswerCb,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clients: ClientRepository,
    clock: Clock,
) -> None:
    reflection = await _current_draft(
        callback, callback_data.r, callback_data.q, user, t, reflections
    )
    if reflection is None:
        return
    question = question_at(callback_data.q)
    if question is None or not accepts(question, callback_data.v):
        await refuse(callback, t, "answer to reflection", callback_data.r)
        return
    await callback.answer()
    await _answered(
        callback, reflection, callback_data.q, answer_label(t, question, callback_data.v),
        state, user, t, reflections, projects, clients, clock, value=callback_data.v,
    )  # fmt: skip


async def _answered(
    callback: CallbackQuery,
    reflection: Reflection,
    position: int,
    shown: str,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clients: ClientRepository,
    clock: Clock,
    *,
    value: int | None,
) -> None:
    """Store a button answer (value None: skipped), leave the question in the chat as a
    record of it, and go on to the next question."""
    await reflections.save_answer(
        user.id, reflection.id, QUESTIONS[position].id,
        value=value, text=None, skipped=value is None, next_position=position + 1,
    )  # fmt: skip
    await _record_answer(callback, t, position, shown)
    if isinstance(callback.message, Message):
        await _advance(
            callback.message, reflection, position + 1,
            state, user, t, reflections, projects, clients, clock,
        )  # fmt: skip


async def _record_answer(
    callback: CallbackQuery, t: Translator, position: int, answer: str
) -> None:
    """Leave the answered question in the chat as a record, without its buttons."""
    if isinstance(callback.message, Message) and callback.message.text is not None:
        question = t(f"q-{QUESTIONS[position].id}")
        await close_keyboard(callback, f"<b>{question}</b>\n→ {answer}")


async def nav_button(
    callback: CallbackQuery,
    callback_data: ReflectNavCb,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clients: ClientRepository,
    clock: Clock,
) -> None:
    reflection = await _current_draft(
        callback, callback_data.r, callback_data.q, user, t, reflections
    )
    if reflection is None:
        return
    position = callback_data.q
    question = QUESTIONS[position]
    if callback_data.action is ReflectAction.PAUSE:
        await state.clear()
        await callback.answer()
        await Screen(t("reflect-paused", n=position + 1)).show(callback)
        return
    if callback_data.action is ReflectAction.BACK:
        back = previous_position(position)
        await reflections.set_position(user.id, reflection.id, back)
        await state.set_state(ReflectionFlow.answering)
        await state.set_data({"rid": reflection.id})
        project = await projects.get(user.id, reflection.project_id)
        await callback.answer()
        await question_screen(t, reflection.id, back, project.title if project else "").show(
            callback
        )
        return
    if not question.optional:  # Skip is only offered on optional questions
        await refuse(callback, t, "skip of a required question in reflection", reflection.id)
        return
    await callback.answer()
    await _answered(
        callback, reflection, position, t("answer-skipped"),
        state, user, t, reflections, projects, clients, clock, value=None,
    )  # fmt: skip


async def typed_text(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clients: ClientRepository,
    clock: Clock,
) -> None:
    """The answer to the free-text question, or a comment on the current one."""
    reflection = await reflections.get(user.id, int((await state.get_data()).get("rid", 0)))
    question = question_at(reflection.position) if reflection else None
    if reflection is None or reflection.is_done or question is None:
        await state.clear()
        await message.answer(t("reflect-nothing"))
        return
    if question.kind is AnswerKind.TEXT:
        lesson = await read_text(message, t, LESSON_LIMIT)
        if lesson is None:
            return
        await reflections.save_answer(
            user.id, reflection.id, question.id,
            value=None, text=lesson, skipped=False, next_position=reflection.position + 1,
        )  # fmt: skip
        await _advance(
            message, reflection, reflection.position + 1,
            state, user, t, reflections, projects, clients, clock,
        )  # fmt: skip
        return
    comment = await read_text(message, t, COMMENT_LIMIT)
    if comment is None:
        return
    await reflections.save_comment(user.id, reflection.id, question.id, comment)
    await message.answer(t("reflect-comment-saved"))


# ---- /reflect: resume a draft or pick a project ---------------------------------


async def _pick_screen(
    user: User, t: Translator, projects: ProjectRepository, page: int
) -> Screen | None:
    found = await projects.awaiting_reflection(user.id, page * PAGE_SIZE, PAGE_SIZE)
    if not found.total:
        return None
    builder = InlineKeyboardBuilder()
    for project in found.projects:
        builder.button(
            text=f"{t.day(project.finished_on)} · {project.client_name}: {project.title}"[:60],
            callback_data=ReflectPickCb(project=project.id),
        )
    builder.adjust(1)
    builder.row(*pager_row(t, page, found.total, lambda p: ReflectPageCb(page=p)))
    builder.row(menu_button(t))
    return Screen(t("reflect-pick"), builder.as_markup())


async def _reflect_entry(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clock: Clock,
) -> None:
    """One project waiting: straight back into it. Several: let the person pick."""
    waiting = await projects.awaiting_reflection(user.id, 0, 2)
    if waiting.total == 1:
        project = waiting.projects[0]
        notice = (
            t("reflect-resume", project=project.title)
            if project.reflection_status == "draft"
            else None
        )
        await begin(message, state, user, t, reflections, project, clock, notice=notice)
        return
    screen = await _pick_screen(user, t, projects, 0)
    await (screen or menu_screen(t).after(t("reflect-nothing"))).answer(message)


async def reflect_command(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clock: Clock,
) -> None:
    await state.clear()
    await _reflect_entry(message, state, user, t, reflections, projects, clock)


async def reflect_button(
    callback: CallbackQuery,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clock: Clock,
) -> None:
    await state.clear()
    await callback.answer()
    if isinstance(callback.message, Message):
        await _reflect_entry(callback.message, state, user, t, reflections, projects, clock)


async def pick_page(
    callback: CallbackQuery,
    callback_data: ReflectPageCb,
    user: User,
    t: Translator,
    projects: ProjectRepository,
) -> None:
    await callback.answer()
    screen = await _pick_screen(user, t, projects, max(0, callback_data.page))
    await (screen or Screen(t("reflect-nothing"))).show(callback)


async def pick_project(
    callback: CallbackQuery,
    callback_data: ReflectPickCb,
    state: FSMContext,
    user: User,
    t: Translator,
    reflections: ReflectionRepository,
    projects: ProjectRepository,
    clock: Clock,
) -> None:
    project = await projects.get(user.id, callback_data.project)
    if project is None:
        await refuse(callback, t, "project", callback_data.project)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        await begin(callback.message, state, user, t, reflections, project, clock)


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
