"""Runs admin broadcasts: one at a time, concurrent copyMessage requests through the
global pacer (never send-then-sleep), each recipient's status persisted, progress shown
to the admin, cancellable, and resumed after a crash where it stopped.

With several instances, the one holding the broadcast lease sends and renews it while it
runs; the others wait for the lease. When the holder dies its lease lapses, another
instance takes it and carries on where the broadcast stopped (recipients caught mid-send
are sent again: at most one duplicate each, nobody lost)."""

from __future__ import annotations

import asyncio
import logging
import math
from contextlib import suppress
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bot.clock import Clock
from bot.delivery.broadcast_sender import BroadcastCopy, BroadcastSender
from bot.delivery.pacer import SendBudget, Sleep
from bot.delivery.telegram_policy import Next, Sender, TelegramPolicy
from bot.i18n import I18n, Translator
from bot.lease import Lease, LocalLease, keep
from bot.services.accounts import AccountService
from bot.views.broadcast import progress_screen
from storage.broadcasts import (
    Broadcast,
    BroadcastRepository,
    BroadcastStatus,
    Recipient,
    RecipientStatus,
)

logger = logging.getLogger(__name__)

# Renewed every third of it while sending: an instance that dies mid-broadcast is
# replaced within about this long.
LEASE_LIFETIME = timedelta(seconds=15)
# The shared send budget did not answer: ask again after this. Shorter than due work's
# wait, because a copy waits in place, holding one of the few workers, rather than going
# back to a table that a sweep reads again.
POSTPONE = timedelta(seconds=5)


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
        lease: Lease | None = None,
        lease_lifetime: timedelta = LEASE_LIFETIME,
    ) -> None:
        self._broadcasts = broadcasts
        self._accounts = accounts
        self._bot = bot
        self._sender: Sender[BroadcastCopy] = BroadcastSender(bot, paid=paid)
        self._policy = TelegramPolicy(pacer, accounts.block, postpone=POSTPONE)
        self._i18n = i18n
        self._clock = clock
        self._sleep = sleep
        self._progress_every = progress_every
        # About one second of sends per claimed batch, so a cancel takes effect within
        # two seconds; enough workers to keep the pacer busy across network latency.
        self._batch = max(10, int(pacer.rate))
        self._workers = max(8, math.ceil(pacer.rate / 4))
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._stopped = asyncio.Event()
        self._lease = lease or LocalLease()
        self._lease_lifetime = lease_lifetime
        self._renew_every = lease_lifetime.total_seconds() / 3
        self._lost = False  # the lease lapsed under us: another instance carries on
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
        stays 'sending' and resumes at the next start, or on another instance."""
        self._stopping = True
        self._stopped.set()
        await self.wait()

    async def run_all(self) -> None:
        if not await self._take_lease():
            return
        self._lost = False
        renewing = asyncio.create_task(self._keep_lease())
        try:
            while not self._halted() and (broadcast := await self._broadcasts.next_to_run()):
                await self.run(broadcast)
        finally:
            renewing.cancel()
            with suppress(asyncio.CancelledError):
                await renewing
            if not self._lost:
                try:
                    await self._lease.release()
                except Exception:  # Redis gone: the lease lapses by itself
                    logger.warning("Could not hand the broadcast lease back", exc_info=True)

    async def _take_lease(self) -> bool:
        """The lease, once its holder (another instance) lets go or dies; False when
        there is nothing to send or this instance stops first."""
        while not self._stopping:
            if await self._lease.acquire():
                return True
            if await self._broadcasts.next_to_run() is None:
                return False
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), self._renew_every)
        return False

    async def _keep_lease(self) -> None:
        """Renew while sending; once the lease is lost, stop sending: the instance that
        takes it over carries on."""
        await keep(self._lease, self._lease_lifetime)
        logger.error("Lost the broadcast lease; another instance carries on")
        self._lost = True

    def _halted(self) -> bool:
        return self._stopping or self._lost

    async def run(self, broadcast: Broadcast) -> None:
        await self._broadcasts.start(broadcast.id, self._clock.now())
        admin = await self._accounts.get(broadcast.admin_id)
        t = self._i18n.get(admin.language if admin else "en")
        reporter = asyncio.create_task(self._report(broadcast, t))
        try:
            while True:
                cancelled = await self._pipeline(broadcast)
                if cancelled or self._halted():
                    break
                # Recipients still 'sending' now were claimed by an instance that lost
                # the lease before sending them: nobody else will, so send them here.
                if not await self._broadcasts.release(broadcast.id):
                    break
        finally:
            reporter.cancel()
            with suppress(asyncio.CancelledError):
                await reporter
        if self._lost:
            return  # the new holder sends what this instance had claimed
        if cancelled or self._stopping:
            await self._broadcasts.release(broadcast.id)
        if self._stopping and not cancelled:
            return  # resumed at the next start
        if not cancelled:
            # A cancel can land after the last send and before this: the summary then
            # says cancelled, as /broadcasts does, with whatever was sent.
            cancelled = not await self._broadcasts.finish(
                broadcast.id, BroadcastStatus.DONE, self._clock.now()
            )
        final = BroadcastStatus.CANCELLED if cancelled else BroadcastStatus.DONE
        await self._show_progress(broadcast, t, final=final)
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
                    if current is None or current.status == BroadcastStatus.CANCELLED:
                        cancelled = True
                        return
                    if self._halted():
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
                if not cancelled and not self._halted():
                    await self._send(broadcast, recipient)

        tasks = [asyncio.create_task(produce())]
        tasks += [asyncio.create_task(consume()) for _ in range(self._workers)]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            # One failed part must not leave the others claiming and sending unseen.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        return cancelled

    async def _send(self, broadcast: Broadcast, recipient: Recipient) -> None:
        """One recipient, retried in place until the policy says it is over. Anything the
        policy does not know (a bug, a revoked token) goes up and stops the broadcast: it
        stays 'sending' and resumes at the next start, rather than failing everyone left."""
        copy = BroadcastCopy(broadcast, recipient)
        attempts = 0
        while True:
            outcome = await self._policy.send(
                lambda: self._sender.send(copy, late=False),
                user_id=recipient.user_id,
                attempts=attempts,
            )
            attempts = outcome.attempts
            match outcome.next:
                case Next.POSTPONE if self._halted():  # not tried: Redis did not answer
                    return  # still claimed: released at the stop, or sent by the next holder
                case Next.POSTPONE | Next.RETRY:
                    await self._sleep(outcome.delay.total_seconds())
                    continue
                case Next.DONE:
                    status = RecipientStatus.SENT
                case Next.BLOCKED:
                    status = RecipientStatus.BLOCKED
                case _:  # refused (400) or given up; a copy is never held or dropped
                    logger.info(
                        "Broadcast %s to %s failed: %s",
                        broadcast.id,
                        recipient.user_id,
                        outcome.reason,
                    )
                    status = RecipientStatus.FAILED
            await self._broadcasts.mark(broadcast.id, recipient.user_id, status)
            return

    async def _report(self, broadcast: Broadcast, t: Translator) -> None:
        while True:
            await self._sleep(self._progress_every)
            await self._show_progress(broadcast, t)

    async def _show_progress(
        self, broadcast: Broadcast, t: Translator, final: BroadcastStatus | None = None
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
                screen.text,
                chat_id=current.admin_id,
                message_id=current.progress_message_id,
                reply_markup=screen.keyboard,
            )
