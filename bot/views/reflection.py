"""The reflection: one question per message with its answer buttons, the result, and the
list of projects waiting for a look back."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.questions import NOT_APPLICABLE, QUESTIONS, AnswerKind, Decision, Question
from bot.content.tips import Material
from bot.i18n import Translator
from bot.rules.reflection import ReflectionSummary
from bot.rules.scoring import strongest
from bot.views.common import Nav, NavCb, menu_button, pager_row
from bot.views.drafts import client_letter
from bot.views.feedback import AskFrom, ask_button
from bot.views.screen import Screen
from storage.clients import Client
from storage.projects import ProjectPage


class AnswerCb(CallbackData, prefix="a2"):
    """An answer `value` to the question at `position` of a reflection. ("a1" buttons
    counted positions of the ten-question reflection: they are old buttons now.)"""

    reflection: int
    position: int
    value: int


class ReflectAction(StrEnum):
    BACK = "b"
    SKIP = "s"
    PAUSE = "p"


class ReflectNavCb(CallbackData, prefix="rn2"):
    reflection: int
    position: int
    action: ReflectAction


class ReflectPickCb(CallbackData, prefix="rp1"):
    project: int


class ReflectPageCb(CallbackData, prefix="rg1"):
    page: int


def answer_label(t: Translator, question: Question, value: int) -> str:
    """The words on an answer's button, also used to show the answer later."""
    if value == NOT_APPLICABLE and question.not_applicable:
        return t(question.not_applicable)
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
            callback_data=AnswerCb(reflection=reflection_id, position=position, value=value),
        )
    sizes = {
        AnswerKind.SCALE: [5],
        AnswerKind.YES_PARTLY_NO: [3],
        AnswerKind.ZERO_TEN: [6, 5],
        AnswerKind.DECISION: [1, 1, 1],
        AnswerKind.TEXT: [],
    }[question.kind]
    if question.not_applicable:
        sizes = [1, *sizes]  # "does not apply" on a row of its own, above the answers
    nav = []
    if question.optional:
        # A scored question's skip counts as its lowest answer: the button says so, on a
        # row of its own (it is long in Russian).
        skip = "button-skip" if question.kind is AnswerKind.TEXT else "button-skip-as-no"
        nav.append((t(skip), ReflectAction.SKIP))
    if position > 0:
        nav.append((t("button-back"), ReflectAction.BACK))
    nav.append((t("button-pause"), ReflectAction.PAUSE))
    for text, action in nav:
        builder.button(
            text=text,
            callback_data=ReflectNavCb(reflection=reflection_id, position=position, action=action),
        )
    rows = [1, len(nav) - 1] if question.optional else [len(nav)]
    builder.adjust(*sizes, *rows)
    return builder.as_markup()


def question_text(t: Translator, position: int, project_title: str) -> str:
    question = QUESTIONS[position]
    progress = t("reflect-progress", n=position + 1, total=len(QUESTIONS), project=project_title)
    text = f"{progress}\n\n<b>{t(f'q-{question.id}')}</b>"
    if question.kind is AnswerKind.SCALE:
        # What 1, 3 and 5 look like in behaviour, so a "4" means the same on any day.
        text += f"\n<i>{t(f'anchor-{question.id}')}</i>"
    elif question.kind is AnswerKind.TEXT:
        text += f"\n{t('reflect-lesson-hint')}"
    return text


def question_screen(t: Translator, reflection_id: int, position: int, title: str) -> Screen:
    keyboard = question_keyboard(t, reflection_id, position, QUESTIONS[position])
    return Screen(question_text(t, position, title), keyboard)


def advice_text(t: Translator, advice: Material) -> str:
    """One piece of advice: the habit it is about, then what to do."""
    return f"{t(f'advice-{advice.dimension}')} {t(advice.key)}"


def result_text(t: Translator, summary: ReflectionSummary, advice: Sequence[Material]) -> str:
    """The partner score with the advice chosen for the weakest habits (measuring first
    when the client's number was never collected), and what the decision means."""
    score = summary.score
    if score is None:
        parts = [t("result-no-score"), *(advice_text(t, text) for text in advice)]
    else:
        parts = [t("result-title", score=score.value, label=t(f"label-{score.label.value}"))]
        # A good coach opens with what went well: the strongest habit, then what to try.
        if (best := strongest(score.dimensions)) is not None and advice:
            parts.append(t("result-strongest", dimension=t(f"dim-{best}")))
        if advice:
            parts.append(t("result-weak-title"))
            parts.extend(advice_text(t, text) for text in advice)
        else:
            parts.append(t("result-strong"))
    if summary.decision:
        decision = t(f"result-decision-{summary.decision}")
        if summary.decision in DECISION_DRAFTS:
            decision += " " + t("result-draft-below")
        parts.append(decision)
    return "\n\n".join(parts)


# The decisions whose message is hardest to write: each gets a draft of its own (I13).
DECISION_DRAFTS = (Decision.RENEGOTIATE, Decision.LET_GO)


def decision_draft(t: Translator, decision: str | None, client: Client, seed: int) -> Screen | None:
    """The message to the client for a decision to renegotiate or let go, alone in its
    message so it can be copied or forwarded as it is; None for the other decisions."""
    if decision not in DECISION_DRAFTS:
        return None
    return Screen(client_letter(t, client.name, client.address, seed, f"decision-draft-{decision}"))


def result_screen(
    t: Translator,
    summary: ReflectionSummary,
    advice: Sequence[Material],
    project_id: int | None = None,
) -> Screen:
    """The score and advice; with the project known, the client's own view can be asked
    for right away, while the project is fresh for both (I8, I11)."""
    builder = InlineKeyboardBuilder()
    if project_id is not None:
        builder.row(ask_button(t, project_id, AskFrom.RESULT))
    builder.row(
        InlineKeyboardButton(text=t("button-history"), callback_data=NavCb(to=Nav.HISTORY).pack()),
        menu_button(t),
    )
    return Screen(result_text(t, summary, advice), builder.as_markup())


def pick_screen(t: Translator, page: int, found: ProjectPage) -> Screen | None:
    """Projects waiting for a reflection, one button each; None when none is waiting."""
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


def answer_record(t: Translator, position: int, shown: str) -> str:
    """The answered question as it stays in the chat, without its buttons."""
    return f"<b>{t(f'q-{QUESTIONS[position].id}')}</b>\n→ {shown}"
