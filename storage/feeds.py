"""Feeds: the feeds a collection follows, claiming due ones, and the outcome of each poll.

A poller claims a feed (``lease_until`` moved into the future by one UPDATE, the SQLite spelling
of PostgreSQL's ``FOR UPDATE SKIP LOCKED``), polls it, then records a 304, a failure or (in
``storage.feed_items``) the new items; each record lifts the claim. A poller killed mid-poll
leaves a claim that runs out at ``lease_until``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from storage.engine import SqlConnection, SqlDatabase
from storage.errors import FeedExistsError, FeedNotFoundError
from storage.models import Feed
from storage.rows import FEED_COLUMNS, instant_to_text, row_to_feed, select_list

_SELECT = f"SELECT {select_list(FEED_COLUMNS, 'f')} FROM feeds AS f"
_RETURNING = f"RETURNING {', '.join(FEED_COLUMNS)}"
_LEASE_FREE = "(lease_until IS NULL OR lease_until <= :now)"


class FeedStore:
    """Feed methods of :class:`storage.Library`."""

    _db: SqlDatabase
    #: Appended to the claim's row selection: PostgreSQL locks the rows it picks and skips
    #: those another poller is claiming (``FOR UPDATE SKIP LOCKED``); SQLite has one writer.
    _CLAIM_LOCK = ""

    def add_feed(
        self,
        *,
        chat_id: int,
        url: str,
        interval: dt.timedelta,
        next_poll_at: dt.datetime,
        created_by: int | None,
        title: str | None = None,
        full_text: bool = True,
    ) -> Feed:
        """Follow ``url`` in the collection of ``chat_id``; first polled at ``next_poll_at``.

        Raises:
            FeedExistsError: the chat already follows this URL.
            NaiveDatetimeError: ``next_poll_at`` has no time zone.
            ValueError: ``interval`` is shorter than a second.
        """
        seconds = int(interval.total_seconds())
        if seconds < 1:
            raise ValueError(f"A feed's interval must be positive, got {interval}.")
        values = {
            "chat_id": chat_id,
            "url": url,
            "title": title,
            "interval_seconds": seconds,
            "next_poll_at": instant_to_text(next_poll_at),
            "full_text": int(full_text),
            "created_by": created_by,
            "created_at": instant_to_text(dt.datetime.now(dt.UTC)),
        }
        try:
            with self._db.atomic():
                row = self._db.conn.execute(
                    f"INSERT INTO feeds ({', '.join(values)}) "
                    f"VALUES ({', '.join(':' + name for name in values)}) {_RETURNING}",
                    values,
                ).fetchone()
        except sqlite3.IntegrityError as error:
            existing = self.find_feed(chat_id, url)
            if existing is None:
                raise
            raise FeedExistsError(
                f"This chat already follows {url} (feed {existing.id}).", feed_id=existing.id
            ) from error
        return row_to_feed(row)

    def get_feed(self, feed_id: int) -> Feed | None:
        row = self._db.execute(f"{_SELECT} WHERE f.id = ?", (feed_id,)).fetchone()
        return row_to_feed(row) if row else None

    def find_feed(self, chat_id: int, url: str) -> Feed | None:
        """The chat's feed with exactly this URL, if it follows one."""
        row = self._db.execute(
            f"{_SELECT} WHERE f.chat_id = ? AND f.url = ?", (chat_id, url)
        ).fetchone()
        return row_to_feed(row) if row else None

    def feeds_of(self, chat_id: int | None = None) -> list[Feed]:
        """The feeds of one chat's collection (every feed when ``chat_id`` is None), oldest
        first, paused ones included."""
        if chat_id is None:
            rows = self._db.execute(f"{_SELECT} ORDER BY f.id").fetchall()
        else:
            rows = self._db.execute(
                f"{_SELECT} WHERE f.chat_id = ? ORDER BY f.id", (chat_id,)
            ).fetchall()
        return [row_to_feed(row) for row in rows]

    def remove_feed(self, feed_id: int, *, chat_id: int | None = None) -> bool:
        """Stop following a feed (restricted to ``chat_id``'s feeds when given). Its articles
        stay, and so do their URL and content keys, so following it again stores nothing twice.
        False when there is no such feed."""
        with self._db.atomic():
            conn = self._db.conn
            if chat_id is None:
                row = conn.execute("SELECT chat_id FROM feeds WHERE id = ?", (feed_id,)).fetchone()
            else:
                row = conn.execute(
                    "SELECT chat_id FROM feeds WHERE id = ? AND chat_id = ?", (feed_id, chat_id)
                ).fetchone()
            if row is None:
                return False
            conn.execute(
                "DELETE FROM feed_items WHERE chat_id = ? AND scope = ?", (row[0], feed_id)
            )
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        return True

    def claim_due_feeds(
        self,
        now: dt.datetime,
        *,
        lease_until: dt.datetime,
        limit: int = 100,
        chat_id: int | None = None,
        due_only: bool = True,
    ) -> list[Feed]:
        """Claim up to ``limit`` feeds to poll: due at ``now`` (or every one, paused included,
        with ``due_only=False``), not paused, not claimed by another poller; most overdue first.

        A claim lasts until ``lease_until`` or until a ``record_*``/``store_feed_items`` call
        for the feed; one UPDATE takes it, so two pollers never claim one feed.
        """
        conditions = [_LEASE_FREE]
        if due_only:
            conditions += ["paused_reason IS NULL", "next_poll_at <= :now"]
        if chat_id is not None:
            conditions.append("chat_id = :chat_id")
        params = {
            "now": instant_to_text(now),
            "lease": instant_to_text(lease_until),
            "limit": int(limit),
            "chat_id": chat_id,
        }
        with self._db.atomic():
            rows = self._db.conn.execute(
                "UPDATE feeds SET lease_until = :lease WHERE id IN (SELECT id FROM feeds "
                f"WHERE {' AND '.join(conditions)} ORDER BY next_poll_at, id LIMIT :limit"
                f"{self._CLAIM_LOCK}) "
                f"{_RETURNING}",
                params,
            ).fetchall()
        return sorted((row_to_feed(row) for row in rows), key=lambda f: (f.next_poll_at, f.id))

    def claim_feed(
        self, feed_id: int, *, now: dt.datetime, lease_until: dt.datetime
    ) -> Feed | None:
        """Claim one feed whether due or not; None when it does not exist or is claimed."""
        with self._db.atomic():
            row = self._db.conn.execute(
                f"UPDATE feeds SET lease_until = :lease WHERE id = :id AND {_LEASE_FREE} "
                f"{_RETURNING}",
                {"id": feed_id, "now": instant_to_text(now), "lease": instant_to_text(lease_until)},
            ).fetchone()
        return row_to_feed(row) if row else None

    def release_feed(self, feed_id: int) -> None:
        """Give up a claim without recording a poll (the poll was cancelled)."""
        self._db.execute("UPDATE feeds SET lease_until = NULL WHERE id = ?", (feed_id,))

    def record_not_modified(
        self,
        feed_id: int,
        *,
        polled_at: dt.datetime,
        next_poll_at: dt.datetime,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """The feed answered 304 Not Modified: a success with nothing new. New validators the
        server sent with it replace the stored ones (None keeps them).

        Raises:
            FeedNotFoundError: no such feed.
        """
        with self._db.atomic():
            self._update_feed(
                feed_id,
                "etag = coalesce(:etag, etag), last_modified = coalesce(:last_modified, "
                "last_modified), " + SUCCESS_ASSIGNMENTS,
                etag=etag,
                last_modified=last_modified,
                polled_at=instant_to_text(polled_at),
                next_poll_at=instant_to_text(next_poll_at),
            )

    def record_failure(
        self,
        feed_id: int,
        *,
        error: str,
        failed_at: dt.datetime,
        next_poll_at: dt.datetime,
        pause_reason: str | None = None,
    ) -> Feed:
        """A poll failed: count it, keep ``error`` for users, retry at ``next_poll_at``, and
        pause the feed when ``pause_reason`` is given. Returns the feed as now stored.

        Raises:
            FeedNotFoundError: no such feed.
        """
        values = {
            "id": feed_id,
            "error": error,
            "failed_at": instant_to_text(failed_at),
            "next_poll_at": instant_to_text(next_poll_at),
            "pause_reason": pause_reason,
        }
        with self._db.atomic():
            row = self._db.conn.execute(
                "UPDATE feeds SET failures = failures + 1, "
                "failing_since = coalesce(failing_since, :failed_at), last_error = :error, "
                "next_poll_at = :next_poll_at, lease_until = NULL, "
                "paused_reason = coalesce(:pause_reason, paused_reason) "
                f"WHERE id = :id {_RETURNING}",
                values,
            ).fetchone()
        if row is None:
            raise feed_not_found(feed_id)
        return row_to_feed(row)

    def _update_feed(self, feed_id: int, assignments: str, **values: object) -> None:
        update_feed(self._db.conn, feed_id, assignments, **values)


#: What every successful poll sets (with ``:polled_at`` and ``:next_poll_at``).
SUCCESS_ASSIGNMENTS = (
    "next_poll_at = :next_poll_at, last_success_at = :polled_at, failures = 0, "
    "failing_since = NULL, last_error = NULL, paused_reason = NULL, lease_until = NULL"
)


def update_feed(conn: SqlConnection, feed_id: int, assignments: str, **values: object) -> None:
    """``UPDATE feeds SET <assignments>`` for one feed, inside the caller's transaction.

    Raises:
        FeedNotFoundError: no such feed.
    """
    cursor = conn.execute(
        f"UPDATE feeds SET {assignments} WHERE id = :id", {**values, "id": feed_id}
    )
    if cursor.rowcount == 0:
        raise feed_not_found(feed_id)


def feed_not_found(feed_id: int) -> FeedNotFoundError:
    return FeedNotFoundError(f"Feed {feed_id} does not exist (it may have been removed meanwhile).")
