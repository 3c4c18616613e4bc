"""What a view returns: a text with its keyboard. Sending it is the conversation layer's
job (bot.telegram.context), so a view stays a pure function of what a service returned."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram.types import InlineKeyboardMarkup


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    keyboard: InlineKeyboardMarkup | None = None

    def after(self, notice: str) -> Screen:
        """The same screen with a notice line above it ("Time zone changed ...")."""
        return Screen(f"{notice}\n\n{self.text}", self.keyboard)

    # ---- transitional: sending belongs to bot.telegram.context.Ctx -------------------

    async def answer(self, message: Any) -> Any:
        from bot.telegram import sending

        return await sending.answer_long(message, self.text, self.keyboard)

    async def show(self, callback: Any) -> Any:
        from bot.telegram import sending

        return await sending.show(callback, self.text, self.keyboard)

    async def reply(self, target: Any) -> None:
        from aiogram.types import Message

        if isinstance(target, Message):
            await self.answer(target)
        else:
            await self.show(target)

    async def below(self, target: Any) -> None:
        from aiogram.types import CallbackQuery, Message

        message = target if isinstance(target, Message) else target.message
        if isinstance(message, Message):
            await self.answer(message)
        elif isinstance(target, CallbackQuery) and target.bot is not None:
            await target.bot.send_message(
                target.from_user.id, self.text, reply_markup=self.keyboard
            )
