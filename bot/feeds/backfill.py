"""Which items of a newly added feed are stored: only the newest few (``[feeds] backfill_items``),
so that following a feed with 500 old items does not flood the collection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.feeds.model import FeedItem

__all__ = ["newest_items"]

_UNDATED = dt.datetime.min.replace(tzinfo=dt.UTC)


def newest_items(items: Sequence[FeedItem], limit: int) -> tuple[FeedItem, ...]:
    """The ``limit`` newest of ``items``, newest first.

    When every item carries a date they are ordered by it (equal dates keep the feed's order);
    when some do not, the feed's own order is trusted, feeds listing their newest items first.
    """
    if limit <= 0:
        return ()
    if all(item.published is not None for item in items):
        ordered = sorted(items, key=lambda item: item.published or _UNDATED, reverse=True)
        return tuple(ordered[:limit])
    return tuple(items[:limit])
