"""The check-in reminder: client, project, goal, a draft message to the client, and what
to do about it. Sent by due work and shown again from /checkins."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.reading.dates import elapsed
from bot.services.checkins import Reminder
from bot.views.checkins import CheckinAction, CheckinCb
from bot.views.drafts import draft_text
from bot.views.feedback import AskFrom, ask_button
from bot.views.outcomes import MetricCb
from bot.views.screen import Screen


def reminder_screen(t: Translator, reminder: Reminder, *, late: bool) -> Screen:
    project = reminder.project
    lines = [t("reminder-title", client=reminder.client_name)]
    if late:
        lines.append(t("reminder-late"))
    if project is None:
        lines.append(t("reminder-no-project"))
    else:
        key, n = elapsed(project.finished_on, reminder.today)
        ago, ended = t(key, n=n), t.day(project.finished_on)
        lines.append(t("reminder-project", project=project.title, date=ended, ago=ago))
        goal = project.goal_note or t(f"goal-{project.goal.value}")
        metric = project.metric or t("not-set")
        baseline = project.baseline or "none"
        lines.append(t("reminder-goal", goal=goal, metric=metric, baseline=baseline))
    draft = draft_text(t, reminder.draft)
    lines.append(f"{t('reminder-draft')}\n<blockquote>{draft}</blockquote>")
    if "…" in draft:  # an idea is the freelancer's to write in, never a teaser (I5)
        lines.append(t("draft-fill-hint"))
    if project is not None and project.metric:
        # Every check-in is a chance to learn what the client's number did (I9, I10).
        lines.append(t("reminder-metric", metric=project.metric))
    builder = InlineKeyboardBuilder()
    checkin_id = reminder.checkin.id
    for action, key in (
        (CheckinAction.DONE, "button-checkin-done"),
        (CheckinAction.SNOOZE, "button-snooze"),
        (CheckinAction.RESCHEDULE, "button-reschedule"),
        (CheckinAction.SKIP, "button-checkin-skip"),
        (CheckinAction.STOP, "button-checkin-stop"),
    ):
        builder.button(text=t(key), callback_data=CheckinCb(id=checkin_id, action=action))
    if project is not None and project.metric:
        builder.button(text=t("button-metric-now"), callback_data=MetricCb(project=project.id))
    builder.adjust(2, 2, 1, 1)
    if project is not None:
        # A check-in is a natural moment to hear the client's own view of the work (I8, I11).
        builder.row(ask_button(t, project.id, AskFrom.REMINDER))
    return Screen("\n\n".join(lines), builder.as_markup())
