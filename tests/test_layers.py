"""The layers import only what lies below them, so each decision has one place:
handlers -> views, services -> storage; delivery calls services; storage stands alone.
Views are pure renderers; rules and the reading of typed input sit below the use cases;
only the app module imports the handlers; every button's callback data is its own."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import typing
import zoneinfo
from enum import Enum
from pathlib import Path

import pytest
from aiogram.filters.callback_data import CallbackData

import bot
import handlers

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules_in(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offenders(
    package: str, forbidden: tuple[str, ...], *, skip: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in modules_in(package):
        if path.name in skip:
            continue
        bad = sorted(
            name
            for name in imported_modules(path)
            if any(name == f or name.startswith(f + ".") for f in forbidden)
        )
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    return found


def test_the_rules_see_every_layer() -> None:
    """A rule over an empty folder would pass for nothing."""
    layers = (
        "storage",
        "bot/services",
        "bot/rules",
        "bot/reading",
        "bot/views",
        "bot/delivery",
        "bot/telegram",
        "handlers",
    )
    for package in layers:
        assert len(modules_in(package)) >= 3, package
    assert "aiogram" in imported_modules(ROOT / "handlers" / "common.py")


def test_storage_imports_nothing_of_the_application() -> None:
    assert offenders("storage", ("bot", "handlers", "playground")) == {}


ABOVE_SERVICES = ("aiogram", "matplotlib", "handlers", "bot.views", "bot.delivery", "bot.telegram")


def test_services_know_no_telegram_and_no_screens() -> None:
    assert offenders("bot/services", ABOVE_SERVICES) == {}


@pytest.mark.parametrize("package", ["bot/rules", "bot/reading", "bot/content"])
def test_rules_and_reading_sit_below_the_use_cases(package: str) -> None:
    """Pure functions of their arguments: no use case, no Telegram, no screen, no SQL."""
    forbidden = (*ABOVE_SERVICES, "bot.services", "storage.db", "storage.repositories")
    assert offenders(package, forbidden) == {}


def test_views_render_and_never_deliver_or_handle() -> None:
    forbidden = (
        "handlers",
        "bot.delivery",
        "bot.telegram",
        "aiogram.fsm",
        "storage.db",
        "storage.repositories",
    )
    assert offenders("bot/views", forbidden) == {}


@pytest.mark.parametrize("path", modules_in("bot/views"), ids=lambda p: p.name)
def test_views_define_no_coroutines(path: Path) -> None:
    """A view turns data into a screen; whatever awaits (sending, asking, state) is the
    conversation layer's."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    coroutines = [n.name for n in ast.walk(tree) if isinstance(n, ast.AsyncFunctionDef)]
    assert coroutines == []


def test_only_the_app_module_imports_the_handlers() -> None:
    found = {}
    for package in ("bot", "storage", "playground", "bench"):
        for name, modules in offenders(package, ("handlers",)).items():
            if name != "bot/telegram/app.py":
                found[name] = modules
    assert found == {}
    assert "handlers" in imported_modules(ROOT / "bot" / "telegram" / "app.py")


def test_delivery_never_reaches_into_handlers_or_conversations() -> None:
    assert offenders("bot/delivery", ("handlers",)) == {}


@pytest.mark.parametrize("path", modules_in("handlers"), ids=lambda p: p.name)
def test_a_handler_never_imports_another_handler(path: Path) -> None:
    if path.name == "__init__.py":  # the list of routers, in order
        return
    assert sorted(m for m in imported_modules(path) if m.startswith("handlers")) == []


def test_handlers_see_services_not_repositories() -> None:
    """Handlers may use storage's dataclasses, enums and limits, never its SQL."""
    repositories = tuple(
        f"storage.{path.stem}"
        for path in modules_in("storage")
        if "Repository" in path.read_text(encoding="utf-8") and path.stem != "__init__"
    )
    found: dict[str, list[str]] = {}
    for path in modules_in("handlers"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in (
                *repositories,
                "storage.db",
                "storage.repositories",
            ):
                names = [
                    a.name
                    for a in node.names
                    if a.name.endswith(("Repository", "Database"))
                    or node.module in ("storage.db", "storage.repositories")
                ]
                if names:
                    found.setdefault(path.name, []).extend(names)
    assert found == {}


def test_the_playground_sits_on_top_and_the_bot_never_leans_on_it() -> None:
    """The playground drives the real bot; the bot must run the same without it."""
    assert len(modules_in("playground")) >= 3
    for package in ("bot", "handlers", "storage"):
        assert offenders(package, ("playground",)) == {}, package


def _callback_data_classes() -> list[type[CallbackData]]:
    """Every button payload the bot defines: import every module, then walk the
    subclasses (a new module is found without being listed here)."""
    for package in (bot, handlers):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(info.name)
    found: list[type[CallbackData]] = []
    pending = list(CallbackData.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: cls.__qualname__)


# Fields that count (a question's position, an answer's value, a page, weeks, days): far
# below a million. Every other int names a row, and a row id is a 64-bit integer.
COUNTS = {"position", "value", "page", "weeks", "days_ago", "days", "hours", "n"}


def _longest(name: str, annotation: object) -> object:
    """The value of a field that packs longest."""
    if annotation is bool:
        return True
    if annotation is int:
        return -999_999 if name in COUNTS else 2**63 - 1
    if annotation is str and name == "zone":
        return max(zoneinfo.available_timezones(), key=len)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return max(annotation, key=lambda member: len(str(member.value)))
    raise AssertionError(f"no longest value known for {name}: {annotation!r}: add one here")


# Prefixes of buttons that still sit in people's chats with another meaning: a new class
# must not take one, or an old press would land in its handler.
RETIRED_PREFIXES = {
    "a1",  # the ten-question reflection's answers
    "rn1",  # its Back / Skip / Pause
}


def test_every_button_payload_has_a_prefix_of_its_own() -> None:
    classes = _callback_data_classes()
    owners = {cls.__qualname__: cls.__prefix__ for cls in classes}
    assert {name: p for name, p in owners.items() if p in RETIRED_PREFIXES} == {}
    assert len(classes) >= 20  # the walk found the bot's buttons
    prefixes: dict[str, list[str]] = {}
    for cls in classes:
        prefixes.setdefault(cls.__prefix__, []).append(cls.__qualname__)
    assert {p: names for p, names in prefixes.items() if len(names) > 1} == {}


@pytest.mark.parametrize("cls", _callback_data_classes(), ids=lambda cls: cls.__qualname__)
def test_every_button_payload_fits_telegrams_64_bytes(cls: type[CallbackData]) -> None:
    hints = typing.get_type_hints(cls)
    values = {name: _longest(name, hints[name]) for name in cls.model_fields}
    packed = cls(**values).pack()
    assert len(packed.encode()) <= 64, packed


def test_benchmarks_and_the_testkit_never_lean_on_the_tests() -> None:
    """What benchmarks and tests share lives in testkit/; tests/ is only the tests'."""
    for package in ("bench", "testkit"):
        assert offenders(package, ("tests",)) == {}, package
