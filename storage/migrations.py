"""SQLite's schema, as the ordered history of its migrations.

Each migration is frozen SQL, spelled out in full: once released it never changes, a later change
is a new step, and it reads no constant that other code shares (editing one would silently rewrite
a shipped step; tests/storage/test_storage_schema.py holds each shipped step to the schema it
shipped with). The steps are recorded by :class:`sqlite_utils.migrations.Migrations` in
``_sqlite_migrations``, each applied inside a transaction together with its record, so an
interrupted upgrade leaves the database at the previous version. Opening a database, which
applies the pending steps, is :func:`storage.schema.open_database`.

History:

* ``v1_base_tables`` - articles, chats, follows, subscriptions, deliveries.
* ``v2_search_and_indexes`` - the FTS5 index over articles (external content, so the text is
  stored once, kept in step by triggers) and the indexes the read paths need.
* ``v3_saved_searches`` - searches saved for paging ("More" buttons carry only their id).
* ``v4_digest_windows`` - the fixed upper article id of each digest in delivery, so a digest
  resumed after a crash is re-rendered into the same parts.
* ``v5_search_visibility_index`` - a narrow (id, chat_id, published) index that search reads
  instead of the article rows when it filters FTS matches by visibility.
* ``v6_update_inbox`` - updates taken from Telegram and not yet handled, and the highest update
  id ever stored, so a killed bot replays what it had fetched and skips what Telegram re-sends.
* ``v7_feeds`` - the feeds each collection follows (polling state, lease, failures) and the
  identity keys of the feed items already seen, so an item is stored once.
* ``v8_news_days`` - what the news ranking needs to stop reading early (``storage.recency``):
  per block of 1,024 article ids the newest news day (publication day, else arrival day), kept
  by triggers, and a small index of the articles without a publication date.
* ``v9_chat_language`` - the language a chat's administrator (or a private chat's user) chose
  with ``/lang``, and the language Telegram reports for a private chat's user, so digests go out
  in the chat's language.
* ``v10_stories`` - every article's story (``articles.story_id``), the stories with their first
  article and core members, and the persisted candidate index (``story_keys``: MinHash band keys
  of each story's first article and the words of its core, for the stories whose first article
  lies within ``[stories] window_hours`` of the newest). Articles stored before it each become a
  story of their own; ``digest-bot stories --rebuild`` groups them (``storage.stories``).
* ``v11_fts_prefix`` - the FTS index rebuilt with a prefix index of 3- and 4-character word
  starts, so that ``word*`` reads one list instead of merging every word with that start on
  each MATCH (``storage.query``, :data:`storage.query.INDEXED_PREFIX_LENGTHS`).
* ``v12_scale_claims`` - what several bot processes on one database share: each process's
  heartbeat (``bot_processes``), which process handles each inbox update (``update_inbox.owner``)
  and each chat's due digests (``digest_claims``), the webhook update ids already received
  (``webhook_seen``), and the one send-pace row all processes draw Telegram's rate from.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "digest_bot"

migrations = Migrations(MIGRATION_SET)


@migrations(name="v1_base_tables")
def _v1_base_tables(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            message_id INTEGER,
            submitted_by INTEGER,
            source_url TEXT,
            source_title TEXT,
            content_hash TEXT NOT NULL,
            headline TEXT NOT NULL,
            published TEXT,
            date_source TEXT,
            lead_quote TEXT,
            quote_speaker TEXT,
            lead TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            lang TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL DEFAULT 'text',
            ingested_at TEXT NOT NULL,
            UNIQUE (chat_id, content_hash)
        );
        CREATE TABLE chats (
            chat_id INTEGER PRIMARY KEY,
            type TEXT NOT NULL,
            title TEXT,
            username TEXT COLLATE NOCASE,
            timezone TEXT,
            auto_ingest INTEGER NOT NULL DEFAULT 0,
            paused_reason TEXT
        );
        CREATE TABLE follows (
            chat_id INTEGER NOT NULL,
            source_chat_id INTEGER NOT NULL,
            PRIMARY KEY (chat_id, source_chat_id)
        ) WITHOUT ROWID;
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            thread_id INTEGER,
            local_time TEXT NOT NULL,
            timezone TEXT NOT NULL,
            weekdays TEXT NOT NULL,
            keywords TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            paused_reason TEXT,
            next_due_at TEXT NOT NULL,
            cursor INTEGER NOT NULL DEFAULT 0,
            created_by INTEGER
        );
        CREATE TABLE deliveries (
            subscription_id INTEGER NOT NULL
                REFERENCES subscriptions (id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            part INTEGER NOT NULL,
            message_id INTEGER,
            sent_at TEXT NOT NULL,
            UNIQUE (subscription_id, period, part)
        );
        """
    )


