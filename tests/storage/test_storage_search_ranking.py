"""The two plans of ``sort:relevance`` (storage.ranking) give the same pages, and best first gives
up rather than guess: ties at its edge, too few visible candidates, a stale share estimate."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Library, NewArticle
from storage.query import parse_query
from storage.ranking import MIN_CANDIDATES, ranked_page
from storage.search import _UNINDEXED_CHAT, _conditions

READER = 7
#: bm25 alone: the order storage.ranking's plans serve.
FERRY = "ferry sort:relevance"
FOLLOWED = [-3001, -3002, -3003]
UNFOLLOWED = -3999


def _article(chat_id: int, index: int, *, words: int, published: dt.date) -> NewArticle:
    body = " ".join(["ferry"] * words + ["harbour"] * (index % 7 + 1)) + f" note{index}."
    return NewArticle(
        chat_id=chat_id,
        headline=f"Report {index}",
        body=body,
        content_hash=hashlib.sha256(f"{chat_id}:{index}:{body}".encode()).hexdigest(),
        published=published,
    )


@pytest.fixture
def wide(tmp_path: Path) -> Iterator[Library]:
    """600 ferry articles in four collections; READER follows three of them (share ~0.75)."""
    with Library(tmp_path / "wide.db") as library:
        for chat in FOLLOWED:
            library.follow(READER, chat)
        chats = [*FOLLOWED, UNFOLLOWED]
        library.add_articles(
            _article(
                chats[index % 4],
                index,
                words=1 + index % 13,
                published=dt.date(2020, 1, 1) + dt.timedelta(days=index % 97),
            )
            for index in range(600)
        )
        yield library


def _statements(library: Library, call) -> list[str]:
    statements: list[str] = []
    library._db.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        library._db.conn.set_trace_callback(None)
    return statements


def _filtered_scan_ids(library: Library, viewer: int | None, query: str) -> list[int]:
    """Every visible match in rank order, by the filtered scan alone (the reference)."""
    parsed = parse_query(query)
    where, params = _conditions(parsed, viewer, library._public, chat_column=_UNINDEXED_CHAT)
    rows = ranked_page(library._db.conn, where, params, offset=0, limit=10_000, share=None)
    return [article_id for article_id, _ in rows]


@pytest.mark.parametrize("viewer", [READER, None])
def test_best_first_pages_equal_the_filtered_scan(wide: Library, viewer: int | None) -> None:
    expected = _filtered_scan_ids(wide, viewer, "ferry")
    pages = []
    statements = _statements(
        wide,
        lambda: pages.extend(wide.search(viewer, FERRY, offset=o, limit=5) for o in (0, 5, 40)),
    )
    assert any("best AS MATERIALIZED" in sql for sql in statements)  # the plan really ran
    for page in pages:
        ids = [hit.article.id for hit in page.hits]
        assert ids == expected[page.offset : page.offset + 5]
        assert page.has_more
    if viewer == READER:
        unseen = {a.id for a in wide.iter_articles(UNFOLLOWED)}
        assert len(expected) == 450 and not unseen & set(expected)


def test_a_narrow_viewer_takes_the_filtered_scan(wide: Library) -> None:
    lone = 8
    wide.follow(lone, UNFOLLOWED)
    statements = _statements(wide, lambda: wide.search(lone, FERRY))
    assert not any("best AS MATERIALIZED" in sql for sql in statements)
    hits = wide.search(lone, FERRY, limit=200).hits
    assert {hit.article.chat_id for hit in hits} == {UNFOLLOWED}
    assert len(hits) == 150


def test_ties_at_the_edge_of_the_candidates_fall_back_to_the_exact_order(
    tmp_path: Path,
) -> None:
    """Equal bm25 scores rank newest first even when the newest are not among the candidates."""
    with Library(tmp_path / "ties.db") as library:
        count = 4 * MIN_CANDIDATES
        days = [dt.date(2021, 1, 1) + dt.timedelta(days=d) for d in range(count)]
        library.add_articles(
            NewArticle(
                chat_id=-5000,
                headline="Same storm",
                body="The storm came.",
                content_hash=f"tie-{day.isoformat()}",
                published=day,
            )
            for day in days
        )
        storm = "storm sort:relevance"
        statements = _statements(library, lambda: library.search(None, storm, limit=5))
        page = library.search(None, storm, limit=5)
    assert [hit.article.published for hit in page.hits] == sorted(days, reverse=True)[:5]
    assert any("best AS MATERIALIZED" in sql for sql in statements)
    assert any("OFFSET" in sql and "bm25(" in sql for sql in statements)  # fell back


def test_a_stale_share_estimate_never_shows_what_the_chat_no_longer_sees(wide: Library) -> None:
    assert wide.search(READER, FERRY).hits  # the share (~0.75) is now remembered
    for chat in FOLLOWED:
        wide.unfollow(READER, chat)
    assert wide.search(READER, FERRY, limit=50).hits == []
    wide.follow(READER, FOLLOWED[0])
    hits = wide.search(READER, FERRY, limit=200).hits
    assert {hit.article.chat_id for hit in hits} == {FOLLOWED[0]}
    assert len(hits) == 150
