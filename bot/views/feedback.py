"""The client's own voice, as the freelancer sees it: the button that asks for it (on the
client's card, after /done's reflection, on a check-in reminder), the request ready to
send, why a request cannot go out, what the card says about it, the notice when the
client answered, and both views side by side in /history and /stats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from urllib.parse import quote
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import CopyTextButton, InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.rules.feedback import Pair
from bot.services.feedback import (
    Asked,
    AskRefusal,
    AskRefused,
    BothViews,
    ClientFeedback,
    FeedbackOverview,
    Notice,
)
from bot.views.common import ClientAction, ClientCb
from bot.views.screen import Screen
from storage.feedback import FeedbackQuestion, FeedbackState

# Telegram copies at most 256 characters with a copy_text button.
COPY_TEXT_LIMIT = 256


class AskFrom(StrEnum):
    """Where "Ask the client" was pressed: on the card the request takes the card's
    place; after a reflection or on a reminder it comes below, which stay as they are."""

    CARD = "c"
    RESULT = "r"
    REMINDER = "k"


class FeedbackAskCb(CallbackData, prefix="fq1"):
    project: int
    origin: AskFrom


class FeedbackWithdrawCb(CallbackData, prefix="fx1"):
    request: int


def ask_button(t: Translator, project_id: int, origin: AskFrom) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=t.label("button-feedback-ask"),
        callback_data=FeedbackAskCb(project=project_id, origin=origin).pack(),
    )


def _withdraw_button(t: Translator, request_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=t.label("button-feedback-withdraw"),
        callback_data=FeedbackWithdrawCb(request=request_id).pack(),
    )


def _card_button(t: Translator, client_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=t.label("button-to-client"),
        callback_data=ClientCb(id=client_id, action=ClientAction.OPEN).pack(),
    )


def _day(moment: datetime, zone: str) -> date:
    """The freelancer's own calendar day of a stored moment."""
    return moment.astimezone(ZoneInfo(zone)).date()


# ---- the request, ready to send ----------------------------------------------------


