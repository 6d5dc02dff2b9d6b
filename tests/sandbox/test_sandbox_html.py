"""The Telegram HTML parser: TDLib's accepted markup, its errors, and UTF-16 offsets."""

from __future__ import annotations

import pytest

from bot.sandbox.telegram_html import (
    HTMLParseError,
    normalize_link,
    parse_html,
    trim_parsed,
    utf16_len,
)


def entity(kind: str, offset: int, length: int, **extra: str) -> dict:
    return {"type": kind, "offset": offset, "length": length, **extra}


@pytest.mark.parametrize(
    ("markup", "text", "entities"),
    [
        ("", "", []),
        ("plain", "plain", []),
        ("<b>bold</b>", "bold", [entity("bold", 0, 4)]),
        ("<strong>x</strong><em>y</em>", "xy", [entity("bold", 0, 1), entity("italic", 1, 1)]),
        ("<u>a</u><ins>b</ins>", "ab", [entity("underline", 0, 1), entity("underline", 1, 1)]),
        (
            "<s>a</s><strike>b</strike><del>c</del>",
            "abc",
            [entity("strikethrough", i, 1) for i in range(3)],
        ),
        ('<span class="tg-spoiler">x</span>', "x", [entity("spoiler", 0, 1)]),
        ("<tg-spoiler>x</tg-spoiler>", "x", [entity("spoiler", 0, 1)]),
        ("<code>x</code>", "x", [entity("code", 0, 1)]),
        ("<pre>x</pre>", "x", [entity("pre", 0, 1)]),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [entity("pre", 0, 5, language="python")],
        ),
        ("<pre><code>x</code></pre>", "x", [entity("pre", 0, 1), entity("code", 0, 1)]),
        ("<blockquote>q</blockquote>", "q", [entity("blockquote", 0, 1)]),
        ("<blockquote expandable>q</blockquote>", "q", [entity("expandable_blockquote", 0, 1)]),
        (
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
            "👍",
            [entity("custom_emoji", 0, 2, custom_emoji_id="5368324170671202286")],
        ),
        (
            '<a href="https://example.com/a?b=1&amp;c=2">link</a>',
            "link",
            [entity("text_link", 0, 4, url="https://example.com/a?b=1&c=2")],
        ),
        (
            "<a href=telegram.org>x</a>",
            "x",
            [entity("text_link", 0, 1, url="http://telegram.org/")],
        ),
        (
            "<a>telegram.org</a>",
            "telegram.org",
            [entity("text_link", 0, 12, url="http://telegram.org/")],
        ),
        ('<a href="javascript:alert(1)">x</a>', "x", []),
        ("<B>case</B>", "case", [entity("bold", 0, 4)]),
        ("<b>x</>", "x", [entity("bold", 0, 1)]),
        ("&lt;&gt;&amp;&quot;&#65;&#x42;", '<>&"AB', []),
        ("<b></b>x", "x", []),
        # Offsets and lengths count UTF-16 code units: an emoji outside the BMP counts 2.
        ("🏟 <i>🏟 &lt;🏟</i>", "🏟 🏟 <🏟", [entity("italic", 3, 6)]),
        (
            "<b>a<i>b</i></b>",
            "ab",
            [entity("bold", 0, 2), entity("italic", 1, 1)],
        ),
    ],
)
def test_valid_markup_gives_text_and_entities(markup: str, text: str, entities: list) -> None:
    parsed = parse_html(markup)
    assert parsed.text == text
    assert parsed.entities == entities


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("🏟 🏟&lt;<abac>", 'Unsupported start tag "abac" at byte offset 13'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("price <", "Unclosed start tag at byte offset 6"),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</i>", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<i>a</i   ", "Unclosed end tag at byte offset 4"),
        ("<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 0'),
        ("<i aba  =  ", 'Unclosed start tag "i" at byte offset 0'),
        ('<i aba="x>', "Unclosed start tag at byte offset 0"),
        ("<i aba = 190azAz-.,>", "Unexpected end of name token at byte offset 9"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
        (
            "&#xDFDF;",
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units",
        ),
    ],
)
def test_invalid_markup_is_rejected_with_tdlib_wording(markup: str, error: str) -> None:
    with pytest.raises(HTMLParseError) as raised:
        parse_html(markup)
    assert raised.value.description == error


@pytest.mark.parametrize("markup", ["AT&T", "a & b", "&ge;", "&lt without semicolon", "&#65"])
def test_bare_ampersand_is_an_error_in_strict_mode(markup: str) -> None:
    with pytest.raises(HTMLParseError, match='Unescaped "&" at byte offset'):
        parse_html(markup)


def test_relaxed_mode_keeps_unknown_references_as_telegram_does() -> None:
    parsed = parse_html("&ge;&lt;&Or; AT&T &lt", strict_ampersand=False)
    assert parsed.text == "&ge;<&Or; AT&T <"


def test_error_offsets_are_utf8_bytes_not_characters() -> None:
    with pytest.raises(HTMLParseError) as raised:
        parse_html("é<x>")
    assert raised.value.description == 'Unsupported start tag "x" at byte offset 2'


def test_utf16_length_counts_surrogate_pairs() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("🏟") == 2
    assert utf16_len("é") == 1


def test_trim_strips_whitespace_and_moves_entities() -> None:
    parsed = trim_parsed(parse_html("\n  <b>🏟 bold</b> tail \n"))
    assert parsed.text == "🏟 bold tail"
    assert parsed.entities == [entity("bold", 0, 7)]


def test_trim_drops_entities_only_on_trimmed_whitespace() -> None:
    parsed = trim_parsed(parse_html("x<b>  </b>"))
    assert parsed.text == "x"
    assert parsed.entities == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com", "https://example.com/"),
        ("example.com/path?q=1", "http://example.com/path?q=1"),
        ("tg://resolve?domain=x", "tg://resolve?domain=x"),
        ("ftp://example.com", None),
        ("not a url", None),
        ("http://localhost", None),
        ("", None),
    ],
)
def test_normalize_link(url: str, expected: str | None) -> None:
    assert normalize_link(url) == expected
