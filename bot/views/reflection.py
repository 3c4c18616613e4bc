"""The reflection: one question per message with its answer buttons, and the result."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.questions import AnswerKind, Question
from bot.i18n import Translator


class AnswerCb(CallbackData, prefix="a1"):
    """An answer to question index `q` of reflection `r`."""

    r: int
    q: int
    v: int


class ReflectAction(StrEnum):
    BACK = "b"
    SKIP = "s"
    PAUSE = "p"


class ReflectNavCb(CallbackData, prefix="rn1"):
    r: int
    q: int
    action: ReflectAction


class ReflectPickCb(CallbackData, prefix="rp1"):
    project: int


class ReflectPageCb(CallbackData, prefix="rg1"):
    page: int


def answer_label(t: Translator, question: Question, value: int) -> str:
    """The words on an answer's button, also used to show the answer later."""
    if question.kind is AnswerKind.YES_PARTLY_NO:
        return t({2: "answer-yes", 1: "answer-partly", 0: "answer-no"}[value])
    if question.kind is AnswerKind.DECISION:
        return t(("decision-keep", "decision-renegotiate", "decision-let_go")[value])
    return str(value)


def question_keyboard(
    t: Translator, reflection_id: int, position: int, question: Question
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for value in question.values:
        builder.button(
            text=answer_label(t, question, value),
            callback_data=AnswerCb(r=reflection_id, q=position, v=value),
        )
    sizes = {
        AnswerKind.SCALE: [5],
        AnswerKind.YES_PARTLY_NO: [3],
        AnswerKind.ZERO_TEN: [6, 5],
        AnswerKind.DECISION: [1, 1, 1],
        AnswerKind.TEXT: [],
    }[question.kind]
    nav = []
    if position > 0:
        nav.append((t("button-back"), ReflectAction.BACK))
    if question.optional:
        nav.append((t("button-skip"), ReflectAction.SKIP))
    nav.append((t("button-pause"), ReflectAction.PAUSE))
    for text, action in nav:
        builder.button(
            text=text, callback_data=ReflectNavCb(r=reflection_id, q=position, action=action)
        )
    builder.adjust(*sizes, len(nav))
    return builder.as_markup()
