"""Kickoff, before the work: the client's real goal and the number that shows it, agreed
up front, and the early trust actions (I12) nudged while the work goes on.

Nudges are due rows delivered by the due-work runner at the user's check-in hour; a
progress note plans the next one when it is delivered, so a long silence (a block, a
stopped bot) never turns into a pile of notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.clock import Clock
from bot.reading.dates import NotAFutureDay, read_future_day
from bot.rules.checkins import at_checkin_hour, polite
from bot.rules.local_time import local_today, to_utc
from bot.rules.nudges import first_day, next_progress_day, progress_every
from bot.services.calendar import PersonalCalendar
from bot.services.checkins import CheckinService, ContactSource
from bot.services.clients import chosen_or_new, recent_clients
from bot.services.waking import Waker
from storage.clients import Client
from storage.kickoffs import Address, BudgetFit, Kickoff, NewKickoff
from storage.nudges import TRUST_ACTIONS, NewNudge, Nudge, NudgeKind, NudgeStatus
from storage.projects import Goal
from storage.repositories import Repositories
from storage.users import User

# How far ahead a project's end may be planned.
MAX_PROJECT_DAYS = 366
# "A week more" from the end-day nudge.
EXTEND_DAYS = 7


@dataclass(frozen=True, slots=True)
class KickoffDraft:
    """What the /kickoff form collected. Either `client_id` (an existing client) or
    `new_client` (a name: the client is created with the kickoff)."""

    client_id: int | None
    new_client: str | None
    title: str
    goal: Goal
    goal_note: str | None
    metric: str | None
    baseline: str | None
    target: str | None
    ends_on: date
    budget_fit: BudgetFit
    red_flags: str | None
    address: Address | None  # None when not asked (English): the client's stays
    actions: tuple[NudgeKind, ...]


@dataclass(frozen=True, slots=True)
class Started:
    kickoff: Kickoff
    first_nudges: dict[NudgeKind, date]  # the day each chosen action is first nudged
    progress_every: int


@dataclass(frozen=True, slots=True)
class NudgeToSend:
    user: User
    nudge: Nudge
    kickoff: Kickoff
    done_before: int  # trust steps of this project already marked done


@dataclass(frozen=True, slots=True)
class Answered:
    nudge: Nudge
    kickoff: Kickoff
    status: NudgeStatus  # done, skipped or stopped
    done: int  # done nudges of this action, this one included
    next_day: date | None  # when this action comes again


class KickoffService(PersonalCalendar):
    def __init__(
        self, repos: Repositories, checkins: CheckinService, waker: Waker, clock: Clock
    ) -> None:
        self._repos = repos
        self._checkins = checkins
        self._waker = waker
        self._clock = clock

    async def read_end_day(self, user: User, text: str) -> date | NotAFutureDay:
        today = self.today(user)
        return await read_future_day(text, today, today + timedelta(days=MAX_PROJECT_DAYS))

    async def get(self, user: User, kickoff_id: int) -> Kickoff | None:
        return await self._repos.kickoffs.get(user.id, kickoff_id)

    async def active(self, user: User, limit: int) -> list[Kickoff]:
        return await self._repos.kickoffs.active(user.id, limit)

    async def client_address(self, user: User, client_id: int) -> Address | None:
        """How the user addresses one of their clients; None for a client not theirs."""
        client = await self._repos.clients.get(user.id, client_id)
        return client.address if client is not None else None

    async def client_choices(self, user: User, limit: int) -> list[Client]:
        return await recent_clients(self._repos, user, limit)

    def _nudge_at(self, user: User, day: date) -> tuple[datetime, datetime]:
        local = polite(at_checkin_hour(day, user.checkin_hour), user.checkin_hour)
        return local, to_utc(local, user.timezone)

    async def _plan(self, user: User, kickoff: Kickoff, action: NudgeKind, day: date) -> Nudge:
        local, due_at = self._nudge_at(user, day)
        nudge = await self._repos.nudges.add(
            NewNudge(user.id, kickoff.id, action, local, due_at), self._clock.now()
        )
        self._waker.notify(due_at)
        return nudge

    async def start(self, user: User, draft: KickoffDraft) -> Started | None:
        """One unit of work: the client (new or existing), the kickoff, the first nudge of
        each chosen action. None when the chosen client was deleted meanwhile."""
        repos, now, today = self._repos, self._clock.now(), self.today(user)
        async with repos.transaction():
            client = await chosen_or_new(repos, user, draft.client_id, draft.new_client, now)
            if client is None:
                return None
            address = draft.address or client.address
            if address is not client.address:  # answered once, kept for every draft after
                await repos.clients.set_address(user.id, client.id, address, now)
            kickoff = await repos.kickoffs.add(
                NewKickoff(
                    user_id=user.id,
                    client_id=client.id,
                    title=draft.title,
                    goal=draft.goal,
                    goal_note=draft.goal_note,
                    metric=draft.metric,
                    baseline=draft.baseline,
                    target=draft.target,
                    ends_on=draft.ends_on,
                    budget_fit=draft.budget_fit,
                    red_flags=draft.red_flags,
                    address=address,
                ),
                now,
            )
            planned: dict[NudgeKind, date] = {}
            for action in draft.actions:
                day = first_day(action, today, draft.ends_on)
                if day is not None:
                    await self._plan(user, kickoff, action, day)
                    planned[action] = day
            # On the planned end day: finished, a week more, or called off.
            await self._plan(user, kickoff, NudgeKind.WRAP_UP, draft.ends_on)
            # Agreeing on the goal is a real contact with the client.
            await self._checkins.contacted(user, client.id, today, ContactSource.PROJECT)
        return Started(kickoff, planned, progress_every(today, draft.ends_on))

    async def drop(self, user: User, kickoff: Kickoff) -> bool:
        """The project will not happen: no more nudges for it."""
        now = self._clock.now()
        async with self._repos.transaction():
            if not await self._repos.kickoffs.drop(user.id, kickoff.id, now):
                return False
            await self._repos.nudges.cancel_open(user.id, kickoff.id, now)
        return True

    # ---- delivery ------------------------------------------------------------------

    async def to_send(self, nudge: Nudge) -> NudgeToSend | None:
        """What a due nudge shows; None when there is nothing to send any more (the
        project was finished or dropped, its end day has passed, or the user is gone)."""
        user = await self._repos.users.get(nudge.user_id)
        kickoff = await self._repos.kickoffs.get(nudge.user_id, nudge.kickoff_id)
        if user is None or kickoff is None or not kickoff.active:
            return None
        late_for_it = self.today(user) > kickoff.ends_on and nudge.action is not NudgeKind.WRAP_UP
        if late_for_it:  # a step held past the end of the work: its moment has gone
            return None
        return NudgeToSend(user, nudge, kickoff, await self.trust_done(user, kickoff))

    async def delivered(self, sent: NudgeToSend) -> None:
        """A progress note was delivered: plan the next one in its rhythm, counted from
        today, so a note that arrived late does not bring a burst behind it."""
        nudge, kickoff = sent.nudge, sent.kickoff
        if nudge.action is not NudgeKind.PROGRESS:
            return
        # A nudge sent again after a crash (before it was marked sent) must not start a
        # second chain: one pending note per project at a time.
        rows = await self._repos.nudges.for_kickoff(sent.user.id, kickoff.id)
        if any(
            row.action is NudgeKind.PROGRESS and row.status == NudgeStatus.PENDING for row in rows
        ):
            return
        start = local_today(kickoff.created_at, sent.user.timezone)
        after = max(nudge.local_due.date(), self.today(sent.user))
        day = next_progress_day(after, start, kickoff.ends_on)
        if day is not None:
            await self._plan(sent.user, kickoff, NudgeKind.PROGRESS, day)

    # ---- the freelancer's answer -------------------------------------------------------

    async def extend(self, user: User, nudge: Nudge) -> date | None:
        """The work needs a week more (from the end-day nudge): the end moves, the end-day
        nudge comes again then, and progress notes, if still wanted, go on. None for an
        old button."""
        now, today = self._clock.now(), self.today(user)
        async with self._repos.transaction():
            kickoff = await self._repos.kickoffs.get(user.id, nudge.kickoff_id)
            if kickoff is None or not kickoff.active:
                return None
            if not await self._repos.nudges.answer(user.id, nudge.id, NudgeStatus.SKIPPED, now):
                return None
            end = max(kickoff.ends_on, today) + timedelta(days=EXTEND_DAYS)
            await self._repos.kickoffs.set_end(user.id, kickoff.id, end)
            kickoff = replace(kickoff, ends_on=end)
            await self._plan(user, kickoff, NudgeKind.WRAP_UP, end)
            rows = await self._repos.nudges.for_kickoff(user.id, kickoff.id)
            notes = [row for row in rows if row.action is NudgeKind.PROGRESS]
            still_wanted = notes and not any(row.status == NudgeStatus.STOPPED for row in notes)
            if still_wanted and not any(row.status == NudgeStatus.PENDING for row in notes):
                start = local_today(kickoff.created_at, user.timezone)
                day = next_progress_day(today, start, end)
                if day is not None:
                    await self._plan(user, kickoff, NudgeKind.PROGRESS, day)
        return end

    async def nudge(self, user: User, nudge_id: int) -> Nudge | None:
        return await self._repos.nudges.get(user.id, nudge_id)

    async def answer(self, user: User, nudge: Nudge, status: NudgeStatus) -> Answered | None:
        """Done or skipped, or stopped for no more of this action. None when the nudge
        was already answered (an old button)."""
        now = self._clock.now()
        async with self._repos.transaction():
            if not await self._repos.nudges.answer(user.id, nudge.id, status, now):
                return None
            if status == NudgeStatus.STOPPED:
                await self._repos.nudges.cancel_open(user.id, nudge.kickoff_id, now, nudge.action)
            kickoff = await self._repos.kickoffs.get(user.id, nudge.kickoff_id)
            assert kickoff is not None  # the nudge row cascades with its kickoff
            done = await self._done_count(user, kickoff, nudge.action)
            upcoming = [
                row.local_due.date()
                for row in await self._repos.nudges.for_kickoff(user.id, kickoff.id)
                if row.action is nudge.action and row.status == NudgeStatus.PENDING
            ]
        return Answered(nudge, kickoff, status, done, min(upcoming, default=None))

    async def _done_count(self, user: User, kickoff: Kickoff, action: NudgeKind) -> int:
        rows = await self._repos.nudges.for_kickoff(user.id, kickoff.id)
        return sum(1 for row in rows if row.action is action and row.status == NudgeStatus.DONE)

    async def trust_done(self, user: User, kickoff: Kickoff) -> int:
        """Trust actions done during the project, every kind together."""
        return (await self._repos.nudges.answered(user.id, kickoff.id))[NudgeStatus.DONE]

    # ---- when the user's clock changes ---------------------------------------------------

    async def retime(self, user: User) -> None:
        """After a change of zone or check-in hour: pending nudges move to the check-in
        hour of the same day, in the user's zone."""
        changes = []
        for nudge in await self._repos.nudges.pending_for_user(user.id):
            local, due_at = self._nudge_at(user, nudge.local_due.date())
            changes.append((nudge.id, local, due_at))
        await self._repos.nudges.retime_many(user.id, changes)
        if changes:
            self._waker.notify(min(due for _, _, due in changes))

    async def resume(self, user: User) -> None:
        """Back after a block: nudges held meanwhile arrive at the next sweep (one per
        action at most, so there is no burst); the runner is told to look."""
        pending = await self._repos.nudges.pending_for_user(user.id)
        if pending:
            self._waker.notify(min(nudge.due_at for nudge in pending))


def chosen_actions(values: Sequence[str]) -> tuple[NudgeKind, ...]:
    """The trust actions a form stored, in the order the bot offers them."""
    picked = set(values)
    return tuple(action for action in TRUST_ACTIONS if action.value in picked)
