"""What a search may show, estimated on the newest articles (storage.shares), and the id-set test
that replaces the per-match index read when that is little."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Library, NewArticle
from storage.shares import ID_SET_MAX_SHARE, SAMPLE_ARTICLES, ShownShares
from storage.visibility import visible_to_viewer

READER = 7
CHATS = [-4000 - k for k in range(40)]


@pytest.fixture
def spread(tmp_path: Path) -> Iterator[Library]:
    """800 ferry articles over 40 collections; READER follows the first."""
    with Library(tmp_path / "spread.db") as library:
        library.follow(READER, CHATS[0])
        library.add_articles(
            NewArticle(
                chat_id=CHATS[index % 40],
                headline=f"Ferry {index}",
                body="The ferry sails. " * (1 + index % 4),
                content_hash=hashlib.sha256(f"{index}".encode()).hexdigest(),
            )
            for index in range(800)
        )
        yield library


def _estimate(shares: ShownShares, library: Library, viewer: int) -> float:
    condition = visible_to_viewer("+a.chat_id")
    params = library._public.params(viewer)
    return shares.estimate(library._db.conn, viewer, condition, params).share


def test_shares_are_estimated_on_the_newest_articles_and_remembered(spread: Library) -> None:
    shares = ShownShares(ttl_s=60.0, capacity=1)
    share = _estimate(shares, spread, READER)
    assert SAMPLE_ARTICLES < 800 and share == pytest.approx(1 / 40, abs=0.01)
    spread.unfollow(READER, CHATS[0])
    assert _estimate(shares, spread, READER) == share  # remembered
    assert _estimate(shares, spread, 8) == 0.0  # evicts READER (capacity 1)
    assert _estimate(shares, spread, READER) == 0.0  # estimated again
    expired = ShownShares(ttl_s=0.0)
    for chat in CHATS[:3]:
        spread.follow(READER, chat)
    assert _estimate(expired, spread, READER) == pytest.approx(3 / 40, abs=0.01)


def _statements(library: Library, viewer: int | None, query: str) -> tuple[list[str], list[int]]:
    statements: list[str] = []
    library._db.conn.set_trace_callback(statements.append)
    try:
        hits = library.search(viewer, query, limit=500).hits
    finally:
        library._db.conn.set_trace_callback(None)
    return statements, [hit.article.chat_id for hit in hits]


@pytest.mark.parametrize("query", ["ferry", "ferry sort:new", "ferry sort:relevance", "ferr*"])
def test_a_chat_seeing_little_tests_matches_against_the_id_set(spread: Library, query: str) -> None:
    statements, chats = _statements(spread, READER, query)
    ranked = [sql for sql in statements if "articles_fts MATCH" in sql and "snippet(" not in sql]
    assert ranked and all("+articles_fts.rowid IN (SELECT c.id" in sql for sql in ranked)
    assert chats == [CHATS[0]] * 20  # exactly what it sees


def test_a_chat_seeing_much_reads_the_index_instead(spread: Library) -> None:
    for chat in CHATS[1:3]:
        spread.follow(READER, chat)
    statements, chats = _statements(spread, READER, "ferry")
    assert ID_SET_MAX_SHARE < 3 / 40
    assert not any("+articles_fts.rowid IN" in sql for sql in statements)
    assert sorted(chats) == sorted(CHATS[:3] * 20)


def test_from_uses_the_id_set_even_for_the_whole_library(spread: Library) -> None:
    statements, chats = _statements(spread, None, f"ferry from:{CHATS[5]}")
    assert any("+articles_fts.rowid IN (SELECT c.id" in sql for sql in statements)
    assert chats == [CHATS[5]] * 20


def test_a_stale_estimate_never_shows_what_the_chat_no_longer_sees(spread: Library) -> None:
    assert spread.search(READER, "ferry").hits  # "few" is now remembered
    for chat in CHATS[1:]:
        spread.follow(READER, chat)
    assert len(spread.search(READER, "ferry", limit=900).hits) == 800  # the set is live
    for chat in CHATS:
        spread.unfollow(READER, chat)
    assert spread.search(READER, "ferry").hits == []
