"""Suggested messages to a past client, by how long ago the project ended.

Every draft asks about the client's business result, never "anything else I can do?".
Texts are `draft-<bucket>-<n>` in the locale files.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.checkin_rules import AgeBucket


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


def pick_draft(bucket: AgeBucket, seed: int) -> Draft:
    """A different draft from one check-in to the next, stable for one check-in."""
    options = DRAFTS[bucket]
    return options[seed % len(options)]
