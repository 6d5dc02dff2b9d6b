"""How much of the library a search may show, estimated cheaply, and a fast test when it is little.

A search shows the articles of the chats its viewer sees (``storage.visibility``), narrowed to
the query's ``from:`` chats. Every FTS5 match is tested for that by reading its chat from the
narrow index (``articles_search_filter``, about 0.4 µs a match at 100k articles). When the chats
hold few articles, testing the match's rowid against the set of their ids is cheaper (about
0.1 µs; SQLite builds the set once per query from the ``(chat_id, id)`` index, about 0.5 µs an
article): a chat that follows one collection then pays a quarter of the index reads.

The share of the newest :data:`SAMPLE_ARTICLES` articles a search may show is remembered per
viewer and ``from:`` chats for :data:`SHARE_TTL_S` seconds (:class:`ShownShares`): a stale
estimate only picks a slower plan, never a wrong page (the set is built from the live tables),
so follows need not invalidate it.
"""

from __future__ import annotations

import sqlite3
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

#: Newest articles sampled to estimate the share of the library a search may show.
SAMPLE_ARTICLES = 512
#: How long an estimate is reused, and how many are remembered.
SHARE_TTL_S = 300.0
SHARE_CACHE_SIZE = 4096
#: The id set is used up to this share of the library and this many articles: beyond, building
#: it would cost more than the index reads it saves for a query with few matches.
ID_SET_MAX_SHARE = 0.05
ID_SET_MAX_ARTICLES = 20_000

_SAMPLE_SQL = (
    "SELECT count(*), total({condition}), max(a.id) FROM ("
    "SELECT a.id, a.chat_id FROM articles AS a INDEXED BY articles_search_filter "
    "ORDER BY a.id DESC LIMIT :sample) AS a"
)


@dataclass(frozen=True, slots=True)
class Shown:
    """What a search may show: ``share`` (0..1) of the newest articles, about ``articles``."""

    share: float
    articles: float

    @property
    def is_few(self) -> bool:
        """True when testing matches against the shown articles' ids beats the index reads."""
        return self.share <= ID_SET_MAX_SHARE and self.articles <= ID_SET_MAX_ARTICLES


class ShownShares:
    """Per viewer and ``from:`` chats, what a search may show (bounded, expiring)."""

    def __init__(self, *, ttl_s: float = SHARE_TTL_S, capacity: int = SHARE_CACHE_SIZE) -> None:
        self._ttl_s = ttl_s
        self._capacity = capacity
        self._known: OrderedDict[Hashable, tuple[Shown, float]] = OrderedDict()

    def estimate(
        self,
        conn: sqlite3.Connection,
        key: Hashable,
        condition: str,
        params: dict[str, object],
    ) -> Shown:
        """``condition`` (SQL over ``a.chat_id``, with ``params``) on the newest articles;
        remembered under ``key``. An empty library counts as all shown."""
        now = time.monotonic()
        known = self._known.get(key)
        if known is not None and now - known[1] < self._ttl_s:
            self._known.move_to_end(key)
            return known[0]
        sampled, passed, newest = conn.execute(
            _SAMPLE_SQL.format(condition=condition), {**params, "sample": SAMPLE_ARTICLES}
        ).fetchone()
        share = float(passed) / sampled if sampled else 1.0
        shown = Shown(share=share, articles=share * (newest or 0))
        self._known[key] = (shown, now)
        self._known.move_to_end(key)
        while len(self._known) > self._capacity:
            self._known.popitem(last=False)
        return shown


def id_set_condition(condition: str) -> str:
    """A WHERE part (leading `` AND``) keeping the FTS5 rows whose article passes ``condition``
    (SQL over ``c.chat_id``), as a test of the rowid against the set of those articles' ids.

    The unary ``+`` keeps SQLite from handing the set to FTS5 as rowids to look up one by one
    (a MATCH each).
    """
    return f" AND +articles_fts.rowid IN (SELECT c.id FROM articles AS c WHERE {condition})"
