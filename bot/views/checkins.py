"""Check-ins: planning one, acting on a reminder, /checkins and /checkin."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content.questions import Decision
from bot.i18n import Translator
from bot.messaging import Screen
from bot.services.checkin_rules import Preset
from storage.checkins import Checkin
from storage.clients import Client


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
    days: int


class OutcomeCb(CallbackData, prefix="ko1"):
    id: int
    outcome: str


class PlanCb(CallbackData, prefix="kp1"):
    """Plan a check-in for a client: a preset ("2w"), a cadence ("c-1-month"),
    "pick" (type a time) or "none"."""

    client: int
    choice: str


class CheckinClientCb(CallbackData, prefix="kc1"):
    client: int


class ContactedCb(CallbackData, prefix="kt1"):
    client: int


class NewOrderCb(CallbackData, prefix="kn1"):
    client: int


CADENCES = (("c-2-week", "cadence-2-week"), ("c-1-month", "cadence-1-month"),
            ("c-3-month", "cadence-3-month"))  # fmt: skip


def when_text(t: Translator, checkin: Checkin, zone: str) -> str:
    local = checkin.local_due
    return t("checkin-when", date=t.day(local.date()), time=local.strftime("%H:%M"), zone=zone)


def plan_screen(t: Translator, client: Client, decision: str | None = None) -> Screen:
    """How to follow up with a client; a "keep" decision puts the cadences first."""
    builder = InlineKeyboardBuilder()
    presets = [(p.value, f"preset-{p.value}") for p in Preset]
    options = [*CADENCES, *presets] if decision == Decision.KEEP else [*presets, *CADENCES]
    for choice, key in options:
        builder.button(text=t(key), callback_data=PlanCb(client=client.id, choice=choice))
    builder.button(
        text=t("button-pick-time"), callback_data=PlanCb(client=client.id, choice="pick")
    )
    builder.button(
        text=t("button-no-checkin"), callback_data=PlanCb(client=client.id, choice="none")
    )
    builder.adjust(*([2] * 3), 1, 1, 1)
    key = "checkin-ask-keep" if decision == Decision.KEEP else "checkin-ask"
    return Screen(t(key, client=client.name), builder.as_markup())
