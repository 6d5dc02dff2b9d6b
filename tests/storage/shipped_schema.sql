-- v1_base_tables
CREATE TABLE articles ( id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, message_id INTEGER, submitted_by INTEGER, source_url TEXT, source_title TEXT, content_hash TEXT NOT NULL, headline TEXT NOT NULL, published TEXT, date_source TEXT, lead_quote TEXT, quote_speaker TEXT, lead TEXT NOT NULL DEFAULT '', body TEXT NOT NULL, lang TEXT NOT NULL DEFAULT '', format TEXT NOT NULL DEFAULT 'text', ingested_at TEXT NOT NULL, UNIQUE (chat_id, content_hash) );
CREATE TABLE chats ( chat_id INTEGER PRIMARY KEY, type TEXT NOT NULL, title TEXT, username TEXT COLLATE NOCASE, timezone TEXT, auto_ingest INTEGER NOT NULL DEFAULT 0, paused_reason TEXT );
CREATE TABLE deliveries ( subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE, period TEXT NOT NULL, part INTEGER NOT NULL, message_id INTEGER, sent_at TEXT NOT NULL, UNIQUE (subscription_id, period, part) );
CREATE TABLE follows ( chat_id INTEGER NOT NULL, source_chat_id INTEGER NOT NULL, PRIMARY KEY (chat_id, source_chat_id) ) WITHOUT ROWID;
CREATE TABLE subscriptions ( id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, thread_id INTEGER, local_time TEXT NOT NULL, timezone TEXT NOT NULL, weekdays TEXT NOT NULL, keywords TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1, paused_reason TEXT, next_due_at TEXT NOT NULL, cursor INTEGER NOT NULL DEFAULT 0, created_by INTEGER );

