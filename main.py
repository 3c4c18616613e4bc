"""Partner Coach: configure logging, load settings, run the bot, or the playground when
there is no BOT_TOKEN (or with --playground)."""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import os
import sys
from collections.abc import Callable, Coroutine
from typing import Any, cast, get_args

from dotenv import dotenv_values

from bot.config import ConfigError, LogLevel, load_settings
from bot.logging_setup import configure_logging

logger = logging.getLogger("partner_coach")


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Partner Coach. Without a BOT_TOKEN it starts the playground: the bot "
        "in your browser, on this computer only."
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--playground",
        action="store_true",
        help="run the playground even when BOT_TOKEN is set (its data is kept apart)",
    )
    mode.add_argument(
        "--telegram",
        action="store_true",
        help="run on Telegram only: without BOT_TOKEN, stop with an error (servers, Docker)",
    )
    parser.add_argument(
        # Checked only when the playground starts: the bot on Telegram never reads it.
        "--port",
        default=setting("PLAYGROUND_PORT") or "8080",
        help="the playground page's port on 127.0.0.1 (default 8080, or PLAYGROUND_PORT)",
    )
    return parser.parse_args(argv)


def setting(name: str) -> str | None:
    """A setting from the environment or .env, read before (or without) the bot's Settings."""
    return os.environ.get(name) or _dotenv().get(name)


@functools.cache
def _dotenv() -> dict[str, str | None]:
    """.env read once, however many settings are looked up before the Settings."""
    return dotenv_values(".env")


def production() -> bool:
    """Settings only a deployed bot has: without its token it must stop with an error, not
    turn into a playground nobody looks at."""
    return any(setting(name) for name in ("DATABASE_URL", "REDIS_URL", "WEBHOOK_URL"))


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.playground or not (arguments.telegram or setting("BOT_TOKEN") or production()):
        return start_playground(arguments.port)
    # Settings come before importing aiogram (seconds of start-up), so a typo in .env
    # is reported at once.
    try:
        settings = load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    configure_logging(settings.log_level, secrets=settings.secrets())

    from bot.telegram.app import Application

    return run_until_stopped(lambda: Application(settings).run())


def start_playground(port: str) -> int:
    from playground.run import PlaygroundOptions, run_playground

    if not port.isdigit() or not 1 <= int(port) <= 65535:
        print(
            f"--port (or PLAYGROUND_PORT) must be a port number from 1 to 65535, not {port!r}.",
            file=sys.stderr,
        )
        return 2
    level = (setting("LOG_LEVEL") or "INFO").upper()
    level = level if level in get_args(LogLevel) else "INFO"
    options = PlaygroundOptions(port=int(port), log_level=cast(LogLevel, level))
    configure_logging(level, secrets=[options.token])
    return run_until_stopped(lambda: run_playground(options))


def run_until_stopped(start: Callable[[], Coroutine[Any, Any, None]]) -> int:
    """Run until stopped (Ctrl+C, SIGTERM); a StartupError is one line in the log."""
    from bot.telegram.app import StartupError

    try:
        asyncio.run(start())
    except StartupError as error:
        logger.error("%s", error)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
