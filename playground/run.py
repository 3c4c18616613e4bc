"""The playground: the real bot (same dispatcher, services, storage and due work) against
the local Bot API, with the chat page on 127.0.0.1 and a clock the page can move. Its data
lives in a file of its own, never the production database."""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from aiohttp import web
from pydantic import SecretStr, ValidationError

from bot.config import LogLevel, Settings
from bot.i18n import I18n
from bot.telegram.app import Application, StartupError
from playground.bot_api import LocalBotAPI
from playground.chats import PEOPLE
from playground.clock import MovableClock
from playground.web import PlaygroundPage

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8080
DATABASE = Path("data/playground.sqlite3")
TELEGRAM_HINT = (
    "To run on Telegram instead: put BOT_TOKEN from @BotFather in .env "
    "(see .env.example) and run ./scripts/run."
)


def playground_token() -> str:
    """Shaped like a token from @BotFather, so the bot's own checks pass, and new at every
    start: another site open in the browser cannot guess its way into the local Bot API."""
    return f"{BOT_ID}:{secrets.token_urlsafe(32)}"


BOT_ID = 7_000_000_000


@dataclass(frozen=True, slots=True)
class PlaygroundOptions:
    token: str = field(default_factory=playground_token)
    port: int = DEFAULT_PORT
    host: str = "127.0.0.1"
    database: Path = DATABASE
    log_level: LogLevel = "INFO"


def playground_settings(options: PlaygroundOptions) -> Settings:
    """Settings for the playground alone: everything that could reach production (the
    database, Redis, a webhook, Telegram itself) is set here, not read from .env."""
    try:
        return _settings(options)
    except ValidationError as error:  # a bad FLOOD_RATE or the like in the environment
        reason = error.errors()[0]
        name = str(reason["loc"][0]).upper() if reason["loc"] else "A setting"
        raise StartupError(f"{name} {reason['msg'].removeprefix('Value error, ')}.") from None


def _settings(options: PlaygroundOptions) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=SecretStr(options.token),
        database_url=None,
        database_path=options.database,
        redis_url=None,
        webhook_url=None,
        webhook_secret=None,
        telegram_api_url=f"http://{options.host}:{options.port}",
        admin_ids=frozenset(person.user_id for person in PEOPLE if person.admin),
        default_language="en",
        default_timezone="UTC",
        log_level=options.log_level,
        broadcast_rate=25.0,
        broadcast_paid=False,
    )


class ClockFile:
    """How far the clock was moved, kept beside the database: check-ins planned in the
    moved-on time must not fall back into the future when the playground restarts."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> timedelta:
        try:
            return timedelta(seconds=float(json.loads(self.path.read_text())["ahead_seconds"]))
        except (OSError, ValueError, KeyError, TypeError):
            return timedelta()

    def save(self, ahead: timedelta) -> None:
        self.path.write_text(json.dumps({"ahead_seconds": ahead.total_seconds()}))


async def run_playground(options: PlaygroundOptions) -> None:
    options.database.parent.mkdir(parents=True, exist_ok=True)
    clock_file = ClockFile(options.database.with_suffix(".clock.json"))
    clock = MovableClock(clock_file.load())
    api = LocalBotAPI(options.token, clock, PEOPLE)
    application = Application(playground_settings(options), clock)

    async def profile(user_id: int) -> tuple[str, str] | None:
        if application.services is None:
            return None
        user = await application.services.accounts.get(user_id)
        return (user.timezone, user.language) if user else None

    def clock_moved() -> None:
        clock_file.save(clock.ahead)
        # The wake-up armed before the move counted real time to a moment that has moved.
        if application.waker is not None:
            application.waker.wake_now()

    page = PlaygroundPage(
        api,
        clock,
        I18n(),
        profile=profile,
        run_due=application.run_due_work,
        on_clock_moved=clock_moved,
        hint=f"A playground on this computer: nothing goes to Telegram. Data: "
        f"{options.database}. {TELEGRAM_HINT}",
    )
    runner = web.AppRunner(page.create_app(), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, options.host, options.port).start()
    except OSError as error:
        await runner.cleanup()
        raise StartupError(
            f"Cannot serve the playground on {options.host}:{options.port} ({error.strerror}):"
            f" choose another port, e.g. ./scripts/run --playground --port {options.port + 1}."
        ) from None
    url = f"http://{options.host}:{options.port}"
    print(f"Partner Coach playground: open {url} in your browser (Ctrl+C stops it).", flush=True)
    print(f"Its data: {options.database}. {TELEGRAM_HINT}", flush=True)
    try:
        await application.run()
    finally:
        await api.close()
        await runner.cleanup()
