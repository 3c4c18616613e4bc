"""Routers, one per feature. Order matters: aiogram tries routers in this order.

1. common: /cancel, /help, /menu and navigation buttons, so they work inside any flow;
2. chat_member: the user blocking or unblocking the bot;
3. onboarding: /start and the first-run questions;
4. settings;
5. fallback: last, answers whatever nothing above took (unexpected input, stale buttons).
"""

from __future__ import annotations

from aiogram import Router

from handlers import chat_member, common, fallback, onboarding, settings


def create_routers() -> list[Router]:
    return [
        common.create_router(),
        chat_member.create_router(),
        onboarding.create_router(),
        settings.create_router(),
        fallback.create_router(),
    ]
