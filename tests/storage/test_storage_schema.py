"""Migrations: a fresh database, upgrades from every earlier version, and refusals."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage import AddResult, DatabaseOpenError, Library, NewArticle, SchemaTooNewError
from storage.migrations import MIGRATION_SET, migrations, schema_versions
from storage.schema import open_database

#: SQLite's migration history and pragmas (PostgreSQL's: test_storage_postgres_schema.py).
pytestmark = pytest.mark.sqlite_only

#: What each shipped migration creates or changes, as SQLite records it, frozen when it shipped.
SHIPPED_SCHEMA = Path(__file__).with_name("shipped_schema.sql")


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}


#: Migrations already shipped. Databases in the field were built by these steps in this order, so
#: the history may only grow at its end: renaming, reordering or removing a step breaks upgrades.
SHIPPED = [
    "v1_base_tables",
    "v2_search_and_indexes",
    "v3_saved_searches",
    "v4_digest_windows",
    "v5_search_visibility_index",
    "v6_update_inbox",
    "v7_feeds",
    "v8_news_days",
    "v9_chat_language",
    "v10_stories",
    "v11_fts_prefix",
    "v12_scale_claims",
]


def test_migration_history_only_grows_at_its_end() -> None:
    assert schema_versions()[: len(SHIPPED)] == SHIPPED


def _schema_objects(db: Database) -> dict[tuple[str, str], str]:
    """(type, name) -> SQL, whitespace runs collapsed, of every object in the schema but
    sqlite-utils' migration record and the shadow tables FTS5 makes for itself (their SQL is the
    SQLite version's, not ours)."""
    rows = db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
    ).fetchall()
    virtual = [name for _, name, _, sql in rows if sql.startswith("CREATE VIRTUAL TABLE")]
    shadows = {f"{v}_{part}" for v in virtual for part in ("data", "idx", "docsize", "config")}
    return {
        (kind, name): " ".join(sql.split())
        for kind, name, table, sql in rows
        if table != "_sqlite_migrations" and name not in shadows
    }


def shipped_schema_text() -> str:
    """What each shipped migration creates or changes (and drops), step by step, one statement
    a line."""
    db = Database(memory=True)
    later = schema_versions()[len(SHIPPED) :]
    before: dict[tuple[str, str], str] = {}
    sections = []
    for index, name in enumerate(SHIPPED):
        following = SHIPPED[index + 1] if index + 1 < len(SHIPPED) else (later or [None])[0]
        migrations.apply(db, stop_before=following)
        after = _schema_objects(db)
        lines = [f"-- {name}"]
        lines += [f"-- dropped {kind} {obj}" for kind, obj in sorted(before.keys() - after.keys())]
        lines += [f"{sql};" for key, sql in sorted(after.items()) if before.get(key) != sql]
        sections.append("\n".join(lines))
        before = after
    return "\n\n".join(sections) + "\n"


def test_shipped_migrations_still_build_the_schema_they_shipped_with() -> None:
    # The names alone would not notice a shipped step's SQL changing (say, through a constant it
    # used): databases in the field were built by the SQL as it shipped. Change the schema with
    # a new migration instead. Only when a new step ships, add it to SHIPPED and append its
    # section, which this test's failure shows, to shipped_schema.sql.
    assert shipped_schema_text() == SHIPPED_SCHEMA.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_migrations_read_nothing_but_their_database(name: str) -> None:
    """A shipped step spells its SQL out: a module constant it read could be edited later and
    silently rewrite history."""
    (step,) = [m for m in migrations.pending(Database(memory=True)) if m.name == name]
    (function,) = ast.parse(inspect.getsource(step.fn)).body
    assert isinstance(function, ast.FunctionDef)
    read = {
        node.id
        for statement in function.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }
    assert read == {"db"}, f"{name} reads {sorted(read - {'db'})}"


def test_fresh_database_has_every_table_index_and_trigger(db_path: Path) -> None:
    Library(db_path).close()
    names = _tables(db_path)
    expected = {"articles", "articles_fts", "chats", "follows", "subscriptions", "deliveries"}
    assert expected <= names
    assert {"articles_chat_id", "subscriptions_due", "chats_username"} <= names
    assert {"articles_fts_insert", "articles_fts_update", "articles_fts_delete"} <= names


def test_fts_uses_external_content_and_the_stemming_tokenizer(db_path: Path) -> None:
    Library(db_path).close()
    with sqlite3.connect(db_path) as conn:
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
        ).fetchone()
    assert "content='articles'" in sql
    assert "porter unicode61 remove_diacritics 2" in sql


def test_connection_pragmas(library: Library) -> None:
    db = library._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_reopening_applies_nothing_twice(db_path: Path, make_article) -> None:
    with Library(db_path) as lib:
        lib.add_article(make_article(headline="Kept across restarts"))
    with Library(db_path) as lib:
        assert lib.search(None, "restarts").hits[0].article.headline == "Kept across restarts"
    with sqlite3.connect(db_path) as conn:
        applied = [n for (n,) in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == schema_versions()


@pytest.mark.parametrize("version", schema_versions())
def test_upgrade_from_each_earlier_version_keeps_data(db_path: Path, version: str) -> None:
    """Create the database as it was before ``version``, fill it, then open it normally."""
    db = open_database(db_path, stop_before=version)
    if db["articles"].exists():
        db["articles"].insert(
            {
                "chat_id": -1001,
                "content_hash": "old",
                "headline": "Harbour reopens after storm",
                "body": "Fishermen returned on Monday.",
                "published": "2018-07-12",
                "ingested_at": "2018-07-12T10:00:00.000000+00:00",
            }
        )
        db["chats"].insert({"chat_id": -1001, "type": "channel", "username": "harbour_news"})
    db.close()

    with Library(db_path, public_sources=["@harbour_news"]) as lib:
        if version == schema_versions()[0]:
            assert list(lib.iter_articles()) == []
            return
        old = lib.get_article(1, viewer_chat_id=None)
        assert old is not None and old.published == dt.date(2018, 7, 12)
        # The FTS index built during the upgrade covers rows that existed before it.
        assert [h.article.id for h in lib.search(-42, "fishermen").hits] == [1]
        again = NewArticle(chat_id=-1001, headline="x", body="y", content_hash="old")
        assert lib.add_article(again) == AddResult(article_id=1, duplicate=True)


def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    Library(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            (MIGRATION_SET, "v99_from_the_future", "2030-01-01"),
        )
    with pytest.raises(SchemaTooNewError, match="v99_from_the_future"):
        Library(db_path)


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are not the pages you are looking for " * 100)
    with pytest.raises(DatabaseOpenError, match="notes.db"):
        Library(bogus)
