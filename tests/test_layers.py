"""The layers import only what lies below them, so each decision has one place:
handlers -> views, services -> storage; delivery calls services; storage stands alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

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
    for package in ("storage", "bot/services", "bot/views", "bot/delivery", "handlers"):
        assert len(modules_in(package)) >= 3, package
    assert "aiogram" in imported_modules(ROOT / "handlers" / "common.py")


def test_storage_imports_nothing_of_the_application() -> None:
    assert offenders("storage", ("bot", "handlers")) == {}


def test_services_know_no_telegram_and_no_screens() -> None:
    assert offenders("bot/services", ("aiogram", "handlers", "bot.views", "bot.delivery")) == {}


def test_views_render_and_never_deliver_or_handle() -> None:
    assert offenders("bot/views", ("handlers", "bot.delivery", "storage.db",
                                   "storage.repositories")) == {}  # fmt: skip


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
                names = [a.name for a in node.names if a.name.endswith(("Repository", "Database"))
                         or node.module in ("storage.db", "storage.repositories")]  # fmt: skip
                if names:
                    found.setdefault(path.name, []).extend(names)
    assert found == {}


def test_the_playground_sits_on_top_and_the_bot_never_leans_on_it() -> None:
    """The playground drives the real bot; the bot must run the same without it."""
    assert len(modules_in("playground")) >= 3
    for package in ("bot", "handlers", "storage"):
        assert offenders(package, ("playground",)) == {}, package
