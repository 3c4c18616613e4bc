"""Inline button payloads. Short prefixes with a version digit, so a payload format can
change without old buttons being misread; every payload stays far below Telegram's 64 bytes.
Ids in payloads are never trusted: handlers load the row filtered by the pressing user."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from storage.projects import Goal


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


class NavCb(CallbackData, prefix="n1"):
    to: Nav


class ZoneCb(CallbackData, prefix="z1"):
    """A time zone picked from the list; `zone` is an IANA name (longest is 32 bytes)."""

    zone: str


class ZoneBackCb(CallbackData, prefix="zb1"):
    """Back from the time zone question (in settings: to the settings list)."""


class TipsCb(CallbackData, prefix="t1"):
    enabled: bool


class TipsBackCb(CallbackData, prefix="tb1"):
    """Back from the tips question to the time zone question (onboarding)."""


class SettingsAction(StrEnum):
    LANGUAGE = "l"
    TIMEZONE = "z"
    TIPS = "t"
    CHECKIN_HOUR = "h"


class SettingsCb(CallbackData, prefix="s1"):
    action: SettingsAction


class LanguageCb(CallbackData, prefix="l1"):
    language: str


class FormAction(StrEnum):
    SKIP = "s"
    BACK = "b"
    CLEAR = "c"


class FormCb(CallbackData, prefix="f1"):
    """Skip / Back / Clear under a question that is answered by typing."""

    action: FormAction


class ClientsPageCb(CallbackData, prefix="cl1"):
    page: int
    archived: bool


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


class ClientCb(CallbackData, prefix="c1"):
    id: int
    action: ClientAction


class ClientAddCb(CallbackData, prefix="ca1"):
    pass


class PickClientCb(CallbackData, prefix="pc1"):
    """A client for the project being recorded; id 0 means a new client."""

    id: int


class GoalCb(CallbackData, prefix="g1"):
    goal: Goal


class DayCb(CallbackData, prefix="dy1"):
    days_ago: int


class AnswerCb(CallbackData, prefix="a1"):
    """An answer to question index `q` of reflection `r`."""

    r: int
    q: int
    v: int


class ReflectAction(StrEnum):
    BACK = "b"
    SKIP = "s"
    PAUSE = "p"


class ReflectNavCb(CallbackData, prefix="rn1"):
    r: int
    q: int
    action: ReflectAction


class ReflectPickCb(CallbackData, prefix="rp1"):
    project: int


class ReflectPageCb(CallbackData, prefix="rg1"):
    page: int


class HistoryPageCb(CallbackData, prefix="hp1"):
    page: int


class HistoryOpenCb(CallbackData, prefix="ho1"):
    id: int
    page: int


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


class CheckinHourCb(CallbackData, prefix="kh1"):
    hour: int


class NewOrderCb(CallbackData, prefix="kn1"):
    client: int


class TipAction(StrEnum):
    LESS = "l"
    UNSUBSCRIBE = "u"
    SUBSCRIBE = "s"
    TIME = "t"


class TipCb(CallbackData, prefix="tp1"):
    """A tip setting; `screen` marks buttons of the /tips screen (refreshed after a
    press), as opposed to the buttons under a tip (the tip stays as it is)."""

    action: TipAction
    screen: bool = False


class TipFrequencyCb(CallbackData, prefix="tf1"):
    frequency: str


class TipHourCb(CallbackData, prefix="th1"):
    hour: int


class AudienceCb(CallbackData, prefix="ba1"):
    audience: str


class BroadcastConfirmCb(CallbackData, prefix="bc1"):
    pass


class BroadcastCancelCb(CallbackData, prefix="bx1"):
    id: int


class DeleteMeCb(CallbackData, prefix="dm1"):
    pass
