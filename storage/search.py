"""Full-text search and the query-filtered reads used by digests.

The FTS5 table drives every text query (``CROSS JOIN`` keeps it the outer loop, joined to
``articles`` on rowid); visibility and the query's filters are SQL conditions on the joined row.
A ranked search picks its page's ids first (``storage.newest_first`` for the news blend and
``sort:new``, ``storage.ranking`` for ``sort:relevance``), then reads the rows and snippets of
those few ids only.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import cast

from storage.engine import SqlDatabase
from storage.feed_window import feed_publication_condition
from storage.models import SNIPPET_END, SNIPPET_START, Article, SearchHit, SearchPage
from storage.newest_first import newest_first_page
from storage.query import ParsedQuery, parse_query
from storage.ranking import ranked_page
from storage.recency import today_ordinal
from storage.rows import ARTICLE_COLUMNS, row_to_article, select_list
from storage.shares import Shown, ShownShares, id_set_condition
from storage.visibility import PublicSources, visible_to_viewer

SNIPPET_TOKENS = 24
#: Length of the plain excerpt shown when a query has filters but no words to highlight.
EXCERPT_CHARS = 200

_COLUMNS = select_list(ARTICLE_COLUMNS, "a")
#: The unary ``+`` keeps SQLite from using chat_id as a second key of the id lookup: it would
#: probe the index once per visible chat for every matched row (a thousand probes a row for a
#: chat that follows a thousand collections) instead of testing one value against the set.
_UNINDEXED_CHAT = "+a.chat_id"
_FROM_TEXT_MATCH = (
    "FROM articles_fts CROSS JOIN articles AS a ON a.id = articles_fts.rowid "
    "WHERE articles_fts MATCH :match"
)
_SNIPPET = f"snippet(articles_fts, -1, :mark_start, :mark_end, '…', {SNIPPET_TOKENS})"
#: Rows and snippets of a ranked page: FTS5 is entered once per id (MATCH and rowid=, a few
#: tenths of a ms each). One pass over the matches between the page's lowest and highest id was
#: faster at 100k articles but grows with the library (5 ms p95 at 1M).
_PAGE_ROWS_BY_ID_SQL = (
    f"SELECT {_COLUMNS}, {_SNIPPET} "
    "FROM json_each(:ids) AS page "
    "CROSS JOIN articles_fts ON articles_fts.rowid = page.value "
    "CROSS JOIN articles AS a ON a.id = page.value "
    "WHERE articles_fts MATCH :match"
)
#: The same in one pass over the page's id range, for a query with a prefix term of a length the
#: index keeps no list for: FTS5 expands it on every MATCH (about a millisecond for a common one
#: at 100k articles). The unary ``+`` keeps SQLite from turning the id list into one MATCH per id.
_PAGE_ROWS_IN_RANGE_SQL = (
    f"SELECT {_COLUMNS}, {_SNIPPET} "
    "FROM articles_fts CROSS JOIN articles AS a ON a.id = articles_fts.rowid "
    "WHERE articles_fts MATCH :match AND articles_fts.rowid BETWEEN :low AND :high "
    "AND +articles_fts.rowid IN (SELECT value FROM json_each(:ids))"
)
_FROM_ALL = "FROM articles AS a WHERE TRUE"


class ArticleSearch:
    """Search methods of :class:`storage.Library`."""

    _db: SqlDatabase
    _public: PublicSources
    _shown_shares: ShownShares

    def search(
        self,
        viewer_chat_id: int | None,
        query: str,
        *,
        offset: int = 0,
        limit: int = 5,
        today: dt.date | None = None,
    ) -> SearchPage:
        """One page of articles matching the query language ``query``, best first.

        Ranking blends relevance (bm25: headline > lead quote > speaker > body) with recency
        (``storage.recency``; ``today``, default the current UTC date, is the day ages count
        to); ``sort:new`` orders by news day, ``sort:relevance`` by bm25 alone, newest
        publication first on ties. A query with filters but no words lists matches newest first
        with a plain excerpt. An empty query (nothing to match, no filter) gives an empty page.
        ``viewer_chat_id=None`` searches every collection (owners, the CLI without ``--chat``).
        """
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
        """Filters without words: matches newest first, with a plain excerpt."""
        where, params = _conditions(parsed, viewer_chat_id, self._public)
        params.update(limit=limit + 1, offset=offset)
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, substr(coalesce(nullif(a.lead, ''), a.body), 1, "
            f"{EXCERPT_CHARS}) {_FROM_ALL}{where} "
            "ORDER BY a.published DESC, a.id DESC LIMIT :limit OFFSET :offset",
            params,
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
        """Words: rank on the narrow index, then read the page's rows."""
        where, params = _conditions(
            parsed, viewer_chat_id, self._public, chat_column=_UNINDEXED_CHAT
        )
        shown = self._shown(parsed, viewer_chat_id)
        if shown is not None and shown.is_few:
            # The set is built from the (chat_id, id) index for the from: chats when named (a
            # chat following a thousand collections would otherwise list them all), else for
            # the chats the viewer sees.
            visible = "+c.chat_id" if parsed.from_chats else "c.chat_id"
            chats, _ = _chat_conditions(parsed, viewer_chat_id, self._public, visible, "c.chat_id")
            where += id_set_condition(" AND ".join(chats))
        if parsed.sort != "relevance":
            ranked = newest_first_page(
                self._sqlite_conn,
                sort=parsed.sort,
                clauses=parsed.clauses,
                conditions=where,
                params=params,
                k=offset + limit + 1,
                today=today_ordinal(today),
                since=parsed.since,
            )[offset:]
        else:
            ranked = ranked_page(
                self._sqlite_conn,
                where,
                params,
                offset=offset,
                limit=limit + 1,
                share=None if parsed.has_filters else (1.0 if shown is None else shown.share),
            )
        page = ranked[:limit]
        if not page:
            return SearchPage(hits=[], offset=offset, has_more=False)
        ids = [article_id for article_id, _ in page]
        rows = self._db.execute(
            _PAGE_ROWS_IN_RANGE_SQL if parsed.expands_prefix else _PAGE_ROWS_BY_ID_SQL,
            {
                "match": parsed.match,
                "ids": json.dumps(ids),
                "low": min(ids),
                "high": max(ids),
                "mark_start": SNIPPET_START,
                "mark_end": SNIPPET_END,
            },
        ).fetchall()
        # An article deleted by another connection between the two reads is left out.
        by_id = {row[0]: row for row in rows}
        hits = [
            SearchHit(
                article=row_to_article(by_id[article_id]),
                snippet=by_id[article_id][-1],
                rank=float(score),
            )
            for article_id, score in page
            if article_id in by_id
        ]
        return SearchPage(hits=hits, offset=offset, has_more=len(ranked) > limit)

    @property
    def _sqlite_conn(self) -> sqlite3.Connection:
        """The connection, for the FTS5 rankers (this class runs on SQLite only; PostgreSQL
        searches with ``storage.postgres.search``)."""
        return cast(sqlite3.Connection, self._db.conn)

    def _shown(self, parsed: ParsedQuery, viewer_chat_id: int | None) -> Shown | None:
        """What the search may show (``storage.shares``); None when it is every collection."""
        chats, params = _chat_conditions(
            parsed, viewer_chat_id, self._public, _UNINDEXED_CHAT, _UNINDEXED_CHAT
        )
        if not chats:
            return None
        key = (viewer_chat_id, parsed.from_chats)
        return self._shown_shares.estimate(self._sqlite_conn, key, " AND ".join(chats), params)

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
        """Articles with ``cursor < id <= upper`` that the chat sees, matching ``query`` if given.

        Newest first: the digest's order. ``upper`` None means no upper bound; ``limit`` None
        means all. A query that parses as empty (blank, or only exclusions) filters nothing.
        With ``window_opened``, articles from feeds must have been published inside the window
        (``storage.feed_window``).
        """
        source, where, params = self._since_conditions(
            viewer_chat_id, cursor, query, upper, window_opened
        )
        params["limit"] = -1 if limit is None else max(int(limit), 0)
        # Ids first, from the (chat_id, id) index, then only those rows: sorting whole rows to
        # keep the newest few read every article of the window (thousands for a chat that
        # follows many collections).
        ids = [
            row[0]
            for row in self._db.execute(
                f"SELECT a.id {source}{where} ORDER BY a.id DESC LIMIT :limit", params
            )
        ]
        if not ids:
            return []
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM articles AS a "
            "WHERE a.id IN (SELECT value FROM json_each(:ids)) ORDER BY a.id DESC",
            {"ids": json.dumps(ids)},
        ).fetchall()
        return [row_to_article(row) for row in rows]

    def count_since(
        self,
        viewer_chat_id: int,
        cursor: int,
        *,
        query: str = "",
        upper: int | None = None,
        window_opened: dt.datetime | None = None,
    ) -> int:
        """How many articles :meth:`since` would return without a limit."""
        source, where, params = self._since_conditions(
            viewer_chat_id, cursor, query, upper, window_opened
        )
        return int(self._db.execute(f"SELECT count(*) {source}{where}", params).fetchone()[0])

    def digest_selection(
        self,
        viewer_chat_id: int,
        cursor: int,
        *,
        query: str = "",
        upper: int | None = None,
        limit: int,
        window_opened: dt.datetime | None = None,
    ) -> tuple[list[Article], int]:
        """The newest ``limit`` articles of a digest window and how many the window holds.

        Only what is shown is read; the window is counted separately, and only when it is
        larger than what was read. ``window_opened``: when the window began (the previous
        scheduled digest); articles from feeds published before it are left out.
        """
        articles = self.since(
            viewer_chat_id, cursor, query=query, upper=upper, limit=limit,
            window_opened=window_opened,
        )  # fmt: skip
        if len(articles) < limit:
            return articles, len(articles)
        return articles, self.count_since(
            viewer_chat_id, cursor, query=query, upper=upper, window_opened=window_opened
        )

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
        source = _FROM_ALL if parsed.match is None else _FROM_TEXT_MATCH
        # FTS5 serves rowid ranges itself, so a digest does not scan the whole match set.
        rowid = "a.id" if parsed.match is None else "articles_fts.rowid"
        where += f" AND {rowid} > :cursor"
        params["cursor"] = int(cursor)
        if upper is not None:
            where += f" AND {rowid} <= :upper"
            params["upper"] = int(upper)
        if window_opened is not None:
            published, published_params = feed_publication_condition(window_opened)
            where += published
            params.update(published_params)
        return source, where, params


