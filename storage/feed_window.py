"""Which feed articles a digest window holds: only those published inside it.

A digest lists the articles stored since the previous one (its id window). A feed brings old
items too: a newly followed feed stores its newest ``[feeds] backfill_items``, which may go back
years. So an article from a feed (``format = 'feed'``) is in a digest only if it was published
after the window opened, less its feed's polling interval: an item published just before the
previous digest and polled just after it still reaches this one. Articles of every other kind
are in the window by arrival, as before.
"""

from __future__ import annotations

import datetime as dt

from storage.models import FEED_FORMAT
from storage.rows import instant_to_text

__all__ = ["feed_publication_condition"]

#: The polling interval of the feed that brought article ``a`` (0 once the feed is removed),
#: as a fraction of a day, through the ``feed_items_article`` index.
_FEED_INTERVAL_DAYS = (
    "coalesce((SELECT max(f.interval_seconds) FROM feed_items AS fi "
    "JOIN feeds AS f ON f.id = fi.feed_id WHERE fi.article_id = a.id), 0) / 86400.0"
)


def feed_publication_condition(window_opened: dt.datetime) -> tuple[str, dict[str, object]]:
    """SQL for a WHERE (starting with `` AND``) on ``articles AS a`` and its parameters: an
    article from a feed must have been published at or after ``window_opened`` less its feed's
    interval; articles of other kinds pass.

    Raises:
        NaiveDatetimeError: ``window_opened`` has no time zone.
    """
    condition = (
        f" AND (a.format <> '{FEED_FORMAT}' OR julianday(coalesce(a.published, a.ingested_at)) "
        f">= julianday(:window_opened) - {_FEED_INTERVAL_DAYS})"
    )
    return condition, {"window_opened": instant_to_text(window_opened)}
