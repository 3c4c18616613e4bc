"""Settings from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from storage.db import DatabaseUrlError, Engine, parse_database_url, sqlite_url

# Telegram tokens look like "123456789:AA...": a numeric bot id, a colon, 35 url-safe chars.
_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")

# Telegram: about 30 messages a second for bulk sends, up to 1,000 with paid broadcasts.
FREE_RATE_LIMIT = 30
PAID_RATE_LIMIT = 1000

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    bot_token: SecretStr
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    # DATABASE_URL wins; without it the SQLite file at DATABASE_PATH (the default).
    database_url: str | None = None
    database_path: Path = Path("data/bot.sqlite3")
    redis_url: str | None = None
    default_language: Literal["en", "ru"] = "en"
    default_timezone: str = "UTC"
    log_level: LogLevel = "INFO"
    telegram_api_url: str | None = None
    broadcast_rate: float = 25.0
    broadcast_paid: bool = False
    flood_rate: int = Field(default=5, ge=1)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("is empty: paste the token you got from @BotFather")
        if not _TOKEN.match(value.get_secret_value().strip()):
            # Never echo the value: it may be a real token with a typo.
            raise ValueError("does not look like a token from @BotFather (digits:letters)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part for part in re.split(r"[,\s]+", value) if part]
            if not all(re.fullmatch(r"-?\d+", part) for part in parts):
                raise ValueError("must be Telegram user ids separated by commas, e.g. 1234,5678")
            return frozenset(int(part) for part in parts)
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone such as Europe/Berlin") from None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http(s) URL such as http://127.0.0.1:8081")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if not value or not value.strip():
            return None
        try:
            parse_database_url(value.strip())
        except DatabaseUrlError as error:
            raise ValueError(str(error)) from None
        return value.strip()

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if not value or not value.strip():
            return None
        if urlsplit(value.strip()).scheme not in ("redis", "rediss", "unix"):
            raise ValueError("must look like redis://host:6379/0")
        return value.strip()

    @field_validator("broadcast_rate")
    @classmethod
    def _rate_range(cls, value: float) -> float:
        if not 0 < value <= PAID_RATE_LIMIT:
            raise ValueError(f"must be above 0 and at most {PAID_RATE_LIMIT} messages a second")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be the public https URL Telegram posts updates to")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("may use only letters, digits, _ and - (up to 256)")
        return value

    @model_validator(mode="after")
    def _secret_for_webhook(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        return self

    @model_validator(mode="after")
    def _redis_for_postgres(self) -> Settings:
        # Several instances share PostgreSQL; conversations, locks and the send budget
        # must then be shared too, and Redis is where they live.
        if self.engine == "postgresql" and not self.redis_url:
            raise ValueError(
                "REDIS_URL is required with a PostgreSQL DATABASE_URL "
                "(instances share conversations, locks and the send rate through Redis)"
            )
        return self

    def secrets(self) -> list[str]:
        """What logs must never show: the token, the webhook secret and the passwords in
        the URLs, as written and as decoded."""
        found = [self.bot_token.get_secret_value()]
        if self.webhook_secret is not None:
            found.append(self.webhook_secret.get_secret_value())
        for url in (self.database_url, self.redis_url):
            password = urlsplit(url).password if url else None
            if password:
                found += [password, unquote(password)]
        return [secret for secret in found if secret]

    @property
    def database(self) -> str:
        """The database URL the bot opens."""
        return self.database_url or sqlite_url(self.database_path)

    @property
    def engine(self) -> Engine:
        backend = parse_database_url(self.database).get_backend_name()
        return "postgresql" if backend == "postgresql" else "sqlite"

    @property
    def database_label(self) -> str:
        """Where the data lives, for the operator, without a password."""
        url = parse_database_url(self.database)
        return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)

    @model_validator(mode="after")
    def _paid_for_fast(self) -> Settings:
        if self.broadcast_rate > FREE_RATE_LIMIT and not self.broadcast_paid:
            raise ValueError(
                f"BROADCAST_RATE above {FREE_RATE_LIMIT} needs BROADCAST_PAID=true "
                "(Telegram's paid broadcasts)"
            )
        return self


class ConfigError(Exception):
    """Settings that cannot start the bot; the message says what to change."""


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read settings, turning pydantic's report into one readable line."""
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as error:
        problems = []
        for item in error.errors():
            name = str(item["loc"][0]).upper() if item["loc"] else "Settings:"
            reason = "is required" if item["type"] == "missing" else item["msg"]
            reason = reason.removeprefix("Value error, ")
            problems.append(f"{name} {reason}")
        raise ConfigError(
            "Configuration error: " + "; ".join(problems) + ". Set it in .env (see .env.example)."
        ) from None
