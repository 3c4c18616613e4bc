"""How a bulk send treats Telegram's answers, in one place for due work and broadcasts.

- 429 (too many requests): every bulk sender pauses for `retry_after` (the pacer is
  shared), then the same send is tried again;
- 403 (the user blocked the bot): final, never retried; the caller holds the user's
  scheduled work through the one "user blocked the bot" action;
- 400 (chat not found, a deactivated account, a message Telegram refuses): final,
  retrying cannot help;
- network errors and 5xx: transient; tried again later, with a growing delay, then
  given up (`retry_delay`);
- a send budget that cannot be asked (Redis down, with several instances): nothing was
  sent, so the send is postponed without counting as an attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum, auto

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


class Verdict(Enum):
    SENT = auto()
    HELD = auto()
    NOTHING = auto()
    BLOCKED = auto()  # 403
    REJECTED = auto()  # 400
    TRANSIENT = auto()  # network, 5xx, or 429 too many times
    POSTPONED = auto()  # not tried: the shared send budget did not answer


@dataclass(frozen=True, slots=True)
class Attempt:
    verdict: Verdict
    reason: str = ""


_FROM_SENT = {Sent.YES: Verdict.SENT, Sent.HELD: Verdict.HELD, Sent.NOTHING: Verdict.NOTHING}


async def send_paced(pacer: SendBudget, send: Callable[[], Awaitable[Sent]]) -> Attempt:
    """Run `send` inside a pacer slot and classify what Telegram answered."""
    for _ in range(MAX_429_RETRIES + 1):
        try:
            async with pacer.slot():
                sent = await send()
        except BudgetUnavailableError as error:
            logger.warning("Bulk send postponed: %s", error)
            return Attempt(Verdict.POSTPONED, str(error))
        except TelegramRetryAfter as error:
            logger.warning("429 from Telegram: pausing bulk sends for %ss", error.retry_after)
            await pacer.pause(error.retry_after)
            continue
        except TelegramForbiddenError as error:
            return Attempt(Verdict.BLOCKED, error.message)
        except TelegramBadRequest as error:
            return Attempt(Verdict.REJECTED, error.message)
        except (TelegramNetworkError, TelegramServerError) as error:
            return Attempt(Verdict.TRANSIENT, f"{type(error).__name__}: {error.message}")
        return Attempt(_FROM_SENT[sent])
    return Attempt(Verdict.TRANSIENT, "too many 429 answers")


def retry_delay(attempts: int, base: timedelta = RETRY_BASE) -> timedelta | None:
    """How long to wait after the `attempts`-th transient failure; None: give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return base * int(2 ** (attempts - 1))
