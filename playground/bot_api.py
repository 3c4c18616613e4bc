"""A local Telegram Bot API for the playground: the bot talks to it over HTTP exactly as
it talks to api.telegram.org, and it is as strict as Telegram about what it accepts
(text length, HTML, callback data, edits that change nothing), answering in Telegram's
words. The page acts as the people: their messages and button presses become updates
the bot receives through getUpdates.

Not the tests' fake Bot API (`testkit.fake_bot_api`): this one keeps what a page shows
(people, their chats, files, menus per scope, who has started the bot) and is driven by
the page, while the tests' fake is lean, driven by the test, and can fail on purpose
(429, 403, a rejected token, latency). The playground must not import test code, and
the tests would pay for chats they never look at. What both must agree on, Telegram's
rules and words, lives once in `playground.telegram_rules`."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import mimetypes
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from bot.clock import Clock
from playground.chats import Chat, ChatMessage, Person, StoredFile, sample_photo
from playground.telegram_rules import (
    BLOCKED,
    NOT_MODIFIED,
    QUERY_TOO_OLD,
    BotAPIError,
    check_commands,
    check_markup,
    check_text,
    start_text,
    utf16_length,
    with_found_links,
)

logger = logging.getLogger(__name__)

Params = dict[str, Any]
Method = Callable[[Params], Awaitable[Any]]

# Methods that put something into a chat: refused with 403 once its person blocked the bot.
_CHAT_METHODS = (
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "copyMessage",
    "sendChatAction",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
)
MAX_ALERT = 200
NOT_STARTED = "Forbidden: bot can't initiate conversation with a user"
_OBJECT_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
    }
)
_FLAG_FIELDS = frozenset(
    {
        "show_alert",
        "disable_notification",
        "protect_content",
        "allow_paid_broadcast",
        "drop_pending_updates",
    }
)


class LocalBotAPI:
    def __init__(self, token: str, clock: Clock, people: tuple[Person, ...]) -> None:
        self.token = token
        self.clock = clock
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_user = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Partner Coach",
            "username": "partner_coach_playground_bot",
        }
        self.people = {person.key: person for person in people}
        self.chats = {person.user_id: Chat(person) for person in people}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.version = 0  # grows with every change a page could show
        self._changed = asyncio.Condition()
        self._updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Condition()
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._open_queries: dict[str, int] = {}  # query id -> chat, until answered
        self._closing = False
        self._methods: dict[str, Method] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_text,
            "editMessageCaption": self._edit_caption,
            "editMessageReplyMarkup": self._edit_markup,
            "deleteMessage": self._delete,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "copyMessage": self._copy,
            "answerCallbackQuery": self._answer_query,
            "setMyCommands": self._set_commands,
            "getMyCommands": self._get_commands,
            "deleteMyCommands": self._delete_commands,
            "sendChatAction": self._chat_action,
        }

    def add_routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/bot{token}/{method}", self._handle)

    # ---- what the people do (the page) ----------------------------------------------

    async def write(self, key: str, text: str) -> None:
        """The person sends a text. Longer than one message, it arrives as several, as
        Telegram's apps split it."""
        chat = self._reachable(key)
        if chat.reply_keyboard and chat.reply_keyboard.get("one_time_keyboard"):
            chat.reply_keyboard = None
        for start in range(0, max(len(text), 1), 4096):
            part = text[start : start + 4096]
            entities = []
            if part.startswith("/"):
                command = part.split(maxsplit=1)[0]
                entities = [{"type": "bot_command", "offset": 0, "length": utf16_length(command)}]
            message = chat.add(from_bot=False, date=self.clock.now(), text=part, entities=entities)
            await self._incoming(chat, message)

    async def open_start_link(self, key: str, payload: str | None) -> None:
        """The person opens a t.me/<this bot>?start=<payload> link: Telegram's apps open
        their chat with the bot and send /start with the payload as them (a plain /start
        when the payload is one Telegram would not deliver)."""
        await self.write(key, start_text(payload))

    @property
    def username(self) -> str:
        return str(self.bot_user["username"])

    async def send_sticker(self, key: str) -> None:
        chat = self._reachable(key)
        await self._incoming(chat, chat.add(from_bot=False, date=self.clock.now(), sticker="🙂"))

    async def send_photo(self, key: str) -> None:
        chat = self._reachable(key)
        photo = self._keep_file(sample_photo(), "photo.png", "image/png")
        await self._incoming(chat, chat.add(from_bot=False, date=self.clock.now(), photo=photo))

    async def press(self, key: str, message_id: int, data: str) -> None:
        """The person presses an inline button: the bot gets the message as it looks now."""
        chat = self._reachable(key)
        message = chat.messages.get(message_id)
        if message is None or not message.from_bot:
            raise LookupError("That message is no longer in the chat.")
        # Telegram's apps send only the data of a button the message shows now.
        shown = [
            button.get("callback_data") for row in message.inline_keyboard or [] for button in row
        ]
        if data not in shown:
            raise LookupError("That button is no longer on this message.")
        query_id = f"{chat.person.user_id}-{next(self._query_ids)}"
        self._open_queries[query_id] = chat.person.user_id
        await self._push_update(
            "callback_query",
            {
                "id": query_id,
                "from": chat.person.telegram_user(),
                "chat_instance": str(chat.person.user_id),
                "message": message.telegram(chat.person, self.bot_user),
                "data": data,
            },
        )

    async def set_blocked(self, key: str, blocked: bool) -> None:
        """The person blocks the bot (or lets it back in): the bot is told, as Telegram
        tells it, and sends to this chat fail with 403 until unblocked."""
        chat = self._chat_of(key)
        if chat.blocked == blocked:
            return
        chat.blocked = blocked
        member = {"status": "member", "user": self.bot_user}
        kicked = {"status": "kicked", "user": self.bot_user, "until_date": 0}
        await self._push_update(
            "my_chat_member",
            {
                "chat": chat.person.telegram_chat(),
                "from": chat.person.telegram_user(),
                "date": int(self.clock.now().timestamp()),
                "old_chat_member": member if blocked else kicked,
                "new_chat_member": kicked if blocked else member,
            },
        )
        await self.touch()

    def menu(self, key: str) -> list[dict[str, Any]]:
        """The "/" menu this person sees: the most specific scope set, in their language
        first (Telegram's order)."""
        person = self.people[key]
        for scope in (f"chat:{person.user_id}", "all_private_chats", "default"):
            for language in (person.language_code, ""):
                if (scope, language) in self.commands:
                    return self.commands[(scope, language)]
        return []

    async def touch(self) -> None:
        """Something a page shows has changed (a message, the clock)."""
        async with self._changed:
            self.version += 1
            self._changed.notify_all()

    async def wait_for_change(self, after: int, timeout: float) -> int:
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.version > after or self._closing),
                    timeout,
                )
            return self.version

    async def close(self) -> None:
        """Answer every long poll now (the bot's getUpdates, the pages' state), so the
        server stops at once instead of waiting them out."""
        self._closing = True
        for condition in (self._changed, self._new_update):
            async with condition:
                condition.notify_all()

    # ---- the Bot API ----------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _answer_error(BotAPIError("Unauthorized", 401))
        name = _canonical(request.match_info["method"], self._methods)
        method = self._methods.get(name)
        if method is None:
            logger.warning("The bot called %s, which the playground does not implement", name)
            return _answer_error(
                BotAPIError(f"Not Found: method {name} is not implemented in the playground", 404)
            )
        try:
            params = await _read_params(request)
            chat_id = params.get("chat_id")
            if name in _CHAT_METHODS and chat_id is not None:
                chat = self._chat(chat_id)
                if not chat.started:
                    raise BotAPIError(NOT_STARTED, 403)
                if chat.blocked:
                    raise BotAPIError(BLOCKED, 403)
            result = await method(params)
        except BotAPIError as error:
            # A send to someone who blocked the bot is expected; anything else is a call
            # Telegram would refuse too, worth a look.
            level = logging.INFO if error.code == 403 else logging.WARNING
            logger.log(level, "Refused %s: %s", name, error.description)
            return _answer_error(error)
        return web.json_response({"ok": True, "result": result})

    async def _get_me(self, params: Params) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _delete_webhook(self, params: Params) -> Any:
        return True

    async def _webhook_info(self, params: Params) -> Any:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    async def _get_updates(self, params: Params) -> Any:
        offset = _number(params, "offset")
        limit = min(max(_number(params, "limit") or 100, 1), 100)
        timeout = min(max(_number(params, "timeout"), 0), 50)
        async with self._new_update:
            # An offset confirms every update before it: Telegram forgets those.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._new_update.wait_for(lambda: bool(self._updates) or self._closing),
                        timeout,
                    )
            return self._updates[:limit]

    async def _send_message(self, params: Params) -> Any:
        chat = self._chat(params.get("chat_id"))
        text, entities = _parsed(_required(params, "text"), html=_html(params))
        markup = _markup(params)
        message = chat.add(
            from_bot=True, date=self.clock.now(), text=text, entities=_dump(entities)
        )
        self._apply_markup(chat, message, markup)
        return await self._shown(chat, message)

    async def _send_photo(self, params: Params) -> Any:
        chat = self._chat(params.get("chat_id"))
        photo = self._file(params, "photo", "chart.png", "image/png")
        return await self._send_media(chat, params, photo=photo)

    async def _send_document(self, params: Params) -> Any:
        chat = self._chat(params.get("chat_id"))
        document = self._file(params, "document", "document", "application/octet-stream")
        return await self._send_media(chat, params, document=document)

    async def _send_media(self, chat: Chat, params: Params, **media: StoredFile) -> Any:
        caption, entities = _parsed(params.get("caption") or "", caption=True, html=_html(params))
        markup = _markup(params)
        message = chat.add(
            from_bot=True,
            date=self.clock.now(),
            caption=caption or None,
            caption_entities=_dump(entities),
            **media,
        )
        self._apply_markup(chat, message, markup)
        return await self._shown(chat, message)

    async def _copy(self, params: Params) -> Any:
        chat = self._chat(params.get("chat_id"))
        source_chat = self._chat(params.get("from_chat_id"))
        source = source_chat.messages.get(_number(params, "message_id"))
        if source is None:
            raise BotAPIError("Bad Request: message to copy not found")
        markup = _markup(params)
        caption, caption_entities = source.caption, source.caption_entities
        if params.get("caption") is not None:  # a new caption replaces the original's
            if source.text is not None:
                raise BotAPIError("Bad Request: there is no caption in the message to copy")
            parsed, entities = _parsed(params["caption"], caption=True, html=_html(params))
            caption, caption_entities = parsed or None, _dump(entities)
        copy = chat.add(
            from_bot=True,
            date=self.clock.now(),
            text=source.text,
            entities=source.entities,
            caption=caption,
            caption_entities=caption_entities,
            photo=source.photo,
            document=source.document,
            sticker=source.sticker,
        )
        self._apply_markup(chat, copy, markup)
        await self.touch()
        return {"message_id": copy.message_id}

    async def _edit_text(self, params: Params) -> Any:
        chat, message = self._editable(params)
        if message.text is None:
            raise BotAPIError("Bad Request: there is no text in the message to edit")
        text, entities = _parsed(_required(params, "text"), html=_html(params))
        return await self._edit(chat, message, params, text=text, entities=_dump(entities))

    async def _edit_caption(self, params: Params) -> Any:
        chat, message = self._editable(params)
        if message.text is not None:
            raise BotAPIError("Bad Request: there is no caption in the message to edit")
        caption, entities = _parsed(params.get("caption") or "", caption=True, html=_html(params))
        return await self._edit(
            chat, message, params, caption=caption or None, caption_entities=_dump(entities)
        )

    async def _edit_markup(self, params: Params) -> Any:
        chat, message = self._editable(params)
        return await self._edit(chat, message, params)

    async def _edit(self, chat: Chat, message: ChatMessage, params: Params, **changes: Any) -> Any:
        markup = _markup(params)
        if markup and "inline_keyboard" not in markup:
            raise BotAPIError("Bad Request: inline keyboard expected")
        keyboard = markup["inline_keyboard"] if markup else None
        new = {**message.content(), **changes, "inline_keyboard": keyboard or None}
        if new == message.content():
            raise BotAPIError(NOT_MODIFIED)
        for name, value in new.items():
            setattr(message, name, value)
        if changes:  # a new keyboard alone does not mark a message edited
            message.edited_at = self.clock.now()
        return await self._shown(chat, message)

    async def _delete(self, params: Params) -> Any:
        chat = self._chat(params.get("chat_id"))
        if chat.messages.pop(_number(params, "message_id"), None) is None:
            raise BotAPIError("Bad Request: message to delete not found")
        await self.touch()
        return True

    async def _answer_query(self, params: Params) -> Any:
        query_id = str(params.get("callback_query_id") or "")
        chat_id = self._open_queries.pop(query_id, None)
        if chat_id is None:
            raise BotAPIError(QUERY_TOO_OLD)
        text = str(params.get("text") or "")
        if len(text) > MAX_ALERT:
            raise BotAPIError("Bad Request: MESSAGE_TOO_LONG")
        if text:
            chat = self.chats[chat_id]
            notice = {"id": self.version + 1, "text": text, "alert": bool(params.get("show_alert"))}
            chat.notices = [*chat.notices[-9:], notice]
            await self.touch()
        return True

    async def _set_commands(self, params: Params) -> Any:
        commands = params.get("commands") or []
        check_commands(commands)
        self.commands[self._scope(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        await self.touch()
        return True

    async def _get_commands(self, params: Params) -> Any:
        return self.commands.get(self._scope(params), [])

    async def _delete_commands(self, params: Params) -> Any:
        self.commands.pop(self._scope(params), None)
        await self.touch()
        return True

    async def _chat_action(self, params: Params) -> Any:
        self._chat(params.get("chat_id"))
        return True

    # ---- plumbing -------------------------------------------------------------------

    def _chat_of(self, key: str) -> Chat:
        person = self.people.get(key)
        if person is None:
            raise LookupError(f"No such person: {key}")
        return self.chats[person.user_id]

    def _reachable(self, key: str) -> Chat:
        """The chat of someone about to write: as in Telegram, not while they block the bot."""
        chat = self._chat_of(key)
        if chat.blocked:
            raise LookupError("You blocked the bot: unblock it to write to it again.")
        return chat

    def _chat(self, chat_id: Any) -> Chat:
        try:
            return self.chats[int(chat_id)]
        except (KeyError, TypeError, ValueError):
            raise BotAPIError("Bad Request: chat not found") from None

    def _editable(self, params: Params) -> tuple[Chat, ChatMessage]:
        if params.get("inline_message_id"):
            raise BotAPIError("Bad Request: the playground has no inline messages")
        chat = self._chat(params.get("chat_id"))
        message = chat.messages.get(_number(params, "message_id"))
        if message is None:
            raise BotAPIError("Bad Request: message to edit not found")
        if not message.from_bot:
            raise BotAPIError("Bad Request: message can't be edited")
        return chat, message

    def _scope(self, params: Params) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        kind = scope.get("type", "default") if isinstance(scope, Mapping) else "default"
        if kind == "chat":
            chat = self._chat(scope.get("chat_id"))
            if not chat.started:  # the bot has never heard from this person
                raise BotAPIError("Bad Request: chat not found")
            kind = f"chat:{chat.person.user_id}"
        return kind, str(params.get("language_code") or "")

    def _apply_markup(self, chat: Chat, message: ChatMessage, markup: Params | None) -> None:
        if not markup:
            return
        if "inline_keyboard" in markup:
            message.inline_keyboard = markup["inline_keyboard"] or None
        elif "keyboard" in markup:
            chat.reply_keyboard = markup
        elif markup.get("remove_keyboard"):
            chat.reply_keyboard = None

    def _file(self, params: Params, field: str, name: str, mime: str) -> StoredFile:
        value = params.get(field)
        if isinstance(value, web.FileField):
            data, filename = value.file.read(), value.filename or name
            # Clients label uploads application/octet-stream: name the type as Telegram
            # would, from the bytes of a photo and the name of a document.
            kind = _image_type(data) if field == "photo" else mimetypes.guess_type(filename)[0]
            return self._keep_file(data, filename, kind or mime)
        if isinstance(value, str) and value in self.files:
            return self.files[value]  # a file_id sent before
        if isinstance(value, str) and value.startswith("attach://"):
            raise BotAPIError("Bad Request: wrong file identifier/HTTP URL specified")
        raise BotAPIError(
            f"Bad Request: the playground takes {field} as an upload or a file_id it gave"
        )

    def _keep_file(self, data: bytes, name: str, mime: str) -> StoredFile:
        file = StoredFile(f"f{next(self._file_ids)}", data, name, mime)
        self.files[file.file_id] = file
        return file

    async def _shown(self, chat: Chat, message: ChatMessage) -> dict[str, Any]:
        await self.touch()
        return message.telegram(chat.person, self.bot_user)

    async def _incoming(self, chat: Chat, message: ChatMessage) -> None:
        await self._push_update("message", message.telegram(chat.person, self.bot_user))

    async def _push_update(self, kind: str, payload: dict[str, Any]) -> None:
        sender = payload.get("from", {}).get("id")
        if sender in self.chats:
            self.chats[sender].started = True
        async with self._new_update:
            self._updates.append({"update_id": next(self._update_ids), kind: payload})
            self._new_update.notify_all()
        await self.touch()


async def _read_params(request: web.Request) -> Params:
    """Parameters as aiogram sends them (form fields, JSON inside for objects), a JSON body,
    or the query string, as Telegram takes them all."""
    params: Params = dict(request.query)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise BotAPIError("Bad Request: can't parse JSON object") from None
        if isinstance(body, dict):
            params.update(body)
        return params
    form: MultiDictProxy[Any] = await request.post()
    params.update(form.items())
    for key, value in list(params.items()):
        if isinstance(value, str):
            params[key] = _decoded(key, value)
    # aiogram uploads a file as its own field and names it in the parameter: attach://key
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.get(value.removeprefix("attach://"), value)
    return params


def _image_type(data: bytes) -> str | None:
    signatures = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}
    return next((kind for start, kind in signatures.items() if data.startswith(start)), None)


def _decoded(name: str, value: str) -> Any:
    """A form field as its type: objects arrive as JSON, flags as true/false; a text stays
    as typed, even one that starts with "[" or reads "true"."""
    if name in _OBJECT_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            raise BotAPIError(f"Bad Request: can't parse {name} JSON object") from None
    if name in _FLAG_FIELDS:
        return value.lower() == "true"
    return value


def _number(params: Params, name: str) -> int:
    value = params.get(name)
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        raise BotAPIError(f'Bad Request: field "{name}" must be of type Integer') from None


def _required(params: Params, name: str) -> str:
    value = params.get(name)
    if value is None:
        raise BotAPIError(f'Bad Request: parameter "{name}" is required')
    return str(value)


def _html(params: Params) -> bool:
    mode = params.get("parse_mode")
    if mode in (None, ""):
        return False
    if str(mode).upper() != "HTML":
        raise BotAPIError(f"Bad Request: the playground parses HTML only, not {mode}")
    return True


def _markup(params: Params) -> Params | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise BotAPIError("Bad Request: can't parse reply keyboard markup JSON object")
    check_markup(markup)
    return markup


def _parsed(source: str, *, caption: bool = False, html: bool) -> tuple[str, list[Any]]:
    """A text or caption as Telegram keeps it: checked, parsed, links in it found."""
    text, entities = check_text(source, caption=caption, html=html)
    return text, with_found_links(text, entities)


def _dump(entities: list[Any]) -> list[dict[str, Any]]:
    return [entity.model_dump(exclude_none=True) for entity in entities]


def _canonical(name: str, methods: Mapping[str, Method]) -> str:
    """Telegram takes method names in any case: sendmessage is sendMessage."""
    return next((known for known in methods if known.lower() == name.lower()), name)


def _answer_error(error: BotAPIError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
    return web.json_response(body, status=error.code)
