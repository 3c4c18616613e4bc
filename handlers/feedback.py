"""Asking a client for their own view: the request from the client's card, after /done's
reflection and on a check-in reminder; withdrawing it; the notice when the answer came."""

from __future__ import annotations

from aiogram import Router


def create_router() -> Router:
    return Router(name="feedback")
