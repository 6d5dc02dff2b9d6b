"""The newest-first plan (storage.newest_first) returns exactly the pages of a brute-force ranking
of every match, on random libraries and queries; and it really stops early."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storage.newest_first
from storage import Chat, Library, NewArticle, parse_query
from storage.ranking import BM25_SQL
from storage.recency import (
    BLOCK_BITS,
    SATURATED_BM25_SQL,
    news_day,
    recency,
    relevance_bound,
    saturated_bound,
)
from storage.rows import published_to_text
from storage.search import _UNINDEXED_CHAT, _conditions

#: FTS5 and news-day-block internals: SQLite's.
pytestmark = pytest.mark.sqlite_only

TODAY = dt.date(2026, 6, 15)
#: Early words are common, late ones rare (drawn with falling weights), so idf varies.
WORDS = ("storm", "harbour", "ferry", "council", "flood", "vote", "bridge", "mayor", "strike",
         "river")  # fmt: skip
#: Half the articles are in the first collection, the rest spread thin: following one of the
#: others (or naming it with from:) shows little, which takes the id-set test (storage.shares).
CHATS = tuple(-1001 - k for k in range(30))
VIEWER = 77


@dataclass(frozen=True)
class Stored:
    """An article to store at a chosen id (gaps spread a small library over many id blocks)."""

    id: int
    chat_id: int
    headline: str
    body: str
    lead_quote: str | None
    published: dt.date | dt.datetime | None
    ingested_at: dt.datetime


def _word() -> st.SearchStrategy[str]:
    """A word of :data:`WORDS`, the first ones more often (word k with weight 2(n - k) - 1)."""
    return st.integers(0, len(WORDS) ** 2 - 1).map(lambda n: WORDS[-1 - math.isqrt(n)])


def _phrase(draw: st.DrawFn, low: int, high: int) -> str:
    return " ".join(draw(st.lists(_word(), min_size=low, max_size=high)))


@st.composite
def libraries(draw: st.DrawFn) -> list[Stored]:
    """Up to 40 articles; most published shortly before they arrived (ids follow arrival), some
    from an archive, some undated, some dated ahead."""
    count = draw(st.integers(1, 40))
    gaps = draw(st.lists(st.integers(1, 3000), min_size=count, max_size=count))
    stored, article_id = [], 0
    for gap in gaps:
        article_id += gap
        arrived = dt.datetime(2016, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=article_id // 2)
        shortly_before = st.dates(arrived.date() - dt.timedelta(days=90), arrived.date())
        published = draw(
            st.one_of(
                shortly_before,
                shortly_before,
                st.none(),
                st.dates(TODAY - dt.timedelta(days=4000), TODAY + dt.timedelta(days=40)),
                st.datetimes(
                    dt.datetime(2015, 1, 1), dt.datetime(2026, 7, 1), timezones=st.just(dt.UTC)
                ),
            )
        )
        stored.append(
            Stored(
                id=article_id,
                chat_id=draw(st.just(CHATS[0]) | st.sampled_from(CHATS)),
                headline=_phrase(draw, 1, 3),
                body=_phrase(draw, 0, 8),
                lead_quote=draw(st.none() | _word()),
                published=published,
                ingested_at=arrived,
            )
        )
    return stored


@st.composite
def queries(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(WORDS))]
    for _ in range(draw(st.integers(0, 2))):
        parts.append(
            draw(
                st.one_of(
                    st.sampled_from(WORDS),
                    # word starts the index keeps lists for (3, 4 characters) and others
                    st.tuples(st.sampled_from(WORDS), st.integers(2, 6)).map(
                        lambda pair: pair[0][: pair[1]] + "*"
                    ),
                    st.sampled_from(WORDS).map(lambda w: "-" + w),
                    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(" OR ".join),
                    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(
                        lambda pair: '"' + " ".join(pair) + '"'
                    ),
                    st.dates(dt.date(2015, 1, 1), TODAY).map(lambda d: f"since:{d}"),
                    st.dates(dt.date(2015, 1, 1), TODAY).map(lambda d: f"until:{d}"),
                    st.sampled_from(CHATS[:6]).map(lambda c: f"from:{c}"),
                )
            )
        )
    parts.append(draw(st.sampled_from(["", "sort:new", "sort:new", ""])))
    return " ".join(draw(st.permutations(parts)))


def _store(library: Library, articles: list[Stored]) -> None:
    conn = library._db.conn
    with conn:
        for a in articles:
            conn.execute(
                "INSERT INTO articles (id, chat_id, content_hash, headline, body, lead_quote, "
                "published, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, a.chat_id, f"hash-{a.id}", a.headline, a.body, a.lead_quote,
                 published_to_text(a.published), a.ingested_at.isoformat(timespec="microseconds")),
            )  # fmt: skip


def brute_force(library: Library, viewer: int | None, query: str) -> list[tuple[int, float]]:
    """Every visible match, ranked in Python by the documented blend (or news day)."""
    parsed = parse_query(query)
    where, params = _conditions(parsed, viewer, library._public, chat_column=_UNINDEXED_CHAT)
    rows = library._db.execute(
        f"SELECT a.id, {BM25_SQL} FROM articles_fts CROSS JOIN articles AS a "
        f"ON a.id = articles_fts.rowid WHERE articles_fts MATCH :match {where}",
        params,
    ).fetchall()
    articles = {article.id: article for article in library.iter_articles()}
    day = {i: news_day(articles[i].published, articles[i].ingested_at) for i, _ in rows}
    if parsed.sort == "new":
        return sorted(((i, 0.0) for i, _ in rows), key=lambda row: (-day[row[0]], -row[0]))
    scored = [(i, bm25 * recency(TODAY.toordinal(), day[i])) for i, bm25 in rows]
    return sorted(scored, key=lambda row: (row[1], -row[0]))


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    articles=libraries(),
    query=queries(),
    viewer=st.sampled_from([None, VIEWER]),
    follows=st.sets(st.sampled_from(CHATS[:6]), max_size=3),
    offset=st.sampled_from([0, 0, 2, 7]),
    limit=st.sampled_from([1, 3, 5]),
    first_rows=st.sampled_from([1, 2, 4, 256]),
)
def test_pages_equal_a_brute_force_ranking_of_every_match(
    monkeypatch: pytest.MonkeyPatch,
    articles: list[Stored],
    query: str,
    viewer: int | None,
    follows: set[int],
    offset: int,
    limit: int,
    first_rows: int,
) -> None:
    # Few rows read before the first bound, so that small libraries take every path.
    monkeypatch.setattr(storage.newest_first, "FIRST_ROWS", first_rows)
    with tempfile.TemporaryDirectory() as folder, Library(Path(folder) / "l.db") as library:
        for chat in CHATS:
            library.upsert_chat(Chat(chat, "channel", username=f"desk{-chat}"))
        for chat in follows:
            library.follow(VIEWER, chat)
        _store(library, articles)
        expected = brute_force(library, viewer, query)
        page = library.search(viewer, query, offset=offset, limit=limit, today=TODAY)
        assert [(hit.article.id, hit.rank) for hit in page.hits] == expected[
            offset : offset + limit
        ]
        assert page.has_more == (len(expected) > offset + limit)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles=libraries(), query=queries())
def test_the_relevance_bound_is_above_every_score_and_bm25_uses_whole_table_counts(
    articles: list[Stored], query: str
) -> None:
    parsed = parse_query(query)
    with tempfile.TemporaryDirectory() as folder, Library(Path(folder) / "l.db") as library:
        _store(library, articles)
        conn = library._db.conn
        sql = f"SELECT rowid, {BM25_SQL} FROM articles_fts WHERE articles_fts MATCH ?"
        scores = conn.execute(sql, (parsed.match,)).fetchall()
        bound = relevance_bound(conn, parsed.clauses)
        assert all(-score < bound for _, score in scores)
        if scores and all(len(clause) == 1 for clause in parsed.clauses):
            # without OR every match holds every phrase: its saturated score gives the bound
            saturated = conn.execute(
                f"SELECT {SATURATED_BM25_SQL} FROM articles_fts WHERE articles_fts MATCH ?",
                (parsed.match,),
            ).fetchall()
            lowest = min(saturated_bound(value) for (value,) in saturated)
            assert all(-score < lowest for _, score in scores)
        for article_id, score in scores:
            # restricted to a rowid range, a MATCH still scores with whole-table statistics
            (alone,) = conn.execute(
                f"{sql} AND rowid BETWEEN ? AND ?", (parsed.match, article_id, article_id)
            ).fetchall()
            assert alone == (article_id, score)


def _blocks(conn: sqlite3.Connection) -> dict[int, int]:
    return dict(conn.execute("SELECT block, newest_day FROM news_day_blocks").fetchall())


def test_news_day_blocks_hold_the_newest_day_of_every_block(library: Library) -> None:
    arrived = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    articles = [
        Stored(5, CHATS[0], "a", "", None, dt.date(2020, 1, 1), arrived),
        Stored(900, CHATS[0], "b", "", None, None, arrived),  # undated: arrived on 2026-03-01
        Stored(1500, CHATS[0], "c", "", None, dt.date(2019, 5, 5), arrived),
        Stored(1600, CHATS[0], "d", "", None,
               dt.datetime(2021, 2, 3, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
               arrived),  # 2021-02-04 in UTC
    ]  # fmt: skip
    _store(library, articles)
    assert _blocks(library._db.conn) == {
        0: dt.date(2026, 3, 1).toordinal(),
        1: dt.date(2021, 2, 4).toordinal(),
    }
    library.delete_article(900)  # a deletion keeps the block's bound
    assert _blocks(library._db.conn)[0] == dt.date(2026, 3, 1).toordinal()


def test_an_upgraded_library_gets_its_blocks_from_the_articles_it_holds(db_path: Path) -> None:
    from storage.schema import open_database

    db = open_database(db_path, stop_before="v8_news_days")
    for article_id, published in ((1, "2018-07-12"), (3000, None), (3001, "2024-01-31T10:00:00")):
        db["articles"].insert(
            {"id": article_id, "chat_id": -1001, "content_hash": f"h{article_id}",
             "headline": "Harbour reopens", "body": "Fishermen returned.",
             "published": published, "ingested_at": "2025-05-05T10:00:00.000000+00:00"}
        )  # fmt: skip
    db.close()
    with Library(db_path) as library:
        assert _blocks(library._db.conn) == {
            0: dt.date(2018, 7, 12).toordinal(),
            2: dt.date(2025, 5, 5).toordinal(),
        }
        hits = library.search(None, "harbour", today=TODAY).hits
        assert [hit.article.id for hit in hits] == [3000, 3001, 1]


def test_a_common_word_on_a_large_library_ranks_only_the_newest_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten years of daily news, every fifth about the harbour: the page comes from the last
    months, and the plan ranks no more of the library than the bound requires."""
    monkeypatch.setattr(storage.newest_first, "FIRST_ROWS", 16)
    days = 3650
    assert days >> BLOCK_BITS >= 3
    with Library(tmp_path / "big.db") as library:
        library.add_articles(
            NewArticle(
                chat_id=CHATS[0],
                headline="Harbour report" if n % 5 == 0 else "Council report",
                body=f"The {'harbour' if n % 5 == 0 else 'council'} on day {n}.",
                content_hash=f"day-{n}",
                published=TODAY - dt.timedelta(days=days - n),
            )
            for n in range(days)
        )
        statements: list[str] = []
        library._db.conn.set_trace_callback(statements.append)
        page = library.search(None, "harbour", limit=5, today=TODAY)
        library._db.conn.set_trace_callback(None)
        expected = brute_force(library, None, "harbour")[:5]
    assert [(hit.article.id, hit.rank) for hit in page.hits] == expected
    (newest, *ranges) = [sql for sql in statements if "bm25(" in sql]
    assert "ORDER BY articles_fts.rowid DESC LIMIT 16" in newest
    assert len(ranges) == 1  # one more statement once the page's bound is known
    low = int(ranges[0].split("BETWEEN ")[1].split()[0])
    assert 0 < days - low < days / 4  # the rest of the library is never ranked


