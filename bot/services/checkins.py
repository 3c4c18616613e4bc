"""Check-ins: planning, moving and closing them, the contact log, and what a reminder
shows. Every call is made on behalf of one user and touches only that user's rows."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.clock import Clock
from bot.reading.calendar_words import WeekdayMismatch
from bot.reading.dates import NotAPastDay, read_past_day
from bot.reading.numbers import MetricReading
from bot.rules.checkins import (
    CadenceUnit,
    CheckinOutcome,
    Preset,
    When,
    WhenProblem,
    at_checkin_hour,
    cadence_day,
    parse_when,
    polite,
    preset_day,
)
from bot.rules.drafts import DraftChoice, Measured, reminder_draft
from bot.rules.local_time import local_now, local_today, to_utc
from bot.services.calendar import PersonalCalendar
from bot.services.outcomes import MetricProgress, OutcomeService
from bot.services.waking import Waker
from storage.checkins import Checkin, CheckinStatus, NewCheckin
from storage.clients import Client
from storage.projects import Project
from storage.repositories import Repositories
from storage.users import User


class ContactSource(StrEnum):
    CHECKIN = "checkin"
    MANUAL = "manual"
    PROJECT = "project"


@dataclass(frozen=True, slots=True)
class Reminder:
    """Everything a check-in reminder speaks of."""

    checkin: Checkin
    client_name: str
    project: Project | None  # the check-in's project, else the client's latest
    today: date  # the user's local day
    draft: DraftChoice  # the message it suggests sending to the client


@dataclass(frozen=True, slots=True)
class OpenCheckin:
    checkin: Checkin
    client_name: str
    overdue: bool


def _measured(progress: MetricProgress | None) -> Measured | None:
    """The client's number before and now, when both can be compared."""
    if progress is None or progress.change is None or progress.latest is None:
        return None
    latest = progress.latest
    now = MetricReading(latest.text, latest.value, latest.percent)
    return Measured(progress.change, progress.baseline, now, latest.read_on)


