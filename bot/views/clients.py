"""/clients: the list, a client's card, editing, archiving and deleting."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


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
