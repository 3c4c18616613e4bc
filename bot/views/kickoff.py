"""/kickoff: the questions before the work, the early trust actions to pick, and the
message that confirms the goal with the client (I4, I9, I12)."""

from __future__ import annotations

from collections.abc import Collection

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.reading.dates import NotAFutureDay
from bot.rules.nudges import MAX_TRUST_ACTIONS
from bot.services.kickoffs import Started
from bot.views.common import FormAction, FormCb, Nav, NavCb, menu_button, mismatch_text
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
        mark = "✅ " if action in picked else ""
        builder.button(
            text=mark + t(f"trust-{action.value}-button"), callback_data=TrustCb(action=action)
        )
    if picked:
        builder.button(text=t("button-trust-ready", n=len(picked)), callback_data=TrustReadyCb())
    _form_buttons(builder, t)
    builder.adjust(1, 1, 1, 1, *([1] if picked else []), 2)
    return Screen(t("kickoff-trust-ask", most=MAX_TRUST_ACTIONS), builder.as_markup())


def address_choice(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for address in Address:
        builder.button(
            text=t(f"button-address-{address.value}"), callback_data=AddressCb(address=address)
        )
    _form_buttons(builder, t)
    builder.adjust(2, 2)
    return builder.as_markup()


def goal_words(t: Translator, kickoff: Kickoff) -> str:
    """The client's goal as words a draft can use: their own note, or the goal's phrase."""
    return kickoff.goal_note or t(f"kickoff-goal-{kickoff.goal.value}")


def addressed(t: Translator, key: str, kickoff: Kickoff, **values: str) -> str:
    """A text for the client, in the kickoff's form of address («вы» or «ты»)."""
    return t(f"{key}-{kickoff.address.value}", **values)


def kickoff_message(t: Translator, kickoff: Kickoff) -> str:
    """The message for the client: the goal and how success will be measured, in plain
    words (I4, I9), addressed with «вы» or «ты» in Russian."""
    parts = [
        addressed(
            t, "kickoff-draft-open", kickoff, client=kickoff.client_name, project=kickoff.title
        ),
        t("kickoff-draft-goal", goal=goal_words(t, kickoff)),
    ]
    if kickoff.metric is None:
        parts.append(addressed(t, "kickoff-draft-metric-none", kickoff))
    else:
        parts.append(t("kickoff-draft-metric", metric=kickoff.metric))
        if kickoff.baseline is None:
            parts.append(addressed(t, "kickoff-draft-baseline-none", kickoff))
        else:
            parts.append(t("kickoff-draft-baseline", baseline=kickoff.baseline))
        if kickoff.target is not None:
            parts.append(addressed(t, "kickoff-draft-target", kickoff, target=kickoff.target))
    parts.append(t("kickoff-draft-end", date=t.day(kickoff.ends_on)))
    parts.append(addressed(t, "kickoff-draft-close", kickoff))
    return " ".join(parts)


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
    draft = kickoff_message(t, kickoff)
    lines.append(f"{t('kickoff-draft-title')}\n<blockquote>{draft}</blockquote>")
    plan = [
        t(f"trust-{action.value}-planned", date=t.weekday(day), n=started.progress_every)
        for action, day in started.first_nudges.items()
    ]
    plan.append(t("wrap-up-planned", date=t.weekday(kickoff.ends_on)))
    lines.append(t("kickoff-plan-title") + "\n" + "\n".join(f"• {line}" for line in plan))
    if not started.first_nudges:
        lines.append(t("kickoff-plan-none"))
    lines.append(t("kickoff-done-hint"))
    builder = InlineKeyboardBuilder()
    builder.add(menu_button(t))
    return Screen("\n\n".join(lines), builder.as_markup())
