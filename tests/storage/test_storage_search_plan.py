"""Search's query shape: visibility is read from the narrow index, and stays right with many
follows (the shape the benchmarks in tests/benchmarks measure at a million articles)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import storage.newest_first
from storage import Library
from storage.migrations import schema_versions

#: FTS5 query plans: SQLite's.
pytestmark = pytest.mark.sqlite_only

VIEWER = 42


def test_the_search_index_is_a_migration_of_its_own(db_path: Path, library: Library) -> None:
    assert "v5_search_visibility_index" in schema_versions()
    conn = sqlite3.connect(db_path)
    columns = [row[2] for row in conn.execute("PRAGMA index_info(articles_search_filter)")]
    conn.close()
    assert columns == ["id", "chat_id", "published"]


def _plans(
    db_path: Path, library: Library, viewer: int | None, query: str
) -> list[tuple[str, str]]:
    """(SQL, query plan) of every statement one search runs."""
    statements: list[str] = []
    library._db.conn.set_trace_callback(statements.append)  # the SQL search really runs
    library.search(viewer, query)
    library._db.conn.set_trace_callback(None)
    conn = sqlite3.connect(db_path)
    try:
        return [
            (sql, " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")))
            for sql in statements
            if sql.startswith(("SELECT", "WITH"))
        ]
    finally:
        conn.close()


@pytest.mark.parametrize("viewer", [VIEWER, None])
def test_ranked_search_reads_visibility_from_the_covering_index(
    db_path: Path, library: Library, add, viewer: int | None
) -> None:
    add(VIEWER, "Harbour ferry returns", "The ferry sails again.")
    plans = _plans(db_path, library, viewer, "ferry")
    ranking = [plan for sql, plan in plans if "bm25(" in sql]
    assert ranking, plans
    for plan in ranking:
        assert "COVERING INDEX articles_search_filter (id=?)" in plan
        # one set test per matched row, not an index probe per visible chat
        assert "articles_search_filter (id=? AND chat_id=?)" not in plan
        assert "INTEGER PRIMARY KEY" not in plan  # no article text read while ranking
    (page,) = [plan for sql, plan in plans if "snippet(" in sql]
    assert "SEARCH a USING INTEGER PRIMARY KEY" in page
    # the page's rows: FTS5 entered by rowid for each id of the page, not scanned
    assert "VIRTUAL TABLE INDEX 0:=M" in page


def test_a_chat_following_many_collections_sees_exactly_them(library: Library, add) -> None:
    followed = [-2000 - k for k in range(300)]
    for chat in followed:
        library.follow(VIEWER, chat)
    seen = {add(chat, f"Harbour news {chat}", f"ferry report from {chat}") for chat in followed}
    unseen = add(-9999, "Harbour news elsewhere", "ferry report nobody follows")
    hits = library.search(VIEWER, "ferry", limit=400).hits
    assert {hit.article.id for hit in hits} == seen
    assert unseen not in {hit.article.id for hit in hits}
    assert len(library.search(VIEWER, "ferry", limit=5).hits) == 5


def test_the_newest_first_read_walks_fts5_downwards_and_stops_at_its_limit(
    db_path: Path, library: Library, add, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.newest_first, "FIRST_ROWS", 1)  # then rank the rest by range
    for n in range(12):
        add(VIEWER, f"Harbour ferry {n}", "The ferry sails again.")
    plans = _plans(db_path, library, VIEWER, "ferry")
    (newest,) = [plan for sql, plan in plans if "rowid DESC LIMIT" in sql]
    # FTS5 hands rows over highest id first: no sort of every match before the LIMIT
    assert "TEMP B-TREE" not in newest
    (ranged,) = [plan for sql, plan in plans if "BETWEEN" in sql and "bm25(" in sql]
    assert "VIRTUAL TABLE INDEX 0:M" in ranged and "><" in ranged  # MATCH over an id range
    for plan in (newest, ranged):
        assert "COVERING INDEX articles_search_filter (id=?)" in plan
        assert "COVERING INDEX articles_undated (id=?)" in plan  # undated: their arrival day
        assert "INTEGER PRIMARY KEY" not in plan


def test_a_prefix_query_without_its_own_index_reads_its_page_in_one_pass(
    db_path: Path, library: Library, add
) -> None:
    for n in range(3):
        add(VIEWER, f"Harbour ferry {n}", "The ferry sails again.")
    plans = _plans(db_path, library, VIEWER, "harbo*")  # 5 characters: no prefix index
    (page,) = [plan for sql, plan in plans if "snippet(" in sql]
    # one MATCH over the page's id range, not one (prefix expansion) per id
    assert "VIRTUAL TABLE INDEX 0:=M" not in page
    assert page.count("SCAN articles_fts") == 1
    # 3 or 4 characters read their own list (migration v11_fts_prefix): by id, like a word
    for indexed in ("har*", "harb*"):
        (page,) = [
            plan for sql, plan in _plans(db_path, library, VIEWER, indexed) if "snippet(" in sql
        ]
        assert "VIRTUAL TABLE INDEX 0:=M" in page
