"""The bot's connections to Redis, with time limits: a Redis that stops answering must
fail a call within seconds (a send is postponed, /healthz says so, a lease lapses), never
hang a sender or a lease holder."""

from __future__ import annotations

from typing import Any

from redis.asyncio import Redis

OPTIONS: dict[str, Any] = {
    "socket_timeout": 5,
    "socket_connect_timeout": 5,
    "health_check_interval": 30,
}


def connect(url: str) -> Redis:
    return Redis.from_url(url, **OPTIONS)
