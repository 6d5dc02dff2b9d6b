"""Measuring, truncating and escaping by what Telegram shows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.render import to_plain_text, truncate_visible, utf16_len, visible_length
from bot.render.text import escape_attr, escape_text, safe_href
from bot.sandbox.telegram_html import parse_html


@pytest.mark.parametrize(
    ("text", "units"),
    [("", 0), ("abc", 3), ("😀", 2), ("a😀b", 4), ("👨‍👩‍👧", 8), ("é", 1), ("日本", 2), ("🇩🇪", 4)],
)
def test_utf16_len_counts_code_units(text: str, units: int) -> None:
    assert utf16_len(text) == units


@given(st.text())
def test_utf16_len_matches_encoding(text: str) -> None:
    assert utf16_len(text) == len(text.encode("utf-16-le", "surrogatepass")) // 2


def test_visible_length_ignores_tags_and_hrefs_and_decodes_entities() -> None:
    html = '<b><a href="https://example.com/very/long/path">Hi &amp; 😀</a></b> &lt;x&gt;'
    assert to_plain_text(html) == "Hi & 😀 <x>"
    assert visible_length(html) == len("Hi & ") + 2 + len(" <x>")


@pytest.mark.parametrize("limit", [0, 1, 2, 5, 10])
def test_truncate_visible_never_exceeds_limit_nor_splits_surrogates(limit: int) -> None:
    text = "😀" * 10
    cut = truncate_visible(text, limit)
    assert utf16_len(cut) <= limit
    assert all(ch in "😀…" for ch in cut)
    if limit:
        assert cut.endswith("…")


def test_truncate_visible_keeps_fitting_text_and_marks_cuts() -> None:
    assert truncate_visible("short", 5) == "short"
    assert truncate_visible("word another", 6) == "word…"
    with pytest.raises(ValueError, match="max_units"):
        truncate_visible("x", -1)


@given(st.text(), st.integers(min_value=0, max_value=50))
def test_truncate_visible_property(text: str, limit: int) -> None:
    cut = truncate_visible(text, limit)
    assert utf16_len(cut) <= limit
    if utf16_len(text) <= limit:
        assert cut == text
    else:
        assert text.startswith(cut.removesuffix("…").rstrip()) or not cut


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_escaped_text_parses_back_to_itself(text: str) -> None:
    assert parse_html(escape_text(text)).text == text
    assert to_plain_text(escape_text(text)) == text


def test_escape_attr_quotes_double_quotes() -> None:
    assert escape_attr('a"b&c<d') == "a&quot;b&amp;c&lt;d"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("tg://resolve?domain=x", "tg://resolve?domain=x"),
        ("TG://resolve?domain=x", "tg://resolve?domain=x"),
        ("HTTPS://Example.com/A", "https://Example.com/A"),
        ("TG:", None),
        ("tg:resolve", None),
        ("javascript:alert(1)", None),
        ("http://localhost/x", None),
        ("https://exa mple.com", None),
        ("https://example.com/" + "a" * 3000, None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href_accepts_only_links_telegram_keeps(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


@given(st.text())
def test_utf16_len_matches_counting_code_points(text: str) -> None:
    assert utf16_len(text) == len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
