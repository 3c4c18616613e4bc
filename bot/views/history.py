"""/history and /stats."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class HistoryPageCb(CallbackData, prefix="hp1"):
    page: int


class HistoryOpenCb(CallbackData, prefix="ho1"):
    id: int
    page: int
