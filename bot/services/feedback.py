"""The client's own voice: a freelancer asks a client for their view of a finished project,
the client answers three questions through a personal link, and the freelancer sees both
views side by side (bot/rules/feedback.py has the rules).

The client is never a user of the bot: they are known only by the Telegram id that opened
the link, and nothing about the freelancer reaches them beyond the first name and the
project's title.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.clock import Clock
from bot.content.questions import NOT_APPLICABLE
from bot.reading.numbers import read_metric
from bot.rules.checkins import in_quiet_hours, polite
from bot.rules.feedback import LINK_LIFETIME, Pair, new_payload, next_request_day, payload_hash
from bot.rules.local_time import local_now, local_today, to_utc
from bot.services.calendar import PersonalCalendar
from bot.services.outcomes import higher_is_better
from bot.services.waking import Waker
from storage.clients import Client
from storage.feedback import (
    COMMENT_LIMIT,
    FeedbackAnswer,
    FeedbackNotice,
    FeedbackQuestion,
    FeedbackRequest,
    FeedbackState,
    FeedbackStatus,
)
from storage.kickoffs import Address
from storage.metrics import MetricReadingRow
from storage.projects import Project
from storage.repositories import Repositories
from storage.users import User

__all__ = ["COMMENT_LIMIT", "FeedbackAnswer", "FeedbackQuestion"]


# ---- asking -----------------------------------------------------------------------------


class AskRefusal(StrEnum):
    OPEN = "open"  # one open request per client at a time
    TOO_SOON = "too_soon"  # at most one a month
    OPTED_OUT = "opted_out"  # the client chose "don't ask me again"


@dataclass(frozen=True, slots=True)
class Asked:
    """A new request: the link's payload exists only here, its hash is what is kept."""

    request: FeedbackRequest
    payload: str
    client: Client
    project: Project
    address: Address


@dataclass(frozen=True, slots=True)
class AskRefused:
    reason: AskRefusal
    client: Client
    next_on: date | None = None  # TOO_SOON: the first day a request may be made
    waiting: FeedbackRequest | None = None  # OPEN: the request still waiting, to withdraw


@dataclass(frozen=True, slots=True)
class ClientFeedback:
    """What the client's card says about asking them."""

    latest: FeedbackRequest | None
    state: FeedbackState | None
    project: Project | None  # the project a new request would be about
    opted_out: bool
    next_on: date | None  # when the monthly limit lets the next request be made
    views: BothViews | None  # the latest answered request, both sides

    @property
    def can_ask(self) -> bool:
        return (
            self.project is not None
            and not self.opted_out
            and self.state is not FeedbackState.WAITING
            and self.next_on is None
        )


# ---- both views -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BothViews:
    request: FeedbackRequest
    project: Project
    understood: Pair
    again: Pair
    theirs: FeedbackAnswer | None  # the client's number (value None: "don't know")
    mine: MetricReadingRow | None  # the freelancer's own latest reading before the answer
    comments: dict[FeedbackQuestion, str]

    @property
    def large_gaps(self) -> list[Pair]:
        return [pair for pair in (self.understood, self.again) if pair.is_large]


@dataclass(frozen=True, slots=True)
class FeedbackOverview:
    """/stats: how the client's view compares with the freelancer's, over every answer."""

    answered: int
    understood_gap: float | None  # the average of mine - theirs, on 1-5
    again_gap: float | None  # on 0-10
    forecast_pairs: int  # answers with both a "will they come back" forecast and a 0-10
    confirmed_better: int  # measured projects whose client's own number shows a gain
    client_measured: int  # answers that gave a number


# ---- the client's side -----------------------------------------------------------------


class LinkState(StrEnum):
    UNKNOWN = "unknown"  # no such link (or a guessed one: the same answer)
    OWN = "own"  # the freelancer opened their own link: a preview
    READY = "ready"  # this person may answer
    USED = "used"  # someone else's already
    ANSWERED = "answered"  # this person answered it
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"  # this person chose "don't ask me again"


@dataclass(frozen=True, slots=True)
class Opening:
    state: LinkState
    request: FeedbackRequest | None = None
    freelancer: str = ""  # first name only
    project: str = ""  # the project's title
    metric: str | None = None  # the project's number, if one was agreed