@migrations(name="v2_search_and_indexes")
def _v2_search_and_indexes(db: Database) -> None:
    # The FTS columns are in bm25 weight order (storage.ranking.BM25_WEIGHTS).
    db.executescript(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            headline, lead_quote, quote_speaker, body,
            content='articles', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, headline, lead_quote, quote_speaker, body)
                VALUES (new.id, new.headline, new.lead_quote, new.quote_speaker, new.body);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts
                (articles_fts, rowid, headline, lead_quote, quote_speaker, body)
                VALUES ('delete', old.id, old.headline, old.lead_quote, old.quote_speaker,
                    old.body);
        END;
        -- Only a change of indexed text touches the index: moving articles between chats
        -- (migrate_chat) does not rewrite it.
        CREATE TRIGGER articles_fts_update
            AFTER UPDATE OF headline, lead_quote, quote_speaker, body ON articles BEGIN
            INSERT INTO articles_fts
                (articles_fts, rowid, headline, lead_quote, quote_speaker, body)
                VALUES ('delete', old.id, old.headline, old.lead_quote, old.quote_speaker,
                    old.body);
            INSERT INTO articles_fts (rowid, headline, lead_quote, quote_speaker, body)
                VALUES (new.id, new.headline, new.lead_quote, new.quote_speaker, new.body);
        END;
        CREATE INDEX articles_chat_id ON articles (chat_id, id);
        CREATE INDEX chats_username ON chats (username);
        CREATE INDEX follows_source ON follows (source_chat_id);
        CREATE INDEX subscriptions_chat ON subscriptions (chat_id);
        CREATE INDEX subscriptions_due ON subscriptions (next_due_at) WHERE active = 1;
        """
    )


@migrations(name="v3_saved_searches")
def _v3_saved_searches(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE searches (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            query TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX searches_created ON searches (created_at);
        """
    )


@migrations(name="v4_digest_windows")
def _v4_digest_windows(db: Database) -> None:
    # The article-id bound of a digest being delivered, fixed before its first part is sent,
    # so the parts re-rendered after a restart are identical to those already delivered.
    db.executescript(
        """
        CREATE TABLE digest_windows (
            subscription_id INTEGER NOT NULL
                REFERENCES subscriptions (id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            upper INTEGER NOT NULL,
            PRIMARY KEY (subscription_id, period)
        ) WITHOUT ROWID;
        """
    )


@migrations(name="v5_search_visibility_index")
def _v5_search_visibility_index(db: Database) -> None:
    # Search checks visibility (chat_id) and breaks ties (published) for every row FTS5 matches.
    # Read from ``articles`` itself, each check loads a page of article text (about two rows a
    # page); this narrow covering index, keyed by id, answers it from a few cached pages.
    db.executescript(
        "CREATE INDEX IF NOT EXISTS articles_search_filter ON articles (id, chat_id, published);"
    )


@migrations(name="v6_update_inbox")
def _v6_update_inbox(db: Database) -> None:
    # ``update_inbox`` holds each update from the moment it is fetched until it was handled; the
    # single ``update_inbox_mark`` row is the highest update id ever stored and when the last
    # batch was stored (Telegram re-sends unconfirmed updates for at most a day).
    db.executescript(
        """
        CREATE TABLE update_inbox (
            update_id INTEGER PRIMARY KEY,
            payload TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE TABLE update_inbox_mark (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            high_water INTEGER NOT NULL,
            stored_at TEXT NOT NULL
        );
        """
    )


