"""The last line of defence: log the failure, tell the user, keep their state."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.types import ErrorEvent

from bot.config import Settings
from bot.i18n import I18n, Translator, language_for
from bot.services.accounts import AccountService

logger = logging.getLogger(__name__)


async def on_error(
    event: ErrorEvent,
    bot: Bot,
    i18n: I18n,
    accounts: AccountService,
    settings: Settings,
    t: Translator | None = None,
) -> bool:
    update = event.update
    sender = (
        update.message.from_user
        if update.message
        else update.callback_query.from_user
        if update.callback_query
        else None
    )
    if isinstance(event.exception, TelegramForbiddenError) and sender is not None:
        # The user blocked the bot while we were answering: nothing to tell them.
        await accounts.block(sender.id)
        return True
    logger.error(
        "Update %s failed: %s", update.update_id, event.exception, exc_info=event.exception
    )
    if sender is None:
        return True
    if t is None:
        t = i18n.get(language_for(sender.language_code, settings.default_language))
    try:
        # A message rather than a pop-up: a pressed button has already been answered
        # (CallbackAnswerMiddleware answers even when the handler fails).
        await bot.send_message(sender.id, t("error-generic"))
    except TelegramAPIError as error:
        logger.warning("Could not tell user %s about the failure: %s", sender.id, error)
    return True
