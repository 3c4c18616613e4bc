"""Runs admin broadcasts: one at a time, concurrent copyMessage requests through the
global pacer (never send-then-sleep), each recipient's status persisted, progress shown
to the admin, cancellable, and resumed after a crash where it stopped."""

from __future__ import annotations

import asyncio
import logging
import math
from contextlib import suppress

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bot.clock import Clock
from bot.delivery.pacer import SendBudget, Sleep
from bot.delivery.telegram_policy import Sent, Verdict, retry_delay, send_paced
from bot.i18n import I18n, Translator
from bot.services.accounts import AccountService
from bot.views.broadcast import progress_screen
from storage.broadcasts import Broadcast, BroadcastRepository, Recipient

logger = logging.getLogger(__name__)


class Broadcaster:
    def __init__(
        self,
        broadcasts: BroadcastRepository,
        accounts: AccountService,
        bot: Bot,
        pacer: SendBudget,
        i18n: I18n,
        clock: Clock,
        *,
        paid: bool = False,
        sleep: Sleep = asyncio.sleep,
        progress_every: float = 3.0,
    ) -> None:
        self._broadcasts = broadcasts
        self._accounts = accounts
        self._bot = bot
        self._pacer = pacer
        self._i18n = i18n
        self._clock = clock
        self._paid = paid
        self._sleep = sleep
        self._progress_every = progress_every
        # About one second of sends per claimed batch, so a cancel takes effect within
        # two seconds; enough workers to keep the pacer busy across network latency.
        self._batch = max(10, int(pacer.rate))
        self._workers = max(8, math.ceil(pacer.rate / 4))
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._shown: dict[int, str] = {}  # broadcast id -> progress text on screen

    def kick(self) -> asyncio.Task[None]:
        """Make sure queued (or interrupted) broadcasts are being sent."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.run_all())
        return self._task

    async def wait(self) -> None:
        if self._task is not None:
            await self._task

    async def stop(self) -> None:
        """Shutting down: sends on their way finish, no new ones start; the broadcast
        stays 'sending' and resumes at the next start."""
        self._stopping = True
        await self.wait()

    async def run_all(self) -> None:
        while not self._stopping and (broadcast := await self._broadcasts.next_to_run()):
            await self.run(broadcast)

    async def run(self, broadcast: Broadcast) -> None:
        await self._broadcasts.start(broadcast.id, self._clock.now())
        admin = await self._accounts.get(broadcast.admin_id)
        t = self._i18n.get(admin.language if admin else "en")
        reporter = asyncio.create_task(self._report(broadcast, t))
        try:
            cancelled = await self._pipeline(broadcast)
        finally:
            reporter.cancel()
            with suppress(asyncio.CancelledError):
                await reporter
        if cancelled or self._stopping:
            await self._broadcasts.release(broadcast.id)
        if self._stopping and not cancelled:
            return  # resumed at the next start
        if not cancelled:
            await self._broadcasts.finish(broadcast.id, "done", self._clock.now())
        await self._show_progress(broadcast, t, final="cancelled" if cancelled else "done")
        self._shown.pop(broadcast.id, None)

    async def _pipeline(self, broadcast: Broadcast) -> bool:
        """One producer claims recipients batch by batch while workers send; the next
        batch is claimed before the current one is done, so the pacer never idles.
        Returns whether the broadcast was cancelled."""
        queue: asyncio.Queue[Recipient | None] = asyncio.Queue(maxsize=self._batch)
        cancelled = False

        async def produce() -> None:
            nonlocal cancelled
            try:
                while True:
                    current = await self._broadcasts.get(broadcast.id)
                    if current is None or current.status == "cancelled":
                        cancelled = True
                        return
                    if self._stopping:
                        return
                    batch = await self._broadcasts.claim(broadcast.id, self._batch)
                    if not batch:
                        return
                    for recipient in batch:
                        await queue.put(recipient)
            finally:
                for _ in range(self._workers):
                    await queue.put(None)

        async def consume() -> None:
            while (recipient := await queue.get()) is not None:
                # Claimed but not sent after a cancel or a stop: released afterwards.
                if not cancelled and not self._stopping:
                    await self._send(broadcast, recipient)

        await asyncio.gather(produce(), *(consume() for _ in range(self._workers)))
        return cancelled

    async def _send(self, broadcast: Broadcast, recipient: Recipient) -> None:
        async def copy() -> Sent:
            await self._bot.copy_message(
                chat_id=recipient.chat_id,
                from_chat_id=broadcast.from_chat_id,
                message_id=broadcast.message_id,
                allow_paid_broadcast=True if self._paid else None,
            )
            return Sent.YES

        attempts = 0
        while True:
            attempt = await send_paced(self._pacer, copy)
            attempts += 1
            if attempt.verdict is Verdict.SENT:
                status = "sent"
            elif attempt.verdict is Verdict.BLOCKED:
                await self._accounts.block(recipient.user_id)
                status = "blocked"
            elif attempt.verdict is Verdict.TRANSIENT and (delay := retry_delay(attempts)):
                await self._sleep(delay.total_seconds())
                continue
            else:  # 400 ("chat not found", a deactivated account), or retries exhausted
                logger.info("Broadcast %s to %s failed: %s", broadcast.id, recipient.user_id,
                            attempt.reason)  # fmt: skip
                status = "failed"
            await self._broadcasts.mark(broadcast.id, recipient.user_id, status)
            return

    async def _report(self, broadcast: Broadcast, t: Translator) -> None:
        while True:
            await self._sleep(self._progress_every)
            await self._show_progress(broadcast, t)

    async def _show_progress(
        self, broadcast: Broadcast, t: Translator, final: str | None = None
    ) -> None:
        current = await self._broadcasts.get(broadcast.id)
        if current is None or current.progress_message_id is None:
            return
        progress = await self._broadcasts.progress(broadcast.id)
        screen = progress_screen(t, broadcast.id, current.total, progress, final)
        # Telegram refuses an edit that changes nothing: only edit when the figures moved.
        if self._shown.get(broadcast.id) == screen.text:
            return
        self._shown[broadcast.id] = screen.text
        with suppress(TelegramBadRequest):  # the admin deleted the progress message
            await self._bot.edit_message_text(
                screen.text, chat_id=current.admin_id, message_id=current.progress_message_id,
                reply_markup=screen.keyboard,
            )  # fmt: skip
