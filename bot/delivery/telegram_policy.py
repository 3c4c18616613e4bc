"""How a bulk send treats Telegram's answers, in one place for due work and broadcasts.

- 429 (too many requests): every bulk sender pauses for `retry_after` (the pacer is
  shared), then the same send is tried again;
- 403 (the user blocked the bot): final, never retried; the person is blocked through the
  one "user blocked the bot" action, which holds their scheduled work;
- 400 (chat not found, a deactivated account, a message Telegram refuses): final,
  retrying cannot help;
- network errors and 5xx: transient; tried again later, with a growing delay, then
  given up (`retry_delay`);
- a send budget that cannot be asked (Redis down, with several instances): nothing was
  sent, so the send is postponed without counting as an attempt.

`TelegramPolicy.send` sends one item and answers with what follows (`Next`); the caller
only carries it out in its own storage: due rows go back to their table, a broadcast's
recipient is retried in place.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum, auto
from typing import Protocol, TypeVar

from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.delivery.pacer import BudgetUnavailableError, SendBudget

logger = logging.getLogger(__name__)

MAX_429_RETRIES = 5
MAX_ATTEMPTS = 5  # a transient failure is tried this many times in all
RETRY_BASE = timedelta(seconds=30)  # then 1, 2, 4 minutes


class Sent(Enum):
    """What a sender did with one item, when Telegram raised nothing."""

    YES = auto()
    HELD = auto()  # the person cannot be reached now (blocked): keep it for later
    NOTHING = auto()  # nothing left to send (the client or the subscription is gone)


ItemT_contra = TypeVar("ItemT_contra", contravariant=True)


class Sender(Protocol[ItemT_contra]):
    """Sends one item (a due check-in, nudge or tip; one copy of a broadcast).

    The same steps in every sender: find what to send (`Sent.NOTHING` when it is gone),
    hold it for a person who blocked the bot (`Sent.HELD`), render, send, then whatever
    the sent item sets off. Telegram's errors go up to `TelegramPolicy`.
    """

    async def send(self, item: ItemT_contra, late: bool) -> Sent:
        """`late`: it goes out well after it was due (downtime, retries)."""


OnBlocked = Callable[[int], Awaitable[object]]  # the one "user blocked the bot" action


class Next(Enum):
    """What follows one send."""

    DONE = auto()  # sent: record it
    HOLD = auto()  # the person cannot be reached now: keep it, not due while they are away
    DROP = auto()  # nothing left to send: cancel it
    BLOCKED = auto()  # 403: the person has been blocked; nothing more goes to them
    REFUSED = auto()  # 400: failed, retrying cannot help
    GIVE_UP = auto()  # transient failures `MAX_ATTEMPTS` times: failed
    RETRY = auto()  # transient: try again after `delay`, counted as an attempt
    POSTPONE = auto()  # not tried (the send budget did not answer): again after `delay`


@dataclass(frozen=True, slots=True)
class Outcome:
    next: Next
    attempts: int  # attempts that reached Telegram so far, this one included
    delay: timedelta = timedelta(0)  # RETRY and POSTPONE: how long to wait
    reason: str = ""  # what Telegram (or the budget) said, for the log


_AFTER_SENT = {Sent.YES: Next.DONE, Sent.HELD: Next.HOLD, Sent.NOTHING: Next.DROP}


class TelegramPolicy:
    """Sends through the pacer and decides what follows, for due work and broadcasts."""

    def __init__(
        self,
        pacer: SendBudget,
        on_blocked: OnBlocked,
        *,
        postpone: timedelta,
        retry_base: timedelta = RETRY_BASE,
    ) -> None:
        """`postpone`: how long a send waits when the budget could not be asked; due
        work and broadcasts wait differently, and each says why."""
        self._pacer = pacer
        self._on_blocked = on_blocked
        self._retry_base = retry_base
        self._postpone = postpone

    async def send(
        self, send: Callable[[], Awaitable[Sent]], *, user_id: int, attempts: int
    ) -> Outcome:
        """Run `send` inside a pacer slot; `attempts`: how many earlier tries reached
        Telegram. A 403 blocks `user_id` before this returns. Anything else `send`
        raises (a bug, a database error) goes up to the caller."""
        outcome = await self._try(send, attempts)
        if outcome.next is Next.BLOCKED:
            await self._on_blocked(user_id)
        return outcome

    def transient(self, reason: str, attempts: int) -> Outcome:
        """A failure that may pass: again after a growing delay, or given up."""
        tried = attempts + 1
        delay = retry_delay(tried, self._retry_base)
        if delay is None:
            return Outcome(Next.GIVE_UP, tried, reason=reason)
        return Outcome(Next.RETRY, tried, delay, reason)

    async def _try(self, send: Callable[[], Awaitable[Sent]], attempts: int) -> Outcome:
        for _ in range(MAX_429_RETRIES + 1):
            try:
                async with self._pacer.slot():
                    sent = await send()
            except BudgetUnavailableError as error:
                logger.warning("Bulk send postponed: %s", error)
                return Outcome(Next.POSTPONE, attempts, self._postpone, str(error))
            except TelegramRetryAfter as error:
                # Not an attempt: Telegram asked everyone to wait, not this send to fail.
                logger.warning("429 from Telegram: pausing bulk sends for %ss", error.retry_after)
                await self._pacer.pause(error.retry_after)
                continue
            except TelegramForbiddenError as error:
                return Outcome(Next.BLOCKED, attempts + 1, reason=error.message)
            except TelegramBadRequest as error:
                return Outcome(Next.REFUSED, attempts + 1, reason=error.message)
            except (TelegramNetworkError, TelegramServerError) as error:
                return self.transient(f"{type(error).__name__}: {error.message}", attempts)
            return Outcome(_AFTER_SENT[sent], attempts + 1)
        return self.transient("too many 429 answers", attempts)


def retry_delay(attempts: int, base: timedelta = RETRY_BASE) -> timedelta | None:
    """How long to wait after the `attempts`-th transient failure; None: give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return base * int(2 ** (attempts - 1))
