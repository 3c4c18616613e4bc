"""The post-project reflection as use cases: start or resume, answer, skip, go back,
comment, finish with the partner score; and reading past reflections and trends.

Progress lives in the database (the reflection's position and answers), so a restart, a
/cancel or an old chat all resume at the same question.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum, auto

from bot.clock import Clock
from bot.content.questions import Question
from bot.content.tips import Material
from bot.rules.advice import advice_dimensions, choose_advice, recorded_advice
from bot.rules.reflection import (
    ReflectionSummary,
    accepts,
    previous_position,
    question_at,
    summarize_reflection,
)
from bot.rules.scoring import Label
from bot.rules.stats import StatsSummary, summarize
from storage.clients import Client
from storage.projects import Project, ProjectPage
from storage.reflections import Answer, HistoryItem, HistoryPage, Reflection
from storage.repositories import Repositories
from storage.users import User


class ButtonProblem(Enum):
    """Why a button of the reflection cannot be acted on."""

    NOT_YOURS = auto()  # no such reflection of this user's: forged, or deleted
    PASSED = auto()  # the reflection moved on, or is finished: an old button
    INVALID = auto()  # a value the question does not offer


@dataclass(frozen=True, slots=True)
class Step:
    """Where the reflection stands after a change: the question to ask next, or None
    when every question is answered."""

    reflection: Reflection
    position: int
    project_title: str

    @property
    def question(self) -> Question | None:
        return question_at(self.position)


def number_unknown(project: Project | None) -> bool:
    """No number was agreed, or nobody knew where it stood before the project: the
    client's result cannot be seen, so measuring comes first in the advice (I9)."""
    return project is None or not project.metric or not project.baseline


def _advice_dimensions(summary: ReflectionSummary, project: Project | None) -> tuple[str, ...]:
    weakest = summary.score.weakest if summary.score else ()
    return advice_dimensions(weakest, number_unknown(project))


@dataclass(frozen=True, slots=True)
class Finished:
    summary: ReflectionSummary
    project: Project | None
    client: Client | None
    advice: tuple[Material, ...]  # weakest dimension first


@dataclass(frozen=True, slots=True)
class PastReflection:
    item: HistoryItem
    project: Project
    answers: dict[str, Answer]
    summary: ReflectionSummary
    advice: tuple[Material, ...]  # as shown when it was finished


@dataclass(frozen=True, slots=True)
class Stats:
    summary: StatsSummary
    scored: list[HistoryItem]  # oldest project first


