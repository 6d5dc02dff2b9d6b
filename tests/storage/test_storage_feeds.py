"""Feeds in storage: following, claims, poll records, and storing every item exactly once."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from pathlib import Path

import pytest

from storage import (
    Chat,
    Feed,
    FeedExistsError,
    FeedNotFoundError,
    FeedPollState,
    Library,
    NewArticle,
    NewFeedItem,
)

CHAT = -100_1
OTHER_CHAT = -100_2
NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def follow(library: Library, url: str = "https://news.example/feed", chat_id: int = CHAT) -> Feed:
    return library.add_feed(chat_id=chat_id, url=url, interval=HOUR, next_poll_at=NOW, created_by=7)


def item(
    guid: str | None,
    url: str | None,
    headline: str,
    *,
    chat_id: int = CHAT,
    stored: bool = True,
) -> NewFeedItem:
    body = f"{headline}: the full story, told in a few sentences."
    digest = hashlib.sha256(f"{headline}\n{body}".encode()).hexdigest()
    keys = tuple(
        key
        for key in (f"guid:{guid}" if guid else None, f"url:{url}" if url else None)
        if key is not None
    ) + (f"hash:{digest}",)
    article = NewArticle(
        chat_id=chat_id,
        headline=headline,
        body=body,
        content_hash=digest,
        source_url=url,
        source_title="Example News",
        date_source="feed",
        format="feed",
    )
    return NewFeedItem(keys=keys, article=article if stored else None)


def state(at: dt.datetime = NOW, **fields: object) -> FeedPollState:
    return FeedPollState(polled_at=at, next_poll_at=at + HOUR, **fields)  # type: ignore[arg-type]


def headlines(library: Library, chat_id: int = CHAT) -> list[str]:
    return sorted(article.headline for article in library.articles_after(0, chat_id=chat_id))


def test_following_a_feed_and_reading_it_back(library: Library) -> None:
    feed = follow(library)
    assert feed.chat_id == CHAT and feed.interval == HOUR and feed.full_text
    assert feed.next_poll_at == NOW and feed.last_success_at is None and feed.items_stored == 0
    assert library.get_feed(feed.id) == feed
    assert library.find_feed(CHAT, "https://news.example/feed") == feed
    assert library.feeds_of(CHAT) == [feed] and library.feeds_of(OTHER_CHAT) == []
    with pytest.raises(FeedExistsError) as raised:
        follow(library)
    assert raised.value.feed_id == feed.id and "already follows" in str(raised.value)
    assert follow(library, chat_id=OTHER_CHAT).id != feed.id


def test_a_second_poll_of_the_same_items_stores_nothing(library: Library) -> None:
    feed = follow(library)
    items = [item("a", "https://news.example/a", "Alpha"), item("b", None, "Beta")]
    first = library.store_feed_items(feed.id, items, state(etag='"v1"', title="Example News"))
    assert first.stored == 2 and first.known == 0
    second = library.store_feed_items(feed.id, items, state(NOW + HOUR, etag='"v2"'))
    assert second.stored == 0 and second.known == 2
    assert headlines(library) == ["Alpha", "Beta"]
    stored = library.get_feed(feed.id)
    assert stored is not None
    assert stored.etag == '"v2"' and stored.title == "Example News" and stored.items_stored == 2
    assert stored.last_success_at == NOW + HOUR and stored.next_poll_at == NOW + 2 * HOUR


def test_reordered_re_dated_or_re_linked_items_are_recognised(library: Library) -> None:
    feed = follow(library)
    library.store_feed_items(
        feed.id,
        [item("a", "https://news.example/a", "Alpha"), item("b", "https://news.example/b", "Beta")],
        state(),
    )
    moved = [
        # same GUID, new link and new text (an edited item): known by its GUID
        item("b", "https://news.example/b-updated", "Beta, corrected"),
        # new GUID, same link: known by its URL
        item("a-2", "https://news.example/a", "Alpha"),
        item("c", "https://news.example/c", "Gamma"),
    ]
    result = library.store_feed_items(feed.id, moved, state(NOW + HOUR))
    assert result.stored == 1 and result.known == 2
    assert headlines(library) == ["Alpha", "Beta", "Gamma"]
    # the keys learnt from known items recognise them under those keys too
    assert library.new_item_positions(
        feed.id, [["url:https://news.example/b-updated"], ["guid:a-2"], ["guid:zzz"]]
    ) == [2]


def test_two_feeds_of_one_collection_store_a_shared_item_once(library: Library) -> None:
    first, second = follow(library), follow(library, "https://other.example/rss")
    shared = "https://news.example/story"
    library.store_feed_items(first.id, [item("x-1", shared, "Shared story")], state())
    result = library.store_feed_items(second.id, [item("y-9", shared, "Shared story")], state())
    assert result.stored == 0 and result.known == 1
    # a GUID means something only within its feed: another feed's GUID "x-1" is a new item
    other = library.store_feed_items(second.id, [item("x-1", None, "Unrelated")], state())
    assert other.stored == 1
    assert headlines(library) == ["Shared story", "Unrelated"]
    # another collection following the same item stores its own copy
    elsewhere = follow(library, chat_id=OTHER_CHAT)
    copy = item("x-1", shared, "Shared story", chat_id=OTHER_CHAT)
    assert library.store_feed_items(elsewhere.id, [copy], state()).stored == 1


def test_an_item_whose_article_the_collection_holds_points_to_it(library: Library) -> None:
    feed = follow(library)
    pasted = item(None, None, "Pasted before")
    assert pasted.article is not None
    existing = library.add_article(pasted.article).article_id
    result = library.store_feed_items(
        feed.id, [item("p", "https://news.example/p", "Pasted before")], state()
    )
    assert result.stored == 0 and result.duplicates == 1
    assert library.get_feed(feed.id).items_stored == 0  # type: ignore[union-attr]
    pointed = {row[0] for row in library._db.execute("SELECT article_id FROM feed_items")}
    assert pointed == {existing}


def test_items_seen_without_an_article_are_recognised_later(library: Library) -> None:
    feed = follow(library)
    old = item("old", "https://news.example/old", "Old news", stored=False)
    first = library.store_feed_items(feed.id, [old], state())
    assert first.seen == 1 and first.stored == 0
    again = library.store_feed_items(
        feed.id, [item("old", "https://news.example/old", "Old news")], state(NOW + HOUR)
    )
    assert again.known == 1 and headlines(library) == []


def test_a_failed_batch_stores_nothing_and_leaves_the_feed_as_it_was(library: Library) -> None:
    feed = follow(library)
    good = item("a", "https://news.example/a", "Alpha")
    broken = NewFeedItem(keys=("etag:nonsense",), article=good.article)
    with pytest.raises(ValueError, match="not an item identity key"):
        library.store_feed_items(feed.id, [good, broken], state(etag='"new"'))
    assert headlines(library) == []
    assert library.get_feed(feed.id) == feed
    assert library.store_feed_items(feed.id, [good], state()).stored == 1


def test_an_article_of_another_collection_is_refused(library: Library) -> None:
    feed = follow(library)
    with pytest.raises(ValueError, match="belongs to chat"):
        library.store_feed_items(feed.id, [item("a", None, "Alpha", chat_id=OTHER_CHAT)], state())


def test_removing_a_feed_keeps_its_articles_and_their_keys(library: Library) -> None:
    feed = follow(library)
    items = [item("a", "https://news.example/a", "Alpha"), item("b", None, "Beta")]
    library.store_feed_items(feed.id, items, state())
    assert library.remove_feed(feed.id, chat_id=OTHER_CHAT) is False
    assert library.remove_feed(feed.id, chat_id=CHAT) is True
    assert library.remove_feed(feed.id) is False
    assert library.get_feed(feed.id) is None
    assert headlines(library) == ["Alpha", "Beta"]
    with pytest.raises(FeedNotFoundError):
        library.store_feed_items(feed.id, items, state())
    again = follow(library)
    assert again.id != feed.id  # ids are never reused
    result = library.store_feed_items(again.id, items, state())
    assert result.stored == 0 and result.known == 2  # by URL and by content
    assert headlines(library) == ["Alpha", "Beta"]


def test_a_deleted_article_is_not_brought_back_by_the_next_poll(library: Library) -> None:
    feed = follow(library)
    alpha = item("a", "https://news.example/a", "Alpha")
    (article_id,) = library.store_feed_items(feed.id, [alpha], state()).article_ids
    assert library.delete_article(article_id)
    assert library.store_feed_items(feed.id, [alpha], state(NOW + HOUR)).known == 1
    assert headlines(library) == []


def test_claims_are_exclusive_until_released_or_expired(library_target: Path | str) -> None:
    with Library(library_target) as first, Library(library_target) as second:
        due, later = follow(first), follow(first, "https://later.example/feed")
        first.record_not_modified(later.id, polled_at=NOW, next_poll_at=NOW + HOUR)
        lease = NOW + dt.timedelta(minutes=15)
        claimed = first.claim_due_feeds(NOW, lease_until=lease)
        assert [feed.id for feed in claimed] == [due.id] and claimed[0].lease_until == lease
        assert second.claim_due_feeds(NOW, lease_until=lease) == []
        assert second.claim_feed(due.id, now=NOW, lease_until=lease) is None
        # without due_only a poller takes every free feed, however far off its next poll
        assert [f.id for f in second.claim_due_feeds(NOW, lease_until=lease, due_only=False)] == [
            later.id
        ]
        # a killed poller's claim runs out
        expired = second.claim_due_feeds(lease, lease_until=lease + HOUR)
        assert [feed.id for feed in expired] == [due.id]
        second.release_feed(due.id)
        assert first.claim_feed(due.id, now=NOW, lease_until=lease) is not None
        first.record_failure(due.id, error="boom", failed_at=NOW, next_poll_at=NOW)
        assert [f.id for f in second.claim_due_feeds(NOW, lease_until=lease)] == [due.id]


def test_concurrent_pollers_claim_disjoint_feeds(library_target: Path | str) -> None:
    with Library(library_target) as setup:
        ids = {follow(setup, f"https://site{n}.example/feed").id for n in range(40)}
    claimed: list[list[int]] = []

    def poller() -> None:
        with Library(library_target) as library:
            mine: list[int] = []
            while batch := library.claim_due_feeds(NOW, lease_until=NOW + HOUR, limit=3):
                mine += [feed.id for feed in batch]
            claimed.append(mine)

    threads = [threading.Thread(target=poller) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [feed_id for mine in claimed for feed_id in mine]
    assert sorted(every) == sorted(ids)  # each feed claimed exactly once


def test_failures_count_keep_the_first_failure_and_can_pause(library: Library) -> None:
    feed = follow(library)
    first = library.record_failure(feed.id, error="timeout", failed_at=NOW, next_poll_at=NOW)
    later = NOW + 3 * HOUR
    second = library.record_failure(
        feed.id, error="404", failed_at=later, next_poll_at=later, pause_reason="failing"
    )
    assert (first.failures, second.failures) == (1, 2)
    assert second.failing_since == NOW and second.last_error == "404"
    assert second.paused_reason == "failing"
    assert library.claim_due_feeds(later, lease_until=later + HOUR) == []
    # a success (here a manual poll of the paused feed) clears the failures and the pause
    library.store_feed_items(feed.id, [], state(later, bozo_note="undefined entity"))
    healed = library.get_feed(feed.id)
    assert healed is not None
    assert (healed.failures, healed.failing_since, healed.last_error) == (0, None, None)
    assert healed.paused_reason is None and healed.bozo_note == "undefined entity"


def test_not_modified_keeps_validators_unless_new_ones_came(library: Library) -> None:
    feed = follow(library)
    library.store_feed_items(feed.id, [], state(etag='"1"', last_modified="Sat, 01 Mar 2025"))
    library.record_not_modified(feed.id, polled_at=NOW + HOUR, next_poll_at=NOW + 2 * HOUR)
    kept = library.get_feed(feed.id)
    assert kept is not None and (kept.etag, kept.last_modified) == ('"1"', "Sat, 01 Mar 2025")
    assert kept.last_success_at == NOW + HOUR
    library.record_not_modified(feed.id, polled_at=NOW, next_poll_at=NOW, etag='"2"')
    assert library.get_feed(feed.id).etag == '"2"'  # type: ignore[union-attr]
    with pytest.raises(FeedNotFoundError):
        library.record_not_modified(999, polled_at=NOW, next_poll_at=NOW)


def test_a_group_becoming_a_supergroup_takes_its_feeds_along(library: Library) -> None:
    feed = follow(library)
    library.upsert_chat(Chat(CHAT, "group", title="Newsroom"))
    library.store_feed_items(feed.id, [item("a", "https://news.example/a", "Alpha")], state())
    library.migrate_chat(CHAT, OTHER_CHAT)
    (moved,) = library.feeds_of(OTHER_CHAT)
    assert moved.id == feed.id and library.feeds_of(CHAT) == []
    alpha = item("a", "https://news.example/a", "Alpha", chat_id=OTHER_CHAT)
    assert library.store_feed_items(feed.id, [alpha], state()).known == 1
    assert headlines(library, OTHER_CHAT) == ["Alpha"]
