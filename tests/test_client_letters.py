"""What the client reads: every draft rendered through the real Fluent files, with values as
people type them, read the way a client would (numbers, «вы»/«ты», time, dates, greetings)."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from aiogram.methods import SendMessage

from bot.content.drafts import DRAFTS, LONG_GAP_DRAFTS, NO_METRIC_DRAFTS, RESULT_DRAFTS
from bot.i18n import LANGUAGES, I18n, Translator, locale_source
from bot.reading.dates import elapsed
from bot.reading.numbers import Change, read_metric, written_number
from bot.rules.checkins import AgeBucket
from bot.rules.drafts import Measured, is_company, reminder_draft
from bot.services.checkins import Reminder
from bot.services.kickoffs import NudgeToSend
from bot.views.drafts import draft_text
from bot.views.kickoff import kickoff_message
from bot.views.nudges import nudge_screen
from bot.views.reminder import reminder_screen
from storage.checkins import Checkin
from storage.clients import Address
from storage.db import load_migrations
from storage.kickoffs import BudgetFit, Kickoff, KickoffStatus
from storage.nudges import Nudge, NudgeKind, NudgeStatus
from storage.projects import Goal, Project
from storage.users import User
from testkit.harness import BotHarness

TODAY = date(2026, 12, 8)
I18N = I18n()
_VARIABLE = re.compile(r"\{\s*\$([a-z_]+)")

# Forms of the other address in a Russian text: a «ты» letter must have none of the first,
# a «вы» letter none of the second.
_FORMAL = re.compile(
    r"(?<![а-яё])(?:вы|вас|вам|вами|ваш[а-яё]*|давайте|скажите|напишите|пришлите|"
    r"подскажете|сможете|хотите|следите|замечаете|заметите|попробуйте|спрашивайте)(?![а-яё])",
    re.I,
)
_INFORMAL = re.compile(
    r"(?<![а-яё])(?:ты|тебя|тебе|тобой|тво[йеяи][а-яё]*|давай|скажи|напиши|пришли|"
    r"подскажешь|сможешь|хочешь|следишь|замечаешь|заметишь|попробуй|спрашивай)(?![а-яё])",
    re.I,
)
_CLIENTS_GENDER = re.compile(
    r"(?<![а-яё])(?:сам|сама|согласен|согласна|готов|готова|уверен|уверена)(?![а-яё])(?!\s+проект)",
    re.I,
)


def project(**changes: object) -> Project:
    values: dict[str, object] = {
        "id": 1,
        "user_id": 1,
        "client_id": 1,
        "client_name": "Анна",
        "title": "Лендинг",
        "goal": Goal.LEADS,
        "goal_note": None,
        "metric": "CTR баннера",
        "baseline": "CTR 1,4%",
        "finished_on": TODAY - timedelta(days=20),
        "created_at": datetime(2026, 11, 1, tzinfo=UTC),
        "reflection_status": None,
        "score": None,
    }
    values.update(changes)
    return Project(**values)  # type: ignore[arg-type]


def kickoff(**changes: object) -> Kickoff:
    values: dict[str, object] = {
        "id": 3,
        "user_id": 1,
        "client_id": 1,
        "client_name": "Анна",
        "project_id": None,
        "title": "Баннеры к весне",
        "goal": Goal.TRAFFIC,
        "goal_note": None,
        "metric": "CTR баннера",
        "baseline": "CTR 1,2%",
        "target": "CTR 2%",
        "ends_on": date(2026, 12, 15),
        "budget_fit": BudgetFit.FITS,
        "red_flags": "торопит и не говорит зачем",
        "address": Address.FORMAL,
        "status": KickoffStatus.ACTIVE,
        "created_at": datetime(2026, 12, 1, 10, tzinfo=UTC),
    }
    values.update(changes)
    return Kickoff(**values)  # type: ignore[arg-type]


def measured(baseline: str, latest: str, change: Change, age_days: int = 3) -> Measured:
    return Measured(change, read_metric(baseline), read_metric(latest), TODAY - timedelta(age_days))


def letter(language: str, seed: int, **kwargs: object) -> str:
    t = I18N.get(language)
    client = str(kwargs.pop("client", "Анна"))
    choice = reminder_draft(
        seed,
        client,
        kwargs.pop("project", project()),  # type: ignore[arg-type]
        TODAY,
        kwargs.pop("measured", None),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )
    return draft_text(t, choice)


def nudge_letter(t: Translator, action: NudgeKind, found: Kickoff) -> str:
    nudge = Nudge(
        7,
        1,
        found.id,
        action,
        datetime(2026, 12, 2, 10),
        datetime(2026, 12, 2, 9),
        NudgeStatus.SENDING,
        0,
    )
    user = User.__new__(User)  # the screen never reads the user
    screen = nudge_screen(t, NudgeToSend(user, nudge, found, 0), late=False)
    return screen.text.split("<blockquote>")[1].split("</blockquote>")[0]


# ---- 1. the number, not the words typed around it -------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_a_typed_reading_goes_into_the_letter_as_its_number(seed: int) -> None:
    ru = letter("ru", seed, measured=measured("CTR 1,4%", "выросла до 2,1%", Change.IMPROVED))
    assert "1,4%" in ru and "2,1%" in ru
    assert "выросла" not in ru and "CTR 1,4" not in ru  # no typed words, no doubled name
    found = project(client_name="Anna", title="Spring banners", metric="leads per week")
    en = letter(
        "en",
        seed,
        client="Anna",
        project=found,
        measured=measured("40", "up to 55", Change.IMPROVED),
    )
    assert "55" in en and "up to 55" not in en and "40" in en


def test_numbers_keep_the_writers_decimal_mark_in_russian_and_a_dot_in_english() -> None:
    assert written_number(read_metric("выросла до 2,1%"), "ru") == "2,1%"
    assert written_number(read_metric("выросла до 2,1%"), "en") == "2.1%"
    assert written_number(read_metric("2.5%"), "ru") == "2.5%"
    assert written_number(read_metric("1 200 000 ₽"), "ru") == "1\u202f200\u202f000"
    assert written_number(read_metric("1 200 000 ₽"), "en") == "1,200,000"
    assert written_number(read_metric("не знаю"), "ru") is None


def test_the_kickoff_letter_gives_numbers_beside_the_metrics_name() -> None:
    text = kickoff_message(I18N.get("ru"), kickoff())
    assert "«CTR баннера»" in text and "сейчас — 1,2%" in text and "считать 2%" in text
    assert "CTR 1,2" not in text and "CTR 2%" not in text


# ---- 2. «ты» or «вы», the client's --------------------------------------------------


def _client_keys() -> list[str]:
    ids = I18N.message_ids("ru")
    return sorted(
        key
        for key in ids
        if key.startswith(("draft-", "kickoff-draft-", "decision-draft-"))
        or re.fullmatch(r"trust-[a-z_]+-draft(?:-no-metric)?", key)
    )


def _values(language: str, key: str) -> dict[str, str | int]:
    names = set(_VARIABLE.findall(_source_of(language, key)))
    return {name: ("2" if name == "n" else f"<{name}>") for name in names}


def _source_of(language: str, key: str) -> str:
    source = locale_source(language)
    start = re.search(rf"^{re.escape(key)} =", source, re.M)
    assert start, key
    end = re.search(r"^[a-z][\w-]* =", source[start.end() :], re.M)
    return source[start.start() : start.end() + (end.start() if end else len(source))]


@pytest.mark.parametrize("key", _client_keys())
def test_every_russian_letter_exists_with_vy_and_with_ty(key: str) -> None:
    t = I18N.get("ru")
    values = _values("ru", key)
    formal = t(key, **{**values, "address": "formal"})
    informal = t(key, **{**values, "address": "informal"})
    assert not _INFORMAL.search(formal), formal
    assert not _FORMAL.search(informal), informal
    # Nor does a letter guess the client's gender («сам», «готова»).
    for text in (formal, informal):
        assert not _CLIENTS_GENDER.search(text), text
    if "$address" in _source_of("ru", key):
        assert formal != informal


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("days", [5, 40, 120])
@pytest.mark.parametrize("address", list(Address))
def test_check_in_letters_follow_the_clients_address(
    seed: int, days: int, address: Address
) -> None:
    for found, reading in (
        (project(finished_on=TODAY - timedelta(days=days)), None),
        (project(metric=None, baseline=None), None),
        (project(), measured("CTR 1,4%", "1,0%", Change.WORSE)),
        (project(), measured("CTR 1,4%", "2,0%", Change.IMPROVED)),
        (project(), measured("CTR 1,4%", "1,4%", Change.SAME)),
        (None, None),
    ):
        text = letter("ru", seed, project=found, measured=reading, address=address)
        wrong = _FORMAL if address is Address.INFORMAL else _INFORMAL
        assert not wrong.search(text), text


@pytest.mark.parametrize("address", list(Address))
def test_kickoff_and_trust_letters_follow_the_clients_address(address: Address) -> None:
    t = I18N.get("ru")
    wrong = _FORMAL if address is Address.INFORMAL else _INFORMAL
    for found in (kickoff(address=address), kickoff(address=address, metric=None, baseline=None)):
        assert not wrong.search(kickoff_message(t, found))
        for action in (
            NudgeKind.CALL,
            NudgeKind.CONFIRM,
            NudgeKind.PROGRESS,
            NudgeKind.EARLY_DRAFT,
        ):
            assert not wrong.search(nudge_letter(t, action, found))


async def test_ty_chosen_at_kickoff_reaches_the_check_in_letters(harness: BotHarness) -> None:
    user = harness.user(language_code="ru")
    await user.onboard()
    await user.send("/kickoff")
    for typed in ("Ромашка", "Лендинг"):
        await user.send(typed)
    await user.press(user.label("goal-leads"))
    await user.send("заявки в неделю")
    await user.send("40")
    await user.press(user.label("button-skip"))
    await user.press(user.label("button-end-in-weeks", n=1))
    await user.press(user.label("button-budget-fits"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("trust-confirm-button"))
    await user.press(user.label("button-trust-ready", n=1))
    await user.press(user.label("button-address-informal"))
    stored = await harness.services.accounts.get(user.user_id)
    assert stored is not None
    [client] = (await harness.services.clients.page(stored, archived=False, page=0, size=5)).clients
    assert client.address is Address.INFORMAL
    # A second kickoff with the same client shows the form of address it already has.
    await user.send("/kickoff")
    await user.press(next(b for b in user.buttons() if b.startswith("Ромашка")))
    await user.send("Рассылка")
    await user.press(user.label("goal-leads"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("button-end-in-weeks", n=1))
    await user.press(user.label("button-budget-fits"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("trust-call-button"))
    await user.press(user.label("button-trust-ready", n=1))
    assert "✅ " + user.label("button-address-informal") in user.buttons()


# ---- 3. the time that has really passed -----------------------------------------------


@pytest.mark.parametrize("days", [1, 5, 13, 20, 24, 30, 45, 60, 74, 100, 400])
@pytest.mark.parametrize("language", LANGUAGES)
def test_age_letters_say_the_real_time(days: int, language: str) -> None:
    t = I18N.get(language)
    key, n = elapsed(TODAY - timedelta(days=days), TODAY)
    ago = t("draft-ago", unit=key.removeprefix("since-"), n=n)
    fixed = re.compile(
        r"две недели|уже месяц|прошёл месяц|несколько месяцев|two weeks|a month now|few months",
        re.I,
    )
    found = project(finished_on=TODAY - timedelta(days=days))
    for seed in range(3):
        text = letter(language, seed, project=found)
        assert not fixed.search(text), text
        chosen = reminder_draft(seed, "Анна", found, TODAY, None).key
        if "$ago" in _source_of(language, chosen):
            assert ago in text, (ago, text)


@pytest.mark.parametrize("seed", range(6))
def test_no_long_time_no_see_after_a_recent_contact(seed: int) -> None:
    old = project(finished_on=TODAY - timedelta(days=120))
    for language, words in (("ru", "Давно"), ("en", "a while")):
        recent = letter(language, seed, project=old, last_contact=TODAY - timedelta(days=30))
        assert words not in recent
    # Months without a word, it may say so; one of the drafts does.
    said = {
        letter("ru", seed, project=old, last_contact=TODAY - timedelta(days=100))
        for seed in range(6)
    }
    assert any("Давно" in text for text in said)
    assert {d.key for d in DRAFTS[AgeBucket.MONTHS]} >= LONG_GAP_DRAFTS


# ---- 4. only a fresh number is "now" --------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_an_old_reading_is_not_presented_as_now(seed: int) -> None:
    fresh = letter("ru", seed, measured=measured("CTR 1,4%", "2,1%", Change.IMPROVED, 30))
    assert "2,1%" in fresh
    stale = letter("ru", seed, measured=measured("CTR 1,4%", "2,1%", Change.IMPROVED, 31))
    assert "2,1%" not in stale and "Поздравляю" not in stale
    choice = reminder_draft(
        seed, "Анна", project(), TODAY, measured("CTR 1,4%", "2,1%", Change.IMPROVED, 31)
    )
    assert choice.key in {d.key for d in DRAFTS[AgeBucket.WEEKS]}  # they ask for the number


# ---- 5. nothing to confirm: ask for the number ----------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_confirming_without_a_number_asks_for_one(language: str) -> None:
    t = I18N.get(language)
    text = nudge_letter(t, NudgeKind.CONFIRM, kickoff(metric=None, baseline=None, target=None))
    assert "договоримся" not in text and "agree on" not in text
    assert "«да»" not in text and '"yes"' not in text
    assert ("По какой цифре" in text) if language == "ru" else ("Which number" in text)
    with_number = nudge_letter(t, NudgeKind.CONFIRM, kickoff())
    assert "CTR баннера" in with_number


# ---- 6. a letter alone in its message -------------------------------------------------


async def test_the_kickoff_letter_is_its_own_message_without_the_private_note(
    harness: BotHarness,
) -> None:
    user = harness.user()
    await user.onboard()
    await user.send("/kickoff")
    await user.send("Acme Ltd")
    await user.send("Spring banners")
    await user.press(user.label("goal-traffic"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("button-end-in-weeks", n=2))
    await user.press(user.label("button-budget-fits"))
    await user.send("wants it yesterday, won't say why")
    await user.press(user.label("trust-call-button"))
    summary, draft = await user.press(user.label("button-trust-ready", n=1))
    assert "wants it yesterday" in summary
    assert "wants it yesterday" not in draft and "<blockquote>" not in draft
    sent = [m for m in harness.session.requests if isinstance(m, SendMessage)]
    assert sent[-1].reply_markup is None  # nothing but the letter to forward
    assert draft.split("\n")[0] in ("Hello,", "Hi there,")  # a company: not by name
    assert " or " not in draft


# ---- 7. letters as a person writes them -----------------------------------------------


def test_a_company_is_told_from_a_person() -> None:
    for name in ("Кофейня «Зерно»", 'Кафе "Ромашка"', "ООО Ромашка", "ИП Смирнов", "Acme Ltd"):
        assert is_company(name), name
    for name in ("Анна", "Anna Smith", "Олег Иванов", "Acme"):
        assert not is_company(name), name
    text = letter("ru", 0, client="Кофейня «Зерно»")
    assert "Зерно" not in text.split("\n")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_greetings_vary_and_english_ones_are_not_exclamations(language: str) -> None:
    greetings = {letter(language, seed).split("\n")[0] for seed in range(6)}
    assert len(greetings) >= 2
    if language == "en":
        assert all(g.endswith(",") for g in greetings)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("goal", list(Goal))
def test_a_letters_goal_is_one_goal_and_its_date_is_written_out(language: str, goal: Goal) -> None:
    t = I18N.get(language)
    note = "новые клиенты из Москвы" if goal is Goal.OTHER else None
    text = kickoff_message(t, kickoff(goal=goal, goal_note=note))
    assert " или " not in text and " or " not in text
    assert ("к 15 декабря." in text) if language == "ru" else ("by 15 December." in text)
    later = kickoff_message(t, kickoff(ends_on=date(2027, 1, 20)))
    assert ("20 января 2027" in later) if language == "ru" else ("20 January 2027" in later)


_ROOT = Path(__file__).resolve().parents[1]
_WEEKDAY_CALL = re.compile(r"""t\(\s*f?"([a-z0-9_{}.-]+)"[^\n]*?t\.weekday\(""")


def _weekday_keys(ids: set[str]) -> set[str]:
    """The texts the code gives a short weekday date ("пн, 7 дек.", ending in a dot)."""
    patterns = set()
    for path in [*_ROOT.glob("bot/**/*.py"), *_ROOT.glob("handlers/**/*.py")]:
        patterns.update(_WEEKDAY_CALL.findall(path.read_text(encoding="utf-8")))
    regexes = [re.compile(re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(p))) for p in patterns]
    return {key for key in ids if any(r.fullmatch(key) for r in regexes)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_doubles_a_full_stop_after_a_date(language: str) -> None:
    """Every text rendered with every way a day is written, and the short weekday form
    ("пн, 7 дек.", which ends with a dot) wherever the code uses it: no "..", only "…"."""
    t = I18N.get(language)
    day = date(2026, 12, 7)
    ids = I18N.message_ids(language)
    short = _weekday_keys(ids)
    assert {"nudge-next", "wrap-up-extended", "wrap-up-planned"} <= short
    doubled = []
    for key in sorted(ids):
        names = set(_VARIABLE.findall(_source_of(language, key)))
        formats = [t.day(day), t.day_with_weekday(day), t.letter_day(day, TODAY)]
        if key in short:
            formats.append(t.weekday(day))
        for shown in formats:
            values: dict[str, str | int] = {name: "x" for name in names}
            values |= {name: 2 for name in names if name in ("n", "count", "most", "limit")}
            values |= {name: shown for name in names if name in ("date", "when")}
            text = t(key, **values).replace("…", "")
            if ".." in text:
                doubled.append((key, text))
    assert doubled == []
    # The same with a day as the reminders and the nudges really send it.
    assert ".." not in t("nudge-skipped") + " " + t("nudge-next", date=t.weekday(day))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_title_is_named_at_most_once_in_a_letter(language: str) -> None:
    for seed in range(12):
        for found in (project(), project(finished_on=TODAY - timedelta(days=100))):
            assert letter(language, seed, project=found).count("Лендинг") <= 1
    for options in (*DRAFTS.values(), NO_METRIC_DRAFTS, *RESULT_DRAFTS.values()):
        assert options


async def test_the_form_of_address_is_switched_from_the_clients_card(
    harness: BotHarness,
) -> None:
    user = harness.user(language_code="ru")
    await user.onboard()
    await user.send("/clients")
    await user.press(user.label("button-add-client"))
    await user.send("Ромашка")
    await user.press(user.label("button-skip"))
    await user.press(user.label("button-skip"))
    await user.press(user.label("button-edit"))
    await user.press(user.label("button-client-address-formal"))  # «Перейти на «ты»»
    assert user.label("button-client-address-informal") in user.buttons()
    stored = await harness.services.accounts.get(user.user_id)
    assert stored is not None
    [client] = (await harness.services.clients.page(stored, archived=False, page=0, size=5)).clients
    assert client.address is Address.INFORMAL
    # An English user's drafts have one form: nothing to switch.
    english = harness.user(4242)
    await english.onboard()
    await english.send("/clients")
    await english.press(english.label("button-add-client"))
    await english.send("Acme")
    await english.press(english.label("button-skip"))
    await english.press(english.label("button-skip"))
    await english.press(english.label("button-edit"))
    assert english.label("button-client-address-formal") not in english.buttons()


def test_migration_0012_gives_each_client_their_latest_kickoffs_address() -> None:
    """A client keeps the answer of their latest kickoff; one without a kickoff is «вы»."""
    scripts = dict(load_migrations("sqlite"))
    db = sqlite3.connect(":memory:")
    for number in sorted(scripts):
        if number == 12:
            break
        db.executescript(scripts[number])
    db.execute(
        "INSERT INTO users (id, chat_id, language, timezone, created_at, updated_at) "
        "VALUES (1, 1, 'ru', 'UTC', 0, 0)"
    )
    for client_id in (1, 2, 3):
        db.execute(
            "INSERT INTO clients (id, user_id, name, created_at, updated_at) "
            "VALUES (?, 1, ?, 0, 0)",
            (client_id, f"client {client_id}"),
        )
    for kickoff_id, client_id, address, created in (
        (1, 1, "formal", 100),
        (2, 1, "informal", 200),  # the latest of client 1
        (3, 2, "informal", 300),
        (4, 2, "formal", 400),  # the latest of client 2
    ):
        db.execute(
            "INSERT INTO kickoffs (id, user_id, client_id, title, goal, ends_on, budget_fit, "
            "address, created_at) VALUES (?, 1, ?, 't', 'leads', '2026-12-01', 'fits', ?, ?)",
            (kickoff_id, client_id, address, created),
        )
    db.executescript(scripts[12])
    rows = dict(db.execute("SELECT id, address FROM clients ORDER BY id").fetchall())
    assert rows == {1: "informal", 2: "formal", 3: "formal"}
    postgres = dict(load_migrations("postgresql"))[12]
    assert "ALTER TABLE clients ADD COLUMN address" in postgres


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_letter_with_a_gap_for_an_idea_says_to_fill_it(language: str) -> None:
    t = I18N.get(language)
    checkin = Checkin.__new__(Checkin)
    object.__setattr__(checkin, "id", 0)
    hinted = []
    for seed in range(3):
        found = project(finished_on=TODAY - timedelta(days=40))
        choice = reminder_draft(seed, "Анна", found, TODAY, None)
        text = reminder_screen(t, Reminder(checkin, "Анна", found, TODAY, choice), late=False).text
        hinted.append(("…" in text.split("</blockquote>")[0]) == (t("draft-fill-hint") in text))
    assert all(hinted)