class ReflectionService:
    def __init__(self, repos: Repositories, clock: Clock) -> None:
        self._repos = repos
        self._reflections = repos.reflections
        self._projects = repos.projects
        self._clock = clock

    async def _title(self, user: User, reflection: Reflection) -> str:
        project = await self._projects.get(user.id, reflection.project_id)
        return project.title if project else ""

    async def project(self, user: User, project_id: int) -> Project | None:
        return await self._projects.get(user.id, project_id)

    async def awaiting(self, user: User, page: int, size: int) -> ProjectPage:
        """Projects without a finished reflection: drafts first, then newest."""
        return await self._projects.awaiting_reflection(user.id, page * size, size)

    async def start(self, user: User, project: Project) -> Reflection | None:
        """The project's reflection, created as a draft at first; None if the project
        is not the user's."""
        return await self._reflections.start(user.id, project.id, self._clock.now())

    async def current(self, user: User, reflection_id: int) -> Step | None:
        """The draft's current question; None when it is not a draft of this user's."""
        reflection = await self._reflections.get(user.id, reflection_id)
        if reflection is None or reflection.is_done:
            return None
        return Step(reflection, reflection.position, await self._title(user, reflection))

    async def _live(
        self, user: User, reflection_id: int, position: int
    ) -> Reflection | ButtonProblem:
        reflection = await self._reflections.get(user.id, reflection_id)
        if reflection is None:
            return ButtonProblem.NOT_YOURS
        if reflection.is_done or reflection.position != position:
            return ButtonProblem.PASSED
        return reflection

    async def answer(
        self, user: User, reflection_id: int, position: int, value: int | None
    ) -> Step | ButtonProblem:
        """A button answer to the question at `position` (None: skipped), then the next
        step. Only the live question can be answered: a double tap or an old question
        never overwrites a newer answer."""
        found = await self._live(user, reflection_id, position)
        if isinstance(found, ButtonProblem):
            return found
        question = question_at(position)
        if question is None:  # all answered, the draft waits to be closed
            return ButtonProblem.PASSED
        valid = question.optional if value is None else accepts(question, value)
        if not valid:
            return ButtonProblem.INVALID
        return await self._store(user, found, question, value=value, text=None)

    async def write_lesson(self, user: User, reflection: Reflection, text: str) -> Step | None:
        """The typed answer to the free-text question; None if the draft moved on."""
        question = question_at(reflection.position)
        if question is None:
            return None
        found = await self._store(user, reflection, question, value=None, text=text)
        return found if isinstance(found, Step) else None

    async def _store(
        self,
        user: User,
        reflection: Reflection,
        question: Question,
        *,
        value: int | None,
        text: str | None,
    ) -> Step | ButtonProblem:
        next_position = reflection.position + 1
        saved = await self._reflections.save_answer(
            user.id,
            reflection.id,
            question.id,
            value=value,
            text=text,
            skipped=value is None and text is None,
            next_position=next_position,
        )
        if not saved:  # finished or gone between the check and the write
            return ButtonProblem.PASSED
        return Step(reflection, next_position, await self._title(user, reflection))

    async def back(self, user: User, reflection_id: int, position: int) -> Step | ButtonProblem:
        found = await self._live(user, reflection_id, position)
        if isinstance(found, ButtonProblem):
            return found
        back = previous_position(position)
        if not await self._reflections.set_position(user.id, found.id, back):
            return ButtonProblem.PASSED
        return Step(found, back, await self._title(user, found))

    async def pause(self, user: User, reflection_id: int, position: int) -> ButtonProblem | None:
        """Nothing to store (the draft keeps its place); tells whether the button is live."""
        found = await self._live(user, reflection_id, position)
        return found if isinstance(found, ButtonProblem) else None

    async def comment(self, user: User, reflection: Reflection, text: str) -> bool:
        """A comment on the current question, kept with its answer."""
        question = question_at(reflection.position)
        if question is None:
            return False
        return await self._reflections.save_comment(user.id, reflection.id, question.id, text)

    async def finish(self, user: User, reflection: Reflection) -> Finished | None:
        """Score the answers, choose the advice and close the reflection; None if it was
        already closed. The advice counts as seen, so the tip subscription does not send
        the same text again soon."""
        now = self._clock.now()
        async with self._repos.transaction():
            summary = summarize_reflection(await self._reflections.answers(user.id, reflection.id))
            project = await self._projects.get(user.id, reflection.project_id)
            advice = choose_advice(
                _advice_dimensions(summary, project),
                await self._repos.tips.seen(user.id),
                set(await self._reflections.last_advice(user.id)),
                now,
            )
            completed = await self._reflections.complete(
                user.id,
                reflection.id,
                score=summary.score.value if summary.score else None,
                label=summary.score.label.value if summary.score else None,
                decision=summary.decision,
                lesson=summary.lesson,
                advice=tuple(text.id for text in advice),
                now=now,
            )
            if not completed:
                return None
            for text in advice:
                await self._repos.tips.mark_seen(user.id, text.id, now)
        client = await self._repos.clients.get(user.id, project.client_id) if project else None
        return Finished(summary, project, client, advice)

    # ---- looking back ----------------------------------------------------------------

    async def history(self, user: User, page: int, size: int) -> HistoryPage:
        return await self._reflections.history(user.id, page * size, size)

    async def past(self, user: User, reflection_id: int) -> PastReflection | None:
        item = await self._reflections.history_item(user.id, reflection_id)
        reflection = await self._reflections.get(user.id, reflection_id)
        project = await self._projects.get(user.id, item.project_id) if item else None
        if item is None or reflection is None or project is None:
            return None
        answers = await self._reflections.answers(user.id, item.reflection_id)
        summary = summarize_reflection(answers)
        if summary.score is not None and item.score is not None and item.label:
            # The score as it was given: the list, /stats and the chart show that one,
            # even if the reflection was scored by rules that have changed since.
            stored = replace(summary.score, value=item.score, label=Label(item.label))
            summary = replace(summary, score=stored)
        advice = recorded_advice(reflection.advice, _advice_dimensions(summary, project))
        return PastReflection(item, project, answers, summary, advice)

    async def stats(self, user: User) -> Stats | None:
        """None before the first scored reflection."""
        scored = await self._reflections.scored_in_order(user.id)
        summary = summarize(
            scored,
            await self._reflections.done_values(user.id),
            await self._reflections.repeat_client_counts(user.id),
        )
        return Stats(summary, scored) if summary is not None else None
