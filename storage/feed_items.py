"""Feed items: which items of a feed are known, and storing a poll's new ones exactly once.

An item is recognised by any of its identity keys: ``guid:…`` within its feed, ``url:…`` and
``hash:…`` within the collection (``feed_items.scope`` is the feed's id or 0). A poll's new
items, their keys and the feed's new state are written in one transaction, so a poll killed at
any moment either left no trace or is complete: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.articles import insert_article
from storage.engine import SqlDatabase
from storage.feeds import SUCCESS_ASSIGNMENTS, feed_not_found, update_feed
from storage.models import FeedPollState, NewFeedItem, StoredFeedItems
from storage.rows import instant_to_text
from storage.story_index import StoryIndex

_KEY_KINDS = frozenset({"guid", "url", "hash"})
_FIND_KEY = "SELECT article_id FROM feed_items WHERE chat_id = ? AND scope = ? AND key = ?"
_REMEMBER_KEY = (
    "INSERT INTO feed_items (chat_id, scope, key, feed_id, article_id, seen_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, scope, key) DO NOTHING"
)


def key_scope(feed_id: int, key: str) -> int:
    """Where ``key`` is unique: its feed for a ``guid:`` key, the whole collection (0) else.

    Raises:
        ValueError: ``key`` is not ``guid:…``, ``url:…`` or ``hash:…``.
    """
    kind, colon, value = key.partition(":")
    if not colon or not value or kind not in _KEY_KINDS:
        raise ValueError(f"{key!r} is not an item identity key (guid:…, url:… or hash:…).")
    return feed_id if kind == "guid" else 0


class FeedItemStore:
    """Feed item methods of :class:`storage.Library`."""

    _db: SqlDatabase
    _stories: StoryIndex

    def new_item_positions(self, feed_id: int, item_keys: Sequence[Sequence[str]]) -> list[int]:
        """Positions in ``item_keys`` of the items none of whose keys is known yet: the ones
        worth preparing (and fetching pages for) before :meth:`store_feed_items`.

        Raises:
            FeedNotFoundError: no such feed.
            ValueError: a key is not ``guid:…``, ``url:…`` or ``hash:…``.
        """
        chat_id = self._chat_of(feed_id)
        return [
            position
            for position, keys in enumerate(item_keys)
            if not self._find_known(chat_id, feed_id, keys)[0]
        ]

    def store_feed_items(
        self, feed_id: int, items: Sequence[NewFeedItem], state: FeedPollState
    ) -> StoredFeedItems:
        """Store a successful poll in one transaction: each item none of whose keys is known
        gets its article (unless the collection holds the same content, then it points to
        that one) and its keys; known items only gain keys they lacked; the feed's state
        advances (conditional-GET validators, next poll, success, failures cleared, lease and
        pause lifted).

        Raises:
            FeedNotFoundError: no such feed (removed meanwhile): nothing is stored.
            ValueError: a key is malformed, or an article belongs to another collection.
            NaiveDatetimeError: a time in ``state`` has no time zone.
        """
        seen_at = instant_to_text(state.polled_at)
        article_ids: list[int] = []
        known = duplicates = seen = 0
        with self._db.atomic():
            chat_id = self._lock_feed(feed_id)
            for item in items:
                is_known, article_id = self._find_known(chat_id, feed_id, item.keys)
                if is_known:
                    known += 1
                elif item.article is None:
                    seen += 1
                else:
                    if item.article.chat_id != chat_id:
                        raise ValueError(
                            f"Feed {feed_id} belongs to chat {chat_id}, its item's article "
                            f"to chat {item.article.chat_id}."
                        )
                    added = insert_article(self._db.conn, item.article, seen_at, self._stories)
                    article_id = added.article_id
                    if added.duplicate:
                        duplicates += 1
                    else:
                        article_ids.append(article_id)
                self._remember(chat_id, feed_id, item.keys, article_id, seen_at)
            update_feed(
                self._db.conn,
                feed_id,
                "etag = :etag, last_modified = :last_modified, title = coalesce(:title, title), "
                "site_link = coalesce(:site_link, site_link), bozo_note = :bozo_note, "
                "items_stored = items_stored + :stored, " + SUCCESS_ASSIGNMENTS,
                etag=state.etag,
                last_modified=state.last_modified,
                title=state.title,
                site_link=state.site_link,
                bozo_note=state.bozo_note,
                stored=len(article_ids),
                polled_at=seen_at,
                next_poll_at=instant_to_text(state.next_poll_at),
            )
        return StoredFeedItems(tuple(article_ids), known=known, duplicates=duplicates, seen=seen)

    def _chat_of(self, feed_id: int) -> int:
        row = self._db.conn.execute("SELECT chat_id FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        if row is None:
            raise feed_not_found(feed_id)
        return int(row[0])

    def _lock_feed(self, feed_id: int) -> int:
        """The feed's chat, read by a write: the transaction takes the write lock at once, so a
        concurrent writer cannot invalidate its snapshot between a read and the first write."""
        row = self._db.conn.execute(
            "UPDATE feeds SET items_stored = items_stored WHERE id = ? RETURNING chat_id",
            (feed_id,),
        ).fetchone()
        if row is None:
            raise feed_not_found(feed_id)
        return int(row[0])

    def _find_known(
        self, chat_id: int, feed_id: int, keys: Sequence[str]
    ) -> tuple[bool, int | None]:
        """Whether any of ``keys`` is known, and the article the first known one points to."""
        for key in keys:
            row = self._db.conn.execute(
                _FIND_KEY, (chat_id, key_scope(feed_id, key), key)
            ).fetchone()
            if row is not None:
                return True, row[0]
        return False, None

    def _remember(
        self, chat_id: int, feed_id: int, keys: Sequence[str], article_id: int | None, at: str
    ) -> None:
        self._db.conn.executemany(
            _REMEMBER_KEY,
            [(chat_id, key_scope(feed_id, key), key, feed_id, article_id, at) for key in keys],
        )
