"""What the bot's admins do: the overview, and broadcasts from creation to cancel.

A broadcast is one use case in three steps, each a method here: count every audience
(`audience_sizes`), create the queued broadcast with its recipients fixed
(`create_broadcast`), then, once the admin's progress message exists, start it
(`start_broadcast`). The sending itself belongs to delivery: this service only asks
its `BroadcastRunner` to look for queued work, so it knows nothing of the Bot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.clock import Clock
from storage.broadcasts import Audience, Broadcast, BroadcastStatus, Progress
from storage.overview import Overview
from storage.repositories import Repositories


class BroadcastRunner(Protocol):
    def kick(self) -> object:
        """Make sure queued broadcasts are being sent (what it returns is not used)."""


@dataclass(frozen=True, slots=True)
class NewBroadcast:
    broadcast: Broadcast
    waiting: bool  # another broadcast is running: this one goes after it


@dataclass(frozen=True, slots=True)
class PastBroadcast:
    broadcast: Broadcast
    progress: Progress


class AdminService:
    def __init__(self, repos: Repositories, runner: BroadcastRunner, clock: Clock) -> None:
        self._repos = repos
        self._broadcasts = repos.broadcasts
        self._runner = runner
        self._clock = clock

    async def overview(self) -> Overview:
        return await self._repos.overview.overview(self._clock.now())

    async def audience_size(self, audience: Audience) -> int:
        return await self._broadcasts.audience_size(audience.value)

    async def audience_sizes(self) -> dict[Audience, int]:
        """How many people each audience reaches now, in the order they are offered."""
        return {audience: await self.audience_size(audience) for audience in Audience}

    async def create_broadcast(
        self, admin_id: int, from_chat_id: int, message_id: int, audience: Audience
    ) -> NewBroadcast | None:
        """Queued, not yet started: the admin's progress message comes first. None when
        nobody is in the audience now: nothing is recorded."""
        if await self.audience_size(audience) == 0:
            return None
        waiting = await self._broadcasts.is_running()
        created = await self._broadcasts.create(
            admin_id, from_chat_id, message_id, audience.value, self._clock.now()
        )
        return NewBroadcast(created, waiting)

    async def start_broadcast(self, broadcast_id: int, progress_message_id: int | None) -> None:
        """Sending shows its progress in that message (when there is one), and starts
        now, or after the broadcast running before it."""
        if progress_message_id is not None:
            await self._broadcasts.set_progress_message(broadcast_id, progress_message_id)
        self._runner.kick()

    async def cancel_broadcast(self, broadcast_id: int) -> PastBroadcast | None:
        """The broadcast as it was when cancelled (queued, or sending), with its
        figures; None when it had already finished (an old button)."""
        before = await self._broadcasts.get(broadcast_id)
        if before is None or not await self._broadcasts.finish(
            broadcast_id, BroadcastStatus.CANCELLED, self._clock.now()
        ):
            return None
        return PastBroadcast(before, await self._broadcasts.progress(broadcast_id))

    async def recent_broadcasts(self, limit: int) -> list[PastBroadcast]:
        found = []
        for broadcast in await self._broadcasts.recent(limit):
            found.append(PastBroadcast(broadcast, await self._broadcasts.progress(broadcast.id)))
        return found