@dataclass(frozen=True, slots=True)
class ClientAnswers:
    understood: int | None  # None: skipped
    number: str | None  # as typed; None: skipped; "" : "don't know"
    again: int | None
    comments: dict[FeedbackQuestion, str]


@dataclass(frozen=True, slots=True)
class Notice:
    """What the freelancer is told when the answer comes."""

    user: User
    client_name: str
    views: BothViews


class FeedbackService(PersonalCalendar):
    def __init__(self, repos: Repositories, waker: Waker, clock: Clock) -> None:
        self._repos = repos
        self._feedback = repos.feedback
        self._waker = waker
        self._clock = clock

    # ---- the freelancer ------------------------------------------------------------

    async def for_client(self, user: User, client: Client) -> ClientFeedback:
        requests = await self._feedback.for_client(user.id, client.id)
        now = self._clock.now()
        latest = requests[0] if requests else None
        recent = await self._repos.projects.for_client(user.id, client.id, 1)
        answered = next((r for r in requests if r.status is FeedbackStatus.ANSWERED), None)
        return ClientFeedback(
            latest=latest,
            state=latest.state(now) if latest else None,
            project=recent.projects[0] if recent.projects else None,
            opted_out=await self._feedback.client_opted_out(user.id, client.id),
            next_on=self._too_soon_until(user, requests),
            views=await self.views(user, answered) if answered else None,
        )

    def _too_soon_until(self, user: User, requests: list[FeedbackRequest]) -> date | None:
        """The day the monthly limit ends, or None when a request may be made today. A
        request withdrawn before the client opened it does not count: it never reached
        them (the freelancer may have lost the link)."""
        counted = next(
            (
                r
                for r in requests
                if not (r.status is FeedbackStatus.WITHDRAWN and r.opened_at is None)
            ),
            None,
        )
        if counted is None:
            return None
        allowed = next_request_day(local_today(counted.created_at, user.timezone))
        return allowed if allowed > self.today(user) else None

    async def ask(self, user: User, project_id: int) -> Asked | AskRefused | None:
        """A new request about the user's project; None when the project is not theirs."""
        project = await self._repos.projects.get(user.id, project_id)
        if project is None:
            return None
        client = await self._repos.clients.get(user.id, project.client_id)
        if client is None:
            return None
        now = self._clock.now()
        async with self._repos.transaction():
            if await self._feedback.client_opted_out(user.id, client.id):
                return AskRefused(AskRefusal.OPTED_OUT, client)
            requests = await self._feedback.for_client(user.id, client.id)
            if (waiting := next((r for r in requests if r.is_open(now)), None)) is not None:
                return AskRefused(AskRefusal.OPEN, client, waiting=waiting)
            if (next_on := self._too_soon_until(user, requests)) is not None:
                return AskRefused(AskRefusal.TOO_SOON, client, next_on)
            payload = new_payload()
            request = await self._feedback.add(
                user.id, project.id, payload_hash(payload), now, now + LINK_LIFETIME
            )
        if request is None:
            return None
        address = client.address
        return Asked(request, payload, client, project, address)

    async def withdraw(self, user: User, request_id: int) -> FeedbackRequest | None:
        """The withdrawn request; None when it is not the user's or not waiting (an
        expired one is not withdrawn: it would stop counting towards the monthly limit)."""
        now = self._clock.now()
        request = await self._feedback.get(user.id, request_id)
        if request is None or not request.is_open(now):
            return None
        if not await self._feedback.withdraw(user.id, request_id, now):
            return None
        return await self._feedback.get(user.id, request_id)

    async def request(self, user: User, request_id: int) -> FeedbackRequest | None:
        return await self._feedback.get(user.id, request_id)

    async def views(self, user: User, request: FeedbackRequest) -> BothViews | None:
        """The freelancer's view and the client's, question by question."""
        project = await self._repos.projects.get(user.id, request.project_id)
        if project is None or request.status is not FeedbackStatus.ANSWERED:
            return None
        answers = {a.question: a for a in await self._feedback.answers(request.id)}
        own = await self._own_answers(user, project.id)

        def theirs(question: FeedbackQuestion) -> int | None:
            answer = answers.get(question)
            return int(answer.value) if answer and answer.value is not None else None

        readings = await self._repos.metrics.for_project(user.id, project.id)
        mine = next((r for r in reversed(readings) if not r.from_client), None)
        number = answers.get(FeedbackQuestion.NUMBER)
        return BothViews(
            request=request,
            project=project,
            understood=Pair(
                "understood", own.get("request"), theirs(FeedbackQuestion.UNDERSTOOD), 5
            ),
            again=Pair("again", own.get("return"), theirs(FeedbackQuestion.AGAIN), 10),
            theirs=number if number is not None and not number.skipped else None,
            mine=mine,
            comments={q: a.comment for q, a in answers.items() if a.comment},
        )

    async def _own_answers(self, user: User, project_id: int) -> dict[str, int | None]:
        reflection = await self._repos.reflections.for_project(user.id, project_id)
        if reflection is None:
            return {}
        answers = await self._repos.reflections.answers(user.id, reflection.id)
        # "Does not apply" (one-off work) is no forecast to hold the client's answer against.
        return {
            question: answer.value if answer.value != NOT_APPLICABLE else None
            for question, answer in answers.items()
        }

    async def for_project(self, user: User, project_id: int) -> BothViews | None:
        """The latest answered request of a project, both sides (for /history)."""
        for request in await self._feedback.for_project(user.id, project_id):
            if request.status is FeedbackStatus.ANSWERED:
                return await self.views(user, request)
        return None

    async def overview(self, user: User) -> FeedbackOverview:
        all_views = [
            views
            for request in await self._feedback.answered(user.id)
            if (views := await self.views(user, request)) is not None
        ]

        def average(gaps: list[int]) -> float | None:
            return sum(gaps) / len(gaps) if gaps else None

        understood = [g for v in all_views if (g := v.understood.gap) is not None]
        again = [g for v in all_views if (g := v.again.gap) is not None]
        measured = [v for v in all_views if v.theirs is not None and v.theirs.value is not None]
        better = 0
        for views in measured:
            baseline = read_metric(views.project.baseline or "").value
            assert views.theirs is not None and views.theirs.value is not None
            if baseline is not None and _improved(views.project, baseline, views.theirs.value):
                better += 1
        return FeedbackOverview(
            answered=len(all_views),
            understood_gap=average(understood),
            again_gap=average(again),
            forecast_pairs=len(again),
            confirmed_better=better,
            client_measured=len(measured),
        )

    # ---- the client ----------------------------------------------------------------

    async def is_respondent(self, person_id: int) -> bool:
        return await self._feedback.is_respondent(person_id)

    async def open(self, payload: str, person_id: int) -> Opening:
        """What opening a link shows this person; opening it makes it theirs."""
        request = await self._feedback.by_token(payload_hash(payload))
        found = await self._opening(request)
        if request is None or found.state is LinkState.UNKNOWN:
            return found
        if person_id == request.user_id:
            return _with(found, LinkState.OWN)
        if request.respondent_id not in (None, person_id):
            return _with(found, LinkState.USED)
        if found.state is not LinkState.READY:
            return found
        now = self._clock.now()
        if await self._feedback.opted_out(request.user_id, person_id):
            await self._feedback.decline(
                request.id, request.user_id, request.client_id, person_id, now
            )
            return _with(found, LinkState.DECLINED)
        if not await self._feedback.claim(request.id, person_id, now):
            return await self.open(payload, person_id)  # changed meanwhile: look again
        return found

    async def answerable(self, request_id: int, person_id: int) -> Opening:
        """The request this person is answering, as it stands now (between questions it
        may have been withdrawn or expired)."""
        return await self._opening(await self._feedback.for_respondent(request_id, person_id))

    async def _opening(self, request: FeedbackRequest | None) -> Opening:
        """A request as its link shows it, by its state now."""
        if request is None:
            return Opening(LinkState.UNKNOWN)
        freelancer = await self._repos.users.get(request.user_id)
        project = await self._repos.projects.get(request.user_id, request.project_id)
        if freelancer is None or project is None:
            return Opening(LinkState.UNKNOWN)
        state = request.state(self._clock.now())
        return Opening(
            _LINK_STATES[state], request, freelancer.first_name, project.title, project.metric
        )

    async def decline(self, request_id: int, person_id: int) -> bool:
        """ "Don't ask me again" from the person who opened the link."""
        opening = await self.answerable(request_id, person_id)
        if opening.request is None or opening.state is not LinkState.READY:
            return False
        request = opening.request
        await self._feedback.decline(
            request.id, request.user_id, request.client_id, person_id, self._clock.now()
        )
        return True

    async def submit(self, request_id: int, person_id: int, answers: ClientAnswers) -> Opening:
        """Keep the client's answers: the request closes as answered, their number becomes a
        reading marked as theirs, and the freelancer's notice is planned outside their quiet
        hours. The state says why nothing was kept (withdrawn or expired meanwhile)."""
        opening = await self.answerable(request_id, person_id)
        request = opening.request
        if request is None or opening.state is not LinkState.READY:
            return opening
        now = self._clock.now()
        freelancer = await self._repos.users.get(request.user_id)
        assert freelancer is not None  # answerable() found them
        async with self._repos.transaction():
            if not await self._feedback.mark_answered(request.id, person_id, now):
                return await self.answerable(request_id, person_id)
            await self._feedback.add_answers(request.id, _rows(answers))
            if answers.number and opening.metric:
                reading = read_metric(answers.number)
                await self._repos.metrics.add(
                    request.user_id,
                    request.project_id,
                    reading.text,
                    reading.value,
                    reading.percent,
                    local_today(now, freelancer.timezone),
                    now,
                    feedback_id=request.id,
                )
            due = _notice_due(freelancer, now)
            await self._repos.feedback_notices.add(request.user_id, request.id, due, now)
        self._waker.notify(due)
        return Opening(LinkState.ANSWERED, request, opening.freelancer, opening.project)

    async def erase_person(self, person_id: int) -> int:
        """Everything this person gave as a client, everywhere; how many answers went."""
        async with self._repos.transaction():
            erased = await self._feedback.erase_respondent(person_id, self._clock.now())
        return len(erased)

    # ---- the notice ----------------------------------------------------------------

    async def to_notify(self, notice: FeedbackNotice) -> Notice | None:
        user = await self._repos.users.get(notice.user_id)
        request = await self._feedback.get(notice.user_id, notice.request_id)
        if user is None or request is None:
            return None
        views = await self.views(user, request)
        client = await self._repos.clients.get(user.id, request.client_id)
        if views is None or client is None:  # erased or deleted meanwhile
            return None
        return Notice(user, client.name, views)


