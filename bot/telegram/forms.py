"""One engine for questions asked one after another: a form is data, not a hand-written
state machine per feature.

A `Form` is a list of `Step`s. Each step asks with a screen, takes a typed answer (plain
text up to a limit, or read by a function that may refuse it with a screen of its own)
and/or button answers, may be skipped when optional, and applies only when its `when`
says so, so Back and the next question follow from the answers given so far. The
current step is the conversation state (`<form>:<step>`), the answers are its data, so a
form survives a restart; the message asking the current question is remembered and the
buttons of any older one are old buttons.

A form reaches the one service it needs by the Dispatcher keyword of that name, and
hands it to the steps' functions. A form is asked of a user (`Ctx`) or, for a freelancer's
client answering through their link, of someone who is not one (`Conversation`): the
steps' functions receive the context the form was made for.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from aiogram import F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.telegram.context import Conversation
from bot.telegram.filters import CurrentPrompt
from bot.telegram.input import TYPED_TEXT, reject_non_text, text_answer
from bot.views.common import FormAction, FormCb, form_step
from bot.views.screen import Screen

S = TypeVar("S")
C = TypeVar("C", bound=Conversation)

Answers = dict[str, Any]
Updates = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class GoTo:
    """A button answer that leads to a side step (e.g. "New client" -> type the name)."""

    step: str


@dataclass(frozen=True, slots=True)
class Stay:
    """A typed answer kept without moving on: a comment on a question answered by its
    buttons. The question is asked again with `screen`."""

    updates: Updates
    screen: Screen


# What a step's functions receive: the context, the form's service, the answers so far.
Asker = Callable[[C, S, Answers], Awaitable[Screen]]
# A typed answer read by a function: the answers it gives, a screen that asks again, or
# answers kept on the same question.
Reader = Callable[[C, S, str, Answers], Awaitable[Updates | Screen | Stay]]
# A button answer: what it answers, a side step, or None when it answered itself (a
# refusal, a toggled choice shown again).
Picker = Callable[[C, S, Any, dict[str, Any]], Awaitable[Updates | GoTo | None]]
Finisher = Callable[[C, S, Answers], Awaitable[None]]
Condition = Callable[[C, Answers], bool]


def always(ctx: Conversation, answers: Answers) -> bool:
    return True


def never(ctx: Conversation, answers: Answers) -> bool:
    """A side step: reached only by a button's GoTo, never by Next or Back."""
    return False


@dataclass(frozen=True, slots=True)
class Buttons(Generic[C, S]):
    """Buttons that answer a step: the callback data's filter (with any further
    filters) and what a press answers."""

    filter: Filter
    pick: Picker[C, S]
    filters: tuple[Filter, ...] = ()


@dataclass(frozen=True, slots=True)
class Step(Generic[C, S]):
    name: str
    # The question: a text (a Fluent key) over the buttons that answer it (`keyboard`),
    # or over Skip, Back and Cancel when it is answered by typing; or `ask`, a function,
    # when the question depends on the answers or the person's data.
    question: str | None = None
    keyboard: Callable[[Translator], InlineKeyboardMarkup] | None = None
    ask: Asker[C, S] | None = None
    # A typed answer: the text goes into answers[key], or `read` turns it into answers;
    # neither: buttons only. With a `limit` (characters) the text is trimmed and refused
    # when longer or empty; without one (0) it is passed on as typed, for a reader.
    key: str | None = None
    limit: int = 0
    read: Reader[C, S] | None = None
    buttons: Sequence[Buttons[C, S]] = ()
    # Offered a Skip button; these answers are what skipping means.
    skip: Updates | None = None
    when: Condition[C] = always
    # Where Back leads when not simply to the previous step that applies.
    back: str | None = None


