"""The reflection as a conversation: its state, and opening it. /done opens the
reflection of the project it just recorded, /reflect resumes one; both start here."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

from bot.content.questions import QUESTIONS
from bot.telegram.context import Ctx
from bot.views.reflection import question_screen
from storage.reflections import Reflection


class ReflectionFlow(StatesGroup):
    """Typed text while a reflection is open: the lesson, or a comment on an answer.
    /cancel tells the state's name apart to say the draft is kept."""

    answering = State()


async def expect_answers(ctx: Ctx, reflection_id: int) -> None:
    """Typed text from now on belongs to this reflection."""
    await ctx.state.set_state(ReflectionFlow.answering)
    await ctx.state.set_data({"rid": reflection_id})


async def open_reflection(
    ctx: Ctx, reflection: Reflection, title: str, *, notice: str | None = None
) -> None:
    """Ask a started reflection's current question in a new message: the first one with
    a word on what follows, a later one (a draft resumed) after `notice`. A finished
    reflection is only pointed to in /history."""
    if reflection.is_done:
        await ctx.say("reflect-already-done")
        return
    await expect_answers(ctx, reflection.id)
    if notice:
        await ctx.say_text(notice)
    elif reflection.position == 0:
        await ctx.say("reflect-intro", count=len(QUESTIONS))
    await ctx.send(question_screen(ctx.t, reflection.id, reflection.position, title))
