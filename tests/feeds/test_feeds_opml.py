"""OPML subscription lists: reading real and nested files, writing OPML 2.0 that reads back."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable

import pytest

from bot.feeds import OpmlError, OpmlFeed, read_opml, write_opml

Fixture = Callable[[str], bytes]

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Desk &amp; wires</title><dateCreated>Mon, 01 Apr 2024 08:00:00 GMT</dateCreated>
  </head>
  <body>
    <outline text="News">
      <outline text="Europe" title="Europe">
        <outline type="rss" text="Wire EU" xmlUrl="https://wire.example/eu.xml"/>
      </outline>
      <outline type="rss" title="Local" text="ignored when a title is given"
               xmlUrl="https://local.example/feed" htmlUrl="https://local.example/"/>
    </outline>
    <outline type="rss" text="Top level" xmlurl="https://top.example/atom"/>
    <outline type="rss" text="Mail" xmlUrl="mailto:desk@example.org"/>
    <outline type="rss" text="Again" xmlUrl="HTTPS://WIRE.example/eu.xml#dup"/>
  </body>
</opml>"""


def test_real_subscription_list_with_folders(fixture_bytes: Fixture) -> None:
    imported = read_opml(fixture_bytes("Subs.opml"))
    assert imported.title == "Subs"
    # 207 outlines with xmlUrl; Katie Floyd's feed is listed twice (with and without "/").
    assert len(imported.feeds) == 206
    assert imported.rejected == ()
    first = imported.feeds[0]
    assert first == OpmlFeed(
        "http://daringfireball.net/feeds/main", "Daring Fireball", "http://daringfireball.net/"
    )
    by_title = {feed.title: feed for feed in imported.feeds}
    assert by_title["chat & code"].xml_url == "http://corinnekrych.blogspot.com/feeds/posts/default"
    assert by_title["Borkware Miniblog"].category == ("Programming",)
    assert by_title["Stratēchery"].category == ("Weblogs",)
    folders = Counter(feed.category for feed in imported.feeds)
    assert set(folders) == {(), ("Programming",), ("Macintosh",), ("Weblogs",), ("Writers",)}


def test_nested_outlines_lowercase_attributes_and_rejected_urls() -> None:
    imported = read_opml(NESTED)
    assert imported.title == "Desk & wires"
    assert imported.feeds == (
        OpmlFeed("https://wire.example/eu.xml", "Wire EU", None, ("News", "Europe")),
        OpmlFeed("https://local.example/feed", "Local", "https://local.example/", ("News",)),
        OpmlFeed("https://top.example/atom", "Top level", None, ()),
    )
    assert imported.rejected == ("mailto:desk@example.org",)


def test_written_opml_is_version_2_and_reads_back() -> None:
    feeds = read_opml(NESTED).feeds
    written = write_opml(
        feeds, title="Chat <42>", created=dt.datetime(2024, 4, 1, 8, tzinfo=dt.UTC)
    )
    root = ET.fromstring(written)
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "Chat <42>"
    assert root.findtext("head/dateCreated") == "Mon, 01 Apr 2024 08:00:00 +0000"
    # Both "News" feeds share one folder element.
    assert [outline.get("text") for outline in root.findall("body/outline")] == [
        "News",
        "Top level",
    ]
    again = read_opml(written.encode())
    assert again.title == "Chat <42>"
    assert again.feeds == feeds


def test_written_opml_survives_control_characters_and_quotes() -> None:
    feed = OpmlFeed('https://x.example/?a=1&b="2"', 'Bad\x07 "title" & more', None, ("A&B",))
    again = read_opml(write_opml([feed], title="t").encode())
    assert again.feeds == (
        OpmlFeed('https://x.example/?a=1&b="2"', 'Bad "title" & more', None, ("A&B",)),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not well-formed XML"),
        (b"<opml><body><outline></body></opml>", r"not well-formed XML \(line 1"),
        (b"<rss version='2.0'><channel/></rss>", "a <rss> root, not an OPML list"),
    ],
)
def test_files_that_are_not_opml(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError, match=message):
        read_opml(data)
