"""What is PostgreSQL's own: its migration history, the SQL translation, the tsquery compiler,
the bulk insert through ``COPY`` and the search index a bulk load drops.

The storage contract itself runs on PostgreSQL through the ``library`` fixture of every other
storage test; these tests cover what has no SQLite counterpart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import Library, NewArticle, SchemaTooNewError, parse_query
from storage.postgres import PostgresLibrary
from storage.postgres.connection import IntegrityViolation, PostgresDatabase
from storage.postgres.schema import (
    drop_search_index,
    ensure_search_index,
    migrate,
    postgres_schema_versions,
)
from storage.postgres.sql import to_postgres
from storage.postgres.tsquery import compile_tsquery


@pytest.mark.parametrize(
    ("sqlite", "postgres"),
    [
        ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
        ("WHERE a = :id AND b::text = :b_2", "WHERE a = %(id)s AND b::text = %(b_2)s"),
        ("SELECT '50% :x ?' || :y", "SELECT '50%% :x ?' || %(y)s"),
        ('SELECT "col:x" FROM t', 'SELECT "col:x" FROM t'),
        ("SELECT 'it''s :x' , :z", "SELECT 'it''s :x' , %(z)s"),
        (
            "chat_id IN (SELECT value FROM json_each(:public_ids))",
            "chat_id IN (SELECT value::bigint FROM json_array_elements_text("
            "CAST(%(public_ids)s AS json)) AS value)",
        ),
        (
            "username IN (SELECT value FROM json_each(:from_names))",
            "username IN (SELECT value FROM json_array_elements_text("
            "CAST(%(from_names)s AS json)) AS value)",
        ),
    ],
)
def test_sqlite_parameters_become_psycopg_ones(sqlite: str, postgres: str) -> None:
    assert to_postgres(sqlite) == postgres


def test_migrations_are_recorded_and_applied_once(postgres_url: Callable[[], str]) -> None:
    url = postgres_url()
    for _ in range(2):
        with Library(url) as library:
            assert isinstance(library, PostgresLibrary)
            names = [
                name
                for (name,) in library._db.execute(
                    "SELECT name FROM digest_bot_migrations ORDER BY name"
                )
            ]
            assert names == postgres_schema_versions()


def test_a_database_from_a_newer_digest_bot_is_refused(postgres_url: Callable[[], str]) -> None:
    url = postgres_url()
    with Library(url) as library:
        library._db.execute(
            "INSERT INTO digest_bot_migrations (name, applied_at) VALUES ('pg99_future', 'x')"
        )
    with pytest.raises(SchemaTooNewError, match="pg99_future"):
        Library(url)


def _search_index(library: Library) -> str | None:
    (definition,) = library._db.execute(
        "SELECT pg_get_indexdef(to_regclass('articles_search'))"
    ).fetchone()
    return definition  # type: ignore[no-any-return]


def test_a_dropped_search_index_is_built_again_when_the_library_is_opened(
    postgres_url: Callable[[], str],
) -> None:
    url = postgres_url()
    with Library(url) as library:
        created = _search_index(library)
        assert created is not None and "gin (search_vector)" in created
        stored = library.add_article(
            NewArticle(-1, "Ferry strike", "Crews stay home.", content_hash="f")
        )
        assert isinstance(library._db, PostgresDatabase)
        drop_search_index(library._db)
        assert _search_index(library) is None
    with Library(url) as reopened:
        assert _search_index(reopened) == created
        assert [hit.article.id for hit in reopened.search(None, "crews").hits] == [
            stored.article_id
        ]
        assert isinstance(reopened._db, PostgresDatabase)
        ensure_search_index(reopened._db)  # nothing to do: still the one index
        assert _search_index(reopened) == created


def test_insert_missing_streams_rows_and_skips_those_already_there(
    postgres_url: Callable[[], str],
) -> None:
    columns = ("chat_id", "type", "title", "username")
    rows = [(-1, "channel", 'Wire, "daily"\ttab \\N', "Wire"), (-2, "group", None, None)]
    with Library(postgres_url()) as library:
        db = library._db
        assert isinstance(db, PostgresDatabase)
        assert db.insert_missing("chats", columns, rows) == 2
        assert db.insert_missing("chats", columns, [*rows, (-3, "private", "ü\nß", None)]) == 1
        stored = db.execute(
            "SELECT chat_id, type, title, username FROM chats ORDER BY chat_id DESC"
        )
        assert stored.fetchall() == [*rows, (-3, "private", "ü\nß", None)]
        with pytest.raises(IntegrityViolation, match="NOT NULL constraint failed"):
            db.insert_missing("chats", columns, [(-4, None, None, None)])
        assert db.insert_missing("chats", columns, []) == 0  # each call dropped its staging table


def test_a_long_body_is_indexed_and_stored_whole(library: Library) -> None:
    body = "Opening words. " + "filler " * 200_000 + "closing"
    stored = library.add_article(NewArticle(-1, "Long read", body, content_hash="long"))
    assert library.get_article(stored.article_id, viewer_chat_id=None).body == body  # type: ignore[union-attr]
    assert [hit.article.id for hit in library.search(None, "opening").hits] == [stored.article_id]


_nasty = st.sampled_from(
    ['"', "*", "NEAR(", "AND", "OR", "NOT", "^", ":", "-", "(", ")", "'", "\\", "!", "&", "|",
     "<->", ":*", "since:", "from:@", "%s", "%(x)s", "::"]
)  # fmt: skip
_any_char = st.characters(exclude_categories=("Cs",))
_query_text = st.lists(st.one_of(_nasty, st.text(_any_char, max_size=12)), max_size=40).map(
    " ".join
)


@pytest.fixture
def postgres_library(postgres_url: Callable[[], str]) -> Iterator[Library]:
    """A PostgreSQL library holding a few articles (hypothesis runs every example on it)."""
    with Library(postgres_url()) as library:
        for headline, body in [
            ("Putin and Trump meet", "running summit in Helsinki"),
            ('C++ "AND" NEAR', "ü ß ^ : it's"),
        ]:
            library.add_article(NewArticle(-1, headline, body, content_hash=headline))
        yield library


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.text(_any_char), _query_text))
def test_any_text_compiles_to_a_valid_tsquery(postgres_library: Library, text: str) -> None:
    parsed = parse_query(text)
    compiled = compile_tsquery(parsed)
    assert (compiled is None) == (parsed.match is None)
    postgres_library.search(None, text)  # raises if the tsquery were not valid


def test_an_upgrade_to_stories_puts_every_stored_article_in_a_story_of_its_own(
    postgres_url: Callable[[], str],
) -> None:
    url = postgres_url()
    with Library(url) as library:  # the template is migrated: take pg2_stories back out
        library._db.execute(
            "DROP TABLE story_keys, story_core, stories; ALTER TABLE articles DROP story_id; "
            "DELETE FROM digest_bot_migrations WHERE name = 'pg2_stories'"
        )
        db = library._db
        assert isinstance(db, PostgresDatabase)
        migrate(db, stop_before="pg2_stories")
        for n, published in enumerate(["2024-03-05T09:00:00+00:00", "2024-03-05", None]):
            db.execute(
                "INSERT INTO articles (chat_id, content_hash, headline, body, published, "
                "ingested_at) VALUES (-1, ?, 'Quake', 'x', ?, '2024-03-06T10:00:00.000000+00:00')",
                (str(n), published),
            )
    with Library(url) as upgraded:
        ids = [a.id for a in upgraded.iter_articles()]
        assert [upgraded.get_article(i, viewer_chat_id=None).story_id for i in ids] == ids  # type: ignore[union-attr]
        firsts = [s.first_at.isoformat() for s in upgraded.stories(chat_id=None, since=None)]
        assert firsts == [
            "2024-03-05T00:00:00+00:00",
            "2024-03-05T09:00:00+00:00",
            "2024-03-06T10:00:00+00:00",
        ]
        added = upgraded.add_article(NewArticle(-1, "Later", "y", content_hash="later"))
        assert upgraded.get_article(added.article_id, viewer_chat_id=None).story_id > max(ids)  # type: ignore[union-attr,operator]
