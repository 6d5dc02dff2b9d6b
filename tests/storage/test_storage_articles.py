"""Articles: de-duplication, round trips, deletion, latest/since, export, FTS kept in step."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import AddResult, Library, NewArticle
from storage.postgres import PostgresLibrary

A, B = -1001, -1002


def _fts_integrity_ok(library: Library) -> None:
    """Raises sqlite3.DatabaseError if the index and the articles table disagree (on
    PostgreSQL: fails if a search vector is not the one of its row's text)."""
    if isinstance(library, PostgresLibrary):
        (stale,) = library._db.execute(
            "SELECT count(*) FROM articles WHERE search_vector <> "
            "digest_bot_search_vector(lang, headline, lead_quote, quote_speaker, body)"
        ).fetchone()
        assert stale == 0
        return
    library._db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    library._db.execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_same_article_twice_in_one_collection_is_stored_once(library, make_article) -> None:
    first = library.add_article(make_article(A, content_hash="h"))
    second = library.add_article(make_article(A, headline="Other words", content_hash="h"))
    assert first == AddResult(article_id=first.article_id, duplicate=False)
    assert second == AddResult(article_id=first.article_id, duplicate=True)
    assert library.stats().articles == 1


def test_same_article_in_two_collections_is_stored_twice(library, make_article) -> None:
    ids = {library.add_article(make_article(chat, content_hash="h")).article_id for chat in (A, B)}
    assert len(ids) == 2


def test_batch_add_dedupes_within_the_batch_and_keeps_order(library, make_article) -> None:
    batch = [
        make_article(A, "One", "first"),
        make_article(A, "Two", "second"),
        make_article(A, "One", "first"),
    ]
    results = library.add_articles(batch)
    assert [r.duplicate for r in results] == [False, False, True]
    assert results[2].article_id == results[0].article_id
    assert [a.headline for a in library.iter_articles()] == ["One", "Two"]


def test_batch_add_is_all_or_nothing(library, make_article) -> None:
    broken = NewArticle(chat_id=A, headline=None, body="x", content_hash="bad")  # type: ignore[arg-type]
    with pytest.raises(Exception, match="NOT NULL"):
        library.add_articles([make_article(A, "Fine", "fine"), broken])
    assert list(library.iter_articles()) == []


def test_every_field_round_trips(library) -> None:
    published = dt.datetime(2018, 7, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    new = NewArticle(
        chat_id=A,
        headline="Heatwave grips the north",
        body="Temperatures rose.",
        content_hash="abc",
        published=published,
        date_source="header",
        lead_quote="We have never seen anything like it",
        quote_speaker="Anna Berg",
        lead="Temperatures rose.",
        lang="en",
        format="html",
        message_id=77,
        submitted_by=12345,
        source_url="https://example.org/heat",
        source_title="Example News",
    )
    stored = library.get_article(library.add_article(new).article_id, viewer_chat_id=None)
    assert stored is not None
    for field in NewArticle.__slots__:
        if field != "published":
            assert getattr(stored, field) == getattr(new, field), field
    assert stored.published == published
    assert stored.published.tzinfo is not None
    assert stored.ingested_at.tzinfo == dt.UTC
    assert abs(dt.datetime.now(dt.UTC) - stored.ingested_at) < dt.timedelta(minutes=1)


@pytest.mark.parametrize("published", [dt.date(2018, 7, 12), dt.datetime(2018, 7, 12, 8, 0), None])
def test_published_dates_and_naive_datetimes_round_trip(library, add, published) -> None:
    article_id = add(published=published)
    assert library.get_article(article_id, viewer_chat_id=None).published == published


def test_delete_removes_the_article_and_its_index_entry(library, add) -> None:
    article_id = add(A, "Volcano erupts", "Ash covers the village.")
    assert library.delete_article(article_id) is True
    assert library.delete_article(article_id) is False
    assert library.get_article(article_id, viewer_chat_id=None) is None
    assert library.search(None, "volcano").hits == []
    _fts_integrity_ok(library)


def test_index_follows_an_update_of_the_text(library, add) -> None:
    article_id = add(A, "Bridge closed", "Engineers found cracks.")
    library._db.execute(
        "UPDATE articles SET body = 'Divers found treasure.' WHERE id = ?", [article_id]
    )
    assert library.search(None, "cracks").hits == []
    assert [h.article.id for h in library.search(None, "treasure").hits] == [article_id]
    _fts_integrity_ok(library)


def test_latest_is_newest_first_and_limited(library, add) -> None:
    ids = [add(A, f"Story {n}", f"text {n}") for n in range(7)]
    assert [a.id for a in library.latest(A, limit=3)] == ids[:-4:-1]
    assert library.latest(B) == []


def test_iter_articles_pages_through_everything_or_one_collection(library, make_article) -> None:
    library.add_articles(make_article(A if n % 2 else B, f"S{n}", f"b{n}") for n in range(1203))
    assert sum(1 for _ in library.iter_articles()) == 1203
    own = list(library.iter_articles(A))
    assert len(own) == 601 and {a.chat_id for a in own} == {A}
    assert [a.id for a in own] == sorted(a.id for a in own)


def test_newest_id_before_finds_where_a_window_since_a_moment_starts(library, make_article) -> None:
    assert library.newest_id_before(dt.datetime.now(dt.UTC)) == 0
    old, older_too = (library.add_article(make_article(A, f"Old {n}")).article_id for n in (1, 2))
    library._db.execute(
        "UPDATE articles SET ingested_at = '2020-01-01T00:00:00.000000+00:00' WHERE id IN (?, ?)",
        (old, older_too),
    )
    recent = library.add_article(make_article(B, "Recent")).article_id
    since = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert library.newest_id_before(since) == older_too
    assert [a.id for a in library.since(B, library.newest_id_before(since), limit=10)] == [recent]
    if isinstance(library, PostgresLibrary):
        return  # the plan below is SQLite's
    plan = " ".join(
        str(row[3])
        for row in library._db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE ingested_at < ? "
            "ORDER BY id DESC LIMIT 1",
            ("x",),
        )
    )
    assert "TEMP B-TREE" not in plan  # walks back by id, stops at the first older article