@migrations(name="v7_feeds")
def _v7_feeds(db: Database) -> None:
    # ``feeds.lease_until``: a poller claims a feed by moving it into the future with one UPDATE
    # (free when NULL or past), so two pollers never poll one feed at once and a killed poller's
    # claim simply runs out. ``feed_items.scope`` is the feed's id for a "guid:" key (a GUID
    # means something only within its feed) and 0 for "url:" and "hash:" keys, which every feed
    # of a collection shares; ``article_id`` is NULL for an item seen but not stored (older than
    # a new feed's backfill) or whose article was deleted since.
    db.executescript(
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chat_id INTEGER NOT NULL,
            url TEXT NOT NULL,
            title TEXT,
            site_link TEXT,
            interval_seconds INTEGER NOT NULL,
            etag TEXT,
            last_modified TEXT,
            next_poll_at TEXT NOT NULL,
            lease_until TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            failing_since TEXT,
            last_success_at TEXT,
            last_error TEXT,
            bozo_note TEXT,
            paused_reason TEXT,
            full_text INTEGER NOT NULL DEFAULT 1,
            created_by INTEGER,
            created_at TEXT NOT NULL,
            items_stored INTEGER NOT NULL DEFAULT 0,
            UNIQUE (chat_id, url)
        );
        CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE paused_reason IS NULL;
        CREATE TABLE feed_items (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            scope INTEGER NOT NULL,
            key TEXT NOT NULL,
            feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
            article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
            seen_at TEXT NOT NULL,
            UNIQUE (chat_id, scope, key)
        );
        CREATE INDEX feed_items_feed ON feed_items (feed_id);
        CREATE INDEX feed_items_article ON feed_items (article_id);
        """
    )


@migrations(name="v8_news_days")
def _v8_news_days(db: Database) -> None:
    # An article's news day is the proleptic Gregorian ordinal (Python's date.toordinal()) of its
    # publication day, or of the day it arrived when it has no usable publication date. Search
    # reads articles newest id first and needs, for the ids below a point, the newest news day
    # among them: ids follow arrival but news days need not (an imported archive). Each block of
    # 1,024 ids keeps its newest day; a deletion leaves it as it was (still an upper bound).
    # ``coalesce`` reads ingested_at (stored after the body) only for undated rows.
    db.executescript(
        """
        CREATE INDEX articles_undated ON articles (id, published, ingested_at)
            WHERE julianday(substr(published, 1, 10)) IS NULL;
        CREATE TABLE news_day_blocks (
            block INTEGER PRIMARY KEY,
            newest_day INTEGER NOT NULL
        );
        INSERT INTO news_day_blocks (block, newest_day)
            SELECT id >> 10, max(CAST(coalesce(julianday(substr(published, 1, 10)),
                julianday(substr(ingested_at, 1, 10))) - 1721424.5 AS INTEGER))
            FROM articles GROUP BY id >> 10;
        CREATE TRIGGER articles_news_day_insert AFTER INSERT ON articles BEGIN
            INSERT INTO news_day_blocks (block, newest_day)
                VALUES (new.id >> 10, CAST(coalesce(julianday(substr(new.published, 1, 10)),
                    julianday(substr(new.ingested_at, 1, 10))) - 1721424.5 AS INTEGER))
                ON CONFLICT (block) DO UPDATE SET
                    newest_day = max(newest_day, excluded.newest_day);
        END;
        CREATE TRIGGER articles_news_day_update AFTER UPDATE OF published, ingested_at
            ON articles BEGIN
            INSERT INTO news_day_blocks (block, newest_day)
                VALUES (new.id >> 10, CAST(coalesce(julianday(substr(new.published, 1, 10)),
                    julianday(substr(new.ingested_at, 1, 10))) - 1721424.5 AS INTEGER))
                ON CONFLICT (block) DO UPDATE SET
                    newest_day = max(newest_day, excluded.newest_day);
        END;
        """
    )


@migrations(name="v9_chat_language")
def _v9_chat_language(db: Database) -> None:
    # ``language``: chosen with /lang (NULL: never chosen). ``telegram_language``: the
    # language_code Telegram last sent for the user of a private chat (NULL for other chats).
    db.executescript(
        """
        ALTER TABLE chats ADD COLUMN language TEXT;
        ALTER TABLE chats ADD COLUMN telegram_language TEXT;
        """
    )


@migrations(name="v10_stories")
def _v10_stories(db: Database) -> None:
    # ``first_at``: when the story's first article was published (else arrived), UTC text; the
    # window of the candidate index counts from it. Older articles become one story each, with
    # the story id equal to the article id, so every article is in a story after the upgrade.
    db.executescript(
        """
        ALTER TABLE articles ADD COLUMN story_id INTEGER;
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            first_article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
            first_at TEXT NOT NULL
        );
        CREATE TABLE story_core (
            story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            PRIMARY KEY (story_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE story_keys (
            key TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            first_at TEXT NOT NULL,
            PRIMARY KEY (key, story_id)
        ) WITHOUT ROWID;
        CREATE INDEX articles_story ON articles (story_id);
        CREATE INDEX stories_first_at ON stories (first_at);
        CREATE INDEX story_core_article ON story_core (article_id);
        CREATE INDEX story_keys_story ON story_keys (story_id);
        CREATE INDEX story_keys_first_at ON story_keys (first_at);
        INSERT INTO stories (id, first_article_id, first_at)
            SELECT id, id, min(coalesce(published, ingested_at), ingested_at) FROM articles;
        INSERT INTO story_core (story_id, position, article_id) SELECT id, 0, id FROM articles;
        UPDATE articles SET story_id = id;
        """
    )


@migrations(name="v11_fts_prefix")
def _v11_fts_prefix(db: Database) -> None:
    # FTS5 takes its prefix indexes from the table's declaration only: the table is declared
    # anew (same columns, content and tokenizer) and rebuilt from the articles. The triggers of
    # v2 belong to ``articles`` and name the table, so they keep it in step unchanged. A prefix
    # query of exactly 3 or 4 characters reads its own list; other lengths merge the lists of
    # the matching words as before. Each length costs about 0.2 ms of CPU per stored article
    # and 0.9 KB of index (tests/benchmarks/RESULTS.md, round 4).
    db.executescript(
        """
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            headline, lead_quote, quote_speaker, body,
            content='articles', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2',
            prefix='3 4'
        );
        INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
        """
    )


@migrations(name="v12_scale_claims")
def _v12_scale_claims(db: Database) -> None:
    # A claim (``update_inbox.owner``, ``digest_claims.owner``) is live while its owner's
    # ``heartbeat_at`` in ``bot_processes`` is recent; a killed process's claims lapse on their
    # own. ``webhook_seen`` keeps the id of every webhook update stored in the last day, so an
    # update Telegram delivers again (its answer was lost) is not handled twice, whatever order
    # parallel deliveries come in. ``send_pace.next_slot``: seconds since the epoch at which the
    # next message may leave (a token bucket kept as one number, the GCRA's theoretical arrival
    # time).
    db.executescript(
        """
        CREATE TABLE bot_processes (
            owner TEXT PRIMARY KEY,
            mode TEXT NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL
        );
        ALTER TABLE update_inbox ADD COLUMN owner TEXT;
        CREATE TABLE webhook_seen (
            update_id INTEGER PRIMARY KEY,
            received_at TEXT NOT NULL
        );
        CREATE INDEX webhook_seen_received ON webhook_seen (received_at);
        CREATE TABLE digest_claims (
            chat_id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            claimed_at TEXT NOT NULL
        );
        CREATE TABLE send_pace (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            next_slot REAL NOT NULL
        );
        """
    )


def schema_versions() -> list[str]:
    """Names of every migration this code knows, oldest first."""
    return [m.name for m in migrations.pending(Database(memory=True))]
