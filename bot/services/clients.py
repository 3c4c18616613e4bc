"""A freelancer's clients: the list, one client's card, adding, editing, archiving and
deleting. Every call reads and changes only the calling user's clients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.clock import Clock
from bot.services.calendar import PersonalCalendar
from bot.services.feedback import ClientFeedback, FeedbackService
from bot.services.outcomes import MetricProgress, OutcomeService
from storage.checkins import Checkin
from storage.clients import Address, Client, ClientField, ClientPage
from storage.kickoffs import Kickoff
from storage.projects import ProjectPage
from storage.repositories import Repositories
from storage.users import User

RECENT_PROJECTS = 5


@dataclass(frozen=True, slots=True)
class ClientCard:
    client: Client
    recent: ProjectPage  # the latest projects, and how many there are in all
    latest_score: int | None
    next_checkin: Checkin | None
    today: date  # the user's local day, for "last contact 3 days ago"
    metric: MetricProgress | None = None  # the client's number since their latest project
    under_way: tuple[Kickoff, ...] = ()  # projects begun with /kickoff, not finished yet
    feedback: ClientFeedback | None = None  # asking the client for their own view


async def chosen_or_new(
    repos: Repositories, user: User, client_id: int | None, new_name: str | None, now: datetime
) -> Client | None:
    """The client a form picked (None when it was deleted meanwhile), or a new one by the
    name typed: created only now, with the project or kickoff it belongs to."""
    if client_id is not None:
        return await repos.clients.get(user.id, client_id)
    assert new_name, "a new client needs a name"
    return await repos.clients.add(user.id, new_name, None, None, now)


class ClientService(PersonalCalendar):
    def __init__(
        self,
        repos: Repositories,
        outcomes: OutcomeService,
        clock: Clock,
        feedback: FeedbackService | None = None,
    ) -> None:
        self._repos = repos
        self._clients = repos.clients
        self._outcomes = outcomes
        self._clock = clock
        self._feedback = feedback

    async def get(self, user: User, client_id: int) -> Client | None:
        """The user's own client; None for a client of someone else's or one deleted."""
        return await self._clients.get(user.id, client_id)

    async def page(self, user: User, *, archived: bool, page: int, size: int) -> ClientPage:
        """One page of clients, latest contact first; past the end, the last page."""
        found = await self._clients.page(user.id, archived=archived, offset=page * size, limit=size)
        while not found.clients and page > 0:  # the page emptied (deletes)
            page -= 1
            found = await self._clients.page(
                user.id, archived=archived, offset=page * size, limit=size
            )
        return found

    async def recent(self, user: User, limit: int) -> list[Client]:
        return await recent_clients(self._repos, user, limit)

    async def card(self, user: User, client: Client) -> ClientCard:
        repos = self._repos
        tracked = await self._outcomes.tracked_project(user, client.id)
        return ClientCard(
            client=client,
            recent=await repos.projects.for_client(user.id, client.id, RECENT_PROJECTS),
            latest_score=await repos.reflections.latest_score_for_client(user.id, client.id),
            next_checkin=await repos.checkins.next_for_client(user.id, client.id),
            today=self.today(user),
            metric=await self._outcomes.progress(user, tracked) if tracked else None,
            under_way=tuple(await repos.kickoffs.active_for_client(user.id, client.id)),
            feedback=await self._feedback.for_client(user, client) if self._feedback else None,
        )

    async def project_count(self, user: User, client: Client) -> int:
        return (await self._repos.projects.for_client(user.id, client.id, 0)).total

    async def add(self, user: User, name: str, contact: str | None, notes: str | None) -> Client:
        return await self._clients.add(user.id, name, contact, notes, self._clock.now())

    async def update(
        self, user: User, client_id: int, field: ClientField, value: str | None
    ) -> Client | None:
        """None when the client is gone (deleted meanwhile, from another device)."""
        await self._clients.update_field(user.id, client_id, field, value, self._clock.now())
        return await self._clients.get(user.id, client_id)

    async def set_archived(self, user: User, client: Client, archived: bool) -> Client | None:
        await self._clients.set_archived(user.id, client.id, archived, self._clock.now())
        return await self._clients.get(user.id, client.id)

    async def switch_address(self, user: User, client: Client) -> Client | None:
        """«вы» to «ты» or back, for every draft to this client from now on."""
        address = Address.INFORMAL if client.address is Address.FORMAL else Address.FORMAL
        await self._clients.set_address(user.id, client.id, address, self._clock.now())
        return await self._clients.get(user.id, client.id)

    async def delete(self, user: User, client: Client) -> bool:
        """The client with its projects, reflections and check-ins; False if already gone."""
        return await self._clients.delete(user.id, client.id)


async def recent_clients(repos: Repositories, user: User, limit: int) -> list[Client]:
    """The clients to offer as buttons (a new project, a check-in to plan): the latest
    contacted first, archived ones left out."""
    found = await repos.clients.page(user.id, archived=False, offset=0, limit=limit)
    return found.clients
