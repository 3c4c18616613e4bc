"""Suggested messages to a past client: by what the client's number did since the
project when it has been measured, else by how long ago the project ended (which one a
reminder suggests is the rule in bot.rules.drafts).

Every draft speaks of the client's business result, never "anything else I can do?".
A referral ask comes only after a result that got better: asking for a favour before the
client has seen the work pay off puts the freelancer's income ahead of the client's (I6, I7).
Titles and metrics are the freelancer's own words ("CTR", "orders/wk"), so the texts quote
them or name them where any noun phrase reads well, and a title at most once per text.
An offer to look at the numbers is kept apart from changes, which are a small paid piece of
work (I7); an idea is the freelancer's to write in, never a teaser (I5).
Texts are `draft-<bucket>-<n>`, `draft-no-metric-<n>` and `draft-<change>-<n>` in the
locale files, each opened by `draft-hello`; Russian ones choose «вы» or «ты» by $address.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.reading.numbers import Change
from bot.rules.checkins import AgeBucket


@dataclass(frozen=True, slots=True)
class Draft:
    key: str
    ideas: tuple[str, ...]


DRAFTS: dict[AgeBucket, tuple[Draft, ...]] = {
    AgeBucket.WEEKS: (
        Draft("draft-2w-1", ("I9", "I10")),
        Draft("draft-2w-2", ("I9", "I12")),
        Draft("draft-2w-3", ("I4", "I9")),
    ),
    AgeBucket.MONTH: (
        Draft("draft-1m-1", ("I10", "I11")),
        Draft("draft-1m-2", ("I9", "I10")),
        Draft("draft-1m-3", ("I10", "I12")),
    ),
    AgeBucket.MONTHS: (
        Draft("draft-3m-1", ("I11", "I12")),
        Draft("draft-3m-2", ("I10", "I11")),
        Draft("draft-3m-3", ("I1", "I11")),
    ),
}

# Drafts that say it has been a while: never offered after a recent contact.
LONG_GAP_DRAFTS = frozenset({"draft-3m-1"})

# A project without a number to follow: ask what would show the result, so the next
# check-in can talk about it (I9), in the client's terms rather than the spec's (I4).
NO_METRIC_DRAFTS: tuple[Draft, ...] = (
    Draft("draft-no-metric-1", ("I9", "I10")),
    Draft("draft-no-metric-2", ("I4", "I9")),
)


# Once the number is known, the message follows it: a result worth building on (I10, I11),
# or an honest look at a number that did not move, never hidden (I9, I10). Only a result
# that got better earns a referral ask (I1, I11).
RESULT_DRAFTS: dict[Change, tuple[Draft, ...]] = {
    Change.IMPROVED: (
        Draft("draft-improved-1", ("I10", "I11")),
        Draft("draft-improved-2", ("I9", "I10")),
        Draft("draft-improved-3", ("I10", "I11")),
        Draft("draft-improved-4", ("I1", "I11")),
    ),
    Change.SAME: (
        Draft("draft-same-1", ("I9", "I10")),
        Draft("draft-same-2", ("I8", "I9")),
    ),
    Change.WORSE: (
        Draft("draft-worse-1", ("I9", "I10")),
        Draft("draft-worse-2", ("I8", "I10")),
    ),
}
