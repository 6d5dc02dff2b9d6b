"""Autodiscovery: the feeds a web page announces with <link rel="alternate">."""

from __future__ import annotations

from collections.abc import Callable

from bot.feeds import DiscoveredFeed, discover_feeds

Fixture = Callable[[str], bytes]


def test_relative_atom_link_is_resolved_against_the_page(fixture_bytes: Fixture) -> None:
    found = discover_feeds(
        fixture_bytes("DaringFireball.html"), page_url="https://daringfireball.net/"
    )
    assert found == [
        DiscoveredFeed("https://daringfireball.net/feeds/main", "application/atom+xml", None)
    ]


def test_absolute_rss_link_with_its_title(fixture_bytes: Fixture) -> None:
    found = discover_feeds(
        fixture_bytes("inessential.html"),
        page_url="https://inessential.com/",
        content_type="text/html; charset=utf-8",
    )
    assert found == [
        DiscoveredFeed("http://inessential.com/xml/rss.xml", "application/rss+xml", "RSS")
    ]


def test_base_href_types_order_and_duplicates() -> None:
    page = b"""<!doctype html><html><head>
<base href="https://cdn.example.org/site/">
<link rel="stylesheet" type="text/css" href="style.css">
<link rel="alternate" type="application/json" href="/plain.json" title="JSON">
<link rel="alternate" type="application/feed+json" href="feed.json" title="JSON Feed">
<LINK REL="Alternate Home" TYPE="application/rss+xml; charset=utf-8" HREF="rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://cdn.example.org/site/rss.xml">
<link rel="alternate" type="text/html" hreflang="de" href="/de/">
<link rel="alternate" type="application/atom+xml" href="javascript:alert(1)">
</head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>"""
    found = discover_feeds(page, page_url="https://example.org/page")
    assert [(feed.url, feed.content_type) for feed in found] == [
        ("https://cdn.example.org/site/feed.json", "application/feed+json"),
        ("https://cdn.example.org/site/rss.xml", "application/rss+xml"),
        ("https://cdn.example.org/plain.json", "application/json"),  # the fallback type last
    ]


def test_a_page_without_feed_links() -> None:
    page = b"<html><head><title>x</title></head></html>"
    assert discover_feeds(page, page_url="https://a.b/") == []
