"""Inline keyboards, one small builder per screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import (
    AnswerCb,
    CheckinHourCb,
    DayCb,
    FormAction,
    FormCb,
    GoalCb,
    LanguageCb,
    Nav,
    NavCb,
    PickClientCb,
    ReflectAction,
    ReflectNavCb,
    SettingsAction,
    SettingsCb,
    TipsBackCb,
    TipsCb,
    ZoneBackCb,
    ZoneCb,
)
from bot.content.questions import AnswerKind, Question
from bot.i18n import Translator
from bot.services.timezones import COMMON_ZONES
from storage.projects import Goal

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


PAGE_SIZE = 6


def main_menu(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-done-project"), callback_data=NavCb(to=Nav.DONE))
    builder.button(text=t("button-clients"), callback_data=NavCb(to=Nav.CLIENTS))
    builder.button(text=t("button-reflect"), callback_data=NavCb(to=Nav.REFLECT))
    builder.button(text=t("button-history"), callback_data=NavCb(to=Nav.HISTORY))
    builder.button(text=t("button-stats"), callback_data=NavCb(to=Nav.STATS))
    builder.button(text=t("button-checkins"), callback_data=NavCb(to=Nav.CHECKINS))
    builder.button(text=t("button-settings"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.button(text=t("button-help"), callback_data=NavCb(to=Nav.HELP))
    builder.adjust(1, 2, 2, 2, 1)
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


def client_choice(t: Translator, clients: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for client_id, name in clients:
        builder.button(text=name, callback_data=PickClientCb(id=client_id))
    builder.button(text=t("button-new-client"), callback_data=PickClientCb(id=0))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(*([2] * (len(clients) // 2)), *([1] * (len(clients) % 2)), 2)
    return builder.as_markup()


def goal_choice(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for goal in Goal:
        builder.button(text=t(f"goal-{goal.value}"), callback_data=GoalCb(goal=goal))
    builder.button(text=t("button-back"), callback_data=FormCb(action=FormAction.BACK))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(1, 1, 1, 1, 1, 2)
    return builder.as_markup()


def day_choice(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-today"), callback_data=DayCb(days_ago=0))
    builder.button(text=t("button-yesterday"), callback_data=DayCb(days_ago=1))
    builder.button(text=t("button-back"), callback_data=FormCb(action=FormAction.BACK))
    builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
    builder.adjust(2, 2)
    return builder.as_markup()


def answer_label(t: Translator, question: Question, value: int) -> str:
    """The words on an answer's button, also used to show the answer later."""
    if question.kind is AnswerKind.YES_PARTLY_NO:
        return t({2: "answer-yes", 1: "answer-partly", 0: "answer-no"}[value])
    if question.kind is AnswerKind.DECISION:
        return t(("decision-keep", "decision-renegotiate", "decision-let_go")[value])
    return str(value)


def question_keyboard(
    t: Translator, reflection_id: int, position: int, question: Question
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for value in question.values:
        builder.button(
            text=answer_label(t, question, value),
            callback_data=AnswerCb(r=reflection_id, q=position, v=value),
        )
    sizes = {
        AnswerKind.SCALE: [5],
        AnswerKind.YES_PARTLY_NO: [3],
        AnswerKind.ZERO_TEN: [6, 5],
        AnswerKind.DECISION: [1, 1, 1],
        AnswerKind.TEXT: [],
    }[question.kind]
    nav = []
    if position > 0:
        nav.append((t("button-back"), ReflectAction.BACK))
    if question.optional:
        nav.append((t("button-skip"), ReflectAction.SKIP))
    nav.append((t("button-pause"), ReflectAction.PAUSE))
    for text, action in nav:
        builder.button(
            text=text, callback_data=ReflectNavCb(r=reflection_id, q=position, action=action)
        )
    builder.adjust(*sizes, len(nav))
    return builder.as_markup()


def menu_button(t: Translator) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU).pack())


def back_to_menu(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    return builder.as_markup()


def zone_picker(t: Translator, *, back: bool, cancel: bool) -> InlineKeyboardMarkup:
    """Common zones two per row; Back and/or Cancel under them."""
    builder = InlineKeyboardBuilder()
    for zone in COMMON_ZONES:
        builder.button(text=zone, callback_data=ZoneCb(zone=zone))
    sizes = [2] * (len(COMMON_ZONES) // 2)
    extra = 0
    if back:
        builder.button(text=t("button-back"), callback_data=ZoneBackCb())
        extra += 1
    if cancel:
        builder.button(text=t("button-cancel"), callback_data=NavCb(to=Nav.CANCEL))
        extra += 1
    builder.adjust(*sizes, max(extra, 1))
    return builder.as_markup()


def tips_question(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-tips-yes"), callback_data=TipsCb(enabled=True))
    builder.button(text=t("button-tips-no"), callback_data=TipsCb(enabled=False))
    builder.button(text=t("button-back"), callback_data=TipsBackCb())
    builder.adjust(2, 1)
    return builder.as_markup()


def settings_menu(t: Translator, *, tips_enabled: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("button-settings-language"), callback_data=SettingsCb(action=SettingsAction.LANGUAGE)
    )
    builder.button(
        text=t("button-settings-timezone"), callback_data=SettingsCb(action=SettingsAction.TIMEZONE)
    )
    builder.button(
        text=t("button-settings-checkin-hour"),
        callback_data=SettingsCb(action=SettingsAction.CHECKIN_HOUR),
    )
    builder.button(
        text=t("button-tips-turn-off" if tips_enabled else "button-tips-turn-on"),
        callback_data=SettingsCb(action=SettingsAction.TIPS),
    )
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    builder.adjust(1)
    return builder.as_markup()


def hour_picker(t: Translator, hours: Sequence[int]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for hour in hours:
        builder.button(text=f"{hour}:00", callback_data=CheckinHourCb(hour=hour))
    builder.button(text=t("button-back"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.adjust(*([5] * (len(hours) // 5)), len(hours) % 5 or 5, 1)
    return builder.as_markup()


def language_picker(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in LANGUAGE_NAMES.items():
        builder.button(text=name, callback_data=LanguageCb(language=code))
    builder.button(text=t("button-back"), callback_data=NavCb(to=Nav.SETTINGS))
    builder.adjust(2, 1)
    return builder.as_markup()
