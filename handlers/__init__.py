"""Routers, one per feature. Order matters: aiogram tries routers in this order.

0. client_answers: a freelancer's client answering through their link, and anything else
   such a client sends: they are not users, so nothing below sees them;
1. common: /cancel, /help, /menu and navigation buttons, so they work inside any flow;
2. admin and broadcast: admin commands (the routers filter on ADMIN_IDS), then chat_member;
3. onboarding: /start and the first-run questions;
4. settings, tips, clients, check-ins, the client's number after a project, kickoff
   (/kickoff) and its nudges, projects (/done), reflection (/reflect), history, asking a
   client for their view (feedback);
5. fallback: last, answers whatever nothing above took (unexpected input, stale buttons).

Typed-text steps use bot.telegram.input.TYPED_TEXT, which leaves commands alone, so a command
sent in the middle of a flow always reaches its own handler.
"""

from __future__ import annotations

from aiogram import Router

from handlers import (
    admin,
    broadcast,
    chat_member,
    checkins,
    client_answers,
    clients,
    common,
    errors,
    fallback,
    feedback,
    history,
    kickoff,
    my_data,
    nudges,
    onboarding,
    outcomes,
    projects,
    reflection,
    settings,
    tips,
)

# The last line of defence, registered on the Dispatcher's errors.
on_error = errors.on_error


def create_routers() -> list[Router]:
    return [
        client_answers.create_router(),
        common.create_router(),
        admin.create_router(),
        broadcast.create_router(),
        chat_member.create_router(),
        onboarding.create_router(),
        settings.create_router(),
        my_data.create_router(),
        tips.create_router(),
        clients.create_router(),
        checkins.create_router(),
        outcomes.create_router(),
        kickoff.create_router(),
        nudges.create_router(),
        projects.create_router(),
        reflection.create_router(),
        history.create_router(),
        feedback.create_router(),
        fallback.create_router(),
    ]
