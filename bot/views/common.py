"""Pieces every feature uses: the main menu, navigation buttons (the client's card among
them), list paging, the buttons under a typed-answer question, and picking a recent day."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.reading.calendar_words import WeekdayMismatch
from bot.reading.dates import NotAPastDay
from bot.views.screen import Screen

PAGE_SIZE = 6


class Nav(StrEnum):
    MENU = "m"
    SETTINGS = "s"
    HELP = "h"
    CANCEL = "x"
    DONE = "d"
    CLIENTS = "c"
    REFLECT = "r"
    HISTORY = "hi"
    STATS = "st"
    CHECKINS = "k"
    KICKOFF = "ko"


class NavCb(CallbackData, prefix="n1"):
    to: Nav


class ClientAction(StrEnum):
    OPEN = "o"
    EDIT = "e"
    ARCHIVE = "a"
    UNARCHIVE = "u"
    DELETE = "d"
    DELETE_YES = "y"
    EDIT_NAME = "n"
    EDIT_CONTACT = "c"
    EDIT_NOTES = "t"
    ADDRESS = "f"  # «вы» <-> «ты» in the Russian drafts to this client


class ClientCb(CallbackData, prefix="c1"):
    """A client's card and what is done to the client from it. It lives here, beside
    the menu's buttons, because many features lead back to the card."""

    id: int
    action: ClientAction


class FormAction(StrEnum):
    SKIP = "s"
    BACK = "b"
    CLEAR = "c"


class FormCb(CallbackData, prefix="f1"):
    """Skip / Back / Clear under a question that is answered by typing."""

    action: FormAction


class DayCb(CallbackData, prefix="dy1"):
    days_ago: int


def main_menu(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-kickoff"), callback_data=NavCb(to=Nav.KICKOFF))
    builder.button(text=t("button-done-project"), callback_data=NavCb(to=Nav.DONE))
    builder.button(text=t("button-clients"), callback_data=NavCb(to=Nav.CLIENTS))
    builder.button(text=t("button-reflect"), callback_data=NavCb(to=Nav.REFLECT))
    builder.button(text=t("button-history"), callback_data=NavCb(to=Nav.HISTORY))
    builder.button(text=t("button-stats"), callback_data=NavCb(to=Nav.STATS))
    builder.button(text=t("button-checkins"), callback_data=NavCb(to=Nav.CHECKINS))
    builder.button(text=t("button-settings"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.button(text=t("button-help"), callback_data=NavCb(to=Nav.HELP))
    builder.adjust(2, 2, 2, 2, 1)
    return builder.as_markup()


def pager_row(
    t: Translator, page: int, total: int, make: Callable[[int], CallbackData]
) -> list[InlineKeyboardButton]:
    """‹ Back / More › buttons for a list of `total` items shown PAGE_SIZE at a time."""
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(text=t("button-prev"), callback_data=make(page - 1).pack()))
    if (page + 1) * PAGE_SIZE < total:
        row.append(InlineKeyboardButton(text=t("button-next"), callback_data=make(page + 1).pack()))
    return row


def form_step(
    t: Translator, *, skip: bool = False, back: bool = True, clear: bool = False
) -> InlineKeyboardMarkup:
    """Buttons under a question answered by typing: Skip, Clear, Back, Cancel."""
    builder = InlineKeyboardBuilder()
    if skip:
        builder.button(text=t("button-skip"), callback_data=FormCb(action=FormAction.SKIP))
    if clear:
        builder.button(text=t("button-clear"), callback_data=FormCb(action=FormAction.CLEAR))
    if back:
        builder.button(text=t("button-back"), callback_data=FormCb(action=FormAction.BACK))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(2)
    return builder.as_markup()


def day_choice(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-today"), callback_data=DayCb(days_ago=0))
    builder.button(text=t("button-yesterday"), callback_data=DayCb(days_ago=1))
    builder.button(text=t("button-back"), callback_data=FormCb(action=FormAction.BACK))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(2, 2)
    return builder.as_markup()


def menu_button(t: Translator) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU).pack())


def back_to_menu(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    return builder.as_markup()


def menu_screen(t: Translator) -> Screen:
    return Screen(t("menu-title"), main_menu(t))


def mismatch_text(t: Translator, mismatch: WeekdayMismatch) -> str:
    """A weekday and a date that disagree, with both readings to choose from."""
    return t(
        "date-weekday-mismatch",
        date=t.day_with_weekday(mismatch.day),
        weekday=t.day_with_weekday(mismatch.weekday_day),
    )


def day_problem(t: Translator, problem: NotAPastDay, text: str) -> Screen:
    """Why a typed day was not taken, with the quick choices offered again."""
    if problem.mismatch is not None:
        return Screen(mismatch_text(t, problem.mismatch), day_choice(t))
    if problem.day is None:
        return Screen(t("date-unreadable", text=text[:64]), day_choice(t))
    return Screen(t("date-future", date=t.day_with_weekday(problem.day)), day_choice(t))
