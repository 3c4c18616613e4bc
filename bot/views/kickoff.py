"""/kickoff: the questions before the work, the early trust actions to pick, and the
message that confirms the goal with the client (I4, I9, I12)."""

from __future__ import annotations

from collections.abc import Collection

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.reading.dates import NotAFutureDay
from bot.rules.drafts import greeting
from bot.rules.nudges import MAX_TRUST_ACTIONS
from bot.services.kickoffs import Started
from bot.views.common import FormAction, FormCb, Nav, NavCb, menu_button, mismatch_text
from bot.views.drafts import letter, number_words
from bot.views.screen import Screen
from storage.kickoffs import Address, BudgetFit, Kickoff
from storage.nudges import TRUST_ACTIONS, NudgeKind

# The quick answers to "when should the work end?", in weeks from today.
END_IN_WEEKS = (1, 2, 4)


class EndInCb(CallbackData, prefix="ke1"):
    weeks: int


class BudgetCb(CallbackData, prefix="kb1"):
    fit: BudgetFit


class TrustCb(CallbackData, prefix="kt1"):
    """Pick or unpick one trust action."""

    action: NudgeKind


class TrustReadyCb(CallbackData, prefix="kr1"):
    pass


class AddressCb(CallbackData, prefix="ka1"):
    address: Address


class CallOffCb(CallbackData, prefix="ko1"):
    """Call off a project under way (from the client's card): asked, then confirmed."""

    id: int
    confirmed: bool


def _form_buttons(builder: InlineKeyboardBuilder, t: Translator) -> None:
    builder.button(text=t("button-back"), callback_data=FormCb(action=FormAction.BACK))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))


def end_choice(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for weeks in END_IN_WEEKS:
        builder.button(text=t("button-end-in-weeks", n=weeks), callback_data=EndInCb(weeks=weeks))
    _form_buttons(builder, t)
    builder.adjust(len(END_IN_WEEKS), 2)
    return builder.as_markup()


def end_problem(t: Translator, problem: NotAFutureDay, text: str) -> Screen:
    """Why a typed end date was not taken, with the quick choices offered again."""
    if problem.mismatch is not None:
        key = mismatch_text(t, problem.mismatch)
    elif problem.day is None:
        key = t("kickoff-end-unreadable", text=text[:64])
    elif problem.too_far:
        key = t("kickoff-end-too-far", date=t.day(problem.day))
    else:
        key = t("kickoff-end-past", date=t.day(problem.day))
    return Screen(key, end_choice(t))


def budget_choice(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for fit in BudgetFit:
        builder.button(text=t(f"button-budget-{fit.value}"), callback_data=BudgetCb(fit=fit))
    _form_buttons(builder, t)
    builder.adjust(1, 1, 1, 2)
    return builder.as_markup()


def trust_choice(t: Translator, picked: Collection[NudgeKind]) -> Screen:
    """The early trust actions, each a toggle; Ready once one to three are picked."""
    builder = InlineKeyboardBuilder()
    for action in TRUST_ACTIONS:
        label = t(f"trust-{action.value}-button")
        if action in picked:  # the tick takes the emoji's place: one mark, and it fits a phone
            label = "✅ " + label.split(" ", 1)[-1]
        builder.button(text=label, callback_data=TrustCb(action=action))
    if picked:
        builder.button(text=t("button-trust-ready", n=len(picked)), callback_data=TrustReadyCb())
    _form_buttons(builder, t)
    builder.adjust(1, 1, 1, 1, *([1] if picked else []), 2)
    return Screen(t("kickoff-trust-ask", most=MAX_TRUST_ACTIONS), builder.as_markup())


def address_choice(t: Translator, known: Address | None = None) -> InlineKeyboardMarkup:
    """«вы» or «ты»; the client's present one ticked when they have one."""
    builder = InlineKeyboardBuilder()
    for address in Address:
        mark = "✅ " if address is known else ""
        builder.button(
            text=mark + t(f"button-address-{address.value}"),
            callback_data=AddressCb(address=address),
        )
    _form_buttons(builder, t)
    builder.adjust(2, 2)
    return builder.as_markup()


def goal_words(t: Translator, kickoff: Kickoff) -> str:
    """The client's goal as words a letter can use: their own note, or one goal's phrase
    (a button's "more traffic or CTR" would read as a goal not yet chosen)."""
    return kickoff.goal_note or t(f"kickoff-goal-{kickoff.goal.value}")


def kickoff_message(t: Translator, kickoff: Kickoff) -> str:
    """The message for the client: the goal and how success will be measured, in plain
    words (I4, I9), addressed with «вы» or «ты» in Russian; the numbers as numbers, the
    end as a person writes a day in a letter."""
    address = kickoff.address.value
    points = [t("kickoff-draft-goal", goal=goal_words(t, kickoff))]
    asks = []
    if kickoff.metric is None:
        asks.append(t("kickoff-draft-metric-none", address=address))
    else:
        points.append(t("kickoff-draft-metric", metric=kickoff.metric))
        if kickoff.baseline is None:
            asks.append(t("kickoff-draft-baseline-none", address=address))
        else:
            points.append(t("kickoff-draft-baseline", baseline=number_words(t, kickoff.baseline)))
        if kickoff.target is not None:
            points.append(t("kickoff-draft-target", target=number_words(t, kickoff.target)))
    today = kickoff.created_at.date()
    points.append(t("kickoff-draft-end", date=t.letter_day(kickoff.ends_on, today)))
    body = "\n".join(
        [
            t("kickoff-draft-open", project=kickoff.title),
            *(f"• {point}" for point in points),
            *asks,
            t("kickoff-draft-close", address=address),
        ]
    )
    return letter(t, greeting(kickoff.client_name, kickoff.id), kickoff.address, body)


def kickoff_draft_screen(t: Translator, kickoff: Kickoff) -> Screen:
    """The message for the client on its own, sent right after the summary, so it can be
    forwarded or copied whole: the freelancer's notes never travel with it."""
    return Screen(kickoff_message(t, kickoff))


def started_screen(t: Translator, started: Started) -> Screen:
    kickoff = started.kickoff
    lines = [
        t(
            "kickoff-saved",
            project=kickoff.title,
            client=kickoff.client_name,
            date=t.day(kickoff.ends_on),
        )
    ]
    if kickoff.budget_fit is not BudgetFit.FITS:
        lines.append(t(f"kickoff-budget-{kickoff.budget_fit.value}-advice"))
    if kickoff.red_flags:
        lines.append(t("kickoff-flags-advice", flags=kickoff.red_flags))
    plan = [
        t(f"trust-{action.value}-planned", date=t.weekday(day), n=started.progress_every)
        for action, day in started.first_nudges.items()
    ]
    plan.append(t("wrap-up-planned", date=t.weekday(kickoff.ends_on)))
    lines.append(t("kickoff-plan-title") + "\n" + "\n".join(f"• {line}" for line in plan))
    if not started.first_nudges:
        lines.append(t("kickoff-plan-none"))
    lines.append(t("kickoff-done-hint"))
    lines.append(t("kickoff-draft-title"))  # the draft itself is the next message
    builder = InlineKeyboardBuilder()
    builder.add(menu_button(t))
    return Screen("\n\n".join(lines), builder.as_markup())
