"""Which message a check-in reminder suggests sending to the client, and what it quotes.

The texts are in bot.content.drafts; choosing one is a rule over the reminder's data (the
client's measured change, whether the project has a number, how long ago it ended), so the
reminder view only renders the choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.content.drafts import DRAFTS, NO_METRIC_DRAFTS, RESULT_DRAFTS, Draft
from bot.reading.numbers import Change
from bot.rules.checkins import AgeBucket, age_bucket
from storage.projects import Project

NO_PROJECT_DRAFT = "draft-no-project"  # a client with no project recorded yet


@dataclass(frozen=True, slots=True)
class Measured:
    """What the client's number did since the project, and its values before and now as
    the freelancer typed them."""

    change: Change
    baseline: str
    latest: str


@dataclass(frozen=True, slots=True)
class DraftChoice:
    """A draft's text key and the freelancer's own words it quotes."""

    key: str
    values: Mapping[str, str]


def pick_draft(
    bucket: AgeBucket, seed: int, change: Change | None = None, *, has_metric: bool = True
) -> Draft:
    """A different draft from one check-in to the next, stable for one check-in; chosen
    by the client's measured change when there is one, else by the project's age, and
    asking for a number when the project has none."""
    if change is not None:
        options = RESULT_DRAFTS[change]
    elif not has_metric:
        options = NO_METRIC_DRAFTS
    else:
        options = DRAFTS[bucket]
    return options[seed % len(options)]


def reminder_draft(
    seed: int, client: str, project: Project | None, today: date, measured: Measured | None
) -> DraftChoice:
    """The draft of one check-in's reminder: `seed` (the check-in's id) varies it from one
    check-in to the next; `project` is the one the reminder speaks of, if any."""
    if project is None:
        return DraftChoice(NO_PROJECT_DRAFT, {"client": client})
    chosen = pick_draft(
        age_bucket(project.finished_on, today),
        seed,
        measured.change if measured is not None else None,
        has_metric=bool(project.metric),
    )
    values = {"client": client, "project": project.title}
    if project.metric:  # the no-metric drafts never name one
        values["metric"] = project.metric
    if measured is not None:
        values |= {"baseline": measured.baseline, "latest": measured.latest}
    return DraftChoice(chosen.key, values)
