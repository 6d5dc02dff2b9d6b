"""Conversion between domain objects and the values stored in SQLite columns.

Stored forms, chosen so that text order is time order and indexes can serve range queries:

* instants (``ingested_at``, ``next_due_at``, ``sent_at``): UTC, fixed width,
  ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``; naive datetimes are refused.
* ``published``: a date as ``YYYY-MM-DD``; an aware datetime converted to UTC; a naive
  datetime (a publication time whose zone the source did not say) kept as written.
* subscription ``weekdays``: the sorted digits, ``"0123456"`` for every day (0 = Monday).
* subscription ``local_time``: ``HH:MM`` or ``HH:MM:SS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from storage.errors import NaiveDatetimeError
from storage.models import Article, Chat, Feed, Subscription

ARTICLE_COLUMNS = (
    "id",
    "chat_id",
    "headline",
    "body",
    "content_hash",
    "published",
    "date_source",
    "lead_quote",
    "quote_speaker",
    "lead",
    "lang",
    "format",
    "message_id",
    "submitted_by",
    "source_url",
    "source_title",
    "ingested_at",
    "story_id",
)
CHAT_COLUMNS = (
    "chat_id",
    "type",
    "title",
    "username",
    "timezone",
    "auto_ingest",
    "paused_reason",
    "language",
    "telegram_language",
)
FEED_COLUMNS = (
    "id",
    "chat_id",
    "url",
    "title",
    "site_link",
    "interval_seconds",
    "etag",
    "last_modified",
    "next_poll_at",
    "lease_until",
    "failures",
    "failing_since",
    "last_success_at",
    "last_error",
    "bozo_note",
    "paused_reason",
    "full_text",
    "created_by",
    "created_at",
    "items_stored",
)
SUBSCRIPTION_COLUMNS = (
    "id",
    "chat_id",
    "thread_id",
    "local_time",
    "timezone",
    "weekdays",
    "keywords",
    "active",
    "paused_reason",
    "next_due_at",
    "cursor",
    "created_by",
)


def select_list(columns: Sequence[str], alias: str) -> str:
    """``alias.col1, alias.col2, ...`` for a SELECT."""
    return ", ".join(f"{alias}.{column}" for column in columns)


def instant_to_text(moment: dt.datetime) -> str:
    """Store an aware datetime as fixed-width UTC text."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{moment.isoformat()} has no time zone; pass an aware datetime "
            "(e.g. datetime.now(timezone.utc))."
        )
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def text_to_instant(text: str) -> dt.datetime:
    """Read an instant written by :func:`instant_to_text` (aware, UTC)."""
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def utc_now_text() -> str:
    return instant_to_text(dt.datetime.now(dt.UTC))


def published_to_text(published: dt.date | dt.datetime | None) -> str | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        if published.tzinfo is not None and published.utcoffset() is not None:
            return published.astimezone(dt.UTC).isoformat()
        return published.isoformat()
    return published.isoformat()


def text_to_published(text: str | None) -> dt.date | dt.datetime | None:
    if text is None:
        return None
    if len(text) == len("YYYY-MM-DD"):
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text)


def weekdays_to_text(weekdays: frozenset[int]) -> str:
    if not weekdays or not weekdays <= frozenset(range(7)):
        raise ValueError(
            f"weekdays must be a non-empty set of 0 (Monday) .. 6 (Sunday), got {sorted(weekdays)}"
        )
    return "".join(str(day) for day in sorted(weekdays))


def row_to_article(row: Sequence[Any]) -> Article:
    """Build an Article from a row starting with :data:`ARTICLE_COLUMNS` (extra values ignored)."""
    values = dict(zip(ARTICLE_COLUMNS, row[: len(ARTICLE_COLUMNS)], strict=True))
    values["published"] = text_to_published(values["published"])
    values["ingested_at"] = text_to_instant(values["ingested_at"])
    return Article(**values)


def row_to_chat(row: Sequence[Any]) -> Chat:
    values = dict(zip(CHAT_COLUMNS, row, strict=True))
    values["auto_ingest"] = bool(values["auto_ingest"])
    return Chat(**values)


def row_to_subscription(row: Sequence[Any]) -> Subscription:
    values = dict(zip(SUBSCRIPTION_COLUMNS, row, strict=True))
    values["local_time"] = dt.time.fromisoformat(values["local_time"])
    values["weekdays"] = frozenset(int(day) for day in values["weekdays"])
    values["active"] = bool(values["active"])
    values["next_due_at"] = text_to_instant(values["next_due_at"])
    return Subscription(**values)


def _optional_instant(text: str | None) -> dt.datetime | None:
    return text_to_instant(text) if text is not None else None


def row_to_feed(row: Sequence[Any]) -> Feed:
    values = dict(zip(FEED_COLUMNS, row, strict=True))
    values["interval"] = dt.timedelta(seconds=values.pop("interval_seconds"))
    values["full_text"] = bool(values["full_text"])
    values["next_poll_at"] = text_to_instant(values["next_poll_at"])
    values["created_at"] = text_to_instant(values["created_at"])
    for column in ("lease_until", "failing_since", "last_success_at"):
        values[column] = _optional_instant(values[column])
    return Feed(**values)
