"""Logging to stderr with secrets masked in every record, tracebacks included."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactSecrets(logging.Filter):
    """Replaces each secret (the bot token) with a mask wherever it shows up: in the
    message, its arguments or a traceback (aiohttp errors can carry request URLs)."""

    MASK = "***"

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [secret for secret in secrets if secret]

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, self.MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._clean(record.getMessage())
        record.args = None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self._clean(formatted)
            record.exc_info = None
            record.msg = f"{record.msg}\n{record.exc_text}"
            record.exc_text = None
        return True


def configure_logging(level: str, secrets: Iterable[str]) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiohttp's access log, aiogram's lines per update and per button answer, and
    # APScheduler's two lines per sweep (every 30 seconds) are noise at INFO.
    quiet = max(logging.getLevelName(level), logging.WARNING)
    for name in (
        "aiogram.event",
        "aiogram.middlewares",
        "apscheduler.executors",
        "apscheduler.scheduler",
    ):
        logging.getLogger(name).setLevel(quiet)
