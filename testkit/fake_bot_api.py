"""A small Telegram Bot API server on 127.0.0.1 for wire-level tests and benchmarks.

It serves getMe, getUpdates (long polling from a queue the test fills), and records
every other method, answering sendMessage/editMessageText/copyMessage with realistic
results. With `limit_per_second`, it answers 429 (retry_after 1) as Telegram does when
more messages than that arrive within a second, and counts those answers; sends to a
chat in `blocked` get 403 as from a person who blocked the bot; `latency` delays each
send as a real network does. `delivered` counts the sends each chat accepted.

The one fake Bot API over HTTP: the wire tests, the start-up tests of main.py and the
benchmarks (bench/broadcast.py, bench/scale.py) all use it. Two other fakes stay, each
for a reason of its own: `testkit.recording_session.RecordingSession` answers inside the
test's process without HTTP (most tests feed thousands of updates; a round trip through
a socket and JSON for each would cost more than the handler it tests), and
`playground.bot_api.LocalBotAPI` keeps people, chats, files and menus for a page to show,
which no test here needs and every one would pay for. Telegram's rules on texts, HTML,
markup and callback data live once, in `playground.telegram_rules`, for all three.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 123456789
# Messages that count against Telegram's bulk limit.
SENDS = ("sendMessage", "copyMessage", "sendPhoto", "sendDocument")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any


@dataclass
class FakeBotAPI:
    token: str
    calls: list[Call] = field(default_factory=list)
    updates: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    reject_token: bool = False
    limit_per_second: int | None = None
    latency: float = 0.0  # seconds before answering a send, as over a real network
    answered_429: int = 0
    polls: int = 0  # getUpdates requests (not in `calls`: a poller makes one every 0.5 s)
    blocked: set[int] = field(default_factory=set)  # chats whose person blocked the bot
    answered_403: int = 0
    delivered: Counter[int] = field(default_factory=Counter)  # accepted sends per chat
    send_times: list[float] = field(default_factory=list)  # when each accepted send arrived
    _runner: web.AppRunner | None = None
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _new_call: asyncio.Condition = field(default_factory=asyncio.Condition)
    url: str = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    # ---- what the test does ---------------------------------------------------

    def push_message(self, user_id: int, text: str, language_code: str = "en") -> None:
        self.updates.put_nowait(
            {
                "update_id": next(self._update_ids),
                "message": {
                    "message_id": next(self._message_ids),
                    "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private", "first_name": "Wire"},
                    "from": _user(user_id, language_code),
                    "text": text,
                },
            }
        )

    def push_press(self, user_id: int, message: dict[str, Any], label: str) -> None:
        data = next(
            button["callback_data"]
            for row in message["reply_markup"]["inline_keyboard"]
            for button in row
            if button["text"] == label
        )
        self.updates.put_nowait(
            {
                "update_id": next(self._update_ids),
                "callback_query": {
                    "id": str(next(self._update_ids)),
                    "from": _user(user_id, "en"),
                    "chat_instance": "wire",
                    "message": message,
                    "data": data,
                },
            }
        )

    async def wait_for(self, predicate: Any, timeout: float = 10.0) -> Call:
        """The first recorded call that satisfies `predicate`, waiting for it if needed."""

        def found() -> Call | None:
            return next((call for call in self.calls if predicate(call)), None)

        async with self._new_call:
            await asyncio.wait_for(self._new_call.wait_for(lambda: found() is not None), timeout)
        result = found()
        assert result is not None
        return result

    def sent_texts(self) -> list[str]:
        return [c.params["text"] for c in self.calls if c.method in ("sendMessage",)]

    # ---- the server -----------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token or self.reject_token:
            return _error(401, "Unauthorized")
        params = dict(await request.post())
        decoded = {key: _maybe_json(value) for key, value in params.items()}
        if method == "getUpdates":
            self.polls += 1
            return _ok(await self._get_updates(decoded))
        if method in SENDS:
            if self.latency:
                await asyncio.sleep(self.latency)
            arrived = time.monotonic()
            recent = [moment for moment in self.send_times[-100:] if arrived - moment < 1.0]
            if self.limit_per_second is not None and len(recent) >= self.limit_per_second:
                self.answered_429 += 1
                return web.json_response(
                    {
                        "ok": False,
                        "error_code": 429,
                        "parameters": {"retry_after": 1},
                        "description": "Too Many Requests: retry after 1",
                    },
                    status=429,
                )
            self.send_times.append(arrived)
            chat_id = int(decoded.get("chat_id", 0) or 0)
            if chat_id in self.blocked:
                self.answered_403 += 1
                return _error(403, "Forbidden: bot was blocked by the user")
            self.delivered[chat_id] += 1
        result: Any = True
        if method == "getMe":
            result = {"id": BOT_ID, "is_bot": True, "first_name": "Coach", "username": "coach_bot"}
        elif method in ("sendMessage", "editMessageText"):
            result = self._message(decoded)
        elif method == "copyMessage":
            result = {"message_id": next(self._message_ids)}
        async with self._new_call:
            self.calls.append(Call(method, decoded, result))
            self._new_call.notify_all()
        return _ok(result)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0) or 0)
        try:
            first = await asyncio.wait_for(self.updates.get(), timeout=0.5)
        except TimeoutError:
            return []
        batch = [first]
        while not self.updates.empty():
            batch.append(self.updates.get_nowait())
        return [u for u in batch if u["update_id"] >= offset]

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Coach"},
            "text": params["text"],
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message


def _user(user_id: int, language_code: str) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Wire", "language_code": language_code}


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": status, "description": description}, status=status
    )
