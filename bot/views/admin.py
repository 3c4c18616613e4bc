"""/admin: usage figures across all users."""

from __future__ import annotations

from bot.i18n import Translator
from bot.views.screen import Screen
from storage.overview import Overview


def overview_screen(t: Translator, figures: Overview) -> Screen:
    score = str(figures.average_score) if figures.average_score is not None else "—"
    return Screen(
        t(
            "admin-overview",
            users=figures.users,
            active7=figures.active_7d,
            active30=figures.active_30d,
            blocked=figures.blocked,
            subscribers=figures.tip_subscribers,
            clients=figures.clients,
            projects=figures.projects,
            reflections=figures.reflections,
            score=score,
            sent=figures.checkins_sent,
            done=figures.checkins_done,
            orders=figures.new_order_share,
            broadcasts=figures.broadcasts,
        )
    )
