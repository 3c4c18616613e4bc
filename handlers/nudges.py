"""Answers to a trust-action nudge: Done (counted), Skip, Stop (no more of that action)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.kickoffs import KickoffService
from bot.telegram.filters import OpenNudge
from bot.telegram.input import stale
from bot.telegram.sending import close_keyboard
from bot.views.nudges import ANSWER_STATUS, NudgeCb, WrapUpCb, WrapUpChoice, answered_line
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
    # The nudge stays readable (its draft may still be copied), with the answer under it.
    await _record_under(callback, answered_line(t, answered))


async def _record_under(callback: CallbackQuery, line: str) -> None:
    """Keep the nudge readable, with what was decided in place of its buttons."""
    if isinstance(callback.message, Message) and callback.message.text:
        await close_keyboard(callback, f"{callback.message.html_text}\n\n<i>{line}</i>")


async def wrap_up_extended(
    callback: CallbackQuery, nudge: Nudge, callback_answer: CallbackAnswer, user: User,
    t: Translator, kickoffs: KickoffService,
) -> None:  # fmt: skip
    end = await kickoffs.extend(user, nudge)
    if end is None:
        stale(callback_answer, t)
        return
    await _record_under(callback, t("wrap-up-extended", date=t.weekday(end)))


async def wrap_up_called_off(
    callback: CallbackQuery, nudge: Nudge, callback_answer: CallbackAnswer, user: User,
    t: Translator, kickoffs: KickoffService,
) -> None:  # fmt: skip
    kickoff = await kickoffs.get(user, nudge.kickoff_id)
    if kickoff is None or not await kickoffs.drop(user, kickoff):
        stale(callback_answer, t)
        return
    await _record_under(callback, t("call-off-done", project=kickoff.title))


def create_router() -> Router:
    router = Router(name="nudges")
    router.callback_query.register(nudge_answered, NudgeCb.filter(), OpenNudge())
    router.callback_query.register(
        wrap_up_extended, WrapUpCb.filter(F.choice == WrapUpChoice.EXTEND), OpenNudge()
    )
    router.callback_query.register(
        wrap_up_called_off, WrapUpCb.filter(F.choice == WrapUpChoice.CALL_OFF), OpenNudge()
    )
    return router