def _conditions(
    parsed: ParsedQuery,
    viewer_chat_id: int | None,
    public: PublicSources,
    *,
    chat_column: str = "a.chat_id",
) -> tuple[str, dict[str, object]]:
    """SQL appended to a WHERE (each part starts with `` AND``) and its named parameters.

    ``chat_column`` is how the chat tests (visibility, ``from:``) name the article's chat id.
    """
    parts, params = _chat_conditions(parsed, viewer_chat_id, public, chat_column, chat_column)
    if parsed.match is not None:
        params["match"] = parsed.match
    if parsed.since is not None:
        parts.append("a.published >= :since")
        params["since"] = parsed.since.isoformat()
    if parsed.until is not None and parsed.until < dt.date.max:
        # Published values are dates or datetimes as ISO text: "< next day" keeps the whole day.
        parts.append("a.published < :until_next_day")
        params["until_next_day"] = (parsed.until + dt.timedelta(days=1)).isoformat()
    return "".join(f" AND {part}" for part in parts), params


def _chat_conditions(
    parsed: ParsedQuery,
    viewer_chat_id: int | None,
    public: PublicSources,
    visible_column: str,
    from_column: str,
) -> tuple[list[str], dict[str, object]]:
    """The conditions on an article's chat: the viewer sees it (tested on ``visible_column``),
    ``from:`` names it (on ``from_column``)."""
    parts: list[str] = []
    params: dict[str, object] = {}
    if viewer_chat_id is not None:
        parts.append(visible_to_viewer(visible_column))
        params.update(public.params(viewer_chat_id))
    if parsed.from_chats:
        ids = [int(chat) for chat in parsed.from_chats if not chat.startswith("@")]
        names = [chat[1:] for chat in parsed.from_chats if chat.startswith("@")]
        parts.append(
            f"{from_column} IN (SELECT value FROM json_each(:from_ids) UNION SELECT chat_id "
            "FROM chats "
            "WHERE username IN (SELECT value FROM json_each(:from_names)))"
        )
        params.update(from_ids=json.dumps(ids), from_names=json.dumps(names))
    return parts, params
