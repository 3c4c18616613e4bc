"""Filters that routers of several features share."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.types import User as TelegramUser

from bot.config import Settings
from bot.services.checkins import CheckinService
from bot.services.clients import ClientService
from bot.services.kickoffs import KickoffService
from bot.telegram.context import PROMPT_KEY, log_foreign
from storage.checkins import OPEN_STATUSES, Checkin
from storage.clients import Client
from storage.nudges import Nudge, NudgeStatus
from storage.users import User


class IsAdmin(Filter):
    """The sender is one of the bot's admins (ADMIN_IDS). A router filtered on it does
    not exist for anyone else: their commands fall through as unknown text."""

    async def __call__(self, event: Any, settings: Settings, event_from_user: TelegramUser) -> bool:
        return event_from_user.id in settings.admin_ids


class FirstContact(Filter):
    """The update made its sender a user (bot.telegram.middlewares)."""

    async def __call__(self, event: Any, first_contact: bool = False) -> bool:
        return first_contact


class OwnClient(Filter):
    """Passes a button that names one of the pressing user's own clients, and hands the
    client to the handler as `client`. Any other id (forged, or a client deleted since)
    is logged and left to the fallback router, which answers it as an old button."""

    def __init__(self, field: str = "id") -> None:
        self._field = field  # the name of the id in the button's callback data

    async def __call__(
        self, event: Any, callback_data: CallbackData, user: User, clients: ClientService
    ) -> bool | dict[str, Client]:
        client_id = int(getattr(callback_data, self._field))
        client = await clients.get(user, client_id)
        if client is None:
            log_foreign(user.id, "client", client_id)
            return False
        return {"client": client}


class OpenCheckin(Filter):
    """Passes a button that names one of the pressing user's check-ins still waiting for
    action, and hands it to the handler as `checkin`. Someone else's check-in is logged
    as forged; a closed one is simply old; both go to the fallback's old-button answer."""

    async def __call__(
        self, event: Any, callback_data: CallbackData, user: User, checkins: CheckinService
    ) -> bool | dict[str, Checkin]:
        checkin_id = int(getattr(callback_data, "id"))  # noqa: B009  # every check-in button
        checkin = await checkins.get(user, checkin_id)
        if checkin is None:
            log_foreign(user.id, "check-in", checkin_id)
            return False
        if checkin.status not in OPEN_STATUSES:
            return False
        return {"checkin": checkin}


class OpenNudge(Filter):
    """Passes a button that names one of the pressing user's delivered nudges still
    waiting for an answer, handed to the handler as `nudge`. Someone else's nudge is
    logged as forged; an answered one is simply old; both get the old-button answer."""

    async def __call__(
        self, event: Any, callback_data: CallbackData, user: User, kickoffs: KickoffService
    ) -> bool | dict[str, Nudge]:
        nudge_id = int(getattr(callback_data, "id"))  # noqa: B009  # every nudge button
        nudge = await kickoffs.nudge(user, nudge_id)
        if nudge is None:
            log_foreign(user.id, "nudge", nudge_id)
            return False
        # 'sending': pressed in the moment between delivery and being marked sent.
        if nudge.status not in (NudgeStatus.SENDING, NudgeStatus.SENT):
            return False
        return {"nudge": nudge}


class CurrentPrompt(Filter):
    """Passes a button of the message that asks a flow's current question. A button of
    an earlier question (its answer was typed since) goes to the old-button answer, so
    a Skip or Back pressed there cannot act on the question asked now."""

    async def __call__(self, event: CallbackQuery, state: FSMContext) -> bool:
        prompt = (await state.get_data()).get(PROMPT_KEY)
        if prompt is None:  # asked where its message could not be known
            return True
        return isinstance(event.message, Message) and event.message.message_id == prompt
