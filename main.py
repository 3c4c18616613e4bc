"""Partner Coach: configure logging, load settings, run the bot."""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.config import ConfigError, load_settings
from bot.logging_setup import configure_logging

logger = logging.getLogger("partner_coach")


def main() -> int:
    # Settings come before importing aiogram (seconds of start-up), so a typo in .env
    # is reported at once.
    try:
        settings = load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    configure_logging(settings.log_level, secrets=settings.secrets())

    from bot.app import Application, StartupError

    try:
        asyncio.run(Application(settings).run())
    except StartupError as error:
        logger.error("%s", error)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
