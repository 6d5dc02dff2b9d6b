"""Full-text search and the query-filtered reads used by digests.

The FTS5 table drives every text query (``CROSS JOIN`` keeps it the outer loop, joined to
``articles`` on rowid); visibility and the query's filters are SQL conditions on the joined row.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

from storage.models import SNIPPET_END, SNIPPET_START, Article, SearchHit, SearchPage
from storage.query import ParsedQuery, parse_query
from storage.rows import ARTICLE_COLUMNS, row_to_article, select_list
from storage.visibility import PublicSources, visible_to_viewer

#: bm25 weights for (headline, lead_quote, quote_speaker, body), the FTS column order.
BM25_WEIGHTS = (10.0, 5.0, 2.0, 1.0)
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
#: Ranking reads chat_id and published of every matched row before the LIMIT; the narrow
#: covering index (migration v5) answers that without loading the rows' text. SQLite would pick
#: the rowid lookup on its own, hence INDEXED BY. Only the page's rows are read, after ranking.
_FROM_TEXT_MATCH_RANKED = (
    "FROM articles_fts CROSS JOIN articles AS a INDEXED BY articles_search_filter "
    "ON a.id = articles_fts.rowid WHERE articles_fts MATCH :match"
)
_FROM_ALL = "FROM articles AS a WHERE 1"


class ArticleSearch:
    """Search methods of :class:`storage.Library`."""

    _db: Database
    _public: PublicSources

    def search(
        self, viewer_chat_id: int | None, query: str, *, offset: int = 0, limit: int = 5
    ) -> SearchPage:
        """One page of articles matching the query language ``query``, best first.

        Ranking is bm25 (headline > lead quote > speaker > body), newest publication first on
        ties. A query with filters but no words lists matches newest first with a plain
        excerpt. An empty query (nothing to match, no filter) gives an empty page.
        ``viewer_chat_id=None`` searches every collection (owners, the CLI without ``--chat``).
        """
        parsed = parse_query(query)
        offset, limit = max(int(offset), 0), max(int(limit), 0)
        if parsed.is_empty or limit == 0:
            return SearchPage(hits=[], offset=offset, has_more=False)
        chat_column = "a.chat_id" if parsed.match is None else _UNINDEXED_CHAT
        where, params = _conditions(parsed, viewer_chat_id, self._public, chat_column=chat_column)
        params.update(limit=limit + 1, offset=offset)
        if parsed.match is None:
            sql = (
                f"SELECT {_COLUMNS}, substr(coalesce(nullif(a.lead, ''), a.body), 1, "
                f"{EXCERPT_CHARS}), 0.0 {_FROM_ALL}{where} "
                "ORDER BY a.published DESC, a.id DESC LIMIT :limit OFFSET :offset"
            )
        else:
            weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
            # Rank on the covering index alone, then read rows and snippets for the page only.
            sql = (
                "WITH page AS MATERIALIZED ("
                f"SELECT a.id AS id, a.published AS published, "
                f"bm25(articles_fts, {weights}) AS score {_FROM_TEXT_MATCH_RANKED}{where} "
                "ORDER BY score, a.published DESC, a.id DESC LIMIT :limit OFFSET :offset) "
                f"SELECT {_COLUMNS}, "
                f"snippet(articles_fts, -1, :mark_start, :mark_end, '…', {SNIPPET_TOKENS}), "
                "page.score FROM page "
                "CROSS JOIN articles_fts ON articles_fts.rowid = page.id "
                "CROSS JOIN articles AS a ON a.id = page.id WHERE articles_fts MATCH :match "
                "ORDER BY page.score, page.published DESC, page.id DESC"
            )
            params.update(mark_start=SNIPPET_START, mark_end=SNIPPET_END)
        rows = self._db.execute(sql, params).fetchall()
        hits = [
            SearchHit(article=row_to_article(row), snippet=row[-2], rank=float(row[-1]))
            for row in rows[:limit]
        ]
        return SearchPage(hits=hits, offset=offset, has_more=len(rows) > limit)

    def since(
        self, viewer_chat_id: int, cursor: int, *, query: str = "", limit: int | None = None
    ) -> list[Article]:
        """Articles with id > ``cursor`` that the chat sees, matching ``query`` if given.

        Newest first: the digest's order.

        A query that parses as empty (blank, or only exclusions) filters nothing.
        """
        parsed = parse_query(query)
        where, params = _conditions(parsed, viewer_chat_id, self._public)
        params.update(cursor=int(cursor), limit=-1 if limit is None else max(int(limit), 0))
        source = _FROM_ALL if parsed.match is None else _FROM_TEXT_MATCH
        # FTS5 serves rowid ranges itself, so a digest does not scan the whole match set.
        rowid = "a.id" if parsed.match is None else "articles_fts.rowid"
        rows = self._db.execute(
            f"SELECT {_COLUMNS} {source}{where} AND {rowid} > :cursor "
            "ORDER BY a.id DESC LIMIT :limit",
            params,
        ).fetchall()
        return [row_to_article(row) for row in rows]


def _conditions(
    parsed: ParsedQuery,
    viewer_chat_id: int | None,
    public: PublicSources,
    *,
    chat_column: str = "a.chat_id",
) -> tuple[str, dict[str, object]]:
    """SQL appended to a WHERE (each part starts with `` AND``) and its named parameters.

    ``chat_column`` is how the visibility test names the article's chat id.
    """
    parts: list[str] = []
    params: dict[str, object] = {}
    if parsed.match is not None:
        params["match"] = parsed.match
    if viewer_chat_id is not None:
        parts.append(visible_to_viewer(chat_column))
        params.update(public.params(viewer_chat_id))
    if parsed.since is not None:
        parts.append("a.published >= :since")
        params["since"] = parsed.since.isoformat()
    if parsed.until is not None and parsed.until < dt.date.max:
        # Published values are dates or datetimes as ISO text: "< next day" keeps the whole day.
        parts.append("a.published < :until_next_day")
        params["until_next_day"] = (parsed.until + dt.timedelta(days=1)).isoformat()
    if parsed.from_chats:
        ids = [int(chat) for chat in parsed.from_chats if not chat.startswith("@")]
        names = [chat[1:] for chat in parsed.from_chats if chat.startswith("@")]
        parts.append(
            "a.chat_id IN (SELECT value FROM json_each(:from_ids) UNION SELECT chat_id FROM chats "
            "WHERE username IN (SELECT value FROM json_each(:from_names)))"
        )
        params.update(from_ids=json.dumps(ids), from_names=json.dumps(names))
    return "".join(f" AND {part}" for part in parts), params
