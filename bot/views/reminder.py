"""The check-in reminder: client, project, goal, a draft message to the client, and what
to do about it. Sent by due work and shown again from /checkins."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.drafts import pick_draft
from bot.i18n import Translator
from bot.reading.dates import elapsed
from bot.rules.checkins import age_bucket
from bot.services.checkins import Reminder
from bot.views.checkins import CheckinAction, CheckinCb
from bot.views.outcomes import MetricCb
from bot.views.screen import Screen


def reminder_screen(t: Translator, reminder: Reminder, *, late: bool) -> Screen:
    project = reminder.project
    lines = [t("reminder-title", client=reminder.client_name)]
    if late:
        lines.append(t("reminder-late"))
    if project is None:
        lines.append(t("reminder-no-project"))
        draft = t("draft-no-project", client=reminder.client_name)
    else:
        key, n = elapsed(project.finished_on, reminder.today)
        lines.append(
            t("reminder-project", project=project.title, date=t.day(project.finished_on),
              ago=t(key, n=n))
        )  # fmt: skip
        metric = project.metric or t("not-set")
        lines.append(
            t("reminder-goal", goal=project.goal_note or t(f"goal-{project.goal.value}"),
              metric=metric, baseline=project.baseline or "none")
        )  # fmt: skip
        progress = reminder.progress
        change = progress.change if progress is not None else None
        bucket = age_bucket(project.finished_on, reminder.today)
        chosen = pick_draft(bucket, reminder.checkin.id, change, has_metric=bool(project.metric))
        values = {"client": reminder.client_name, "project": project.title, "metric": metric}
        if progress is not None and progress.latest is not None and change is not None:
            values |= {"baseline": progress.baseline.text, "latest": progress.latest.text}
        draft = t(chosen.key, **values)
    lines.append(f"{t('reminder-draft')}\n<blockquote>{draft}</blockquote>")
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
    return Screen("\n\n".join(lines), builder.as_markup())
