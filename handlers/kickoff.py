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
from bot.telegram.filters import OwnClient
from bot.telegram.forms import Answers, Buttons, Form, GoTo, Step, Updates, never
from bot.views.clients import call_off_question, client_card
from bot.views.common import Nav, NavCb, form_step
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
from bot.views.projects import GoalCb, PickClientCb, client_choice, goal_choice
from bot.views.screen import Screen
from storage.clients import NAME_LIMIT
from storage.kickoffs import RED_FLAGS_LIMIT, Address, BudgetFit
from storage.projects import FIELD_LIMIT, TITLE_LIMIT, Goal

CLIENT_BUTTONS = 8


# ---- the questions -------------------------------------------------------------------


async def ask_client(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> Screen:
    recent = await kickoffs.client_choices(ctx.user, CLIENT_BUTTONS)
    choice = client_choice(ctx.t, [(c.id, c.name) for c in recent])
    return Screen(ctx.t("kickoff-client-ask"), choice)


async def ask_goal(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> Screen:
    return Screen(ctx.t("kickoff-goal-ask"), goal_choice(ctx.t))


async def ask_end(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> Screen:
    return Screen(ctx.t("kickoff-end-ask"), end_choice(ctx.t))


async def ask_budget(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> Screen:
    return Screen(ctx.t("kickoff-budget-ask"), budget_choice(ctx.t))


async def ask_actions(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> Screen:
    return trust_choice(ctx.t, chosen_actions(answers.get("actions", [])))


async def ask_address(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> Screen:
    return Screen(ctx.t("kickoff-address-ask"), address_choice(ctx.t))


def typed_question(key: str, *, skip: bool = False) -> Any:
    async def ask(ctx: Ctx, kickoffs: KickoffService, answers: Answers) -> Screen:
        return Screen(ctx.t(key), form_step(ctx.t, skip=skip))

    return ask


# ---- the answers -----------------------------------------------------------------------


async def pick_new_client(
    ctx: Ctx, kickoffs: KickoffService, pressed: PickClientCb, data: dict[str, Any]
) -> GoTo:
    return GoTo("new_client")


async def pick_client(
    ctx: Ctx, kickoffs: KickoffService, pressed: PickClientCb, data: dict[str, Any]
) -> Updates:
    return {"client_id": data["client"].id, "new_client": None}  # OwnClient checked it


async def typed_client(ctx: Ctx, kickoffs: KickoffService, name: str, answers: Answers) -> Updates:
    """A typed name is a new client; it is created only when the kickoff is saved."""
    return {"client_id": None, "new_client": name}


async def pick_goal(
    ctx: Ctx, kickoffs: KickoffService, pressed: GoalCb, data: dict[str, Any]
) -> Updates:
    return {"goal": pressed.goal.value, "goal_note": None}


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


def _other_goal(ctx: Ctx, answers: Answers) -> bool:
    return answers.get("goal") == Goal.OTHER


def _in_russian(ctx: Ctx, answers: Answers) -> bool:
    return asks_address(ctx.t.language)


def _text_step(name: str, ask_key: str, key: str, limit: int, **more: Any) -> Step[KickoffService]:
    skip = more.pop("skip", None)
    return Step(
        name,
        typed_question(ask_key, skip=skip is not None),
        key=key,
        limit=limit,
        skip=skip,
        **more,
    )


KICKOFF_FORM: Form[KickoffService] = Form(
    name="KickoffForm",
    service="kickoffs",
    steps=[
        Step(
            "client",
            ask_client,
            read=typed_client,
            limit=NAME_LIMIT,
            buttons=[
                Buttons(PickClientCb.filter(F.id == 0), pick_new_client),
                Buttons(PickClientCb.filter(), pick_client, (OwnClient(),)),
            ],
        ),
        Step(
            "new_client",
            typed_question("done-new-client-ask"),
            read=typed_client,
            limit=NAME_LIMIT,
            when=never,
            back="client",
        ),
        _text_step("title", "kickoff-title-ask", "title", TITLE_LIMIT, back="client"),
        Step("goal", ask_goal, buttons=[Buttons(GoalCb.filter(), pick_goal)]),
        _text_step(
            "goal_other", "kickoff-goal-other-ask", "goal_note", FIELD_LIMIT, when=_other_goal
        ),
        # No number yet: no baseline or target either.
        _text_step(
            "metric",
            "kickoff-metric-ask",
            "metric",
            FIELD_LIMIT,
            skip={"metric": None, "baseline": None, "target": None},
        ),
        _text_step(
            "baseline",
            "kickoff-baseline-ask",
            "baseline",
            FIELD_LIMIT,
            skip={"baseline": None},
            when=_measured,
        ),
        _text_step(
            "target",
            "kickoff-target-ask",
            "target",
            FIELD_LIMIT,
            skip={"target": None},
            when=_measured,
        ),
        Step(
            "end",
            ask_end,
            read=typed_end,
            buttons=[Buttons(EndInCb.filter(F.weeks.in_(END_IN_WEEKS)), pick_end)],
        ),
        Step("budget", ask_budget, buttons=[Buttons(BudgetCb.filter(), pick_budget)]),
        _text_step(
            "flags", "kickoff-flags-ask", "red_flags", RED_FLAGS_LIMIT, skip={"red_flags": None}
        ),
        Step(
            "actions",
            ask_actions,
            buttons=[
                Buttons(TrustCb.filter(), toggle_action),
                Buttons(TrustReadyCb.filter(), actions_ready),
            ],
        ),
        Step(
            "address",
            ask_address,
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
