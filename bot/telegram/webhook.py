"""Webhook mode: Telegram posts updates to us over HTTP (aiogram's aiohttp integration).

Requests without the right X-Telegram-Bot-Api-Secret-Token get 401; a body that is not
a valid update gets 400 and changes nothing; /healthz answers 200 while the database
answers, and Redis too when the instances share it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, cast
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from pydantic import ValidationError
from redis.asyncio import Redis

from storage.db import Database

logger = logging.getLogger(__name__)

DEFAULT_PATH = "/webhook"
HEALTH_TIMEOUT = 2.0  # seconds; a load balancer's own check times out soon after


def webhook_path(url: str) -> str:
    """The path Telegram posts to: the path of WEBHOOK_URL, or /webhook."""
    return urlsplit(url).path.rstrip("/") or DEFAULT_PATH


def webhook_full_url(url: str) -> str:
    parts = urlsplit(url)
    return url if parts.path.strip("/") else url.rstrip("/") + DEFAULT_PATH


class CheckedRequestHandler(SimpleRequestHandler):
    """aiogram's handler, with malformed bodies answered 400 instead of raising."""

    async def handle(self, request: web.Request) -> web.Response:
        bot = await self.resolve_bot(request)
        if not self.verify_secret(request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), bot):
            return web.Response(body="Unauthorized", status=401)
        try:
            data: Any = await request.json(loads=bot.session.json_loads)
            Update.model_validate(data, context={"bot": bot})
        except (ValueError, ValidationError) as error:
            logger.warning("Webhook: refused a malformed update: %s", type(error).__name__)
            return web.Response(body="Bad Request", status=400)
        # Answer Telegram at once; the update is handled in the background.
        task = asyncio.create_task(self._background_feed_update(bot=bot, update=data))
        self._background_feed_update_tasks.add(task)
        task.add_done_callback(self._background_feed_update_tasks.discard)
        return web.json_response({})

    __call__ = handle

    async def close(self) -> None:
        """At shutdown: updates already answered 200 are handled to the end before the
        dispatcher and the database close. The bot's session stays open: delivery still
        drains through it, and the application closes it last."""
        if self._background_feed_update_tasks:
            await asyncio.gather(*self._background_feed_update_tasks, return_exceptions=True)


def build_webhook_app(
    dispatcher: Dispatcher, bot: Bot, db: Database, redis: Redis | None, secret: str, path: str
) -> web.Application:
    app = web.Application()
    CheckedRequestHandler(dispatcher=dispatcher, bot=bot, secret_token=secret).register(
        app, path=path
    )
    setup_application(app, dispatcher, bot=bot)

    async def healthz(request: web.Request) -> web.Response:
        checks = {"database": await _answers("database", db.ping)}
        if redis is not None:
            checks["redis"] = await _answers("redis", lambda: _redis_ping(redis))
        healthy = all(checks.values())
        return web.json_response({"ok": healthy, **checks}, status=200 if healthy else 503)

    app.router.add_get("/healthz", healthz)
    return app


async def _redis_ping(redis: Redis) -> bool:
    return bool(await cast(Awaitable[bool], redis.ping()))


async def _answers(name: str, ping: Callable[[], Awaitable[bool]]) -> bool:
    """Any failure means "not healthy", never a crash; a load balancer stops sending
    updates to this instance until it answers again."""
    try:
        return await asyncio.wait_for(ping(), timeout=HEALTH_TIMEOUT)
    except Exception:
        logger.exception("Health check: the %s does not answer", name)
        return False
