"""A freelancer's client answering through their personal link: never a user of the bot."""

from __future__ import annotations

from aiogram import Router


def create_router() -> Router:
    return Router(name="client_answers")
