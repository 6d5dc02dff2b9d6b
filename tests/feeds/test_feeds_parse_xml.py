"""RSS and Atom documents from real sites (and feedparser's suite) -> ParsedFeed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.feeds import NotAFeedError, parse_feed

Fixture = Callable[[str], bytes]
UTC = dt.UTC


def test_rss2_with_content_encoded_and_untitled_items(fixture_bytes: Fixture) -> None:
    feed = parse_feed(
        fixture_bytes("manton.rss"),
        content_type="application/rss+xml; charset=UTF-8",
        url="http://www.manton.org/feed",
    )
    assert feed.format == "rss20"
    assert feed.title == "Manton Reece"
    assert feed.site_link == "http://www.manton.org"
    assert feed.bozo is None
    assert len(feed.items) == 10
    first = feed.items[0]
    assert first.guid == "http://www.manton.org/?p=3071"
    assert first.link == "http://www.manton.org/2015/09/3071.html"
    assert first.title is None  # a microblog post: <title></title>
    assert first.published == dt.datetime(2015, 9, 25, 14, 26, 40, tzinfo=UTC)
    assert not first.date_is_first_seen
    assert first.author == "manton"
    # content:encoded wins over description; its markup is gone and &#8217; decoded.
    assert first.body_source == "content"
    assert first.body.startswith("This week’s Core Intuition is out with a discussion")
    assert "<" not in first.body and "&#" not in first.body


def test_rss2_news_site_keeps_the_publishers_zone(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("aktuality.rss"), url="https://www.aktuality.sk/rss/")
    assert feed.title == "Aktuality.sk - aktuálne spravodajstvo"
    assert len(feed.items) == 30
    first = feed.items[0]
    assert first.guid is None  # no <guid>: the link and the content identify it
    assert first.title == "Analytici Goldman Sachs zvýšili odhad rastu ekonomiky USA"
    assert first.published is not None
    assert first.published.utcoffset() == dt.timedelta(hours=1)
    assert first.published == dt.datetime(2021, 1, 17, 18, 27, tzinfo=UTC)
    assert first.body_source == "summary"
    assert first.body.startswith("Očakávajú totiž, že plán fiškálnych stimulov")


def test_rss_ttl_is_read_in_minutes(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("rubenerd.rss"), url="https://rubenerd.com/feed/")
    assert feed.ttl == dt.timedelta(minutes=30)
    assert parse_feed(fixture_bytes("manton.rss")).ttl is None


def test_rss1_rdf(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("bio.rdf"), content_type="application/rdf+xml")
    assert feed.format == "rss10"
    assert feed.title == "bioRxiv Subject Collection: Plant Biology"
    assert len(feed.items) == 30
    first = feed.items[0]
    assert first.link == "http://biorxiv.org/cgi/content/short/743294v1?rss=1"
    assert first.title is not None and first.title.startswith("Wheat inositol pyrophosphate")
    # dc:date with no time or zone: midnight UTC.
    assert first.published == dt.datetime(2019, 8, 27, tzinfo=UTC)
    assert first.author is not None and first.author.startswith("Kaur, M., Shukla, A.")


def test_atom1_prefers_published_and_keeps_the_entry_link(fixture_bytes: Fixture) -> None:
    feed = parse_feed(
        fixture_bytes("OneFootTsunami.atom"), url="http://onefoottsunami.com/feed/atom/"
    )
    assert feed.format == "atom10"
    assert feed.title == "One Foot Tsunami"
    assert len(feed.items) == 25
    first = feed.items[0]
    assert first.guid == "http://onefoottsunami.com/?p=14863"
    assert first.link is not None
    assert first.link.startswith("http://www.nytimes.com/2015/09/05/us/at-west-point-annual")
    assert first.title == "Link: Pillow Fight Leaves 24 Concussed"
    assert first.published == dt.datetime(2015, 9, 8, 14, 21, 41, tzinfo=UTC)
    assert first.author == "Paul Kafasis"
    assert first.body_source == "content"
    assert first.body.startswith("At West Point, freshman cadets have long had")


def test_atom03_dates_and_base64_content(fixture_bytes: Fixture) -> None:
    dated = parse_feed(fixture_bytes("feedparser-atom03-entry-issued.xml"))
    assert dated.format == "atom03"
    assert dated.items[0].published == dt.datetime(2004, 1, 1, 19, 48, 21, tzinfo=UTC)
    encoded = parse_feed(fixture_bytes("feedparser-atom03-content-base64.xml"))
    assert encoded.format == "atom03"
    assert encoded.items[0].body == "Example <b>Atom</b>"  # declared text/plain: kept literal
    titled = parse_feed(fixture_bytes("feedparser-atom03-i18n.xml"))
    assert titled.title == "Iñtërnâtiônàlizætiøn"
    assert titled.items == ()


def test_gb2312_feed_and_year_first_slashed_dates(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("kc0011.rss"), url="http://www.kc0011.net/rss.asp")
    assert feed.title == "投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文"
    first = feed.items[0]
    assert first.title == "建国35周年纪念，华表，和平鸽"
    assert first.author == "大鱼儿"
    # "2020/1/10 14:33:00": feedparser alone reads it as 1 December.
    assert first.published == dt.datetime(2020, 1, 10, 14, 33, tzinfo=UTC)


def test_undeclared_koi8r_is_sniffed(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("feedparser-koi8r-undeclared.xml"))
    item = feed.items[0]
    assert item.title == "Как пережить новогоднюю ночь"
    assert item.body.startswith("Наверное, единственное, во что сегодня можно верить")
    assert '"нового счастья"' in item.body  # &quot; decoded


def test_declared_charset_overrides_the_document(fixture_bytes: Fixture) -> None:
    body = (
        "<rss version='2.0'><channel><title>Погода</title><item><title>Дождь</title>"
        "</item></channel></rss>"
    )
    feed = parse_feed(body.encode("cp1251"), content_type="text/xml; charset=windows-1251")
    assert feed.title == "Погода"
    assert feed.items[0].title == "Дождь"


def test_feed_calling_itself_utf8_in_another_encoding_is_sniffed(fixture_bytes: Fixture) -> None:
    original = parse_feed(fixture_bytes("aktuality.rss"))
    text = fixture_bytes("aktuality.rss").decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8" ?>')
    misdeclared = text.encode("cp1250", errors="xmlcharrefreplace")
    for content_type in (None, "application/rss+xml; charset=utf-8"):
        feed = parse_feed(misdeclared, content_type=content_type)
        assert feed.title == "Aktuality.sk - aktuálne spravodajstvo"
        assert [item.title for item in feed.items] == [item.title for item in original.items]


def test_malformed_feed_is_read_as_far_as_it_goes(fixture_bytes: Fixture) -> None:
    feed = parse_feed(fixture_bytes("feedparser-rss-incomplete-cdata.xml"))
    assert feed.title == "can feedparser read this xml"
    assert feed.bozo is not None and feed.bozo.startswith("malformed XML at line")
    assert len(feed.items) == 1
    assert feed.items[0].is_empty  # its title was the part cut off


def test_feed_cut_off_mid_transfer_keeps_the_items_before_the_cut(fixture_bytes: Fixture) -> None:
    whole = fixture_bytes("aktuality.rss")
    cut = whole[: whole.index(b"<item>", whole.index(b"<item>") + 1) + 40]
    feed = parse_feed(cut, url="https://www.aktuality.sk/rss/")
    assert feed.bozo is not None and "malformed XML" in feed.bozo
    assert feed.items[0].title == "Analytici Goldman Sachs zvýšili odhad rastu ekonomiky USA"
    assert len(feed.items) == 2


def test_titles_lose_markup_and_entities_and_links_resolve() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T &amp;amp; Co</title><link>/</link>
<item><title>Foo &lt;b&gt;bar&lt;/b&gt; &amp;amp; baz &amp;#8217;s</title>
<link>/news/1?utm_source=rss#top</link><guid isPermaLink="false">  n-1  </guid>
<description>&lt;p&gt;One&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Two&lt;/p&gt;</description>
<author>desk@example.org (News Desk)</author></item>
<item><title>No link</title><link>javascript:alert(1)</link></item>
</channel></rss>"""
    feed = parse_feed(body, url="https://example.org/feeds/all.xml")
    assert feed.title == "T & Co"
    assert feed.site_link == "https://example.org/"
    first, second = feed.items
    assert first.title == "Foo bar & baz ’s"
    assert first.link == "https://example.org/news/1?utm_source=rss#top"
    assert first.guid == "n-1"
    assert first.body == "One\n\nTwo"
    assert first.author == "News Desk"
    assert second.link is None
    assert second.date_is_first_seen


def test_netscape_rss091_doctype_without_entities_is_accepted() -> None:
    body = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Caf\xe9</title><link>http://example.com/</link>
<item><title>Old school</title><link>http://example.com/1</link></item></channel></rss>"""
    feed = parse_feed(body)
    assert feed.format.startswith("rss09")
    assert feed.title == "Café"
    assert feed.items[0].link == "http://example.com/1"


def test_xml_that_is_no_feed_is_refused() -> None:
    with pytest.raises(NotAFeedError, match="neither RSS, Atom nor JSON Feed") as raised:
        parse_feed(
            b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
            content_type="image/svg+xml",
        )
    assert "image/svg+xml" in str(raised.value)
    assert not raised.value.looks_like_html
