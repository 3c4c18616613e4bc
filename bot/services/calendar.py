"""The one "today" of the use cases: the person's calendar day on the injected clock."""

from __future__ import annotations

from datetime import date

from bot.clock import Clock
from bot.rules.local_time import local_today
from storage.users import User


class PersonalCalendar:
    """Mixed into a service that speaks of days; the service sets `_clock`."""

    _clock: Clock

    def today(self, user: User) -> date:
        return local_today(self._clock.now(), user.timezone)