def test_the_prefix_index_built_on_upgrade_answers_as_the_word_lists_did(db_path: Path) -> None:
    """v11_fts_prefix rebuilds the FTS table with lists of 3- and 4-character word starts: on a
    library filled before it, prefix queries of every length match the same rows with the same
    scores (and the plans built on them are held to brute force above)."""
    from storage.schema import open_database

    db = open_database(db_path, stop_before="v11_fts_prefix")
    for n in range(60):
        db["articles"].insert(
            {"id": 1 + 700 * n, "chat_id": CHATS[0], "content_hash": f"h{n}",
             "headline": f"{WORDS[n % 10]} {WORDS[n * 7 % 10]}",
             "body": " ".join(WORDS[(n + k) % 10] for k in range(n % 5)),
             "published": (TODAY - dt.timedelta(days=40 * n)).isoformat(),
             "ingested_at": "2026-06-01T10:00:00.000000+00:00"}
        )  # fmt: skip
    queries = [f"{word[:length]}*" for word in WORDS for length in (2, 3, 4, 5)]
    queries += ["harb* -stor*", "brid* OR coun*", '"harb* ferr*"']
    sql = f"SELECT rowid, {BM25_SQL} FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid"
    matches = [parse_query(query).match for query in queries]
    before = [db.execute(sql, (match,)).fetchall() for match in matches]
    db.close()
    with Library(db_path) as library:
        conn = library._db.conn
        (declared,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
        ).fetchone()
        assert "prefix='3 4'" in declared
        assert [conn.execute(sql, (match,)).fetchall() for match in matches] == before
    assert all(before[:8]) and sum(map(len, before)) > 200