-- v2_search_and_indexes
CREATE INDEX articles_chat_id ON articles (chat_id, id);
CREATE INDEX chats_username ON chats (username);
CREATE INDEX follows_source ON follows (source_chat_id);
CREATE INDEX subscriptions_chat ON subscriptions (chat_id);
CREATE INDEX subscriptions_due ON subscriptions (next_due_at) WHERE active = 1;
CREATE VIRTUAL TABLE articles_fts USING fts5( headline, lead_quote, quote_speaker, body, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2' );
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN INSERT INTO articles_fts (articles_fts, rowid, headline, lead_quote, quote_speaker, body) VALUES ('delete', old.id, old.headline, old.lead_quote, old.quote_speaker, old.body); END;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN INSERT INTO articles_fts (rowid, headline, lead_quote, quote_speaker, body) VALUES (new.id, new.headline, new.lead_quote, new.quote_speaker, new.body); END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, lead_quote, quote_speaker, body ON articles BEGIN INSERT INTO articles_fts (articles_fts, rowid, headline, lead_quote, quote_speaker, body) VALUES ('delete', old.id, old.headline, old.lead_quote, old.quote_speaker, old.body); INSERT INTO articles_fts (rowid, headline, lead_quote, quote_speaker, body) VALUES (new.id, new.headline, new.lead_quote, new.quote_speaker, new.body); END;

-- v3_saved_searches
CREATE INDEX searches_created ON searches (created_at);
CREATE TABLE searches ( id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, query TEXT NOT NULL, created_at TEXT NOT NULL );

-- v4_digest_windows
CREATE TABLE digest_windows ( subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE, period TEXT NOT NULL, upper INTEGER NOT NULL, PRIMARY KEY (subscription_id, period) ) WITHOUT ROWID;

-- v5_search_visibility_index
CREATE INDEX articles_search_filter ON articles (id, chat_id, published);

-- v6_update_inbox
CREATE TABLE update_inbox ( update_id INTEGER PRIMARY KEY, payload TEXT NOT NULL, received_at TEXT NOT NULL );
CREATE TABLE update_inbox_mark ( id INTEGER PRIMARY KEY CHECK (id = 1), high_water INTEGER NOT NULL, stored_at TEXT NOT NULL );

-- v7_feeds
CREATE INDEX feed_items_article ON feed_items (article_id);
CREATE INDEX feed_items_feed ON feed_items (feed_id);
CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE paused_reason IS NULL;
CREATE TABLE feed_items ( id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, scope INTEGER NOT NULL, key TEXT NOT NULL, feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL, article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL, seen_at TEXT NOT NULL, UNIQUE (chat_id, scope, key) );
CREATE TABLE feeds ( id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL, url TEXT NOT NULL, title TEXT, site_link TEXT, interval_seconds INTEGER NOT NULL, etag TEXT, last_modified TEXT, next_poll_at TEXT NOT NULL, lease_until TEXT, failures INTEGER NOT NULL DEFAULT 0, failing_since TEXT, last_success_at TEXT, last_error TEXT, bozo_note TEXT, paused_reason TEXT, full_text INTEGER NOT NULL DEFAULT 1, created_by INTEGER, created_at TEXT NOT NULL, items_stored INTEGER NOT NULL DEFAULT 0, UNIQUE (chat_id, url) );
CREATE TABLE sqlite_sequence(name,seq);

-- v8_news_days
CREATE INDEX articles_undated ON articles (id, published, ingested_at) WHERE julianday(substr(published, 1, 10)) IS NULL;
CREATE TABLE news_day_blocks ( block INTEGER PRIMARY KEY, newest_day INTEGER NOT NULL );
CREATE TRIGGER articles_news_day_insert AFTER INSERT ON articles BEGIN INSERT INTO news_day_blocks (block, newest_day) VALUES (new.id >> 10, CAST(coalesce(julianday(substr(new.published, 1, 10)), julianday(substr(new.ingested_at, 1, 10))) - 1721424.5 AS INTEGER)) ON CONFLICT (block) DO UPDATE SET newest_day = max(newest_day, excluded.newest_day); END;
CREATE TRIGGER articles_news_day_update AFTER UPDATE OF published, ingested_at ON articles BEGIN INSERT INTO news_day_blocks (block, newest_day) VALUES (new.id >> 10, CAST(coalesce(julianday(substr(new.published, 1, 10)), julianday(substr(new.ingested_at, 1, 10))) - 1721424.5 AS INTEGER)) ON CONFLICT (block) DO UPDATE SET newest_day = max(newest_day, excluded.newest_day); END;

-- v9_chat_language
CREATE TABLE chats ( chat_id INTEGER PRIMARY KEY, type TEXT NOT NULL, title TEXT, username TEXT COLLATE NOCASE, timezone TEXT, auto_ingest INTEGER NOT NULL DEFAULT 0, paused_reason TEXT , language TEXT, telegram_language TEXT);

-- v10_stories
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX stories_first_at ON stories (first_at);
CREATE INDEX story_core_article ON story_core (article_id);
CREATE INDEX story_keys_first_at ON story_keys (first_at);
CREATE INDEX story_keys_story ON story_keys (story_id);
CREATE TABLE articles ( id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, message_id INTEGER, submitted_by INTEGER, source_url TEXT, source_title TEXT, content_hash TEXT NOT NULL, headline TEXT NOT NULL, published TEXT, date_source TEXT, lead_quote TEXT, quote_speaker TEXT, lead TEXT NOT NULL DEFAULT '', body TEXT NOT NULL, lang TEXT NOT NULL DEFAULT '', format TEXT NOT NULL DEFAULT 'text', ingested_at TEXT NOT NULL, story_id INTEGER, UNIQUE (chat_id, content_hash) );
CREATE TABLE stories ( id INTEGER PRIMARY KEY AUTOINCREMENT, first_article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL, first_at TEXT NOT NULL );
CREATE TABLE story_core ( story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE, position INTEGER NOT NULL, article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE, PRIMARY KEY (story_id, position) ) WITHOUT ROWID;
CREATE TABLE story_keys ( key TEXT NOT NULL, story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE, first_at TEXT NOT NULL, PRIMARY KEY (key, story_id) ) WITHOUT ROWID;

-- v11_fts_prefix
CREATE VIRTUAL TABLE articles_fts USING fts5( headline, lead_quote, quote_speaker, body, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2', prefix='3 4' );

-- v12_scale_claims
CREATE INDEX webhook_seen_received ON webhook_seen (received_at);
CREATE TABLE bot_processes ( owner TEXT PRIMARY KEY, mode TEXT NOT NULL, started_at TEXT NOT NULL, heartbeat_at TEXT NOT NULL );
CREATE TABLE digest_claims ( chat_id INTEGER PRIMARY KEY, owner TEXT NOT NULL, claimed_at TEXT NOT NULL );
CREATE TABLE send_pace ( id INTEGER PRIMARY KEY CHECK (id = 1), next_slot REAL NOT NULL );
CREATE TABLE update_inbox ( update_id INTEGER PRIMARY KEY, payload TEXT NOT NULL, received_at TEXT NOT NULL , owner TEXT);
CREATE TABLE webhook_seen ( update_id INTEGER PRIMARY KEY, received_at TEXT NOT NULL );
