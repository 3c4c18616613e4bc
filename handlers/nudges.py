"""Answers to a trust-action nudge: Done (counted), Skip, Stop (no more of that action)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.filters import OpenNudge
from bot.i18n import Translator
from bot.messaging import close_keyboard
from bot.services.kickoffs import KickoffService
from bot.views.input import stale
from bot.views.nudges import ANSWER_STATUS, NudgeCb, answered_line
from storage.nudges import Nudge
from storage.users import User


async def nudge_answered(
    callback: CallbackQuery, callback_data: NudgeCb, nudge: Nudge,
    callback_answer: CallbackAnswer, user: User, t: Translator, kickoffs: KickoffService,
) -> None:  # fmt: skip
    answered = await kickoffs.answer(user, nudge, ANSWER_STATUS[callback_data.answer])
    if answered is None:  # answered by a press a moment ago
        stale(callback_answer, t)
        return
    line = answered_line(t, answered)
    if isinstance(callback.message, Message) and callback.message.text:
        # The nudge stays readable (its draft may still be copied), with the answer under it.
        await close_keyboard(callback, f"{callback.message.html_text}\n\n<i>{line}</i>")
    else:
        callback_answer.text = line


def create_router() -> Router:
    router = Router(name="nudges")
    router.callback_query.register(nudge_answered, NudgeCb.filter(), OpenNudge())
    return router
