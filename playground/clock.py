"""The playground's clock: real time that flows on, plus however far the page has moved
it forward, so a check-in two weeks away arrives after a click instead of two weeks."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.delivery.wakeup import RunDue

Step = Literal["hour", "day", "week", "month"]
STEPS: tuple[Step, ...] = ("hour", "day", "week", "month")
# A month of daily tips, nudges and check-ins for three people stays well under this.
MAX_STOPS = 1000


class MovableClock:
    def __init__(
        self,
        ahead: timedelta = timedelta(),
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._wall = wall
        self._ahead = ahead

    def now(self) -> datetime:
        return self._wall() + self._ahead

    @property
    def ahead(self) -> timedelta:
        """How far the clock runs ahead of real time."""
        return self._ahead

    def later(self, step: Step) -> datetime:
        """Now plus one step; a month is a calendar month (31 Jan + 1 month is 28 or 29
        Feb), as a person counts it."""
        now = self.now()
        return add_month(now) if step == "month" else now + _STEP_DELTAS[step]

    def move_to(self, moment: datetime) -> None:
        """Jump forward to `moment`; never back (due work already done stays done)."""
        self._ahead += max(moment - self.now(), timedelta())


async def walk(clock: MovableClock, target: datetime, run_due: RunDue) -> None:
    """Move the clock to `target` through every moment work falls due on the way, running
    it there: a check-in, nudge or tip arrives at its own time, as if the days had passed,
    not all at once and marked late."""
    for _ in range(MAX_STOPS):
        next_due = await run_due()
        if next_due is None or next_due > target:
            break
        # A row due now that could not go (a retry) waits its turn: step past it.
        clock.move_to(max(next_due, clock.now() + timedelta(seconds=1)))
    clock.move_to(target)


_STEP_DELTAS = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}


def add_month(moment: datetime) -> datetime:
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
