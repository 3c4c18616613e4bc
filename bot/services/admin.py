"""What the bot's admins do: the overview, and broadcasts from creation to cancel."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from storage.broadcasts import Audience, Broadcast, BroadcastStatus, Progress
from storage.overview import Overview
from storage.repositories import Repositories


@dataclass(frozen=True, slots=True)
class NewBroadcast:
    broadcast: Broadcast
    waiting: bool  # another broadcast is running: this one goes after it


@dataclass(frozen=True, slots=True)
class PastBroadcast:
    broadcast: Broadcast
    progress: Progress


class AdminService:
    def __init__(self, repos: Repositories, clock: Clock) -> None:
        self._repos = repos
        self._broadcasts = repos.broadcasts
        self._clock = clock

    async def overview(self) -> Overview:
        return await self._repos.overview.overview(self._clock.now())

    async def audience_size(self, audience: Audience) -> int:
        return await self._broadcasts.audience_size(audience.value)

    async def create_broadcast(
        self, admin_id: int, from_chat_id: int, message_id: int, audience: Audience
    ) -> NewBroadcast:
        waiting = await self._broadcasts.is_running()
        created = await self._broadcasts.create(
            admin_id, from_chat_id, message_id, audience.value, self._clock.now()
        )
        return NewBroadcast(created, waiting)

    async def show_progress_in(self, broadcast_id: int, message_id: int) -> None:
        await self._broadcasts.set_progress_message(broadcast_id, message_id)

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
