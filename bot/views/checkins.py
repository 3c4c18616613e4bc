"""Check-ins: planning one, acting on a reminder, /checkins and /checkin, and "I
contacted them"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.questions import Decision
from bot.i18n import Translator
from bot.reading.calendar_words import WeekdayMismatch
from bot.rules.checkins import CadenceUnit, CheckinOutcome, NamedTime, Preset, WhenProblem
from bot.services.checkins import OpenCheckin
from bot.views.common import day_choice, form_step, menu_button, mismatch_text
from bot.views.screen import Screen
from storage.checkins import Checkin
from storage.clients import Client

UPCOMING_DAYS = 30  # /checkins shows what is due within this many days
# Snooze offers, in days, with the words on their buttons.
SNOOZE_DAYS = {1: "snooze-1d", 3: "snooze-3d", 7: "snooze-1w"}


class CheckinAction(StrEnum):
    DONE = "d"
    SNOOZE = "z"
    RESCHEDULE = "r"
    SKIP = "s"
    STOP = "x"
    OPEN = "o"


class CheckinCb(CallbackData, prefix="k1"):
    id: int
    action: CheckinAction


class SnoozeCb(CallbackData, prefix="kz1"):
    id: int
    days: int  # one of SNOOZE_DAYS


class OutcomeCb(CallbackData, prefix="kv1"):
    id: int
    outcome: CheckinOutcome


class PlanChoice(StrEnum):
    """How to follow up with a client: once after a while, on a cadence, at a typed
    time, or not at all."""

    IN_2_WEEKS = "2w"
    IN_1_MONTH = "1m"
    IN_3_MONTHS = "3m"
    IN_6_MONTHS = "6m"
    EVERY_2_WEEKS = "c-2-week"
    EVERY_MONTH = "c-1-month"
    EVERY_3_MONTHS = "c-3-month"
    PICK = "pick"
    NONE = "none"


class PlanCb(CallbackData, prefix="kp1"):
    client: int
    choice: PlanChoice


class CheckinClientCb(CallbackData, prefix="kc1"):
    client: int


class ContactedCb(CallbackData, prefix="kl1"):
    client: int


class NewOrderCb(CallbackData, prefix="kn1"):
    client: int


PRESETS = {
    PlanChoice.IN_2_WEEKS: Preset.TWO_WEEKS,
    PlanChoice.IN_1_MONTH: Preset.ONE_MONTH,
    PlanChoice.IN_3_MONTHS: Preset.THREE_MONTHS,
    PlanChoice.IN_6_MONTHS: Preset.SIX_MONTHS,
}
CADENCES = {
    PlanChoice.EVERY_2_WEEKS: (CadenceUnit.WEEK, 2),
    PlanChoice.EVERY_MONTH: (CadenceUnit.MONTH, 1),
    PlanChoice.EVERY_3_MONTHS: (CadenceUnit.MONTH, 3),
}
_CADENCE_LABELS = {
    PlanChoice.EVERY_2_WEEKS: "cadence-2-week",
    PlanChoice.EVERY_MONTH: "cadence-1-month",
    PlanChoice.EVERY_3_MONTHS: "cadence-3-month",
}


def when_text(t: Translator, checkin: Checkin, zone: str) -> str:
    """ "Thu, 10 Dec 2026 at 10:00 (Europe/Berlin)": the weekday makes a misread day plain."""
    local = checkin.local_due
    return t(
        "checkin-when",
        date=t.day_with_weekday(local.date()),
        time=local.strftime("%H:%M"),
        zone=zone,
    )


def confirmation(t: Translator, text: str, checkin: Checkin) -> Screen:
    """A planned or moved check-in, with one tap to change its day or time."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("button-checkin-change"),
        callback_data=CheckinCb(id=checkin.id, action=CheckinAction.RESCHEDULE),
    )
    return Screen(text, builder.as_markup())


def with_menu(t: Translator, text: str) -> Screen:
    builder = InlineKeyboardBuilder()
    builder.row(menu_button(t))
    return Screen(text, builder.as_markup())


# ---- planning --------------------------------------------------------------------


def plan_screen(t: Translator, client: Client, decision: str | None = None) -> Screen:
    """How to follow up with a client; a "keep" decision puts the cadences first."""
    builder = InlineKeyboardBuilder()
    presets = [(choice, f"preset-{preset.value}") for choice, preset in PRESETS.items()]
    cadences = list(_CADENCE_LABELS.items())
    options = [*cadences, *presets] if decision == Decision.KEEP else [*presets, *cadences]
    for choice, key in options:
        builder.button(text=t(key), callback_data=PlanCb(client=client.id, choice=choice))
    builder.button(
        text=t("button-pick-time"), callback_data=PlanCb(client=client.id, choice=PlanChoice.PICK)
    )
    builder.button(
        text=t("button-no-checkin"),
        callback_data=PlanCb(client=client.id, choice=PlanChoice.NONE),
    )
    builder.adjust(*([2] * 3), 1, 1, 1)
    key = "checkin-ask-keep" if decision == Decision.KEEP else "checkin-ask"
    return Screen(t(key, client=client.name), builder.as_markup())


def planned(
    t: Translator, client: Client, checkin: Checkin, zone: str, named: NamedTime | None = None
) -> Screen:
    """A planned check-in; an hour typed in another zone shows both clocks, so the
    conversion can be checked: "16:00 (Europe/Moscow) = 14:00 your time"."""
    text = t("checkin-planned", client=client.name, when=when_text(t, checkin, zone))
    if named is not None:
        converted = t(
            "checkin-zone-converted",
            there=named.local.strftime("%H:%M"),
            zone=named.zone,
            here=checkin.local_due.strftime("%H:%M"),
        )
        text = f"{text}\n{converted}"
    return confirmation(t, text, checkin)


