"""Hostile or useless documents: refused at once, nothing expanded, nothing read from disk."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable

import pytest

from bot.feeds import NotAFeedError, OpmlError, UnsafeFeedError, parse_feed, read_opml

Fixture = Callable[[str], bytes]

_LAUGHS = "\n".join(f' <!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10))
BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol0 "lol">
{_LAUGHS}
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>&secret;</title>
<item><title>&secret;</title></item></channel></rss>"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE feed [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY])
def test_entity_declarations_are_refused_before_parsing(document: str) -> None:
    started = time.perf_counter()
    with pytest.raises(UnsafeFeedError, match="declares XML entities"):
        parse_feed(document.encode(), content_type="application/rss+xml")
    assert time.perf_counter() - started < 1.0


def test_entity_bomb_in_utf16_is_refused_too() -> None:
    with pytest.raises(UnsafeFeedError):
        wide = BILLION_LAUGHS.replace('"1.0"?>', '"1.0" encoding="utf-16"?>', 1)
        parse_feed(wide.encode("utf-16"))


def test_entity_bomb_behind_a_long_comment_is_refused() -> None:
    padded = BILLION_LAUGHS.replace("<!DOCTYPE", "<!--" + "x" * 100_000 + "-->\n<!DOCTYPE", 1)
    with pytest.raises(NotAFeedError):
        parse_feed(padded.encode())


def test_undeclared_html_entities_do_not_make_a_feed_unsafe() -> None:
    body = b"""<rss version="2.0"><channel><title>A&nbsp;B</title>
<item><title>Caf&eacute; &mdash; open</title></item></channel></rss>"""
    feed = parse_feed(body)
    assert feed.bozo is not None  # undefined entities are malformed XML...
    assert feed.items[0].title == "Café — open"  # ...read by the tolerant parser


def test_ten_megabytes_of_garbage_are_refused_at_once() -> None:
    garbage = random.Random(14).randbytes(10_000_000)
    started = time.perf_counter()
    with pytest.raises(NotAFeedError, match="does not give a feed") as raised:
        parse_feed(garbage, content_type="application/octet-stream")
    assert time.perf_counter() - started < 1.0
    assert not raised.value.looks_like_html


def test_garbage_behind_a_feed_root_is_no_feed() -> None:
    body = b"<rss version='2.0'><channel>" + os.urandom(10_000_000)
    started = time.perf_counter()
    with pytest.raises(NotAFeedError, match="The feed cannot be read"):
        parse_feed(body)
    assert time.perf_counter() - started < 20.0  # one pass of the parsers, no quadratic work


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"", None, "empty document"),
        (b" \n\t ", "application/rss+xml", "empty document"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png", "it serves image/png"),
        (b"Just some text, no markup at all.", "text/plain", "neither RSS, Atom nor JSON Feed"),
    ],
)
def test_documents_that_are_not_feeds(body: bytes, content_type: str | None, message: str) -> None:
    with pytest.raises(NotAFeedError, match=message):
        parse_feed(body, content_type=content_type)


def test_a_web_page_is_told_apart(fixture_bytes: Fixture) -> None:
    with pytest.raises(NotAFeedError, match="is a web page") as raised:
        parse_feed(fixture_bytes("DaringFireball.html"), content_type="text/html; charset=utf-8")
    assert raised.value.looks_like_html


def test_a_page_without_doctype_or_html_element_is_a_page_too() -> None:
    with pytest.raises(NotAFeedError) as raised:
        parse_feed(b"<head><title>Login</title></head><body><form></form></body>")
    assert raised.value.looks_like_html


def test_opml_declaring_entities_is_refused() -> None:
    bomb = BILLION_LAUGHS.replace("rss", "opml").replace("<channel>", "<body>")
    with pytest.raises(OpmlError, match="declares XML entities"):
        read_opml(bomb.encode())
    with pytest.raises(OpmlError, match="declares XML entities"):
        read_opml(EXTERNAL_ENTITY.replace("rss", "opml").encode())
