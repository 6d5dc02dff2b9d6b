"""Digest subscriptions and the record of delivered digest parts."""

from __future__ import annotations

import datetime as dt
import sqlite3

from storage.engine import SqlDatabase
from storage.errors import DeliveryAlreadyRecordedError, SubscriptionNotFoundError
from storage.models import Subscription
from storage.rows import (
    SUBSCRIPTION_COLUMNS,
    instant_to_text,
    row_to_subscription,
    select_list,
    utc_now_text,
    weekdays_to_text,
)

_SELECT = f"SELECT {select_list(SUBSCRIPTION_COLUMNS, 's')} FROM subscriptions AS s"


class SubscriptionStore:
    """Subscription and delivery methods of :class:`storage.Library`."""

    _db: SqlDatabase

    def add_subscription(
        self,
        *,
        chat_id: int,
        thread_id: int | None,
        local_time: dt.time,
        timezone: str,
        weekdays: frozenset[int],
        keywords: str,
        next_due_at: dt.datetime,
        created_by: int | None,
        cursor: int | None = None,
    ) -> Subscription:
        """Create an active subscription.

        ``cursor`` None starts from the newest stored article, so the first digest holds only
        what arrives after subscribing.

        Raises:
            NaiveDatetimeError: ``next_due_at`` has no time zone.
            ValueError: ``weekdays`` is empty or holds a day outside 0..6.
        """
        values = {
            "chat_id": chat_id,
            "thread_id": thread_id,
            "local_time": local_time.replace(tzinfo=None).isoformat(),
            "timezone": timezone,
            "weekdays": weekdays_to_text(weekdays),
            "keywords": keywords,
            "next_due_at": instant_to_text(next_due_at),
            "created_by": created_by,
        }
        columns = ", ".join((*values, "cursor"))
        placeholders = ", ".join(f":{name}" for name in values)
        cursor_sql = "(SELECT coalesce(max(id), 0) FROM articles)" if cursor is None else ":cursor"
        with self._db.atomic():
            row = self._db.conn.execute(
                f"INSERT INTO subscriptions ({columns}) VALUES ({placeholders}, {cursor_sql}) "
                f"RETURNING {', '.join(SUBSCRIPTION_COLUMNS)}",
                {**values, "cursor": cursor},
            ).fetchone()
        return row_to_subscription(row)

    def get_subscription(self, sub_id: int) -> Subscription | None:
        row = self._db.execute(f"{_SELECT} WHERE s.id = ?", (sub_id,)).fetchone()
        return row_to_subscription(row) if row else None

    def list_subscriptions(self, chat_id: int) -> list[Subscription]:
        """The chat's subscriptions, paused ones included, oldest first."""
        rows = self._db.execute(f"{_SELECT} WHERE s.chat_id = ? ORDER BY s.id", (chat_id,))
        return [row_to_subscription(row) for row in rows.fetchall()]

    def remove_subscription(self, chat_id: int, sub_id: int) -> bool:
        """Remove one of the chat's subscriptions; False if the chat has none with that id."""
        cursor = self._db.execute(
            "DELETE FROM subscriptions WHERE id = ? AND chat_id = ?", (sub_id, chat_id)
        )
        return cursor.rowcount == 1

    def remove_all_subscriptions(self, chat_id: int) -> int:
        """Remove every subscription of the chat; returns how many there were."""
        return self._db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,)).rowcount

    def due_subscriptions(self, now: dt.datetime, limit: int = 1000) -> list[Subscription]:
        """Active subscriptions due at ``now`` or earlier, most overdue first."""
        rows = self._db.execute(
            f"{_SELECT} WHERE s.active = 1 AND s.next_due_at <= ? "
            "ORDER BY s.next_due_at, s.id LIMIT ?",
            (instant_to_text(now), int(limit)),
        ).fetchall()
        return [row_to_subscription(row) for row in rows]

    def reschedule(self, sub_id: int, next_due_at: dt.datetime) -> None:
        """Set when the next digest is due (UTC, aware)."""
        self._update_subscription(sub_id, "next_due_at = ?", instant_to_text(next_due_at))

    def pause_subscription(self, sub_id: int, reason: str) -> None:
        """Stop delivering (e.g. the bot was removed from the chat); users see the reason."""
        self._update_subscription(sub_id, "active = 0, paused_reason = ?", reason)

    def _update_subscription(self, sub_id: int, assignments: str, *values: object) -> None:
        cursor = self._db.execute(
            f"UPDATE subscriptions SET {assignments} WHERE id = ?", (*values, sub_id)
        )
        if cursor.rowcount == 0:
            raise SubscriptionNotFoundError(
                f"Subscription {sub_id} does not exist (it may have been removed meanwhile)."
            )

    def resume_subscriptions(self, chat_id: int) -> int:
        """Re-activate the chat's paused subscriptions; returns how many were paused.

        Their ``next_due_at`` is unchanged: an overdue one is due at once, and the scheduler's
        catch-up rule decides whether that digest is still sent.
        """
        return self._db.execute(
            "UPDATE subscriptions SET active = 1, paused_reason = NULL "
            "WHERE chat_id = ? AND active = 0",
            (chat_id,),
        ).rowcount

    def record_delivery(self, sub_id: int, period: str, part: int, message_id: int | None) -> None:
        """Record that part ``part`` of the digest for ``period`` (local date) was sent.

        Raises:
            DeliveryAlreadyRecordedError: this part was recorded before.
            SubscriptionNotFoundError: the subscription does not exist.
        """
        try:
            self._db.execute(
                "INSERT INTO deliveries (subscription_id, period, part, message_id, sent_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (sub_id, period, part, message_id, utc_now_text()),
            )
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise DeliveryAlreadyRecordedError(
                    f"Part {part} of the {period} digest of subscription {sub_id} was already "
                    "delivered; check delivered_parts() before sending."
                ) from exc
            raise SubscriptionNotFoundError(
                f"Subscription {sub_id} does not exist (it may have been removed meanwhile)."
            ) from exc

    def delivered_parts(self, sub_id: int, period: str) -> set[int]:
        """The parts of the ``period`` digest already sent for this subscription."""
        rows = self._db.execute(
            "SELECT part FROM deliveries WHERE subscription_id = ? AND period = ?",
            (sub_id, period),
        ).fetchall()
        return {part for (part,) in rows}

    def open_digest_window(self, sub_id: int, period: str) -> int:
        """The upper article id of the ``period`` digest, fixed the first time it is asked for.

        A digest covers the articles with ``cursor < id <= upper``. The first call stores the
        newest article id as ``upper``; later calls (after a crash or restart mid-digest) return
        the stored value, so the digest is re-rendered into exactly the parts already started.

        Raises:
            SubscriptionNotFoundError: the subscription does not exist.
        """
        with self._db.atomic():
            try:
                self._db.conn.execute(
                    "INSERT INTO digest_windows (subscription_id, period, upper) "
                    "VALUES (?, ?, (SELECT coalesce(max(id), 0) FROM articles)) "
                    "ON CONFLICT DO NOTHING",
                    (sub_id, period),
                )
            except sqlite3.IntegrityError as exc:
                raise SubscriptionNotFoundError(
                    f"Subscription {sub_id} does not exist (it may have been removed meanwhile)."
                ) from exc
            (upper,) = self._db.conn.execute(
                "SELECT upper FROM digest_windows WHERE subscription_id = ? AND period = ?",
                (sub_id, period),
            ).fetchone()
        return int(upper)

    def complete_digest(self, sub_id: int, period: str, next_due_at: dt.datetime) -> None:
        """The ``period`` digest was delivered: move the cursor to its window's upper id and
        set the next due moment, in one transaction (a digest with no window keeps its cursor).

        Raises:
            NaiveDatetimeError: ``next_due_at`` has no time zone.
            SubscriptionNotFoundError: the subscription does not exist.
        """
        window = (
            "SELECT upper FROM digest_windows WHERE subscription_id = ? AND period = ? "
            "AND upper > cursor"
        )
        with self._db.atomic():
            self._update_subscription(
                sub_id,
                f"cursor = coalesce(({window}), cursor), next_due_at = ?",
                sub_id,
                period,
                instant_to_text(next_due_at),
            )
            self._db.conn.execute(
                "DELETE FROM digest_windows WHERE subscription_id = ? AND period = ?",
                (sub_id, period),
            )

    def skip_digest(self, sub_id: int, period: str, next_due_at: dt.datetime) -> None:
        """The ``period`` digest is not sent (too late to catch up): its articles stay after
        the cursor and go into the next digest, which is due at ``next_due_at``.

        Raises:
            NaiveDatetimeError: ``next_due_at`` has no time zone.
            SubscriptionNotFoundError: the subscription does not exist.
        """
        with self._db.atomic():
            self.reschedule(sub_id, next_due_at)
            self._db.conn.execute(
                "DELETE FROM digest_windows WHERE subscription_id = ? AND period = ?",
                (sub_id, period),
            )
