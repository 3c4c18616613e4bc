"""Texts exist in both languages; Telegram's size limits are respected; secrets stay
out of logs."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fluent.syntax import ast as ftl
from fluent.syntax import parse

from bot.config import ConfigError, load_settings
from bot.i18n import LANGUAGES, I18n, language_for, locale_source
from bot.logging_setup import RedactSecrets
from bot.reading.zones import COMMON_ZONES, is_known_zone, zone_from_offset
from bot.telegram.sending import MESSAGE_LIMIT, split_text
from bot.views.zones import ZoneCb
from playground.telegram_rules import parse_html as check_html
from testkit.harness import TEST_TOKEN

ROOT = Path(__file__).resolve().parents[1]
_KEY_IN_CODE = re.compile(r"""\bt\(\s*f?["']([a-z0-9-]+)["']""")
_VARIABLE = re.compile(r"\{\s*\$([a-z_]+)")


def test_every_text_exists_in_both_languages() -> None:
    i18n = I18n()
    english, russian = i18n.message_ids("en"), i18n.message_ids("ru")
    assert english == russian, english ^ russian


def test_variables_match_between_languages() -> None:
    sources = {lang: locale_source(lang) for lang in LANGUAGES}
    per_language = {}
    for language, source in sources.items():
        per_key: dict[str, set[str]] = {}
        key = ""
        for line in source.splitlines():
            if match := re.match(r"^([a-z0-9-]+) =", line):
                key = match.group(1)
            per_key.setdefault(key, set()).update(_VARIABLE.findall(line))
        per_language[language] = per_key
    # «вы» or «ты» ($address) is a choice only Russian makes; English has one form.
    russian = {key: names - {"address"} for key, names in per_language["ru"].items()}
    assert per_language["en"] == russian
    assert all("address" not in names for names in per_language["en"].values())


def test_every_key_used_in_code_exists() -> None:
    ids = I18n().message_ids("en")
    used: set[str] = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]:
        used.update(_KEY_IN_CODE.findall(path.read_text()))
    assert used, "the pattern finds the t(...) calls"
    assert used - ids == set()


def _all_variables() -> set[str]:
    return {name for language in LANGUAGES for name in _VARIABLE.findall(locale_source(language))}


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


# ---- Russian first person fits any gender -----------------------------------------------
# A button is the user speaking ("✅ Написал" speaks for a man only), a draft is the user
# writing to a client, and the bot itself has no gender: all of them use forms that fit
# anyone ("Проект завершён", "Записано", "Мне казалось", "хочу", "могу").

# A verb in the past tense that shows the speaker's gender: "закончил", "связался",
# "была", "смог", "нашёл". Neuter and plural forms ("прошло", "связались") fit anyone.
_PAST = r"(?:[а-яё]*[аяеиыоуё]л(?:а|ся|ась)?|[а-яё]*мог(?:ла)?)"
# Short adjectives a speaker says of themselves: "готов", "рада", "уверен", "должна".
_FEELING = r"(?:готова?|рада?|уверена?|благодарна|благодарен|признательна|признателен)"
_SELF = (
    rf"(?:{_FEELING}|согласна|согласен|должна|должен|занята?|довольна|доволен|обязана?"
    r"|счастлива?|вынуждена?|убежд[её]на?|намерена?|способна|способен|недоступна|недоступен"
    r"|сама?)"
)
_END = r"(?![а-яё])"
# "я" and up to three words, no punctuation between: "Я закончил", "я с ним связался".
_I_SAID = re.compile(rf"(?<![а-яё])я(?:\s+[а-яё]+){{0,3}}?\s+(?:{_PAST}|{_SELF}){_END}", re.I)
# A sentence that starts with such a word, the "я" left out: "Записал: …", "Хотел бы …",
# "Решил написать …", "Рад помочь", "Не понял." Not "Прошёл месяц" (the subject follows
# the verb) and not "Готова ли работа?" (a question about something else).
_SENTENCE_START = r"(?:^|[.!?…:—]\s+|\n\s*)(?:[^\w\s]+\s*)?(?:не\s+)?"
_SAYS_MORE = r"(?=\s*[,:.!?…]|\s+бы(?![а-яё])|\s+[а-яё]+(?:ть|ться|ти|тись)(?![а-яё]))"
_I_LEFT_OUT = re.compile(
    rf"{_SENTENCE_START}(?:{_PAST}{_SAYS_MORE}|{_FEELING}{_END}(?!\s+ли{_END}))", re.I
)
# A button that starts with such a word: "✅ Написал", "💬 Ответил", "Готов". A few nouns
# end the same way.
_LABEL_START = re.compile(rf"^[^а-яё]*([а-яё]*[аяеиыоуё]л(?:ся)?|{_SELF}){_END}", re.I)
_LABEL_NOUNS = {"канал", "сигнал", "материал", "раздел", "отдел", "финал", "интервал", "журнал"}
# In a message to a client: "хотел бы", anywhere.
_WOULD = re.compile(rf"(?<![а-яё]){_PAST}\s+бы{_END}", re.I)
_LABEL_PREFIXES = (
    "button-",
    "command-",
    "answer-",
    "decision-",
    "outcome-",
    "goal-",
    "preset-",
    "cadence-",
    "snooze-",
    "freq-",
    "audience-",
)
_TO_CLIENT = re.compile(r"draft-.*|kickoff-draft-.*|trust-[a-z_]+-draft-[a-z]+|feedback-draft-.*")


def _variants(elements: Sequence[ftl.PatternElement]) -> Iterator[str]:
    """Every text a Fluent pattern can produce, one per combination of select variants,
    with each variable as a neutral placeholder."""
    parts: list[list[str]] = []
    for element in elements:
        if isinstance(element, ftl.TextElement):
            parts.append([element.value])
            continue
        expression = element.expression if isinstance(element, ftl.Placeable) else None
        if isinstance(expression, ftl.SelectExpression):
            parts.append([t for v in expression.variants for t in _variants(v.value.elements)])
        elif isinstance(expression, ftl.StringLiteral):
            parts.append([expression.value])
        else:
            parts.append(["N"])
    for combination in itertools.product(*parts):
        yield "".join(combination)


def gendered_first_person(source: str) -> list[tuple[str, str]]:
    """(key, words) for each Russian text that speaks in the first person of one gender."""
    found: list[tuple[str, str]] = []
    for entry in parse(source).body:
        if not isinstance(entry, ftl.Message) or entry.value is None:
            continue
        key = entry.id.name
        checks = [_I_SAID, _I_LEFT_OUT]
        if _TO_CLIENT.fullmatch(key):
            checks.append(_WOULD)
        for text in set(_variants(entry.value.elements)):
            hits = [m.group(0).strip() for check in checks for m in check.finditer(text)]
            start = _LABEL_START.match(text)
            if key.startswith(_LABEL_PREFIXES) and start and start[1].lower() not in _LABEL_NOUNS:
                hits.append(start[1])
            found.extend((key, hit) for hit in hits)
    return found


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("command-done", "Я закончил проект"),
        ("button-x", "✅ Написал"),
        ("button-x", "📞 Я с ним связался"),
        ("outcome-x", "💬 Ответил"),
        ("button-x", "Готов"),
        ("draft-x", "Привет! Я думал, это поможет."),
        ("draft-x", "Привет! Рад, что всё получилось."),
        ("draft-x", "Привет! Хотел бы уточнить одно."),
        ("draft-x", "Привет! Решил написать вам."),
        ("draft-x", "Очень хотела бы знать."),
        ("trust-call-draft-formal", "Я уверена, что да."),
        ("reminder-late", "<i>Я был недоступен.</i>"),
        ("done-saved", "Записал: { $title }"),
        ("unknown-input", "Не понял. Вот что я умею:"),
        ("x", "Вот { $n ->\n    [one] что я смог\n   *[other] всё\n}"),
    ],
)
def test_gendered_first_person_is_found(key: str, text: str) -> None:
    assert gendered_first_person(f"{key} = {text}\n")


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("button-x", "✅ Проект завершён"),
        ("button-x", "✅ Готово"),
        ("button-x", "📞 Мы уже связались"),
        ("button-x", "📥 Канал"),
        ("button-x", "💬 Есть ответ"),
        ("draft-x", "Мне казалось, это поможет."),
        ("draft-x", "Прошёл месяц после проекта. Хочу уточнить одно."),
        ("draft-x", "Проект готов. Клиент ответил, что цифра выросла."),
        ("x", "Записано: { $title }. Балл партнёрства: { $score }"),
        ("x", "Готова ли работа? Я напомню, когда клиент ответит."),
    ],
)
def test_neutral_russian_passes(key: str, text: str) -> None:
    assert gendered_first_person(f"{key} = {text}\n") == []


