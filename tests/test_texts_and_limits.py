"""Texts exist in both languages; Telegram's size limits are respected; secrets stay
out of logs."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.i18n import LANGUAGES, I18n, language_for
from bot.logging_setup import RedactSecrets
from bot.messaging import MESSAGE_LIMIT, split_text
from bot.services.timezones import COMMON_ZONES, is_known_zone, zone_from_offset
from bot.views.zones import ZoneCb
from tests.harness import TEST_TOKEN
from tests.recording_session import check_html

ROOT = Path(__file__).resolve().parents[1]
_KEY_IN_CODE = re.compile(r"""\bt\(\s*f?["']([a-z0-9-]+)["']""")
_VARIABLE = re.compile(r"\{\s*\$([a-z_]+)")


def test_every_text_exists_in_both_languages() -> None:
    i18n = I18n()
    english, russian = i18n.message_ids("en"), i18n.message_ids("ru")
    assert english == russian, english ^ russian


def test_variables_match_between_languages() -> None:
    sources = {lang: (ROOT / "bot" / "locales" / f"{lang}.ftl").read_text() for lang in LANGUAGES}
    per_language = {}
    for language, source in sources.items():
        per_key: dict[str, set[str]] = {}
        key = ""
        for line in source.splitlines():
            if match := re.match(r"^([a-z0-9-]+) =", line):
                key = match.group(1)
            per_key.setdefault(key, set()).update(_VARIABLE.findall(line))
        per_language[language] = per_key
    assert per_language["en"] == per_language["ru"]


def test_every_key_used_in_code_exists() -> None:
    ids = I18n().message_ids("en")
    used: set[str] = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]:
        used.update(_KEY_IN_CODE.findall(path.read_text()))
    assert used, "the pattern finds the t(...) calls"
    assert used - ids == set()


def _all_variables() -> set[str]:
    return {
        name
        for language in LANGUAGES
        for name in _VARIABLE.findall((ROOT / "bot" / "locales" / f"{language}.ftl").read_text())
    }


@pytest.mark.parametrize("sample", [2, 21, "<x> & y"])
def test_every_text_is_valid_telegram_html(sample: int | str) -> None:
    """Each text renders without errors, as HTML Telegram accepts, within the limit,
    with numbers (plural forms) and with hostile strings in every variable."""
    i18n = I18n()
    values = dict.fromkeys(_all_variables(), sample)
    for language in LANGUAGES:
        t = i18n.get(language)
        for key in i18n.message_ids(language):
            text = t(key, **values)
            check_html(text)
            assert len(text) <= MESSAGE_LIMIT
            assert "{" not in text, (language, key, text)


@pytest.mark.parametrize(
    ("code", "language"),
    [("ru", "ru"), ("uk", "ru"), ("be", "ru"), ("kk", "ru"), ("ru-RU", "ru"), ("en", "en"),
     ("de", "en"), (None, "en"), ("", "en")],
)  # fmt: skip
def test_language_from_telegram_code(code: str | None, language: str) -> None:
    assert language_for(code, "en") == language


def test_split_text_respects_limit_and_keeps_everything() -> None:
    paragraphs = [f"Paragraph {n}: " + "word " * 300 for n in range(20)]
    text = "\n\n".join(paragraphs)
    pieces = split_text(text)
    assert len(pieces) > 1
    assert all(len(piece) <= MESSAGE_LIMIT for piece in pieces)
    assert "".join(pieces).replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(
        " ", ""
    )
    unbroken = "x" * 10_000
    assert [len(p) for p in split_text(unbroken)] == [4096, 4096, 1808]
    assert split_text("short") == ["short"]


def test_callback_data_stays_under_64_bytes() -> None:
    from zoneinfo import available_timezones

    longest = max(available_timezones(), key=len)
    assert len(ZoneCb(zone=longest).pack().encode()) <= 64
    assert all(is_known_zone(zone) for zone in COMMON_ZONES)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("+3", "Etc/GMT-3"), ("-5", "Etc/GMT+5"), ("UTC+5:30", "Asia/Kolkata"), ("gmt+0", "Etc/UTC"),
     ("UTC−4", "Etc/GMT+4"), ("+14", "Etc/GMT-14"), ("+15", None), ("+3:17", None)],
)  # fmt: skip
def test_offsets(typed: str, zone: str | None) -> None:
    assert zone_from_offset(typed) == zone


def test_token_is_masked_in_logs_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    caplog.handler.addFilter(RedactSecrets([TEST_TOKEN]))
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{TEST_TOKEN}/getMe failed")
    except RuntimeError:
        logger.exception("request to %s failed", f"/bot{TEST_TOKEN}/getMe")
    assert TEST_TOKEN not in caplog.text
    assert "/bot***/getMe" in caplog.text


def test_settings_from_env_file(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(
        f"BOT_TOKEN={TEST_TOKEN}\nADMIN_IDS=1, 2 3\nDEFAULT_LANGUAGE=ru\n"
        "DEFAULT_TIMEZONE=Europe/Moscow\nLOG_LEVEL=debug\n"
    )
    settings = load_settings(env)
    assert settings.admin_ids == {1, 2, 3}
    assert settings.default_language == "ru"
    assert settings.log_level == "DEBUG"
    assert settings.database_path == Path("data/bot.sqlite3")
    assert TEST_TOKEN not in repr(settings)


def test_settings_error_never_echoes_the_token(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("BOT_TOKEN=123:secret-but-too-short\n")
    with pytest.raises(ConfigError) as error:
        load_settings(env)
    assert "secret-but-too-short" not in str(error.value)


def test_env_example_documents_every_setting_and_loads(tmp_path: Path) -> None:
    from bot.config import Settings

    example = (ROOT / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"\n{name.upper()}=" in example, name
    env = tmp_path / ".env"
    env.write_text(example.replace("BOT_TOKEN=\n", f"BOT_TOKEN={TEST_TOKEN}\n"))
    settings = load_settings(env)
    assert settings.webhook_url is None and settings.broadcast_rate == 25
