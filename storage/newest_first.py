"""Ranked pages read newest first: the news blend and ``sort:new``, exact, stopping early.

A page of the ``k`` best matches under an order whose best rows lean new (the blend of
``storage.recency``, or news day alone) is found without ranking every match:

1. Read the newest :data:`FIRST_ROWS` matches that pass the filters, highest id first (FTS5
   walks its index downwards and stops at the LIMIT), and keep the best ``k``.
2. Fewer came back: every match was read. Otherwise ask how far down an article could still
   beat the page's last row: the newest news day that cannot (from the relevance bound for the
   blend, the row's own day for ``sort:new``) and the lowest id above which some article is
   newer than that day (``news_day_blocks``). Nothing left above that id: done.
3. Rank the matches between that id and the lowest one read in one statement (top ``k`` in
   SQL, skipping rows whose relevance alone cannot reach the page), merge, and check again (the
   page only got better, so it stops).

``since:`` also bounds the read from below: articles under the lowest id of a block with a news
day on or after the date are all older, and none can pass. The result is exactly the order's:
every article left unread is proven to rank below the page (``tests/storage`` compares pages
with a brute-force ranking of every match).
"""

from __future__ import annotations

import datetime as dt
import heapq
import sqlite3
from itertools import chain

from storage.query import SortOrder
from storage.ranking import BM25_SQL
from storage.recency import (
    NEWS_DAY_SQL,
    RECENCY_SQL,
    SATURATED_BM25_SQL,
    first_id_after_day,
    newest_day_that_cannot_beat,
    relevance_bound,
    saturated_bound,
)

#: Matches read newest first before any bound is asked for: enough that the page's last row is
#: a good one, few enough that handing them to Python costs little (about 1 µs a row).
FIRST_ROWS = 256

_FROM = (
    "FROM articles_fts CROSS JOIN articles AS a INDEXED BY articles_search_filter "
    "ON a.id = articles_fts.rowid WHERE articles_fts MATCH :match"
)
#: Each row is (sort key, -id): ascending tuples are the order, ties to the higher id. The
#: newest rows may add the saturated bm25 of the row (``storage.recency``).
_NEWEST_SQL = (
    "SELECT {key} AS sort_key, -a.id AS negative_id{saturated} "
    f"{_FROM} AND articles_fts.rowid >= :floor {{conditions}} "
    "ORDER BY articles_fts.rowid DESC LIMIT :first"
)
#: ``prefilter`` drops, before their recency is computed, rows whose bm25 alone is no better than
#: the page's last score: recency is at most 1, and on a tie the lower id loses.
_RANGE_SQL = (
    "SELECT {key} AS sort_key, -a.id AS negative_id "
    f"{_FROM} AND articles_fts.rowid BETWEEN :low AND :high{{prefilter}} {{conditions}} "
    "ORDER BY sort_key, negative_id LIMIT :k"
)
_BLEND_PREFILTER = f" AND {BM25_SQL} < :worst"
_BLEND_KEY = f"{BM25_SQL} * {RECENCY_SQL}"
_NEW_KEY = f"-{NEWS_DAY_SQL}"

RankedRow = tuple[int, float]


def newest_first_page(
    conn: sqlite3.Connection,
    *,
    sort: SortOrder,
    clauses: tuple[tuple[str, ...], ...],
    conditions: str,
    params: dict[str, object],
    k: int,
    today: int,
    since: dt.date | None,
) -> list[RankedRow]:
    """(article id, rank) of the best ``k`` matches, best first.

    ``sort`` is ``"blend"`` (rank = bm25 x recency) or ``"new"`` (news day, newest first; rank
    0.0). ``params`` holds ``match`` and the parameters of ``conditions`` (SQL over ``a``, the
    narrow index row, each part starting with `` AND``); ``clauses`` are the query's included
    phrases (for the relevance bound); ``today`` is an ordinal.
    """
    if k <= 0:
        return []
    floor = 0
    if since is not None:
        first_possible = first_id_after_day(conn, since.toordinal() - 1)
        if first_possible is None:
            return []
        floor = first_possible
    blend = sort == "blend"
    key = _BLEND_KEY if blend else _NEW_KEY
    # Every match holds every phrase of a query without OR: its saturated score is the bound.
    saturated = blend and all(len(clause) == 1 for clause in clauses)
    values = {**params, "today": today, "floor": floor}
    first = max(FIRST_ROWS, k)
    newest_sql = _NEWEST_SQL.format(
        key=key, saturated=f", {SATURATED_BM25_SQL}" if saturated else "", conditions=conditions
    )
    rows = conn.execute(newest_sql, {**values, "first": first}).fetchall()
    bound: float | None = None
    if saturated and rows:
        bound = saturated_bound(min(row[2] for row in rows))
        rows = [(sort_key, negative_id) for sort_key, negative_id, _ in rows]
    best = heapq.nsmallest(k, rows)
    lowest_read = -rows[-1][1] if len(rows) == first else floor
    while lowest_read > floor:
        if blend:
            bound = relevance_bound(conn, clauses) if bound is None else bound
            day = newest_day_that_cannot_beat(best[-1][0], bound, today)
        else:
            day = int(-best[-1][0])
        low = floor if day is None else first_id_after_day(conn, day)
        if low is None or low >= lowest_read:
            break
        low = max(low, floor)
        prefilter = _BLEND_PREFILTER if blend else ""
        more = conn.execute(
            _RANGE_SQL.format(key=key, prefilter=prefilter, conditions=conditions),
            {**values, "low": low, "high": lowest_read - 1, "k": k, "worst": best[-1][0]},
        ).fetchall()
        best = heapq.nsmallest(k, chain(best, more))
        lowest_read = low
    return [(-negative_id, sort_key if blend else 0.0) for sort_key, negative_id in best]
