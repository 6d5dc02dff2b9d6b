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

-- v8_chat_language
CREATE TABLE chats ( chat_id INTEGER PRIMARY KEY, type TEXT NOT NULL, title TEXT, username TEXT COLLATE NOCASE, timezone TEXT, auto_ingest INTEGER NOT NULL DEFAULT 0, paused_reason TEXT , language TEXT, telegram_language TEXT);
