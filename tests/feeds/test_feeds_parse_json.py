"""JSON Feed 1.0 and 1.1 documents (the spec's example, real sites) -> ParsedFeed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.feeds import NotAFeedError, parse_feed

Fixture = Callable[[str], bytes]


def test_the_specifications_example(fixture_bytes: Fixture) -> None:
    feed = parse_feed(
        fixture_bytes("jsonfeed-1.1-spec-example.json"), content_type="application/feed+json"
    )
    assert feed.format == "json11"
    assert feed.title == "My Example Feed"
    assert feed.site_link == "https://example.org/"
    assert feed.bozo is None
    assert [(item.guid, item.link, item.body) for item in feed.items] == [
        ("2", "https://example.org/second-item", "This is a second item."),
        ("1", "https://example.org/initial-post", "Hello, world!"),
    ]
    assert all(item.body_source == "content" and item.date_is_first_seen for item in feed.items)


def test_a_real_json_feed_1_0(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("inessential.json"), url="http://inessential.com/feed.json")
    assert feed.format == "json10"
    assert feed.title == "inessential.com"
    assert len(feed.items) == 20
    first = feed.items[0]
    assert first.title == "James Dempsey and the Breakpoints Benefit App Camp for Girls"
    assert first.published is not None
    assert first.published.utcoffset() == dt.timedelta(hours=-7)
    assert first.published == dt.datetime(2017, 6, 3, 5, 5, 47, tzinfo=dt.UTC)
    assert first.author == "Brent Simmons"  # the feed's author, the item naming none
    assert first.body.startswith("On Wednesday night I know where I’ll be")
    assert "<" not in first.body


def test_authors_of_1_1_win_over_the_legacy_author(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("authors.json"))
    by_id = {item.guid: item.author for item in feed.items}
    assert by_id["Item without authors"] == "Root Author 1"
    assert by_id["Item with legacy author"] == "Legacy Item Author"
    assert by_id["Item with modern authors"] == "Item Author 1"
    assert by_id["Item with both"] == "Item Author 1"
    assert all(item.is_empty for item in feed.items)  # empty content_html, no title


def test_http_version_url_is_the_same_version(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("pxlnv.json"))
    assert feed.format == "json10"
    assert feed.bozo is None
    assert feed.title == "Pixel Envy"
    assert len(feed.items) == 20


def test_script_in_content_html_does_not_reach_the_text(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("feedparser-json-example.json"))
    second = feed.items[1]
    assert second.body == "Hello, world!"
    assert second.author == "you"
    assert feed.items[0].author == "me"


def test_json_without_version_is_read_and_noted() -> None:
    body = b'{"title": "Bare", "items": [{"id": 7, "title": "A &amp; B", "summary": "s"}, 3]}'
    feed = parse_feed(body)
    assert feed.format == "json"
    assert feed.bozo is not None
    assert "without its version URL" in feed.bozo and "1 item(s)" in feed.bozo
    (item,) = feed.items
    assert (item.guid, item.title, item.body, item.body_source) == ("7", "A & B", "s", "summary")


def test_json_that_is_no_json_feed_is_refused(fixture_bytes: Fixture) -> None:
    with pytest.raises(NotAFeedError, match="not a JSON Feed: it has no list of items"):
        parse_feed(fixture_bytes("ScriptingNews.json"), content_type="application/json")


def test_truncated_json_is_refused_with_the_place(fixture_bytes: Fixture) -> None:
    with pytest.raises(NotAFeedError, match=r"not valid JSON \(line 1, column \d+"):
        parse_feed(fixture_bytes("allthis-partial.json"))


def test_deeply_nested_json_is_refused() -> None:
    with pytest.raises(NotAFeedError, match="nested too deeply"):
        parse_feed(b'{"items": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
