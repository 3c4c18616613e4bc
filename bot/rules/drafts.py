"""Which message a check-in reminder suggests sending to the client, and what it says.

The texts are in bot.content.drafts; choosing one is a rule over the reminder's data (the
client's measured change and how fresh it is, whether the project has a number, how long
ago it ended, when the client was last in touch), so the reminder view only renders the
choice. What a client reads must be true on the day it is sent: the real time since the
project, a number only when it is recent, and no "long time no see" after a recent talk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.content.drafts import DRAFTS, LONG_GAP_DRAFTS, NO_METRIC_DRAFTS, RESULT_DRAFTS, Draft
from bot.reading.dates import elapsed
from bot.reading.numbers import Change, MetricReading
from bot.rules.checkins import AgeBucket, age_bucket
from storage.clients import Address
from storage.projects import Project

NO_PROJECT_DRAFT = "draft-no-project"  # a client with no project recorded yet
# A reading older than this is not "now": the draft asks for today's number instead.
FRESH_READING_DAYS = 30
# A contact within this many days is recent: no draft says it has been a long time.
RECENT_CONTACT_DAYS = 45
# How many ways of saying hello the greeting text has (draft-hello's $variant).
GREETINGS = 3

# A company rather than a person: a name in quotes («Зерно», "Acme") or with a legal form.
_COMPANY = re.compile(
    r"[«»\"“”„]|(?<!\w)(?:ооо|оао|зао|пао|ао|ип|нко|ано|llc|ltd|inc|gmbh|plc|corp|co)(?!\w)",
    re.IGNORECASE,
)


def is_company(name: str) -> bool:
    """Whether a client's name looks like a company's: «Кофейня «Зерно»», "ООО Ромашка",
    "Acme Ltd". A letter to a company is greeted without its name ("Здравствуйте,
    Кофейня «Зерно»!" reads as a mail merge); a person is greeted by name."""
    return _COMPANY.search(name) is not None


@dataclass(frozen=True, slots=True)
class Measured:
    """What the client's number did since the project: the readings before and now, and
    the day of the latest."""

    change: Change
    baseline: MetricReading
    latest: MetricReading
    read_on: date


@dataclass(frozen=True, slots=True)
class Greeting:
    """How a draft opens: by name or not (a company), in one of a few ways."""

    name: str
    company: bool
    variant: int  # 0 .. GREETINGS - 1


def greeting(name: str, seed: int) -> Greeting:
    return Greeting(name, is_company(name), seed % GREETINGS)


@dataclass(frozen=True, slots=True)
class DraftChoice:
    """A draft's text key and what it speaks of; the view writes the numbers and the
    time in the reader's language."""

    key: str
    greeting: Greeting
    address: Address
    project: str | None = None
    metric: str | None = None
    since: tuple[str, int] | None = None  # elapsed() since the project ended
    measured: Measured | None = None


def pick_draft(
    bucket: AgeBucket,
    seed: int,
    change: Change | None = None,
    *,
    has_metric: bool = True,
    recent_contact: bool = False,
) -> Draft:
    """A different draft from one check-in to the next, stable for one check-in; chosen
    by the client's measured change when there is a fresh one, else by the project's age
    (never "it's been a while" after a recent contact), and asking for a number when the
    project has none."""
    if change is not None:
        options = RESULT_DRAFTS[change]
    elif not has_metric:
        options = NO_METRIC_DRAFTS
    else:
        options = tuple(
            draft
            for draft in DRAFTS[bucket]
            if not (recent_contact and draft.key in LONG_GAP_DRAFTS)
        )
    return options[seed % len(options)]


def is_fresh(measured: Measured, today: date) -> bool:
    return (today - measured.read_on).days <= FRESH_READING_DAYS


def reminder_draft(
    seed: int,
    client: str,
    project: Project | None,
    today: date,
    measured: Measured | None,
    *,
    address: Address = Address.FORMAL,
    last_contact: date | None = None,
) -> DraftChoice:
    """The draft of one check-in's reminder: `seed` (the check-in's id) varies it from one
    check-in to the next; `project` is the one the reminder speaks of, if any; `address`
    is the client's «вы» or «ты»; `last_contact` the client's last contact day, if any."""
    hello = greeting(client, seed)
    if project is None:
        return DraftChoice(NO_PROJECT_DRAFT, hello, address)
    fresh = measured if measured is not None and is_fresh(measured, today) else None
    recent = last_contact is not None and (today - last_contact).days <= RECENT_CONTACT_DAYS
    chosen = pick_draft(
        age_bucket(project.finished_on, today),
        seed,
        fresh.change if fresh is not None else None,
        has_metric=bool(project.metric),
        recent_contact=recent,
    )
    return DraftChoice(
        chosen.key,
        hello,
        address,
        project=project.title,
        metric=project.metric or None,  # the no-metric drafts never name one
        since=elapsed(project.finished_on, today),
        measured=fresh,
    )
