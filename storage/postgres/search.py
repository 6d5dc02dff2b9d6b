"""Full-text search and the digest reads on PostgreSQL: the same contract as ``storage.search``.

A query is compiled to a tsquery (``storage.postgres.tsquery``) and matched against the
articles' weighted search vector through its GIN index. Ranking has the meaning it has on
SQLite, with ``ts_rank`` (weights headline 1.0, lead quote 0.5, speaker 0.2, body 0.1, length
normalised) in place of bm25: the default blends it with recency (``storage.recency``:
``HALF_WEIGHT_DAYS / (HALF_WEIGHT_DAYS + age)``), ``sort:new`` orders by news day,
``sort:relevance`` by rank alone, newest publication first on ties; a higher id wins any
remaining tie. Every match is ranked in one statement: there is no early stop as on SQLite
(``storage.newest_first``), so a very common word costs in proportion to its matches.
Visibility and the ``since:`` / ``until:`` / ``from:`` filters are the shared SQL of
``storage.search``.
"""

from __future__ import annotations

import datetime as dt

from storage.engine import SqlDatabase
from storage.models import FEED_FORMAT, SNIPPET_END, SNIPPET_START, Article, SearchHit, SearchPage
from storage.postgres.tsquery import compile_tsquery
from storage.query import ParsedQuery, parse_query
from storage.recency import HALF_WEIGHT_DAYS, today_ordinal
from storage.rows import ARTICLE_COLUMNS, instant_to_text, row_to_article, select_list
from storage.search import EXCERPT_CHARS, SNIPPET_TOKENS, _conditions
from storage.visibility import PublicSources

__all__ = ["PostgresSearch"]

_COLUMNS = select_list(ARTICLE_COLUMNS, "a")
#: ts_rank's weights, in its order {D, C, B, A}: speaker, body, lead quote, headline.
_WEIGHTS = "'{0.2, 0.1, 0.5, 1.0}'"
#: 1: rank divided by 1 + the log of the document's length, as bm25 favours short matches.
_RANK = f"ts_rank({_WEIGHTS}, a.search_vector, q.query, 1)"
#: The news day (an ordinal, as ``date.toordinal()``): publication day, else arrival day.
_NEWS_DAY = (
    "(CAST(substr(coalesce(a.published, a.ingested_at), 1, 10) AS date) - DATE '0001-01-01' + 1)"
)
_HALF = f"{float(HALF_WEIGHT_DAYS)!r}"
_BLEND = f"({_RANK} * ({_HALF} / ({_HALF} + greatest(:today - {_NEWS_DAY}, 0))))"
_ORDER = {
    "blend": (f"{_BLEND}", "score DESC, a.id DESC"),
    "new": ("0.0", f"{_NEWS_DAY} DESC, a.id DESC"),
    "relevance": (f"{_RANK}", "score DESC, a.published DESC NULLS LAST, a.id DESC"),
}
_HEADLINE_OPTIONS = (
    f"StartSel={SNIPPET_START}, StopSel={SNIPPET_END}, MaxWords={SNIPPET_TOKENS}, "
    "MinWords=8, ShortWord=2, MaxFragments=1, FragmentDelimiter=…"
)
#: The column a snippet is cut from: the first of body, lead quote, headline that matches.
_SNIPPET = (
    "ts_headline(digest_bot_stemming(a.lang), CASE "
    "WHEN digest_bot_search_vector(a.lang, '', NULL, NULL, a.body) @@ q.query THEN a.body "
    "WHEN digest_bot_search_vector(a.lang, '', a.lead_quote, NULL, '') @@ q.query "
    "THEN a.lead_quote ELSE a.headline END, q.query, :options)"
)
#: The polling interval of the feed that brought article ``a`` (``storage.feed_window``).
_FEED_INTERVAL = (
    "make_interval(secs => coalesce((SELECT max(f.interval_seconds) FROM feed_items AS fi "
    "JOIN feeds AS f ON f.id = fi.feed_id WHERE fi.article_id = a.id), 0))"
)


