"""/export and /delete_me."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class DeleteMeCb(CallbackData, prefix="dm1"):
    pass
