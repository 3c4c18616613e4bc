"""The chat page and what it calls: the state of one person's chat (long-polled), their
messages and button presses, the clock buttons, and the files the bot sent."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, get_args
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.delivery.wakeup import RunDue
from bot.i18n import I18n, Translator, language_for
from playground.bot_api import LocalBotAPI
from playground.chats import CLIENT, ChatMessage, Person
from playground.clock import STEPS, MovableClock, Step, walk

logger = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
LONG_POLL_SECONDS = 25.0
MAX_TYPED = 20_000  # a paste longer than this is a mistake, not a message
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
INLINE_IMAGES = ("image/png", "image/jpeg", "image/gif")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# The person's time zone and language as the bot has them (None: not met yet).
Profile = Callable[[int], Awaitable[tuple[str, str] | None]]


class PlaygroundPage:
    def __init__(
        self,
        api: LocalBotAPI,
        clock: MovableClock,
        i18n: I18n,
        *,
        hint: str,
        profile: Profile,
        run_due: RunDue,
        on_clock_moved: Callable[[], None],
    ) -> None:
        self.api = api
        self.clock = clock
        self.i18n = i18n
        self.hint = hint
        self.profile = profile
        self.run_due = run_due
        self.on_clock_moved = on_clock_moved
        self._clock_moving = asyncio.Lock()  # two quick clicks walk one after the other

    def create_app(self) -> web.Application:
        app = web.Application(client_max_size=60 * 1024 * 1024, middlewares=[_local_only])
        self.api.add_routes(app)
        app.router.add_get("/", self._index)
        app.router.add_static("/static", STATIC)
        app.router.add_get("/api/state", self._state)
        app.router.add_post("/api/send", self._send)
        app.router.add_post("/api/press", self._press)
        app.router.add_post("/api/start", self._start_link)
        app.router.add_post("/api/sticker", self._sticker)
        app.router.add_post("/api/photo", self._photo)
        app.router.add_post("/api/block", self._block)
        app.router.add_post("/api/clock", self._move_clock)
        app.router.add_get("/files/{file_id}", self._file)
        return app

    # ---- what the page shows --------------------------------------------------------

    async def _index(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def _state(self, request: web.Request) -> web.Response:
        # Without a person (a first visit), the first one: the page learns the keys here.
        first = next(iter(self.api.people))
        person = self._person(request.query.get("person") or first)
        try:
            after = int(request.query.get("after", "-1"))
        except ValueError:
            after = -1
        version = await self.api.wait_for_change(after, LONG_POLL_SECONDS)
        return web.json_response(await self.state(person, version))

    async def state(self, person: Person, version: int) -> dict[str, Any]:
        chat = self.api.chats[person.user_id]
        zone_name, language = await self._zone_and_language(person)
        zone = ZoneInfo(zone_name)
        now = self.clock.now().astimezone(zone)
        t = self.i18n.get(language)
        keyboard = chat.reply_keyboard
        return {
            "version": version,
            "person": person.key,
            "people": [
                {
                    "key": p.key,
                    "label": p.label,
                    "about": p.about,
                    "blocked": self.api.chats[p.user_id].blocked,
                }
                for p in self.api.people.values()
            ],
            "hint": self.hint,
            # Links to this bot (t.me/<username>?start=...) open in a chat on the page.
            "bot_username": self.api.username,
            "client": CLIENT if CLIENT in self.api.people else None,
            "clock": {
                "label": f"{t.day_with_weekday(now.date())}, {now:%H:%M}",
                "zone": zone_name,
            },
            "commands": self.api.menu(person.key),
            "reply_keyboard": {
                "rows": [[_label(button) for button in row] for row in keyboard["keyboard"]],
                "placeholder": keyboard.get("input_field_placeholder"),
            }
            if keyboard
            else None,
            "messages": [self._message(m, zone, t) for m in chat.messages.values()],
            "notices": chat.notices,
        }

    def _message(self, message: ChatMessage, zone: ZoneInfo, t: Translator) -> dict[str, Any]:
        document = message.document
        local = message.date.astimezone(zone)
        return {
            "id": message.message_id,
            "from": "bot" if message.from_bot else "user",
            "day": t.day_with_weekday(local.date()),
            "time": f"{local:%H:%M}",
            "edited": message.edited,
            "text": message.text,
            "entities": message.entities,
            "caption": message.caption,
            "caption_entities": message.caption_entities,
            "photo": f"/files/{message.photo.file_id}" if message.photo else None,
            "document": {
                "url": f"/files/{document.file_id}",
                "name": document.name,
                "size": len(document.data),
            }
            if document
            else None,
            "sticker": message.sticker,
            "inline_keyboard": message.inline_keyboard,
        }

    async def _zone_and_language(self, person: Person) -> tuple[str, str]:
        try:
            known = await self.profile(person.user_id)
        except Exception:  # the page keeps working while the bot starts or stops
            logger.debug("No profile for %s yet", person.key, exc_info=True)
            known = None
        return known or ("UTC", language_for(person.language_code, "en"))

    async def _file(self, request: web.Request) -> web.Response:
        file = self.api.files.get(request.match_info["file_id"])
        if file is None:
            raise web.HTTPNotFound(text="No such file in this playground run.")
        headers = {}
        if file.mime not in INLINE_IMAGES:  # an SVG or an HTML file could run script here
            name = quote(file.name, safe="")
            headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        return web.Response(body=file.data, content_type=file.mime, headers=headers)

    # ---- what the person does -------------------------------------------------------

    async def _send(self, request: web.Request) -> web.Response:
        body = await _body(request)
        text = str(body.get("text") or "")
        if not text.strip():
            return _refuse("Type a message first.")
        if len(text) > MAX_TYPED:
            return _refuse(
                f"That is {len(text):,} characters; the playground takes up to "
                f"{MAX_TYPED:,} at once."
            )
        return await _as_person(self.api.write(self._person(body.get("person")).key, text))

    async def _press(self, request: web.Request) -> web.Response:
        body = await _body(request)
        person = self._person(body.get("person"))
        try:
            message_id = int(body.get("message_id") or 0)
        except ValueError:
            return _refuse("That message is no longer in the chat.")
        data = str(body.get("data") or "")
        return await _as_person(self.api.press(person.key, message_id, data))

    async def _start_link(self, request: web.Request) -> web.Response:
        """A link to this bot opened as a person: the page has read the link, the rules
        of what Telegram then sends are the local Bot API's."""
        body = await _body(request)
        key = self._person(body.get("person")).key
        payload = body.get("payload")
        return await _as_person(
            self.api.open_start_link(key, payload if isinstance(payload, str) else None)
        )

    async def _sticker(self, request: web.Request) -> web.Response:
        key = self._person((await _body(request)).get("person")).key
        return await _as_person(self.api.send_sticker(key))

    async def _photo(self, request: web.Request) -> web.Response:
        key = self._person((await _body(request)).get("person")).key
        return await _as_person(self.api.send_photo(key))

    async def _block(self, request: web.Request) -> web.Response:
        body = await _body(request)
        await self.api.set_blocked(self._person(body.get("person")).key, bool(body.get("blocked")))
        return _done()

    async def _move_clock(self, request: web.Request) -> web.Response:
        step = (await _body(request)).get("step")
        if step not in STEPS:
            return _refuse(f"The clock moves by {', '.join(get_args(Step))}.")
        async with self._clock_moving:
            target = self.clock.later(step)
            await walk(self.clock, target, self.run_due)
            self.on_clock_moved()
        logger.info("Clock moved on a %s, to %s UTC", step, f"{target:%Y-%m-%d %H:%M}")
        await self.api.touch()
        return _done()

    def _person(self, key: object) -> Person:
        person = self.api.people.get(str(key or ""))
        if person is None:
            raise web.HTTPBadRequest(
                text='{"ok": false, "error": "No such person in this playground."}',
                content_type="application/json",
            )
        return person


