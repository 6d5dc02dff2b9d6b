"""Which rows make one page of a ``sort:relevance`` search (bm25 alone): best-first candidates or
a filtered scan.

CPU per FTS5 match, measured at 100k articles (tests/benchmarks/RESULTS.md): bm25 0.75-1.2 µs,
reading chat_id and published from the narrow covering index (``articles_search_filter``)
0.45-0.75 µs, walking the match list itself much less. Two plans give the same page:

* **filtered scan** - read chat_id/published of every match, test the filters, and rank (bm25)
  only the rows that pass. Cheap when the filters pass few rows: a chat that sees a handful of
  collections, a ``since:`` / ``until:`` / ``from:`` filter.
* **best first** - rank every match by bm25 alone (what bare FTS5 costs), keep the best few
  dozen, and read and filter only those. Cheap when most matches pass: a chat that follows a
  thousand collections would otherwise pay the index read for every match on top of bm25.

Dates and sources (``since:``, ``until:``, ``from:``) always take the filtered scan. Otherwise
the choice comes from the share of the library the chat sees (``storage.shares``): a stale
estimate only picks the slower plan, never a wrong page. Best first is exact or gives up: ties
on bm25 break on the newest publication, so when the page's last row scores the same as the
worst candidate, a row beyond the candidates could belong on the page, and the filtered scan
answers instead.
"""

from __future__ import annotations

import math
import sqlite3

#: bm25 weights for (headline, lead_quote, quote_speaker, body), the FTS column order.
BM25_WEIGHTS = (10.0, 5.0, 2.0, 1.0)
#: Best first pays bm25 for every match, the filtered scan an index read for every match plus
#: bm25 for those that pass: with the costs above (index read ~0.6 x bm25), best first wins
#: above a share of about 0.4.
BEST_FIRST_MIN_SHARE = 0.4
#: Fewest candidates ranked best first (a page of 5 plus "more" needs 6 rows that pass).
MIN_CANDIDATES = 32

#: The relevance of a matched row of ``articles_fts``: negative, lower is better.
BM25_SQL = f"bm25(articles_fts, {', '.join(str(weight) for weight in BM25_WEIGHTS)})"
#: ``a`` is read through the narrow covering index: SQLite would pick the rowid lookup of the
#: full row (text included, about two rows a page) on its own, hence INDEXED BY.
_NARROW_ROW = "articles AS a INDEXED BY articles_search_filter"
_BEST_FIRST_SQL = (
    "WITH best AS MATERIALIZED ("
    f"SELECT rowid AS id, {BM25_SQL} AS score FROM articles_fts "
    "WHERE articles_fts MATCH :match ORDER BY score LIMIT :candidates) "
    "SELECT best.id, best.score, coalesce(1 {conditions}, 0) AS shown "
    f"FROM best CROSS JOIN {_NARROW_ROW} ON a.id = best.id "
    "ORDER BY best.score, a.published DESC, a.id DESC"
)
_FILTERED_SCAN_SQL = (
    f"SELECT a.id, {BM25_SQL} AS score FROM articles_fts "
    f"CROSS JOIN {_NARROW_ROW} ON a.id = articles_fts.rowid "
    "WHERE articles_fts MATCH :match {conditions} "
    "ORDER BY score, a.published DESC, a.id DESC LIMIT :limit OFFSET :offset"
)

RankedRow = tuple[int, float]


def ranked_page(
    conn: sqlite3.Connection,
    conditions: str,
    params: dict[str, object],
    *,
    offset: int,
    limit: int,
    share: float | None,
) -> list[RankedRow]:
    """(article id, bm25 score) of rows ``offset`` .. ``offset + limit - 1``, best first.

    ``params`` holds ``match`` and the parameters of ``conditions`` (SQL over ``a``, the
    article's narrow index row, each part starting with `` AND``). ``share``: the estimated
    share of matches that pass the conditions, or None when they are selective (dates,
    sources); best first is tried from :data:`BEST_FIRST_MIN_SHARE` up.
    """
    if share is not None and share >= BEST_FIRST_MIN_SHARE:
        wanted = offset + limit
        candidates = max(MIN_CANDIDATES, math.ceil(2 * wanted / share))
        rows = _best_first(conn, conditions, params, wanted=wanted, candidates=candidates)
        if rows is not None:
            return rows[offset:]
    sql = _FILTERED_SCAN_SQL.format(conditions=conditions)
    return conn.execute(sql, {**params, "limit": limit, "offset": offset}).fetchall()


def _best_first(
    conn: sqlite3.Connection,
    conditions: str,
    params: dict[str, object],
    *,
    wanted: int,
    candidates: int,
) -> list[RankedRow] | None:
    """The first ``wanted`` passing rows from the ``candidates`` best, or None when unsure.

    Sure means: every match was a candidate, or ``wanted`` candidates passed and the last of
    them scores strictly better than the worst candidate (so no row beyond could tie with it).
    """
    sql = _BEST_FIRST_SQL.format(conditions=conditions)
    rows = conn.execute(sql, {**params, "candidates": candidates}).fetchall()
    passing = [(article_id, score) for article_id, score, shown in rows if shown]
    if len(rows) < candidates:
        return passing[:wanted]
    if len(passing) >= wanted and (wanted == 0 or passing[wanted - 1][1] < rows[-1][1]):
        return passing[:wanted]
    return None
