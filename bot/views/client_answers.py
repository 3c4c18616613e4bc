"""What a freelancer's client sees when they answer through their link: who asks and what
will be shared, three questions, a thank-you that shows exactly what the freelancer will
see, and the way to delete their answers. Texts: bot/locales/<language>/client.ftl.

The client reads these in their own Telegram language; only the freelancer's first name
and the project's title appear, never anything else of the freelancer's.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.reading.numbers import read_metric
from bot.services.feedback import ClientAnswers, LinkState, Opening
from bot.views.common import FormAction, FormCb
from bot.views.screen import Screen
from storage.feedback import FeedbackQuestion


class ClientAction(StrEnum):
    START = "s"
    LATER = "l"
    NEVER = "n"  # don't ask me again
    STOP = "x"
    DONT_KNOW = "k"
    DELETE = "d"
    DELETE_YES = "y"
    KEEP = "p"


class ClientActionCb(CallbackData, prefix="qx1"):
    """A client's press on a request: `request` is the id of the one they opened (only
    they can act on it: the handler checks who opened it)."""

    request: int
    action: ClientAction


class ClientScoreCb(CallbackData, prefix="qa1"):
    """A client's answer to the 1-5 or the 0-10 question of a request."""

    request: int
    question: FeedbackQuestion
    value: int


class ClientJoinCb(CallbackData, prefix="qj1"):
    """A client who wants the bot for their own work: the one press that makes them a
    user (bot.telegram.middlewares)."""


SCALE_VALUES = {FeedbackQuestion.UNDERSTOOD: range(1, 6), FeedbackQuestion.AGAIN: range(11)}
STEP_NUMBER = {
    FeedbackQuestion.UNDERSTOOD: 1,
    FeedbackQuestion.NUMBER: 2,
    FeedbackQuestion.AGAIN: 3,
}


def _button(t: Translator, key: str, request: int, action: ClientAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=t.label(key), callback_data=ClientActionCb(request=request, action=action).pack()
    )


def _form_button(t: Translator, key: str, action: FormAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t.label(key), callback_data=FormCb(action=action).pack())


def opening_screen(t: Translator, opening: Opening) -> Screen:
    """What opening the link shows, whatever state it is in."""
    request, name, project = opening.request, opening.freelancer, opening.project
    state = opening.state
    if state is LinkState.READY:
        assert request is not None
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [_button(t, "client-button-start", request.id, ClientAction.START)],
                [
                    _button(t, "client-button-later", request.id, ClientAction.LATER),
                    _button(t, "client-button-never", request.id, ClientAction.NEVER),
                ],
            ]
        )
        return Screen(t("client-intro", freelancer=name, project=project), keyboard)
    if state is LinkState.ANSWERED:
        assert request is not None
        return Screen(t("client-answered-already", freelancer=name), delete_keyboard(t, request.id))
    if state is LinkState.EXPIRED:
        return Screen(t("client-link-expired", freelancer=name))
    if state is LinkState.WITHDRAWN:
        return Screen(t("client-link-withdrawn"))
    if state is LinkState.DECLINED:
        return Screen(t("client-link-declined", freelancer=name))
    if state is LinkState.USED:
        return Screen(t("client-link-used"))
    return Screen(t("client-link-unknown"))


def own_link_preview(t: Translator, opening: Opening) -> Screen:
    """The freelancer opened their own link: what the client will see, and no buttons to
    answer with (only the client can)."""
    intro = t("client-intro", freelancer=opening.freelancer, project=opening.project)
    # The intro is HTML already: put together here, never passed through t() again.
    return Screen(
        f"{t('client-own-preview')}\n<blockquote>{intro}</blockquote>\n{t('client-own-only')}"
    )


def declined_text(t: Translator, freelancer: str) -> str:
    return t("client-declined", freelancer=freelancer)


# ---- the questions ------------------------------------------------------------------------


def _progress(t: Translator, question: FeedbackQuestion) -> str:
    return t("client-step", n=STEP_NUMBER[question])