@web.middleware
async def _local_only(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Only this computer drives the playground. Another site open in the same browser
    could reach 127.0.0.1 under its own host name (DNS rebinding), or post a form as
    text/plain (no CORS preflight): both are refused."""
    host = (request.host or "").rsplit(":", 1)[0].strip("[]")
    origin = urlsplit(request.headers.get("Origin", "")).hostname
    if host not in LOOPBACK_NAMES or (origin is not None and origin not in LOOPBACK_NAMES):
        return web.json_response(
            {"ok": False, "error": "The playground answers on 127.0.0.1 only."}, status=403
        )
    posted = request.path.startswith("/api/") and request.method == "POST"
    if posted and request.content_type != "application/json":
        return web.json_response({"ok": False, "error": "Send JSON."}, status=415)
    response = await handler(request)
    # Never inside another site's frame; files only as the type they are.
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _label(button: Any) -> str:
    return str(button.get("text", "")) if isinstance(button, dict) else str(button)


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(
            text='{"ok": false, "error": "Send JSON."}', content_type="application/json"
        ) from None
    return body if isinstance(body, dict) else {}


async def _as_person(action: Awaitable[None]) -> web.Response:
    """What a person did, or why it cannot be done (a button gone, the bot blocked)."""
    try:
        await action
    except LookupError as error:
        return _refuse(str(error))
    return _done()


def _done() -> web.Response:
    return web.json_response({"ok": True})


def _refuse(error: str) -> web.Response:
    return web.json_response({"ok": False, "error": error}, status=400)
