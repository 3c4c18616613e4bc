"""A nudge for an early trust action during the work (I12): what to do today, a draft
for the client, and Done / Skip / Stop."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.services.kickoffs import Answered, NudgeToSend
from bot.views.drafts import client_letter
from bot.views.kickoff import goal_words
from bot.views.screen import Screen
from storage.nudges import NudgeKind, NudgeStatus


class NudgeAnswer(StrEnum):
    DONE = "d"
    SKIP = "s"
    STOP = "x"


# What each answer stores on the nudge.
ANSWER_STATUS = {
    NudgeAnswer.DONE: NudgeStatus.DONE,
    NudgeAnswer.SKIP: NudgeStatus.SKIPPED,
    NudgeAnswer.STOP: NudgeStatus.STOPPED,
}


class NudgeCb(CallbackData, prefix="ng1"):
    id: int
    answer: NudgeAnswer


class WrapUpChoice(StrEnum):
    RECORD = "r"
    EXTEND = "e"
    CALL_OFF = "x"


class WrapUpCb(CallbackData, prefix="wu1"):
    """An answer to the end-day nudge: finished (record it), a week more, or called off."""

    id: int
    choice: WrapUpChoice


def wrap_up_screen(t: Translator, sent: NudgeToSend) -> Screen:
    kickoff = sent.kickoff
    ends = t.day(kickoff.ends_on)
    title = t("wrap-up-title", project=kickoff.title, client=kickoff.client_name, date=ends)
    text = f"{title}\n\n{t('wrap-up-why')}"
    builder = InlineKeyboardBuilder()
    for choice in WrapUpChoice:
        builder.button(
            text=t(f"button-wrap-up-{choice.name.lower()}"),
            callback_data=WrapUpCb(id=sent.nudge.id, choice=choice),
        )
    builder.adjust(1, 2)
    return Screen(text, builder.as_markup())


def nudge_screen(t: Translator, sent: NudgeToSend, *, late: bool) -> Screen:
    if sent.nudge.action is NudgeKind.WRAP_UP:
        return wrap_up_screen(t, sent)
    kickoff, action = sent.kickoff, sent.nudge.action.value
    lines = [t(f"trust-{action}-title", project=kickoff.title, client=kickoff.client_name)]
    if late:
        lines.append(t("nudge-late"))
    lines.append(t(f"trust-{action}-why"))
    key = f"trust-{action}-draft"
    values = {"project": kickoff.title, "goal": goal_words(t, kickoff)}
    if kickoff.metric:
        values["metric"] = kickoff.metric
    elif sent.nudge.action is NudgeKind.CONFIRM:  # nothing to confirm yet: ask for a number
        key += "-no-metric"
    draft = client_letter(t, kickoff.client_name, kickoff.address, sent.nudge.id, key, **values)
    lines.append(f"{t('reminder-draft')}\n<blockquote>{draft}</blockquote>")
    if sent.done_before:
        lines.append(t("nudge-done-so-far", n=sent.done_before))
    builder = InlineKeyboardBuilder()
    for answer in NudgeAnswer:
        builder.button(
            text=t(f"button-nudge-{ANSWER_STATUS[answer]}"),
            callback_data=NudgeCb(id=sent.nudge.id, answer=answer),
        )
    builder.adjust(2, 1)
    return Screen("\n\n".join(lines), builder.as_markup())


def answered_line(t: Translator, answered: Answered) -> str:
    """The record of the answer, put under the nudge in place of its buttons."""
    action = answered.nudge.action.value
    if answered.status == NudgeStatus.STOPPED:
        return t("nudge-stopped", action=t(f"trust-{action}-button"))
    if answered.status == NudgeStatus.DONE:
        line = t(f"nudge-counted-{action}", n=answered.done)
    else:
        line = t("nudge-skipped")
    if answered.next_day is not None:
        line += " " + t("nudge-next", date=t.weekday(answered.next_day))
    return line
