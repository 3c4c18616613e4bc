"""Check-ins: planning one, acting on a reminder, /checkins and /checkin."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


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
