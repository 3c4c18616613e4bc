"""APScheduler 3.x only wakes the due-work runner: one date job at the earliest due
time (re-armed when a sooner row appears) and a periodic sweep as a safety net. No job
per check-in, no pickled job store: the database holds the work."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 30
WAKE_JOB = "due-work-wake"
SWEEP_JOB = "due-work-sweep"

RunDue = Callable[[], Awaitable[datetime | None]]


class SchedulerWaker:
    def __init__(self, clock: Clock, sweep_seconds: int = SWEEP_SECONDS) -> None:
        self._run_due: RunDue | None = None
        self._running: set[asyncio.Task[None]] = set()
        self._clock = clock
        self._armed_for: datetime | None = None
        self._closing = False
        self._sweep_seconds = sweep_seconds
        # Memory job store: the two jobs are rebuilt at every start.
        self.scheduler = AsyncIOScheduler(timezone="UTC")

    def attach(self, run_due: RunDue) -> None:
        """What to run when woken (the runner is built after the waker it uses)."""
        self._run_due = run_due

    def start(self) -> None:
        """Sweep at once (catch-up after downtime), then every `sweep_seconds`."""
        self.scheduler.add_job(
            self._wake,
            "interval",
            seconds=self._sweep_seconds,
            id=SWEEP_JOB,
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
        self.scheduler.start()

    async def close(self) -> None:
        """Stop waking, and let a run in progress finish (graceful shutdown). The
        scheduler's shutdown would cancel a running job, so it comes last."""
        if not self.scheduler.running:
            return
        self._closing = True
        self.scheduler.pause()
        # A job handed to the event loop just before the pause has not started yet: let
        # it start, see the waker closing and return, rather than run into a closed
        # database and be cancelled when the loop ends.
        await asyncio.sleep(0)
        if self._running:
            await asyncio.gather(*self._running, return_exceptions=True)
        self.scheduler.shutdown(wait=False)

    def next_wake(self) -> datetime | None:
        """The moment, on the bot's clock, the wake-up is armed for."""
        return self._armed_for if self.scheduler.get_job(WAKE_JOB) else None

    def notify(self, due_at: datetime) -> None:
        current = self.next_wake()
        if current is None or due_at < current:
            self._arm(due_at)

    def wake_now(self) -> None:
        """Run due work at once: the clock was moved on (the playground's clock buttons)."""
        self._arm(self._clock.now())

    def _arm(self, due_at: datetime) -> None:
        self._armed_for = due_at
        # APScheduler keeps wall-clock time, while due times are on the bot's clock, which
        # may run ahead of it: wait the difference. A moment already past runs at once
        # (misfire_grace_time=None: never dropped).
        wait = max(due_at - self._clock.now(), timedelta(milliseconds=10))
        self.scheduler.add_job(
            self._wake,
            "date",
            run_date=datetime.now(UTC) + wait,
            id=WAKE_JOB,
            replace_existing=True,
            misfire_grace_time=None,
        )

    async def _wake(self) -> None:
        task = asyncio.current_task()
        if self._run_due is None or task is None or self._closing:
            return
        self._running.add(task)
        try:
            next_due = await self._run_due()
        except Exception:
            logger.exception("Due-work run failed; the sweep will try again")
            return
        finally:
            self._running.discard(task)
        if next_due is not None:
            self._arm(next_due)