def _nav_row(t: Translator, request: int, *, back: bool) -> list[InlineKeyboardButton]:
    row = [_form_button(t, "button-back", FormAction.BACK)] if back else []
    row.append(_button(t, "client-button-stop", request, ClientAction.STOP))
    return row


def _comment_line(t: Translator, comment: str | None) -> str:
    return "\n\n" + t("client-comment-kept", comment=comment) if comment else ""


def _scores(request: int, question: FeedbackQuestion) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            text=str(value),
            callback_data=ClientScoreCb(request=request, question=question, value=value).pack(),
        )
        for value in SCALE_VALUES[question]
    ]


def score_question(
    t: Translator, request: int, question: FeedbackQuestion, freelancer: str, comment: str | None
) -> Screen:
    """The 1-5 question (with the anchors of the freelancer's own) or the 0-10 one."""
    scores = _scores(request, question)
    first = question is FeedbackQuestion.UNDERSTOOD
    text = f"{_progress(t, question)} {t(f'client-q-{question.value}', freelancer=freelancer)}"
    if first:  # what 1, 3 and 5 mean, in the client's words
        text += "\n\n" + t("client-anchor-understood")
    rows = [scores] if first else [scores[:6], scores[6:]]
    keyboard = InlineKeyboardMarkup(inline_keyboard=[*rows, _nav_row(t, request, back=not first)])
    return Screen(text + _comment_line(t, comment), keyboard)


def number_question(
    t: Translator, request: int, metric: str | None, comment: str | None, *, unread: bool = False
) -> Screen:
    key = "client-q-number" if metric else "client-q-number-none"
    text = _progress(t, FeedbackQuestion.NUMBER) + " " + t(key, metric=metric or "")
    if unread:
        text = t("client-number-unread") + "\n\n" + text
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t, "client-button-dont-know", request, ClientAction.DONT_KNOW),
                _form_button(t, "button-skip", FormAction.SKIP),
            ],
            _nav_row(t, request, back=True),
        ]
    )
    return Screen(text + _comment_line(t, comment), keyboard)


# ---- the end ------------------------------------------------------------------------------


def delete_keyboard(t: Translator, request: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t, "client-button-delete", request, ClientAction.DELETE)]]
    )


def _number_text(t: Translator, number: str | None) -> str:
    if number is None:
        return t("client-summary-skipped")
    if not number:
        return t("client-summary-dont-know")
    return number


def thanks_screen(t: Translator, request: int, freelancer: str, answers: ClientAnswers) -> Screen:
    """The thank-you, with exactly what the freelancer will see."""
    skipped = t("client-summary-skipped")
    lines = [
        t(
            "client-summary-understood",
            value=f"{answers.understood}/5" if answers.understood is not None else skipped,
        ),
        t("client-summary-number", value=_number_text(t, answers.number)),
        t(
            "client-summary-again",
            value=f"{answers.again}/10" if answers.again is not None else skipped,
        ),
    ]
    comments = [c for q in FeedbackQuestion if (c := answers.comments.get(q))]
    if comments:
        lines.append(t("client-summary-comments"))
        lines.extend(t("client-summary-comment", comment=comment) for comment in comments)
    # The lines are HTML already: put together here, never passed through t() again.
    text = "\n".join([t("client-thanks", freelancer=freelancer), *lines, t("client-thanks-end")])
    return Screen(text, delete_keyboard(t, request))


def delete_question(t: Translator, request: int) -> Screen:
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t, "client-button-delete-yes", request, ClientAction.DELETE_YES),
                _button(t, "client-button-keep", request, ClientAction.KEEP),
            ]
        ]
    )
    return Screen(t("client-delete-question"), keyboard)


def stopped_text(t: Translator, freelancer: str, expires_on: date) -> str:
    return t("client-stopped", freelancer=freelancer, date=t.day(expires_on))


def about_bot(t: Translator) -> Screen:
    """For a client who writes to the bot outside their answers: what the bot is, and the
    way to use it for their own work."""
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t.label("client-button-join"), callback_data=ClientJoinCb().pack()
                )
            ]
        ]
    )
    return Screen(t("client-about-bot"), keyboard)


def reads_as_number(text: str) -> bool:
    return read_metric(text).value is not None
