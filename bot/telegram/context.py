"""The per-update context: what a handler needs to answer one message or button press.

A handler takes `ctx: Ctx` (plus its callback data and the one service it uses) instead
of threading the message, the conversation state, the person and their texts through
every call. A command and its menu button are one handler: `ctx.reply` answers a typed
command with a new message and a press in place of the pressed message.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.telegram import sending
from bot.views.screen import Screen
from storage.users import User

logger = logging.getLogger(__name__)

PROMPT_KEY = "prompt"  # a flow's data: the message that asks the current question


@dataclass(slots=True)
class Conversation:
    """Answering one update of anyone: a user of the bot (`Ctx`) or a freelancer's
    client answering through their link, who is not a user and has no `user`."""

    event: Message | CallbackQuery
    state: FSMContext
    t: Translator
    callback_answer: CallbackAnswer | None = None

    @property
    def person_id(self) -> int:
        """The Telegram id of whoever sent the update."""
        sender = self.event.from_user
        assert sender is not None  # private chats and button presses always have one
        return sender.id

    @property
    def pressed(self) -> CallbackQuery | None:
        """The button press, when the update is one."""
        return self.event if isinstance(self.event, CallbackQuery) else None

    @property
    def message(self) -> Message | None:
        """The typed message, or the message whose button was pressed while it is
        still accessible."""
        if isinstance(self.event, Message):
            return self.event
        message = self.event.message
        return message if isinstance(message, Message) else None

    # ---- answering -------------------------------------------------------------

    async def reply(self, screen: Screen) -> Message | None:
        """A new message under a typed one; in place of a pressed one (or a new
        message when the pressed one can no longer be edited)."""
        if isinstance(self.event, Message):
            return await sending.answer_long(self.event, screen.text, screen.keyboard)
        return await sending.show(self.event, screen.text, screen.keyboard)

    async def send(self, screen: Screen) -> Message | None:
        """Always a new message: under the typed one, or under the pressed message,
        which stays as it is."""
        message = self.message
        if message is not None:
            return await sending.answer_long(message, screen.text, screen.keyboard)
        event = self.event
        if isinstance(event, CallbackQuery) and event.bot is not None:
            return await event.bot.send_message(
                event.from_user.id, screen.text, reply_markup=screen.keyboard
            )
        return None

    async def say(self, key: str, **values: Any) -> Message | None:
        """A line of text in a new message."""
        return await self.send(Screen(self.t(key, **values)))

    async def say_text(self, text: str) -> Message | None:
        """A line of ready text in a new message."""
        return await self.send(Screen(text))

    async def ask(self, screen: Screen, *, below: bool = False) -> None:
        """Ask a flow's question (a new message under a typed answer, in place of a
        pressed one, or under it when `below`) and remember which message asks it: the
        buttons of an older question are old buttons then (see filters.CurrentPrompt)."""
        shown = await (self.send(screen) if below else self.reply(screen))
        await self.state.update_data({PROMPT_KEY: shown.message_id if shown else None})

    async def ask_again(self, screen: Screen) -> None:
        """Ask the current question once more, below a typed answer it did not take (or
        took as a comment): the earlier asking loses its buttons, so one keyboard in the
        chat answers the question."""
        earlier = (await self.state.get_data()).get(PROMPT_KEY)
        await self.ask(screen)
        message, bot = self.message, self.event.bot
        if earlier is None or message is None or bot is None:
            return
        try:
            await bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=earlier, reply_markup=None
            )
        except TelegramBadRequest as error:  # too old to edit, or deleted: a nicety
            logger.info("Could not take the buttons off an earlier question: %s", error.message)

    # ---- button presses ----------------------------------------------------------

    def alert(self, text: str) -> None:
        """A pop-up over the pressed button (after the handler, by CallbackAnswerMiddleware)."""
        if self.callback_answer is not None:
            self.callback_answer.text = text
            self.callback_answer.show_alert = True

    def toast(self, text: str) -> None:
        """A short notice over the pressed button that goes by itself."""
        if self.callback_answer is not None:
            self.callback_answer.text = text

    def stale(self) -> None:
        """A button whose moment has passed: say so in a pop-up, change nothing."""
        self.alert(self.t("stale-button"))

    def refuse(self, what: str, item_id: int) -> None:
        """A button naming a row this person does not own (forged) or that is gone:
        the old-button pop-up, and a line in the log."""
        log_foreign(self.person_id, what, item_id)
        self.stale()

    async def close_keyboard(self, text: str) -> None:
        """Turn the pressed question into a record of its answer: new text, no buttons."""
        if self.pressed is not None:
            await sending.close_keyboard(self.pressed, text)

    async def remove_keyboard(self) -> None:
        if self.pressed is not None:
            await sending.remove_keyboard(self.pressed)

    @property
    def pressed_html(self) -> str | None:
        """The pressed message's text as HTML, to keep it while its buttons go."""
        message = self.message
        if self.pressed is None or message is None or not message.text:
            return None
        return message.html_text


@dataclass(slots=True)
class Ctx(Conversation):
    """Answering one update of a user of the bot: a freelancer."""

    user: User = field(kw_only=True)


def log_foreign(user_id: int, what: str, item_id: int) -> None:
    """A line in the log for a button naming a row this user does not own (forged) or
    that is gone."""
    logger.warning(
        "User %s pressed a button for %s %s that is not theirs or no longer exists",
        user_id,
        what,
        item_id,
    )


class ContextMiddleware(BaseMiddleware):
    """Puts `ctx` into a message or button handler's data, once its filters passed: a
    `Ctx` for a user, a `Conversation` for anyone else (only the client_answers router
    takes those: it catches every update of someone who is not a user)."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("user")
        state = data.get("state")
        if isinstance(event, Message | CallbackQuery) and state is not None:
            answer = data.get("callback_answer")
            data["ctx"] = (
                Conversation(event, state, data["t"], answer)
                if user is None
                else Ctx(event, state, data["t"], answer, user=user)
            )
        return await handler(event, data)
