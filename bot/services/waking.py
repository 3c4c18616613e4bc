"""What services need from whoever wakes the due-work runner: "look by then"."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Waker(Protocol):
    def notify(self, due_at: datetime) -> None:
        """A row now falls due at `due_at`: make sure someone looks by then."""