def utf16_length(text: str) -> int:
    """Telegram counts characters in UTF-16 code units (an emoji may take two)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class Draft:
    """The message for the client: as shown in the chat (HTML), as the client gets it
    (the Copy button), and without its link (Telegram's share page adds the link)."""

    shown: str
    plain: str
    without_link: str


def request_draft(t: Translator, asked: Asked, link: str) -> Draft:
    """The draft in the client's form of address, with the project's title when the
    whole message still fits Telegram's copy limit, without it otherwise."""
    address = asked.address.value
    title = asked.project.title
    keys = (f"feedback-draft-{address}", f"feedback-draft-short-{address}")
    for key in keys:
        without_link = t.label(key, project=title)
        plain = f"{without_link}\n{link}"
        if utf16_length(plain) <= COPY_TEXT_LIMIT:
            break
    return Draft(f"{t(key, project=title)}\n{link}", plain, without_link)


def share_url(link: str, text: str) -> str:
    """Telegram's "share to a chat" page with the link and the message filled in."""
    return f"https://t.me/share/url?url={quote(link, safe='')}&text={quote(text, safe='')}"


def asked_screen(t: Translator, asked: Asked, link: str, zone: str) -> Screen:
    """What the client will be asked, the message to send them, and its buttons."""
    draft = request_draft(t, asked, link)
    text = "\n\n".join(
        [
            t(
                "feedback-asked",
                client=asked.client.name,
                project=asked.project.title,
                expires=t.day(_day(asked.request.expires_at, zone)),
            ),
            f"{t('feedback-asked-send')}\n<blockquote>{draft.shown}</blockquote>",
        ]
    )
    builder = InlineKeyboardBuilder()
    builder.row(
        InlineKeyboardButton(
            text=t.label("button-feedback-copy"), copy_text=CopyTextButton(text=draft.plain)
        ),
        InlineKeyboardButton(
            text=t.label("button-feedback-share"), url=share_url(link, draft.without_link)
        ),
    )
    builder.row(_withdraw_button(t, asked.request.id))
    builder.row(_card_button(t, asked.client.id))
    return Screen(text, builder.as_markup())


def refused_screen(t: Translator, refused: AskRefused, zone: str) -> Screen:
    """Why no request went out: one waiting already (it can be withdrawn), the monthly
    limit (and the day it ends), or the client's wish not to be asked."""
    client = refused.client
    builder = InlineKeyboardBuilder()
    waiting = refused.waiting
    if refused.reason is AskRefusal.OPEN and waiting is not None:
        text = t(
            "feedback-refused-open",
            client=client.name,
            asked=t.day(_day(waiting.created_at, zone)),
            expires=t.day(_day(waiting.expires_at, zone)),
        )
        builder.row(_withdraw_button(t, waiting.id))
    elif refused.reason is AskRefusal.TOO_SOON and refused.next_on is not None:
        text = t("feedback-refused-too-soon", client=client.name, date=t.day(refused.next_on))
    else:
        text = t("feedback-refused-opted-out", client=client.name)
    builder.row(_card_button(t, client.id))
    return Screen(text, builder.as_markup())


# ---- on the client's card ----------------------------------------------------------


def _score(value: int | None, scale: int) -> str:
    return "—" if value is None else f"{value}/{scale}"


def card_lines(t: Translator, feedback: ClientFeedback | None, zone: str) -> list[str]:
    """The latest request's state, the latest answer beside the freelancer's own view,
    and when the next request may go out."""
    if feedback is None or feedback.project is None:
        return []  # no finished project: nothing to ask about
    lines: list[str] = []
    latest, state = feedback.latest, feedback.state
    if latest is not None and state is not None and state is not FeedbackState.ANSWERED:
        asked = t.day(_day(latest.created_at, zone))
        if state is FeedbackState.WAITING:
            expires = t.day(_day(latest.expires_at, zone))
            lines.append(t("feedback-card-waiting", asked=asked, expires=expires))
        else:
            lines.append(t(f"feedback-card-{state.value}", asked=asked))
    views = feedback.views
    if views is not None:
        answered = views.request.answered_at or views.request.created_at
        summary = t(
            "feedback-card-summary",
            mine=_score(views.understood.mine, views.understood.scale),
            theirs=_score(views.understood.theirs, views.understood.scale),
            mine_again=_score(views.again.mine, views.again.scale),
            theirs_again=_score(views.again.theirs, views.again.scale),
        )
        lines.append(t("feedback-card-answered", date=t.day(_day(answered, zone))) + "\n" + summary)
    if (
        feedback.next_on is not None
        and not feedback.opted_out
        and state is not FeedbackState.WAITING
    ):
        lines.append(t("feedback-card-next", date=t.day(feedback.next_on)))
    return lines


def card_buttons(t: Translator, feedback: ClientFeedback | None) -> list[InlineKeyboardButton]:
    """Ask, when a request may go out now; Withdraw, while one is waiting."""
    if feedback is None or feedback.project is None:
        return []
    buttons = []
    if feedback.can_ask:
        buttons.append(ask_button(t, feedback.project.id, AskFrom.CARD))
    if feedback.state is FeedbackState.WAITING and feedback.latest is not None:
        buttons.append(_withdraw_button(t, feedback.latest.id))
    return buttons


# ---- both views side by side -------------------------------------------------------


def _comment(t: Translator, views: BothViews, question: FeedbackQuestion) -> str:
    comment = views.comments.get(question)
    return "\n" + t("feedback-comment", comment=comment) if comment else ""


def _pair(t: Translator, key: str, pair: Pair) -> str:
    return t(key, mine=_score(pair.mine, pair.scale), theirs=_score(pair.theirs, pair.scale))


def both_views(t: Translator, views: BothViews) -> list[str]:
    """Each question as both saw it, with what the client added in their own words."""
    blocks = [
        _pair(t, "feedback-pair-understood", views.understood)
        + _comment(t, views, FeedbackQuestion.UNDERSTOOD),
        _pair(t, "feedback-pair-again", views.again) + _comment(t, views, FeedbackQuestion.AGAIN),
    ]
    metric = views.project.metric
    if metric:
        theirs = views.theirs
        shown = "—" if theirs is None else theirs.text or t("feedback-number-unknown")
        if views.mine is not None:
            mine = t("feedback-mine-latest", value=views.mine.text)
        elif views.project.baseline:  # nothing read since: the number before the project
            mine = t("feedback-mine-before", value=views.project.baseline)
        else:
            mine = t("feedback-mine-none")
        blocks.append(
            t("feedback-pair-number", metric=metric, theirs=shown, mine=mine)
            + _comment(t, views, FeedbackQuestion.NUMBER)
        )
    return blocks


def gap_advice(t: Translator, views: BothViews) -> str | None:
    """One sentence on the largest difference, where the freelancer saw it brighter: the
    client felt less understood (I8, I9), or is less sure to come back (I11)."""
    gaps = views.large_gaps
    if not gaps:
        return None
    return t(f"feedback-advice-{gaps[0].question}")


def notice_screen(t: Translator, notice: Notice) -> Screen:
    """ "Your client answered": both views, the advice a large gap calls for, the card."""
    views = notice.views
    parts = [
        t("feedback-notice-title", client=notice.client_name, project=views.project.title),
        *both_views(t, views),
    ]
    if (advice := gap_advice(t, views)) is not None:
        parts.append(advice)
    builder = InlineKeyboardBuilder()
    builder.row(_card_button(t, views.request.client_id))
    return Screen("\n\n".join(parts), builder.as_markup())


def history_block(t: Translator, views: BothViews, zone: str) -> str:
    """The client's answers under a reflection in /history."""
    answered = views.request.answered_at or views.request.created_at
    title = t("feedback-history-title", date=t.day(_day(answered, zone)))
    return "\n".join([title, *both_views(t, views)])


# ---- /stats ------------------------------------------------------------------------


def _signed(t: Translator, value: float) -> str:
    """A gap with its sign, one decimal, in the reader's way of writing decimals."""
    text = f"{value:+.1f}"
    return text.replace(".", ",") if t.language == "ru" else text


def stats_lines(t: Translator, overview: FeedbackOverview | None) -> list[str]:
    """The clients' own view over every answer; one inviting line before the first."""
    if overview is None:
        return []
    if not overview.answered:
        return [t("feedback-stats-none")]
    lines = [t("feedback-stats-title", count=overview.answered)]
    if overview.understood_gap is not None:
        lines.append(t("feedback-stats-understood", gap=_signed(t, overview.understood_gap)))
    if overview.client_measured:
        lines.append(
            t(
                "feedback-stats-better",
                better=overview.confirmed_better,
                measured=overview.client_measured,
            )
        )
    if overview.again_gap is not None:
        lines.append(
            t(
                "feedback-stats-again",
                gap=_signed(t, overview.again_gap),
                count=overview.forecast_pairs,
            )
        )
    return lines
