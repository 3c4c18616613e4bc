"""/kickoff: before the work starts, agree on the client's real goal and the number that
shows it, make two partner checks, pick early trust actions, and get the message that
confirms it all with the client."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command

from bot.reading.dates import NotAFutureDay
from bot.rules.nudges import MAX_TRUST_ACTIONS, asks_address, toggled
from bot.services.clients import ClientService
from bot.services.kickoffs import KickoffDraft, KickoffService, chosen_actions
from bot.telegram.context import Ctx
from bot.telegram.forms import Answers, Buttons, Form, Step, Updates
from bot.telegram.project_questions import client_steps, goal_step, other_goal
from bot.views.clients import call_off_question, client_card
from bot.views.common import Nav, NavCb
from bot.views.kickoff import (
    END_IN_WEEKS,
    AddressCb,
    BudgetCb,
    CallOffCb,
    EndInCb,
    TrustCb,
    TrustReadyCb,
    address_choice,
    budget_choice,
    end_choice,
    end_problem,
    started_screen,
    trust_choice,
)
from bot.views.screen import Screen
from storage.kickoffs import RED_FLAGS_LIMIT, Address, BudgetFit
from storage.projects import FIELD_LIMIT, TITLE_LIMIT, Goal

# ---- the questions and answers --------------------------------------------------------


async def ask_actions(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> Screen:
    return trust_choice(ctx.t, chosen_actions(answers.get("actions", [])))


async def pick_end(
    ctx: Ctx, kickoffs: KickoffService, pressed: EndInCb, data: dict[str, Any]
) -> Updates:
    day = kickoffs.today(ctx.user) + timedelta(weeks=pressed.weeks)
    return {"ends_on": day.isoformat()}


async def typed_end(
    ctx: Ctx, kickoffs: KickoffService, text: str, answers: Answers
) -> Updates | Screen:
    day = await kickoffs.read_end_day(ctx.user, text)
    if isinstance(day, NotAFutureDay):
        return end_problem(ctx.t, day, text)
    return {"ends_on": day.isoformat()}


async def pick_budget(
    ctx: Ctx, kickoffs: KickoffService, pressed: BudgetCb, data: dict[str, Any]
) -> Updates:
    return {"budget_fit": pressed.fit.value}


async def toggle_action(
    ctx: Ctx, kickoffs: KickoffService, pressed: TrustCb, data: dict[str, Any]
) -> None:
    picked = toggled(
        chosen_actions((await ctx.state.get_data()).get("actions", [])), pressed.action
    )
    if picked is None:
        ctx.alert(ctx.t("kickoff-trust-max", most=MAX_TRUST_ACTIONS))
        return
    actions = chosen_actions([action.value for action in picked])
    await ctx.state.update_data(actions=[action.value for action in actions])
    await ctx.reply(trust_choice(ctx.t, actions))


async def actions_ready(
    ctx: Ctx, kickoffs: KickoffService, pressed: TrustReadyCb, data: dict[str, Any]
) -> Updates | None:
    if not (await ctx.state.get_data()).get("actions"):
        ctx.alert(ctx.t("kickoff-trust-none"))
        return None
    return {}


async def pick_address(
    ctx: Ctx, kickoffs: KickoffService, pressed: AddressCb, data: dict[str, Any]
) -> Updates:
    return {"address": pressed.address.value}


def _draft(answers: Answers) -> KickoffDraft:
    """The kickoff as the form collected it."""
    return KickoffDraft(
        client_id=int(answers["client_id"]) if answers.get("client_id") else None,
        new_client=answers.get("new_client"),
        title=answers["title"],
        goal=Goal(answers["goal"]),
        goal_note=answers.get("goal_note"),
        metric=answers.get("metric"),
        baseline=answers.get("baseline"),
        target=answers.get("target"),
        ends_on=date.fromisoformat(answers["ends_on"]),
        budget_fit=BudgetFit(answers["budget_fit"]),
        red_flags=answers.get("red_flags"),
        address=Address(answers.get("address") or Address.FORMAL),
        actions=chosen_actions(answers.get("actions", [])),
    )


async def save(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> None:
    started = await kickoffs.start(ctx.user, _draft(answers))
    if started is None:
        # The chosen client was deleted meanwhile: ask again, keep everything else.
        await ctx.say("client-gone")
        await KICKOFF_FORM.go(ctx, kickoffs, "client", below=True)
        return
    await ctx.state.clear()
    await ctx.reply(started_screen(ctx.t, started))


def _measured(ctx: Ctx, answers: Answers) -> bool:
    return bool(answers.get("metric"))


def _in_russian(ctx: Ctx, answers: Answers) -> bool:
    return asks_address(ctx.t.language)


KICKOFF_FORM: Form[Ctx, KickoffService] = Form(
    name="KickoffForm",
    service="kickoffs",
    steps=[
        *client_steps("kickoff-client-ask"),
        Step("title", question="kickoff-title-ask", key="title", limit=TITLE_LIMIT, back="client"),
        goal_step("kickoff-goal-ask"),
        Step(
            "goal_other",
            question="kickoff-goal-other-ask",
            key="goal_note",
            limit=FIELD_LIMIT,
            when=other_goal,
        ),
        Step(
            "metric",
            question="kickoff-metric-ask",
            key="metric",
            limit=FIELD_LIMIT,
            # No number yet: no baseline or target either.
            skip={"metric": None, "baseline": None, "target": None},
        ),
        Step(
            "baseline",
            question="kickoff-baseline-ask",
            key="baseline",
            limit=FIELD_LIMIT,
            skip={"baseline": None},
            when=_measured,
        ),
        Step(
            "target",
            question="kickoff-target-ask",
            key="target",
            limit=FIELD_LIMIT,
            skip={"target": None},
            when=_measured,
        ),
        Step(
            "end",
            question="kickoff-end-ask",
            keyboard=end_choice,
            read=typed_end,
            buttons=[Buttons(EndInCb.filter(F.weeks.in_(END_IN_WEEKS)), pick_end)],
        ),
        Step(
            "budget",
            question="kickoff-budget-ask",
            keyboard=budget_choice,
            buttons=[Buttons(BudgetCb.filter(), pick_budget)],
        ),
        Step(
            "flags",
            question="kickoff-flags-ask",
            key="red_flags",
            limit=RED_FLAGS_LIMIT,
            skip={"red_flags": None},
        ),
        Step(
            "actions",
            ask=ask_actions,
            buttons=[
                Buttons(TrustCb.filter(), toggle_action),
                Buttons(TrustReadyCb.filter(), actions_ready),
            ],
        ),
        Step(
            "address",
            question="kickoff-address-ask",
            keyboard=address_choice,
            buttons=[Buttons(AddressCb.filter(), pick_address)],
            when=_in_russian,
        ),
    ],
    finish=save,
)


async def kickoff(_: object, ctx: Ctx, kickoffs: KickoffService) -> None:
    """/kickoff (with a word on what it is for) and its menu button: the first question
    in a new message."""
    if ctx.pressed is None:
        await ctx.say("kickoff-intro")
    await KICKOFF_FORM.start(ctx, kickoffs, below=True)


async def call_off(
    _: object,
    ctx: Ctx,
    callback_data: CallOffCb,
    kickoffs: KickoffService,
    clients: ClientService,
) -> None:
    """From the client's card: a project that will not happen stops its reminders."""
    found = await kickoffs.get(ctx.user, callback_data.id)
    if found is None:
        ctx.refuse("kickoff", callback_data.id)
        return
    if not found.active:  # finished or called off meanwhile
        ctx.stale()
        return
    if not callback_data.confirmed:
        await ctx.reply(call_off_question(ctx.t, found))
        return
    await kickoffs.drop(ctx.user, found)
    client = await clients.get(ctx.user, found.client_id)
    notice = ctx.t("call-off-done", project=found.title)
    if client is None:
        await ctx.reply(Screen(notice))
        return
    card = client_card(ctx.t, await clients.card(ctx.user, client), ctx.user.timezone)
    await ctx.reply(card.after(notice))


def create_router() -> Router:
    router = Router(name="kickoff")
    router.message.register(kickoff, Command("kickoff"))
    router.callback_query.register(kickoff, NavCb.filter(F.to == Nav.KICKOFF))
    router.callback_query.register(call_off, CallOffCb.filter())
    KICKOFF_FORM.register(router)
    return router