# What a link says in each state of its request: an erased answer is a used link.
_LINK_STATES = {
    FeedbackState.WAITING: LinkState.READY,
    FeedbackState.ANSWERED: LinkState.ANSWERED,
    FeedbackState.EXPIRED: LinkState.EXPIRED,
    FeedbackState.WITHDRAWN: LinkState.WITHDRAWN,
    FeedbackState.DECLINED: LinkState.DECLINED,
    FeedbackState.ERASED: LinkState.USED,
}


def _with(opening: Opening, state: LinkState) -> Opening:
    return Opening(state, opening.request, opening.freelancer, opening.project, opening.metric)


def _rows(answers: ClientAnswers) -> list[FeedbackAnswer]:
    def comment(question: FeedbackQuestion) -> str | None:
        return answers.comments.get(question) or None

    understood, again = answers.understood, answers.again
    rows = [
        FeedbackAnswer(
            FeedbackQuestion.UNDERSTOOD,
            understood,
            comment=comment(FeedbackQuestion.UNDERSTOOD),
            skipped=understood is None,
        ),
        FeedbackAnswer(
            FeedbackQuestion.AGAIN,
            again,
            comment=comment(FeedbackQuestion.AGAIN),
            skipped=again is None,
        ),
    ]
    if answers.number is None:
        rows.append(FeedbackAnswer(FeedbackQuestion.NUMBER, None, skipped=True))
    else:
        reading = read_metric(answers.number) if answers.number else None
        rows.append(
            FeedbackAnswer(
                FeedbackQuestion.NUMBER,
                reading.value if reading else None,
                percent=reading.percent if reading else False,
                text=reading.text if reading else None,
                comment=comment(FeedbackQuestion.NUMBER),
            )
        )
    return rows


def _notice_due(user: User, now: datetime) -> datetime:
    """Now, or when the freelancer's quiet hours end."""
    local = local_now(now, user.timezone)
    if not in_quiet_hours(local):
        return now
    return to_utc(polite(local, user.checkin_hour), user.timezone)


def _improved(project: Project, baseline: float, value: float) -> bool:
    return value > baseline if higher_is_better(project) else value < baseline
