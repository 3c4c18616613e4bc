"""The check-in reminder: what it says (client, project, goal, a draft message to the
client) and its buttons. Used by the due-work dispatcher and by /checkins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aiogram import Bot
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CheckinAction, CheckinCb
from bot.clock import Clock
from bot.content.drafts import pick_draft
from bot.i18n import I18n, Translator
from bot.messaging import Screen
from bot.services.checkin_rules import age_bucket, in_quiet_hours, local_now
from bot.services.dates import elapsed
from storage.checkins import Checkin
from storage.clients import ClientRepository
from storage.projects import Project, ProjectRepository
from storage.users import UserRepository


@dataclass(frozen=True, slots=True)
class ReminderView:
    checkin: Checkin
    client_name: str
    project: Project | None
    today: date


def reminder_screen(t: Translator, view: ReminderView, *, late: bool) -> Screen:
    project = view.project
    lines = [t("reminder-title", client=view.client_name)]
    if late:
        lines.append(t("reminder-late"))
    if project is None:
        lines.append(t("reminder-no-project"))
        draft = t("draft-no-project", client=view.client_name)
    else:
        key, n = elapsed(project.finished_on, view.today)
        lines.append(
            t("reminder-project", project=project.title, date=t.day(project.finished_on),
              ago=t(key, n=n))
        )  # fmt: skip
        metric = project.metric or t("not-set")
        lines.append(
            t("reminder-goal", goal=project.goal_note or t(f"goal-{project.goal.value}"),
              metric=metric, baseline=project.baseline or "none")
        )  # fmt: skip
        chosen = pick_draft(age_bucket(project.finished_on, view.today), view.checkin.id)
        draft = t(chosen.key, client=view.client_name, project=project.title, metric=metric)
    lines.append(f"{t('reminder-draft')}\n<blockquote>{draft}</blockquote>")
    builder = InlineKeyboardBuilder()
    for action, key in (
        (CheckinAction.DONE, "button-checkin-done"),
        (CheckinAction.SNOOZE, "button-snooze"),
        (CheckinAction.RESCHEDULE, "button-reschedule"),
        (CheckinAction.SKIP, "button-checkin-skip"),
        (CheckinAction.STOP, "button-checkin-stop"),
    ):
        builder.button(text=t(key), callback_data=CheckinCb(id=view.checkin.id, action=action))
    builder.adjust(2, 2, 1)
    return Screen("\n\n".join(lines), builder.as_markup())


class ReminderLookup:
    """Gathers what a reminder shows, always filtered by the check-in's owner."""

    def __init__(self, clients: ClientRepository, projects: ProjectRepository) -> None:
        self._clients = clients
        self._projects = projects

    async def view(self, checkin: Checkin, today: date) -> ReminderView | None:
        client = await self._clients.get(checkin.user_id, checkin.client_id)
        if client is None:
            return None
        project = (
            await self._projects.get(checkin.user_id, checkin.project_id)
            if checkin.project_id
            else None
        )
        if project is None:  # a client-level check-in: speak of their latest project
            latest = await self._projects.for_client(checkin.user_id, client.id, 1)
            project = latest.projects[0] if latest.projects else None
        return ReminderView(checkin, client.name, project, today)


class ReminderSender:
    """Sends one due check-in to its owner. Raises aiogram's errors for the dispatcher
    to handle (403, 429, 5xx)."""

    def __init__(
        self,
        bot: Bot,
        i18n: I18n,
        users: UserRepository,
        lookup: ReminderLookup,
        clock: Clock,
    ) -> None:
        self._bot = bot
        self._i18n = i18n
        self._users = users
        self._lookup = lookup
        self._clock = clock

    async def __call__(self, checkin: Checkin, late: bool) -> None:
        user = await self._users.get(checkin.user_id)
        if user is None or user.is_blocked:
            return
        local = local_now(self._clock.now(), user.timezone)
        view = await self._lookup.view(checkin, local.date())
        if view is None:
            return
        screen = reminder_screen(self._i18n.get(user.language), view, late=late)
        await self._bot.send_message(
            user.chat_id,
            screen.text,
            reply_markup=screen.keyboard,
            # A late reminder that lands in the night arrives without a sound.
            disable_notification=late and in_quiet_hours(local),
        )
