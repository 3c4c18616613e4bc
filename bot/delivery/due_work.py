"""The due-work runner: claims due rows (check-ins, nudges, tip deliveries) atomically,
delivers them through the global pacer, and records what happened. The database is the
source of truth; whoever wakes this (APScheduler, a test) only says "look now".

A crash between claim and send leaves the row 'sending'; after `claim_timeout` the next
sweep takes it again (at most one duplicate per crash, none lost). Telegram's answers are
treated as `telegram_policy` says, and this runner carries out what follows in the row's
table; a row of someone who blocked the bot is held (back to pending, not due while they
are blocked), never counted as sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.clock import Clock
from bot.delivery.pacer import SendBudget
from bot.delivery.telegram_policy import RETRY_BASE, Next, OnBlocked, Sent, TelegramPolicy
from storage.due_rows import DueRow, DueRowStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueQueue:
    """One kind of due row: where it is stored and how one is delivered (a `Sender`'s
    `send`). Rows are `Any` here: the queues of every kind share one list."""

    name: str
    store: DueRowStore[Any]
    deliver: Callable[[Any, bool], Awaitable[Sent]]


class DueWorkRunner:
    def __init__(
        self,
        queues: Sequence[DueQueue],
        clock: Clock,
        pacer: SendBudget,
        on_blocked: OnBlocked,
        *,
        batch: int = 500,
        claim_timeout: timedelta = timedelta(minutes=2),
        late_after: timedelta = timedelta(minutes=5),
        retry_base: timedelta = RETRY_BASE,
    ) -> None:
        self._queues = list(queues)
        self._clock = clock
        # A row that could not be tried goes back to its table for a retry base: the
        # sweep would find it then anyway, and its claim is freed for other instances.
        self._policy = TelegramPolicy(pacer, on_blocked, retry_base=retry_base, postpone=retry_base)
        self._batch = batch
        self._claim_timeout = claim_timeout
        self._late_after = late_after
        self._in_flight: set[asyncio.Task[None]] = set()

    async def run_due(self) -> datetime | None:
        """Deliver everything due now; return when the next pending row falls due."""
        earliest: list[datetime] = []
        for queue in self._queues:
            await self._run_queue(queue)
            if (next_due := await queue.store.earliest_due()) is not None:
                earliest.append(next_due)
        return min(earliest, default=None)

    async def _run_queue(self, queue: DueQueue) -> None:
        """Claim and deliver until nothing is due: rows that fall due while a batch is
        being sent go out in the same run, without waiting for the next wake-up."""
        while True:
            now = self._clock.now()
            stale = now - self._claim_timeout
            claimed = await queue.store.claim_due(now, stale, self._batch)
            if not claimed:
                return
            # People in parallel; one person's rows in the order they fell due, so a late
            # progress note arrives before the question that follows it.
            per_person: dict[int, list[DueRow]] = {}
            for row in claimed:
                per_person.setdefault(row.user_id, []).append(row)
            await asyncio.gather(
                *(self._deliver_in_order(queue, rows) for rows in per_person.values())
            )

    async def _deliver_in_order(self, queue: DueQueue, rows: Sequence[DueRow]) -> None:
        for row in rows:
            await self._deliver_tracked(queue, row)

    async def drain(self) -> None:
        """Wait for deliveries in progress (graceful shutdown)."""
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)

    async def _deliver_tracked(self, queue: DueQueue, row: DueRow) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            await self._deliver_one(queue, row)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def _deliver_one(self, queue: DueQueue, row: DueRow) -> None:
        store, now = queue.store, self._clock.now
        late = now() - row.due_at > self._late_after
        try:
            outcome = await self._policy.send(
                lambda: queue.deliver(row, late), user_id=row.user_id, attempts=row.attempts
            )
        except Exception as error:  # a bug must not stop the other deliveries
            logger.exception("%s %s failed", queue.name, row.id)
            outcome = self._policy.transient(repr(error), row.attempts)
        match outcome.next:
            case Next.DONE:
                await store.mark_sent(row.id, now(), late)
            case Next.HOLD | Next.BLOCKED:  # the person is away: kept for their return
                await store.release(row.id)
            case Next.DROP:
                await store.cancel(row.id, now())
            case Next.REFUSED:
                logger.error("%s %s refused by Telegram: %s", queue.name, row.id, outcome.reason)
                await store.mark_failed(row.id, now())
            case Next.GIVE_UP:
                logger.error(
                    "%s %s failed after %s attempts: %s",
                    queue.name,
                    row.id,
                    outcome.attempts,
                    outcome.reason,
                )
                await store.mark_failed(row.id, now())
            case Next.RETRY:
                logger.warning(
                    "%s %s: %s; retrying in %s", queue.name, row.id, outcome.reason, outcome.delay
                )
                await store.retry_later(row.id, now() + outcome.delay, outcome.attempts)
            case Next.POSTPONE:  # not tried: the same attempts, a little later
                await store.retry_later(row.id, now() + outcome.delay, outcome.attempts)