@dataclass(slots=True)
class Form(Generic[C, S]):
    name: str  # the conversation state's group: "<name>:<step>"
    service: str  # the Dispatcher keyword of the service the steps use
    steps: Sequence[Step[C, S]]
    finish: Finisher[C, S]
    _by_name: dict[str, Step[C, S]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {step.name: step for step in self.steps}
        # A form that cannot work fails when the bot starts, not at someone's press.
        assert len(self._by_name) == len(self.steps), f"{self.name}: step names repeat"
        for step in self.steps:
            assert step.ask or step.question, f"{self.name}:{step.name} asks nothing"
            assert step.back in (None, *self._by_name), f"{self.name}:{step.name} back"

    def state(self, step: str) -> str:
        return f"{self.name}:{step}"

    @property
    def states(self) -> list[str]:
        return [self.state(step.name) for step in self.steps]

    # ---- moving through the form ---------------------------------------------------

    async def start(
        self,
        ctx: C,
        service: S,
        answers: Updates | None = None,
        *,
        at: str | None = None,
        below: bool = False,
    ) -> None:
        """Begin afresh with `answers`, at step `at` or the first that applies."""
        await ctx.state.clear()
        data = dict(answers or {})
        await ctx.state.set_data(data)
        step = self._by_name[at] if at is not None else self._following(ctx, data, -1)
        assert step is not None, f"form {self.name} has no step to start at"
        await self.go(ctx, service, step.name, below=below)

    async def go(self, ctx: C, service: S, step: str, *, below: bool = False) -> None:
        """Ask `step`'s question."""
        await ctx.state.set_state(self.state(step))
        answers = await ctx.state.get_data()
        await ctx.ask(await self._question(ctx, service, self._by_name[step], answers), below=below)

    async def _question(self, ctx: C, service: S, step: Step[C, S], answers: Answers) -> Screen:
        if step.ask is not None:
            return await step.ask(ctx, service, answers)
        assert step.question is not None  # checked when the form was made
        keyboard = (
            step.keyboard(ctx.t)
            if step.keyboard is not None
            else form_step(ctx.t, skip=step.skip is not None)
        )
        return Screen(ctx.t(step.question), keyboard)

    async def answer(self, ctx: C, service: S, updates: Updates) -> None:
        """Keep the current step's answer; ask the next question or finish."""
        current = await self._current(ctx)
        await ctx.state.update_data(dict(updates))
        answers = await ctx.state.get_data()
        position = self.steps.index(current) if current is not None else -1
        following = self._following(ctx, answers, position)
        if following is None:
            await self.finish(ctx, service, answers)
        else:
            await self.go(ctx, service, following.name)

    async def back(self, ctx: C, service: S) -> None:
        current = await self._current(ctx)
        if current is None:
            return
        answers = await ctx.state.get_data()
        target = self._by_name[current.back] if current.back else None
        if target is None:
            position = self.steps.index(current)
            target = next(
                (s for s in reversed(self.steps[:position]) if s.when(ctx, answers)),
                current,  # nothing before it applies: ask the same question again
            )
        await self.go(ctx, service, target.name)

    def _following(self, ctx: C, answers: Answers, position: int) -> Step[C, S] | None:
        return next((s for s in self.steps[position + 1 :] if s.when(ctx, answers)), None)

    async def _current(self, ctx: C) -> Step[C, S] | None:
        state = await ctx.state.get_state()
        prefix = f"{self.name}:"
        if state is None or not state.startswith(prefix):
            return None
        return self._by_name.get(state.removeprefix(prefix))

    # ---- the handlers ---------------------------------------------------------------

    def register(self, router: Router) -> None:
        """Typed answers, Skip and Back, and every step's buttons; each button answers
        only the question asked now."""
        current = CurrentPrompt()
        for step in self.steps:
            for buttons in step.buttons:
                router.callback_query.register(
                    self._button_handler(buttons),
                    StateFilter(self.state(step.name)),
                    buttons.filter,
                    current,
                    *buttons.filters,
                )
        in_form = StateFilter(*self.states)
        router.callback_query.register(self._form_button, in_form, FormCb.filter(), current)
        router.message.register(self._typed, in_form, TYPED_TEXT)
        router.message.register(reject_non_text, in_form, ~F.text)

    def _button_handler(self, buttons: Buttons[C, S]) -> Callable[..., Awaitable[None]]:
        async def pressed(
            callback: CallbackQuery, ctx: C, callback_data: CallbackData, **data: Any
        ) -> None:
            service = data[self.service]
            picked = await buttons.pick(ctx, service, callback_data, data)
            if isinstance(picked, GoTo):
                await self.go(ctx, service, picked.step)
            elif picked is not None:
                await self.answer(ctx, service, picked)

        return pressed

    async def _form_button(
        self, callback: CallbackQuery, ctx: C, callback_data: FormCb, **data: Any
    ) -> None:
        service = data[self.service]
        current = await self._current(ctx)
        if callback_data.action is FormAction.BACK:
            await self.back(ctx, service)
        elif callback_data.action is FormAction.SKIP and current and current.skip is not None:
            await self.answer(ctx, service, current.skip)
        else:  # no such button on this question: a forged or very old press
            ctx.stale()

    async def _typed(self, message: Message, ctx: C, **data: Any) -> None:
        service = data[self.service]
        current = await self._current(ctx)
        if current is None:
            return
        if current.key is None and current.read is None:
            await ctx.say("expects-button")
            return
        text = await text_answer(ctx, current.limit) if current.limit else message.text or ""
        if text is None:  # too long or empty: already asked again
            return
        if current.read is None:
            await self.answer(ctx, service, {str(current.key): text})
            return
        read = await current.read(ctx, service, text, await ctx.state.get_data())
        if isinstance(read, Screen):
            await ctx.ask_again(read)  # why it was not taken, with buttons that answer now
        elif isinstance(read, Stay):
            await ctx.state.update_data(dict(read.updates))
            await ctx.ask_again(read.screen)
        else:
            await self.answer(ctx, service, read)
