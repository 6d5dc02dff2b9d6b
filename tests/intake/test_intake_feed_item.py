"""A feed item -> article fields and identity keys (pure)."""

from __future__ import annotations

import datetime as dt

from bot.extract import Extracted
from bot.feeds import FeedItem
from bot.intake.feed_item import article_fields, item_keys, needs_full_text
from storage import Feed

SEEN = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
FEED = Feed(
    id=1, chat_id=-5, url="https://wire.example/rss", title="Wire", site_link=None,
    interval=dt.timedelta(hours=1), etag=None, last_modified=None, next_poll_at=SEEN,
    lease_until=None, failures=0, failing_since=None, last_success_at=None, last_error=None,
    bozo_note=None, paused_reason=None, full_text=True, created_by=3, created_at=SEEN,
    items_stored=0,
)  # fmt: skip


def item(
    guid: str | None = "g", link: str | None = "https://wire.example/a", **fields: object
) -> FeedItem:
    values: dict[str, object] = {
        "title": "Dam holds after storm",
        "published": None,
        "body": "The dam held.",
        "body_source": "summary",
        "author": None,
    }
    values.update(fields)
    return FeedItem(guid=guid, link=link, **values)  # type: ignore[arg-type]


def test_full_text_only_for_short_linked_items_of_feeds_that_want_it() -> None:
    short, long = item(), item(body="word " * 80)
    assert needs_full_text(short, full_text=True, below_words=80)
    assert not needs_full_text(long, full_text=True, below_words=80)
    assert needs_full_text(long, full_text=True, below_words=81)
    assert not needs_full_text(short, full_text=False, below_words=80)
    assert not needs_full_text(item(link=None), full_text=True, below_words=80)
    assert not needs_full_text(short, full_text=True, below_words=0)


def test_a_link_shared_by_items_with_different_guids_identifies_none_of_them() -> None:
    home = "https://wire.example/"
    keys = item_keys([item("1", home, title="One"), item("2", home, title="Two"), item("3")])
    assert [k for k in keys[0] if k.startswith("url:")] == []
    assert [k for k in keys[1] if k.startswith("url:")] == []
    assert keys[2][:2] == ("guid:3", "url:https://wire.example/a")
    assert all(k[0].startswith("guid:") and k[-1].startswith("hash:") for k in keys)
    # the same item twice in one document keeps its link
    twice = item_keys([item("1", home), item("1", home)])
    assert twice[0] == twice[1] and "url:https://wire.example/" in twice[0]


def test_the_page_completes_text_and_date_but_not_the_headline() -> None:
    page = Extracted(
        headline="Dam holds after storm | Wire", published=dt.date(2025, 2, 27),
        date_source="html-meta", lead_quote="It held", quote_speaker="Engineer Bo Li",
        lead="The dam held through the night.", body="The dam held through the night. " * 5,
        lang="en", format="html",
    )  # fmt: skip
    article = article_fields(item(), FEED, first_seen=SEEN, page=page)
    assert article.headline == "Dam holds after storm"
    assert article.body == page.body and article.quote_speaker == "Engineer Bo Li"
    assert (article.published, article.date_source) == (dt.date(2025, 2, 27), "html-meta")
    assert (article.chat_id, article.submitted_by, article.source_title) == (-5, 3, "Wire")
    dated = item(published=SEEN - dt.timedelta(days=1))
    assert article_fields(dated, FEED, first_seen=SEEN, page=page).date_source == "feed"
    # a page shorter than the feed's own text is not used
    rich = item(body="The dam held. " * 20)
    assert article_fields(rich, FEED, first_seen=SEEN, page=page).body == rich.body


def test_an_untitled_item_is_headed_by_its_first_sentence() -> None:
    untitled = item(title=None, body="Storm passes the valley. Roads reopen by noon.")
    article = article_fields(untitled, FEED, first_seen=SEEN)
    assert article.headline == "Storm passes the valley."
    assert (article.published, article.date_source) == (SEEN, "first-seen")
    titled_only = article_fields(item(body=""), FEED, first_seen=SEEN)
    assert titled_only.body == titled_only.headline == "Dam holds after storm"