def planned_cadence(
    t: Translator, client: Client, checkin: Checkin, zone: str, unit: CadenceUnit, n: int
) -> Screen:
    when = when_text(t, checkin, zone)
    text = t("checkin-planned-cadence", client=client.name, unit=unit.value, n=n, when=when)
    return confirmation(t, text, checkin)


def when_question(t: Translator, current: Checkin | None = None, zone: str = "") -> Screen:
    """When to check in; when moving a check-in, its time now comes first."""
    text = t("checkin-when-ask")
    if current is not None:
        text = f"{t('checkin-when-now', when=when_text(t, current, zone))}\n\n{text}"
    return Screen(text, form_step(t, back=False))


_WHEN_PROBLEMS = {
    WhenProblem.UNREADABLE: "checkin-when-unreadable",
    WhenProblem.PAST: "checkin-when-past",
    WhenProblem.TOO_FAR: "checkin-when-too-far",
}


def when_problem(t: Translator, problem: WhenProblem | WeekdayMismatch, text: str) -> Screen:
    """What is wrong with a typed time; the question stays open."""
    if isinstance(problem, WeekdayMismatch):
        return Screen(mismatch_text(t, problem), form_step(t, back=False))
    return Screen(t(_WHEN_PROBLEMS[problem], text=text[:100]), form_step(t, back=False))


def no_plan(t: Translator) -> Screen:
    return Screen(t("checkin-skipped-plan"))


def client_picker(t: Translator, clients: Sequence[Client]) -> Screen:
    """/checkin: which client to plan a check-in with."""
    builder = InlineKeyboardBuilder()
    for client in clients:
        builder.button(text=client.name, callback_data=CheckinClientCb(client=client.id))
    builder.adjust(2)
    builder.row(menu_button(t))
    return Screen(t("checkin-pick-client"), builder.as_markup())


# ---- acting on a reminder --------------------------------------------------------


def outcome_question(t: Translator, checkin_id: int) -> Screen:
    builder = InlineKeyboardBuilder()
    for outcome in CheckinOutcome:
        builder.button(
            text=t(f"outcome-{outcome.value}"),
            callback_data=OutcomeCb(id=checkin_id, outcome=outcome),
        )
    builder.adjust(2)
    return Screen(t("checkin-outcome-ask"), builder.as_markup())


def note_question(t: Translator, outcome: CheckinOutcome) -> Screen:
    label = t(f"outcome-{outcome.value}")
    return Screen(f"{label}\n\n{t('checkin-note-ask')}", form_step(t, skip=True, back=False))


def closed(t: Translator, client: Client | None, outcome: CheckinOutcome) -> Screen:
    """A check-in done; a new order from the client leads to recording the project."""
    builder = InlineKeyboardBuilder()
    text = t("checkin-done", client=client.name if client else "")
    if outcome is CheckinOutcome.NEW_ORDER and client is not None:
        # A repeat client: offer to record the new project straight away.
        text += "\n\n" + t("checkin-new-order")
        builder.button(text=t("button-record-project"), callback_data=NewOrderCb(client=client.id))
    builder.row(menu_button(t))
    return Screen(text, builder.as_markup())


def snooze_menu(t: Translator, checkin_id: int) -> Screen:
    builder = InlineKeyboardBuilder()
    for days, key in SNOOZE_DAYS.items():
        builder.button(text=t(key), callback_data=SnoozeCb(id=checkin_id, days=days))
    builder.button(
        text=t("button-back"), callback_data=CheckinCb(id=checkin_id, action=CheckinAction.OPEN)
    )
    builder.adjust(len(SNOOZE_DAYS), 1)
    return Screen(t("button-snooze"), builder.as_markup())


def snoozed(t: Translator, checkin: Checkin, zone: str) -> Screen:
    return confirmation(t, t("checkin-snoozed", when=when_text(t, checkin, zone)), checkin)


def checkin_gone(t: Translator) -> Screen:
    """A typed answer for a check-in closed in the meantime."""
    return Screen(t("checkin-gone"))


def skipped(t: Translator) -> Screen:
    return Screen(t("checkin-skipped"))


def stopped(t: Translator, client: Client) -> Screen:
    return Screen(t("checkin-stopped", client=client.name))


# ---- /checkins -------------------------------------------------------------------


def checkins_screen(t: Translator, found: Sequence[OpenCheckin], zone: str) -> Screen:
    """Reminders waiting for the user, then what is due in the next UPCOMING_DAYS."""
    if not found:
        return with_menu(t, t("checkins-empty"))
    builder = InlineKeyboardBuilder()
    lines = [t("checkins-title")]
    overdue = [item for item in found if item.overdue]
    upcoming = [item for item in found if not item.overdue]
    for title, group in (("checkins-overdue", overdue), ("checkins-upcoming", upcoming)):
        if not group:
            continue
        lines.append(t(title))
        for item in group:
            when = when_text(t, item.checkin, zone)
            label = t("checkins-item", when=when, client=item.client_name)
            lines.append(f"• {label}")
            builder.button(
                text=label[:60],
                callback_data=CheckinCb(id=item.checkin.id, action=CheckinAction.OPEN),
            )
    builder.adjust(1)
    builder.row(menu_button(t))
    return Screen("\n".join(lines), builder.as_markup())


# ---- "I contacted them" ------------------------------------------------------------


def contacted_question(t: Translator) -> Screen:
    return Screen(t("contacted-when"), day_choice(t))


def contacted_saved(t: Translator, client: Client, day: date) -> Screen:
    text = t("contacted-saved", client=client.name, date=t.day_with_weekday(day))
    return with_menu(t, text)