def test_russian_first_person_fits_any_gender() -> None:
    """Buttons, command descriptions, drafts to clients and the bot's own voice."""
    source = locale_source("ru")
    assert gendered_first_person(source) == []


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("ru", "ru"),
        ("uk", "ru"),
        ("be", "ru"),
        ("kk", "ru"),
        ("ru-RU", "ru"),
        ("en", "en"),
        ("de", "en"),
        (None, "en"),
        ("", "en"),
    ],
)
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
    [
        ("+3", "Etc/GMT-3"),
        ("-5", "Etc/GMT+5"),
        ("UTC+5:30", "Asia/Kolkata"),
        ("gmt+0", "Etc/UTC"),
        ("UTC−4", "Etc/GMT+4"),
        ("+14", "Etc/GMT-14"),
        ("+15", None),
        ("+3:17", None),
    ],
)
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


BUTTON_LIMIT = 28  # what a 360-dp phone shows on a button in a row of its own


def test_button_texts_fit_a_phone() -> None:
    """Every label of a button, in both languages, with its tick where one is added."""
    i18n = I18n()
    for language in LANGUAGES:
        t = i18n.get(language)
        for key in i18n.message_ids(language):
            if not (key.startswith(("button-", "client-button-")) or key.endswith("-button")):
                continue
            if key in ("expects-button", "stale-button"):  # answers about buttons, not labels
                continue
            label = t.label(key, n=2, project="X", client="X", page=2, total=3)
            assert len(label) <= BUTTON_LIMIT, (language, key, label)
