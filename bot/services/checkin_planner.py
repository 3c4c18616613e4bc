"""Planning, moving and closing check-ins: the rules, over the repositories.

Every call is made on behalf of one user and touches only that user's rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.clock import Clock
from bot.services.checkin_rules import (
    CadenceUnit,
    Preset,
    When,
    at_checkin_hour,
    cadence_day,
    local_now,
    polite,
    preset_day,
    to_utc,
)
from bot.wakeup import Waker
from storage.checkins import Checkin, CheckinRepository, NewCheckin
from storage.clients import Client, ClientRepository
from storage.projects import ProjectRepository
from storage.users import User


class CheckinPlanner:
    def __init__(
        self,
        checkins: CheckinRepository,
        clients: ClientRepository,
        projects: ProjectRepository,
        waker: Waker,
        clock: Clock,
    ) -> None:
        self._checkins = checkins
        self._clients = clients
        self._projects = projects
        self._waker = waker
        self._clock = clock

    def today(self, user: User) -> date:
        return local_now(self._clock.now(), user.timezone).date()

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
        await self._clients.set_cadence(user.id, client.id, unit.value, n)
        return await self._plan_next_in_cadence(
            user, client, unit, n, self._last_contact(user, client)
        )

    def _last_contact(self, user: User, client: Client) -> date:
        if client.last_contact_at is None:
            return self.today(user)
        return local_now(client.last_contact_at, user.timezone).date()

    async def _plan_next_in_cadence(
        self, user: User, client: Client, unit: CadenceUnit, n: int, since: date
    ) -> Checkin:
        day = cadence_day(since, unit, n)
        while at_checkin_hour(day, user.checkin_hour) <= local_now(
            self._clock.now(), user.timezone
        ):
            day = cadence_day(day, unit, n)  # a long silence: the next date still ahead
        return await self._schedule(
            user, client, at_checkin_hour(day, user.checkin_hour),
            time_chosen=False, recurring=True, base_day=day,
        )  # fmt: skip

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
        plan the next one if the client has a cadence (counted from today)."""
        if not await self._checkins.finish(user.id, checkin.id, "done", self._clock.now()):
            return False
        await self.contacted(user, checkin.client_id, self.today(user), source="checkin")
        return True

    async def skip(self, user: User, checkin: Checkin) -> bool:
        if not await self._checkins.finish(user.id, checkin.id, "skipped", self._clock.now()):
            return False
        client = await self._clients.get(user.id, checkin.client_id)
        if client and client.cadence_unit and client.cadence_n and checkin.recurring:
            base = checkin.base_day or checkin.local_due.date()
            await self._plan_next_in_cadence(
                user, client, CadenceUnit(client.cadence_unit), client.cadence_n, base
            )
        return True

    async def stop(self, user: User, client_id: int) -> None:
        await self._checkins.cancel_for_client(user.id, client_id, self._clock.now())
        await self._clients.set_cadence(user.id, client_id, None, None)

    async def contacted(
        self, user: User, client_id: int, day: date, source: str = "manual"
    ) -> Client | None:
        """Log a real contact; a cadence restarts from it."""
        now = self._clock.now()
        moment = min(to_utc(at_checkin_hour(day, 12), user.timezone), now)
        await self._checkins.log_contact(user.id, client_id, day, source, now)
        await self._clients.record_contact(user.id, client_id, moment)
        client = await self._clients.get(user.id, client_id)
        if client and client.cadence_unit and client.cadence_n:
            await self._plan_next_in_cadence(
                user, client, CadenceUnit(client.cadence_unit), client.cadence_n, day
            )
        return client

    async def retime(self, user: User) -> None:
        """After a change of zone or check-in hour: pending check-ins keep their local
        time (10:00 stays 10:00 in the new zone); those without a chosen time move to
        the new check-in hour."""
        changes = []
        for checkin in await self._checkins.pending_for_user(user.id):
            local = checkin.local_due
            if not checkin.time_chosen and local.hour != user.checkin_hour:
                local = local.replace(hour=user.checkin_hour, minute=0)
                await self._checkins.set_local_due(user.id, checkin.id, local)
            changes.append((checkin.id, to_utc(local, user.timezone)))
        await self._checkins.retime_many(user.id, changes)
        if changes:
            self._waker.notify(min(due for _, due in changes))
