"""Item identity: GUID, then canonical URL, then content hash."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from bot.feeds import FeedItem, ItemKey, canonical_url, identity_keys, item_content_hash, parse_feed

Fixture = Callable[[str], bytes]


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.COM:443/a?utm_source=x&id=3#top", "https://example.com/a?id=3"),
        ("http://example.com", "http://example.com/"),
        ("http://EXAMPLE.com:8080/Path/Case?B=2&a=1", "http://example.com:8080/Path/Case?B=2&a=1"),
        ("https://e.com/x?fbclid=abc", "https://e.com/x"),
        ("https://e.com/x?gclid=1&UTM_Medium=m&q=a%20b", "https://e.com/x?q=a+b"),
        ("https://e.com/x?utmost=1", "https://e.com/x?utmost=1"),
        ("https://user@E.com:80/x", "https://user@e.com:80/x"),
        ("http://[2001:DB8::1]:80/x#f", "http://[2001:db8::1]/x"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def _item(**changes: object) -> FeedItem:
    base = FeedItem(
        guid="urn:uuid:1",
        link="https://news.example/a/1?utm_campaign=feed",
        title="Bridge reopens",
        published=dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC),
        body="The bridge reopened on Monday.",
        body_source="summary",
        author=None,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_keys_in_priority_order() -> None:
    keys = identity_keys(_item())
    assert [key.kind for key in keys] == ["guid", "url", "hash"]
    assert keys[0] == ItemKey("guid", "urn:uuid:1")
    assert str(keys[1]) == "url:https://news.example/a/1"


def test_missing_parts_drop_their_keys() -> None:
    assert [key.kind for key in identity_keys(_item(guid=None))] == ["url", "hash"]
    assert [key.kind for key in identity_keys(_item(guid=None, link=None))] == ["hash"]
    assert identity_keys(_item(guid=None, link=None, title=None, body="")) == ()


def test_hash_ignores_date_case_and_spacing_but_not_words() -> None:
    original = item_content_hash(_item())
    redated = _item(published=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), link=None)
    assert item_content_hash(redated) == original
    assert item_content_hash(_item(title="  BRIDGE   reopens ")) == original
    assert item_content_hash(_item(title="Bridge closes")) != original


def test_the_same_story_in_two_feeds_shares_its_url_key(fixture_bytes: Fixture) -> None:
    item = parse_feed(fixture_bytes("aktuality.rss")).items[0]
    assert item.link is not None
    shouted = item.link.replace("https://www.aktuality.sk", "HTTPS://WWW.Aktuality.SK:443")
    tracked = _item(guid="other-feed-42", link=shouted + "?utm_source=other#comments")
    # Same canonical URL although the other feed adds tracking and a fragment.
    assert identity_keys(tracked)[1] == identity_keys(item)[0]
