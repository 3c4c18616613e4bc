"""Telegram's HTML rules as the playground and the recording session apply them."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from playground.telegram_rules import parse_html


@given(st.text())
def test_any_escaped_text_parses_back_to_itself(text: str) -> None:
    """What the bot does with everything a person types (i18n escapes every value):
    Telegram accepts it and shows it as typed, outer white space aside."""
    plain, entities = parse_html(html.escape(text, quote=False))
    assert (
        plain == text.strip(" \t\r\n\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029") or plain == text.strip()
    )
    assert entities == []


def test_entity_offsets_count_utf16_units_as_telegram_does() -> None:
    plain, entities = parse_html("🙂 <b>Лендинг</b> <i>ok</i>")
    assert plain == "🙂 Лендинг ok"
    assert [(e.type, e.offset, e.length) for e in entities] == [("bold", 3, 7), ("italic", 11, 2)]


def test_a_link_without_href_is_its_own_text_and_a_bad_one_is_plain() -> None:
    assert [e.url for e in parse_html("<a>https://example.com</a>")[1]] == ["https://example.com"]
    assert parse_html('<a href="javascript:alert(1)">x</a>') == ("x", [])
