"""Russian and English texts from Fluent files in bot/locales/<language>/ (no compile step):
one file per audience (the freelancer's texts, the texts a client of theirs reads), all of
a language's files in one bundle, so a key may live in any of them but only once.

Every string variable handed to a message is HTML-escaped here, so a handler cannot
forget to escape a client name or a note: messages are sent with parse_mode=HTML.
"""

from __future__ import annotations

import functools
import html
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from babel.dates import format_date
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast as ftl

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "ru")
LOCALES_DIR = Path(__file__).with_name("locales")
# Telegram's language_code values whose speakers we greet in Russian.
_RUSSIAN_FIRST = {"ru", "uk", "be", "kk"}

Value = str | int | float | date | datetime


def language_for(language_code: str | None, default: str) -> str:
    """Pick the bot language from Telegram's `language_code` at first contact."""
    if not language_code:
        return default
    base = language_code.lower().split("-")[0]
    if base in _RUSSIAN_FIRST:
        return "ru"
    return "en"


@dataclass(frozen=True)
class Translator:
    """All texts of one language: `t("start-welcome", name=...)`."""

    language: str
    _bundle: FluentBundle

    def __call__(self, key: str, **values: Value) -> str:
        message = self._bundle.get_message(key)
        if message.value is None:
            raise KeyError(f"message {key!r} has no value in {self.language}")
        safe = {
            name: html.escape(value, quote=False) if isinstance(value, str) else value
            for name, value in values.items()
        }
        text, errors = self._bundle.format_pattern(message.value, safe)
        for error in errors:
            logger.error("Text %s/%s: %s", self.language, key, error)
        return str(text)  # a missing value formats as its name, never as an object

    def label(self, key: str, **values: Value) -> str:
        """A button's text: Telegram shows it as it is, not as HTML, so the values are
        not escaped ("Smith & Co", not "Smith &amp; Co")."""
        return html.unescape(self(key, **values))

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)

    def day(self, value: date) -> str:
        """A calendar day the way this language writes it: "12 Nov 2026", "12 нояб. 2026"."""
        return format_date(value, format="d MMM y", locale=self.language)

    def letter_day(self, value: date, today: date) -> str:
        """A day in a letter to a client, as a person writes it: "15 December", "15
        декабря", with the year only when it is not this year's (no abbreviations)."""
        pattern = "d MMMM" if value.year == today.year else "d MMMM y"
        return format_date(value, format=pattern, locale=self.language)

    def weekday(self, value: date) -> str:
        """A day close at hand, with its weekday: "Fri, 27 Nov", "пт, 27 нояб."."""
        return format_date(value, format="EEE, d MMM", locale=self.language)

    def day_with_weekday(self, value: date) -> str:
        """A day that may be months away, with its weekday, so a misread day shows at
        once: "Fri, 27 Nov 2026", "пт, 27 нояб. 2026"."""
        return format_date(value, format="EEE, d MMM y", locale=self.language)


def locale_files(language: str, locales_dir: Path = LOCALES_DIR) -> list[Path]:
    """The Fluent files of one language, in a fixed order."""
    return sorted((locales_dir / language).glob("*.ftl"))


def locale_source(language: str, locales_dir: Path = LOCALES_DIR) -> str:
    """All texts of one language as Fluent source, for checks that read the files."""
    return "\n".join(
        path.read_text(encoding="utf-8") for path in locale_files(language, locales_dir)
    )


@functools.cache
def _parsed(path: Path) -> ftl.Resource:
    """A Fluent file parsed once per process: parsing both languages takes about 0.15 s,
    and a process may build several I18n (the tests build one per bot they start). Bundles
    only read the parsed entries, so one parse can serve them all."""
    return FluentResource(path.read_text(encoding="utf-8"))


class I18n:
    """Loads each language once; `i18n.get("ru")` returns its Translator."""

    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self._translators: dict[str, Translator] = {}
        self._ids: dict[str, set[str]] = {}
        for language in LANGUAGES:
            # use_isolating=False: Unicode bidi marks around values would show up in
            # Telegram clients as stray characters.
            bundle = FluentBundle([language], use_isolating=False)
            ids: set[str] = set()
            for path in locale_files(language, locales_dir):
                resource = _parsed(path)
                found = {entry.id.name for entry in resource.body if isinstance(entry, ftl.Message)}
                # A key in two files would be the later file's silently: refuse it.
                assert not found & ids, f"{path}: keys repeated from another file: {found & ids}"
                ids |= found
                bundle.add_resource(resource)
            self._translators[language] = Translator(language, bundle)
            self._ids[language] = ids

    def get(self, language: str) -> Translator:
        return self._translators.get(language, self._translators["en"])

    def message_ids(self, language: str) -> set[str]:
        return set(self._ids[language])
