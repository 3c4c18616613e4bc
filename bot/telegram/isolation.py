"""Per-conversation event isolation that frees its locks.

aiogram's SimpleEventIsolation keeps one lock per key forever; over months of users that
is a slow leak. This one counts waiters and drops a lock when nobody holds or awaits it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey


class ConversationLocks(BaseEventIsolation):
    def __init__(self) -> None:
        self._locks: dict[StorageKey, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def held(self) -> int:
        """Keys with a holder or waiter. (Not __len__: aiogram tests the object's truth.)"""
        return len(self._locks)

    async def close(self) -> None:
        self._locks.clear()
