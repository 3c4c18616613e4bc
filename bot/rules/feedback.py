"""The rules of asking a client for their own view: the link's token, how often a client
may be asked, and how the client's answers are held against the freelancer's own.

The client answers three questions, each the mirror of one the freelancer answered in
their reflection (bot/content/questions.py): "did they understand what you really
needed" beside "request" (I8, I9), the number now beside the freelancer's own reading
(I9, I10), "would you work with them again" beside "return" (I11).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from bot.rules.checkins import add_months

# A /start payload is at most 64 characters of [A-Za-z0-9_-]: a prefix that says what the
# link is for, then 32 characters (192 random bits).
PAYLOAD_PREFIX = "fb_"
_PAYLOAD = re.compile(rf"^{PAYLOAD_PREFIX}[A-Za-z0-9_-]{{32}}$")
LINK_LIFETIME = timedelta(days=30)
# The 1-5 and 0-10 gaps from which the advice names the difference: a whole "it stayed
# vague" between "the goal is written down" and what the client felt.
LARGE_GAP_SCALE = 2
LARGE_GAP_TEN = 3


def new_payload() -> str:
    return PAYLOAD_PREFIX + secrets.token_urlsafe(24)


def is_payload(text: str | None) -> bool:
    return text is not None and _PAYLOAD.match(text) is not None


def payload_hash(payload: str) -> str:
    """What is stored of a link: anyone reading the database cannot answer for a client."""
    return hashlib.sha256(payload.encode()).hexdigest()


def next_request_day(last_asked_on: date) -> date:
    """At most one request a month per client: the day the next one may be made."""
    return add_months(last_asked_on, 1)


@dataclass(frozen=True, slots=True)
class Pair:
    """One question as both saw it; None where one of them gave no answer."""

    question: str  # 'understood' or 'again'
    mine: int | None
    theirs: int | None
    scale: int  # 5 or 10

    @property
    def gap(self) -> int | None:
        """How much better the freelancer saw it than the client (negative: worse)."""
        if self.mine is None or self.theirs is None:
            return None
        return self.mine - self.theirs

    @property
    def is_large(self) -> bool:
        limit = LARGE_GAP_SCALE if self.scale == 5 else LARGE_GAP_TEN
        return self.gap is not None and self.gap >= limit
