"""/done: the form that records a finished project."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.views.common import FormAction, FormCb, Nav, NavCb
from storage.kickoffs import Kickoff
from storage.projects import Goal


class PickClientCb(CallbackData, prefix="pc1"):
    """A client for the project being recorded; id 0 means a new client."""

    id: int


class GoalCb(CallbackData, prefix="g1"):
    goal: Goal


def client_choice(
    t: Translator, clients: Sequence[tuple[int, str]], *, back: bool = False
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for client_id, name in clients:
        builder.button(text=name, callback_data=PickClientCb(id=client_id))
    builder.button(text=t("button-new-client"), callback_data=PickClientCb(id=0))
    if back:
        builder.button(text=t("button-back"), callback_data=FormCb(action=FormAction.BACK))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    last_row = (1, 2) if back else (2,)
    builder.adjust(*([2] * (len(clients) // 2)), *([1] * (len(clients) % 2)), *last_row)
    return builder.as_markup()


def goal_choice(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for goal in Goal:
        builder.button(text=t(f"goal-{goal.value}"), callback_data=GoalCb(goal=goal))
    builder.button(text=t("button-back"), callback_data=FormCb(action=FormAction.BACK))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(1, 1, 1, 1, 1, 2)
    return builder.as_markup()


class StartedCb(CallbackData, prefix="sp1"):
    """A project begun with /kickoff that has now ended; id 0 means another project."""

    id: int


def started_choice(t: Translator, started: Sequence[Kickoff]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for kickoff in started:
        builder.button(
            text=t.label(
                "button-started-project", project=kickoff.title, client=kickoff.client_name
            )[:64],
            callback_data=StartedCb(id=kickoff.id),
        )
    builder.button(text=t("button-other-project"), callback_data=StartedCb(id=0))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(*([1] * len(started)), 1, 1)
    return builder.as_markup()
