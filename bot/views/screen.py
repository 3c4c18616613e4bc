"""What a view returns: a text with its keyboard. Sending it is the conversation layer's
job (bot.telegram.context), so a view stays a pure function of what a service returned."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    keyboard: InlineKeyboardMarkup | None = None

    def after(self, notice: str) -> Screen:
        """The same screen with a notice line above it ("Time zone changed ...")."""
        return Screen(f"{notice}\n\n{self.text}", self.keyboard)
