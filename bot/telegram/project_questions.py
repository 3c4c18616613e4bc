"""The questions /done and /kickoff both ask: who the client is (a recent one, or a new
name typed) and what they really need from the work."""

from __future__ import annotations

from typing import Any, Protocol

from aiogram import F

from bot.telegram.context import Ctx
from bot.telegram.filters import OwnClient
from bot.telegram.forms import Answers, Buttons, Condition, GoTo, Step, Updates, always, never
from bot.views.projects import GoalCb, PickClientCb, client_choice, goal_choice
from bot.views.screen import Screen
from storage.clients import NAME_LIMIT, Client
from storage.projects import Goal
from storage.users import User

CLIENT_BUTTONS = 8


class OffersClients(Protocol):
    async def client_choices(self, user: User, limit: int) -> list[Client]: ...


def chosen_client(client: Client) -> Updates:
    return {"client_id": client.id, "client_name": client.name, "new_client": None}


async def _pick_new_client(ctx: Ctx, service: Any, pressed: Any, data: dict[str, Any]) -> GoTo:
    return GoTo("new_client")


async def _pick_client(ctx: Ctx, service: Any, pressed: Any, data: dict[str, Any]) -> Updates:
    return chosen_client(data["client"])  # OwnClient checked it is theirs


async def _typed_client(ctx: Ctx, service: Any, name: str, answers: Answers) -> Updates:
    """A typed name is a new client; it is created only when the form is saved."""
    return {"client_id": None, "client_name": name, "new_client": name}


async def _pick_goal(ctx: Ctx, service: Any, pressed: GoalCb, data: dict[str, Any]) -> Updates:
    return {"goal": pressed.goal.value, "goal_note": None}


def client_steps(
    question: str, *, offers_back: Condition[Ctx] = never, when: Condition[Ctx] = always
) -> list[Step[Ctx, Any]]:
    """The client, picked or typed, and the side step that asks a new client's name.
    `offers_back` says, from the answers, whether a step before it applies: the same
    answers the form's Back follows, so a Back shown always leads somewhere."""

    async def ask(ctx: Ctx, service: OffersClients, answers: Answers) -> Screen:
        recent = await service.client_choices(ctx.user, CLIENT_BUTTONS)
        back = offers_back(ctx, answers)
        choice = client_choice(ctx.t, [(c.id, c.name) for c in recent], back=back)
        return Screen(ctx.t(question), choice)

    return [
        Step(
            "client",
            ask=ask,
            read=_typed_client,
            limit=NAME_LIMIT,
            buttons=[
                Buttons(PickClientCb.filter(F.id == 0), _pick_new_client),
                Buttons(PickClientCb.filter(), _pick_client, (OwnClient(),)),
            ],
            when=when,
        ),
        Step(
            "new_client",
            question="done-new-client-ask",
            read=_typed_client,
            limit=NAME_LIMIT,
            when=never,
            back="client",
        ),
    ]


def goal_step(question: str, *, when: Condition[Ctx] = always) -> Step[Ctx, Any]:
    return Step(
        "goal",
        question=question,
        keyboard=goal_choice,
        buttons=[Buttons(GoalCb.filter(), _pick_goal)],
        when=when,
    )


def other_goal(ctx: Ctx, answers: Answers) -> bool:
    return answers.get("goal") == Goal.OTHER
