"""Digest windows and feeds: a feed's article is in a digest only when it was published inside
the window (less its feed's interval); other articles are in by arrival, whatever their date."""

from __future__ import annotations

import datetime as dt
import hashlib

from storage import FeedPollState, Library, NewArticle, NewFeedItem

CHAT = -100_1
OPENED = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def feed_item(guid: str, published: dt.datetime) -> NewFeedItem:
    headline = f"Feed story {guid}"
    body = f"{headline}: what happened, in a few sentences."
    digest = hashlib.sha256(body.encode()).hexdigest()
    article = NewArticle(
        chat_id=CHAT, headline=headline, body=body, content_hash=digest, published=published,
        date_source="feed", format="feed", source_title="Wire",
    )  # fmt: skip
    return NewFeedItem(keys=(f"guid:{guid}", f"hash:{digest}"), article=article)


def store(library: Library, interval: dt.timedelta, items: dict[str, dt.datetime]) -> int:
    """Follow a feed polling every ``interval`` and store ``items`` (guid -> published)."""
    feed = library.add_feed(
        chat_id=CHAT, url=f"https://wire.example/{interval}", interval=interval,
        next_poll_at=OPENED, created_by=None,
    )  # fmt: skip
    state = FeedPollState(polled_at=OPENED + HOUR, next_poll_at=OPENED + 2 * HOUR)
    library.store_feed_items(feed.id, [feed_item(g, p) for g, p in items.items()], state)
    return feed.id


def headlines(library: Library, cursor: int = 0) -> list[str]:
    articles, total = library.digest_selection(CHAT, cursor, limit=50, window_opened=OPENED)
    assert total == len(articles)
    return sorted(article.headline for article in articles)


def test_old_feed_items_stay_out_and_recent_ones_come_in(library: Library) -> None:
    store(library, HOUR, {
        "years-old": OPENED - dt.timedelta(days=900),
        "yesterday": OPENED - dt.timedelta(days=1),
        "just-before": OPENED - dt.timedelta(minutes=30),  # polled late: within one interval
        "after": OPENED + dt.timedelta(minutes=10),
    })  # fmt: skip
    # A forwarded article from years ago counts by arrival, as every non-feed article does.
    library.add_article(
        NewArticle(chat_id=CHAT, headline="Old forwarded post", body="Forwarded long after.",
                   content_hash="forwarded", published=dt.date(2016, 5, 1), format="telegram")
    )  # fmt: skip
    assert headlines(library) == [
        "Feed story after", "Feed story just-before", "Old forwarded post",
    ]  # fmt: skip
    # Without a window (a search, /latest), every article is there.
    assert len(library.since(CHAT, 0)) == 5
    articles, total = library.digest_selection(CHAT, 0, limit=1, window_opened=OPENED)
    assert len(articles) == 1 and total == 3


def test_a_slow_feed_reaches_back_one_interval_and_a_removed_one_not_at_all(
    library: Library,
) -> None:
    daily = store(library, dt.timedelta(days=1), {
        "slow-recent": OPENED - dt.timedelta(hours=20),
        "slow-old": OPENED - dt.timedelta(hours=30),
    })  # fmt: skip
    assert headlines(library) == ["Feed story slow-recent"]
    library.remove_feed(daily)
    assert headlines(library) == []


def test_the_window_applies_to_keyword_digests(library: Library) -> None:
    store(library, HOUR, {
        "old": OPENED - dt.timedelta(days=3),
        "new": OPENED + dt.timedelta(minutes=5),
    })  # fmt: skip
    articles, total = library.digest_selection(
        CHAT, 0, query="story", limit=10, window_opened=OPENED
    )
    assert [a.headline for a in articles] == ["Feed story new"] and total == 1