class CheckinService(PersonalCalendar):
    def __init__(
        self, repos: Repositories, waker: Waker, clock: Clock, outcomes: OutcomeService
    ) -> None:
        self._repos = repos
        self._outcomes = outcomes
        self._checkins = repos.checkins
        self._clients = repos.clients
        self._projects = repos.projects
        self._waker = waker
        self._clock = clock

    async def read_when(self, user: User, text: str) -> When | WhenProblem | WeekdayMismatch:
        """The future moment the user typed, in their zone ("next friday 10:00").
        dateparser is CPU work: it runs off the event loop."""
        now_local = local_now(self._clock.now(), user.timezone)
        return await asyncio.to_thread(
            parse_when, text, now_local, user.checkin_hour, user.timezone
        )

    async def read_day(self, user: User, text: str) -> date | NotAPastDay:
        """The past day the user typed ("yesterday", "12.11"), in their zone."""
        return await read_past_day(text, self.today(user))

    async def get(self, user: User, checkin_id: int) -> Checkin | None:
        return await self._checkins.get(user.id, checkin_id)

    async def next_for_client(self, user: User, client_id: int) -> Checkin | None:
        return await self._checkins.next_for_client(user.id, client_id)

    async def open(self, user: User, days_ahead: int) -> list[OpenCheckin]:
        """Reminders waiting for the user and check-ins due within `days_ahead`, oldest
        first, each with its client's name."""
        now = self._clock.now()
        rows = await self._checkins.open_for_user(user.id, now + timedelta(days=days_ahead))
        names: dict[int, str] = {}
        found = []
        for row in rows:
            if row.client_id not in names:
                client = await self._clients.get(user.id, row.client_id)
                names[row.client_id] = client.name if client else "?"
            overdue = row.status == CheckinStatus.SENT or row.due_at <= now
            found.append(OpenCheckin(row, names[row.client_id], overdue))
        return found

    async def reminder(self, user: User, checkin: Checkin) -> Reminder | None:
        """What the reminder of the user's `checkin` shows; None when the client is gone."""
        client = await self._clients.get(user.id, checkin.client_id)
        if client is None:
            return None
        project = (
            await self._projects.get(user.id, checkin.project_id) if checkin.project_id else None
        )
        if project is None:  # a client-level check-in: speak of their latest project
            latest = await self._projects.for_client(user.id, client.id, 1)
            project = latest.projects[0] if latest.projects else None
        progress = (
            await self._outcomes.progress(user, project)
            if project is not None and project.metric
            else None
        )
        today = self.today(user)
        last = client.last_contact_at
        draft = reminder_draft(
            checkin.id,
            client.name,
            project,
            today,
            _measured(progress),
            address=client.address,
            last_contact=local_today(last, user.timezone) if last is not None else None,
        )
        return Reminder(checkin, client.name, project, today, draft)

    # ---- planning ------------------------------------------------------------------

    async def _schedule(
        self,
        user: User,
        client: Client,
        local: datetime,
        *,
        time_chosen: bool,
        recurring: bool = False,
        base_day: date | None = None,
    ) -> Checkin:
        if not time_chosen:
            local = polite(local, user.checkin_hour)
        latest = await self._projects.for_client(user.id, client.id, 1)
        checkin = await self._checkins.replace_for_client(
            NewCheckin(
                user_id=user.id,
                client_id=client.id,
                project_id=latest.projects[0].id if latest.projects else None,
                local_due=local,
                time_chosen=time_chosen,
                due_at=to_utc(local, user.timezone),
                recurring=recurring,
                base_day=base_day,
            ),
            self._clock.now(),
        )
        self._waker.notify(checkin.due_at)
        return checkin

    async def plan_at(self, user: User, client: Client, when: When) -> Checkin:
        """A one-off check-in at a time the user typed."""
        return await self._schedule(user, client, when.local, time_chosen=when.time_chosen)

    async def plan_preset(self, user: User, client: Client, preset: Preset) -> Checkin:
        day = preset_day(self.today(user), preset)
        return await self._schedule(
            user, client, at_checkin_hour(day, user.checkin_hour), time_chosen=False
        )

    async def plan_cadence(self, user: User, client: Client, unit: CadenceUnit, n: int) -> Checkin:
        """Keep in touch every n units, counted from the last real contact."""
        async with self._repos.transaction():
            await self._clients.set_cadence(user.id, client.id, unit.value, n)
            return await self._plan_next_in_cadence(
                user, client, unit, n, self._last_contact(user, client)
            )

    def _last_contact(self, user: User, client: Client) -> date:
        if client.last_contact_at is None:
            return self.today(user)
        return local_today(client.last_contact_at, user.timezone)

    def _next_cadence_day(self, user: User, unit: CadenceUnit, n: int, since: date) -> date:
        day = cadence_day(since, unit, n)
        now_local = local_now(self._clock.now(), user.timezone)
        while at_checkin_hour(day, user.checkin_hour) <= now_local:
            day = cadence_day(day, unit, n)  # a long silence: the next date still ahead
        return day

    async def _plan_next_in_cadence(
        self, user: User, client: Client, unit: CadenceUnit, n: int, since: date
    ) -> Checkin:
        day = self._next_cadence_day(user, unit, n, since)
        return await self._schedule(
            user,
            client,
            at_checkin_hour(day, user.checkin_hour),
            time_chosen=False,
            recurring=True,
            base_day=day,
        )

    # ---- acting on a check-in ----------------------------------------------------------

    async def snooze(self, user: User, checkin: Checkin, days: int) -> Checkin | None:
        """Later by `days` from now, same time of day. A recurring check-in keeps its
        base day, so its cadence does not shift."""
        local = local_now(self._clock.now(), user.timezone) + timedelta(days=days)
        if not checkin.time_chosen:
            local = at_checkin_hour(local.date(), user.checkin_hour)
        return await self._move(user, checkin, local, checkin.time_chosen)

    async def reschedule(self, user: User, checkin: Checkin, when: When) -> Checkin | None:
        return await self._move(user, checkin, when.local, when.time_chosen)

    async def _move(
        self, user: User, checkin: Checkin, local: datetime, time_chosen: bool
    ) -> Checkin | None:
        if not time_chosen:
            local = polite(local, user.checkin_hour)
        due_at = to_utc(local, user.timezone)
        if not await self._checkins.move(user.id, checkin.id, local, time_chosen, due_at):
            return None
        self._waker.notify(due_at)
        return await self._checkins.get(user.id, checkin.id)

    async def done(self, user: User, checkin: Checkin) -> bool:
        """The user contacted the client: close the check-in, log the contact, and
        plan the next one if the client has a cadence (counted from today). False when
        the check-in was already closed (an old button)."""
        async with self._repos.transaction():
            now = self._clock.now()
            if not await self._checkins.finish(user.id, checkin.id, CheckinStatus.DONE, now):
                return False
            await self.contacted(user, checkin.client_id, self.today(user), ContactSource.CHECKIN)
        return True

    async def record_outcome(
        self, user: User, checkin_id: int, outcome: CheckinOutcome, note: str | None
    ) -> Checkin | None:
        """What came of a done check-in; None when it is not a done check-in of this
        user's."""
        if not await self._checkins.set_outcome(user.id, checkin_id, outcome.value, note):
            return None
        return await self._checkins.get(user.id, checkin_id)

    async def skip(self, user: User, checkin: Checkin) -> bool:
        async with self._repos.transaction():
            now = self._clock.now()
            if not await self._checkins.finish(user.id, checkin.id, CheckinStatus.SKIPPED, now):
                return False
            client = await self._clients.get(user.id, checkin.client_id)
            if client and client.cadence_unit and client.cadence_n and checkin.recurring:
                base = checkin.base_day or checkin.local_due.date()
                await self._plan_next_in_cadence(
                    user, client, CadenceUnit(client.cadence_unit), client.cadence_n, base
                )
        return True

    async def stop(self, user: User, client_id: int) -> Client | None:
        """No more check-ins with this client; None when the client is not theirs."""
        async with self._repos.transaction():
            await self._checkins.cancel_for_client(user.id, client_id, self._clock.now())
            await self._clients.set_cadence(user.id, client_id, None, None)
            return await self._clients.get(user.id, client_id)

    async def contacted(
        self, user: User, client_id: int, day: date, source: ContactSource = ContactSource.MANUAL
    ) -> Client | None:
        """Log a real contact; a cadence restarts from it. None when the client is gone."""
        now = self._clock.now()
        moment = min(to_utc(at_checkin_hour(day, 12), user.timezone), now)
        async with self._repos.transaction():
            client = await self._clients.get(user.id, client_id)
            if client is None:
                return None
            await self._checkins.log_contact(user.id, client_id, day, source.value, now)
            await self._clients.record_contact(user.id, client_id, moment)
            if client.cadence_unit and client.cadence_n:
                await self._plan_next_in_cadence(
                    user, client, CadenceUnit(client.cadence_unit), client.cadence_n, day
                )
            return await self._clients.get(user.id, client_id)

    # ---- when the user's clock changes ---------------------------------------------------

    async def retime(self, user: User) -> None:
        """After a change of zone or check-in hour: pending check-ins keep their local
        time (10:00 stays 10:00 in the new zone); those without a chosen time move to
        the new check-in hour."""
        changes = []
        async with self._repos.transaction():
            for checkin in await self._checkins.pending_for_user(user.id):
                local = checkin.local_due
                if not checkin.time_chosen and local.hour != user.checkin_hour:
                    local = local.replace(hour=user.checkin_hour, minute=0)
                    await self._checkins.set_local_due(user.id, checkin.id, local)
                changes.append((checkin.id, to_utc(local, user.timezone)))
            await self._checkins.retime_many(user.id, changes)
        if changes:
            self._waker.notify(min(due for _, due in changes))

    async def resume(self, user: User) -> None:
        """The user is reachable again after a block. Check-ins held meanwhile go on:
        an overdue one-off arrives at the next sweep (marked late); an overdue recurring
        one moves to its next date in the cadence, so the rhythm is kept."""
        now = self._clock.now()
        earliest: datetime | None = None
        async with self._repos.transaction():
            for checkin in await self._checkins.pending_for_user(user.id):
                due_at = checkin.due_at
                client = await self._clients.get(user.id, checkin.client_id)
                cadence = client.cadence_unit if client else None
                if checkin.recurring and due_at <= now and client and cadence and client.cadence_n:
                    unit, n = CadenceUnit(cadence), client.cadence_n
                    base = checkin.base_day or checkin.local_due.date()
                    moved = await self._plan_next_in_cadence(user, client, unit, n, base)
                    due_at = moved.due_at
                earliest = due_at if earliest is None else min(earliest, due_at)
        if earliest is not None:
            self._waker.notify(earliest)