class PostgresSearch:
    """Search methods of :class:`storage.postgres.PostgresLibrary`."""

    _db: SqlDatabase
    _public: PublicSources

    def search(
        self,
        viewer_chat_id: int | None,
        query: str,
        *,
        offset: int = 0,
        limit: int = 5,
        today: dt.date | None = None,
    ) -> SearchPage:
        """One page of articles matching ``query``, best first (as ``ArticleSearch.search``)."""
        parsed = parse_query(query)
        offset, limit = max(int(offset), 0), max(int(limit), 0)
        if parsed.is_empty or limit == 0:
            return SearchPage(hits=[], offset=offset, has_more=False)
        if parsed.match is None:
            return self._listing(parsed, viewer_chat_id, offset=offset, limit=limit)
        return self._ranked(parsed, viewer_chat_id, offset=offset, limit=limit, today=today)

    def _listing(
        self, parsed: ParsedQuery, viewer_chat_id: int | None, *, offset: int, limit: int
    ) -> SearchPage:
        where, params = _conditions(parsed, viewer_chat_id, self._public)
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, substr(coalesce(nullif(a.lead, ''), a.body), 1, "
            f"{EXCERPT_CHARS}) FROM articles AS a WHERE TRUE{where} "
            "ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT :limit OFFSET :offset",
            {**params, "limit": limit + 1, "offset": offset},
        ).fetchall()
        hits = [SearchHit(article=row_to_article(row), snippet=row[-1], rank=0.0) for row in rows]
        return SearchPage(hits=hits[:limit], offset=offset, has_more=len(rows) > limit)

    def _ranked(
        self,
        parsed: ParsedQuery,
        viewer_chat_id: int | None,
        *,
        offset: int,
        limit: int,
        today: dt.date | None,
    ) -> SearchPage:
        compiled = compile_tsquery(parsed)
        assert compiled is not None  # parsed.match is not None
        tsquery, tsquery_params = compiled
        where, params = _conditions(parsed, viewer_chat_id, self._public)
        score, order = _ORDER[parsed.sort]
        rows = self._db.execute(
            f"WITH q AS MATERIALIZED (SELECT {tsquery} AS query) "
            f"SELECT {_COLUMNS}, {score} AS score, {_SNIPPET} "
            f"FROM articles AS a CROSS JOIN q WHERE a.search_vector @@ q.query{where} "
            f"ORDER BY {order} LIMIT :limit OFFSET :offset",
            {
                **params,
                **tsquery_params,
                "today": today_ordinal(today),
                "options": _HEADLINE_OPTIONS,
                "limit": limit + 1,
                "offset": offset,
            },
        ).fetchall()
        hits = [
            SearchHit(article=row_to_article(row), snippet=row[-1], rank=-float(row[-2]))
            for row in rows[:limit]
        ]
        return SearchPage(hits=hits, offset=offset, has_more=len(rows) > limit)

    def since(
        self,
        viewer_chat_id: int,
        cursor: int,
        *,
        query: str = "",
        limit: int | None = None,
        upper: int | None = None,
        window_opened: dt.datetime | None = None,
    ) -> list[Article]:
        """Articles with ``cursor < id <= upper`` the chat sees, matching ``query``, newest
        first (as ``ArticleSearch.since``)."""
        source, where, params = self._since_conditions(
            viewer_chat_id, cursor, query, upper, window_opened
        )
        limit_sql = "" if limit is None else " LIMIT :limit"
        params["limit"] = None if limit is None else max(int(limit), 0)
        rows = self._db.execute(
            f"SELECT {_COLUMNS} {source}{where} ORDER BY a.id DESC{limit_sql}", params
        ).fetchall()
        return [row_to_article(row) for row in rows]

    def _since_conditions(
        self,
        viewer_chat_id: int,
        cursor: int,
        query: str,
        upper: int | None,
        window_opened: dt.datetime | None,
    ) -> tuple[str, str, dict[str, object]]:
        parsed = parse_query(query)
        where, params = _conditions(parsed, viewer_chat_id, self._public)
        compiled = compile_tsquery(parsed)
        if compiled is None:
            source = "FROM articles AS a WHERE TRUE"
        else:
            source = f"FROM articles AS a WHERE a.search_vector @@ ({compiled[0]})"
            params.update(compiled[1])
        where += " AND a.id > :cursor"
        params["cursor"] = int(cursor)
        if upper is not None:
            where += " AND a.id <= :upper"
            params["upper"] = int(upper)
        if window_opened is not None:
            where += (
                f" AND (a.format <> '{FEED_FORMAT}' OR CAST(coalesce(a.published, "
                "a.ingested_at) AS timestamptz) >= CAST(:window_opened AS timestamptz) - "
                f"{_FEED_INTERVAL})"
            )
            params["window_opened"] = instant_to_text(window_opened)
        return source, where, params
