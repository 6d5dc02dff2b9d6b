"""`digest-bot migrate`: SQLite to PostgreSQL and back, every table filled, killed and resumed."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.stories.matcher import LexicalStoryMatcher
from storage import Chat, FeedPollState, Library, NewArticle, NewFeedItem
from storage.transfer import TABLES, count_tables

A, B = -1001, -1002
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
ARTICLES = 120


def _fill(library: Library) -> None:
    """At least one row in every table."""
    library.upsert_chat(Chat(chat_id=A, type="channel", title="Wire", username="wire"))
    library.upsert_chat(Chat(chat_id=B, type="group", title="Desk"))
    library.follow(B, A)
    library.add_articles(
        NewArticle(
            chat_id=A if n % 3 else B,
            headline=f"Ferry strike day {n} in the harbour",
            body=f"Crews walked out for the {n}th day; the ferry timetable is cut. 'Quote' 100%.",
            lead=f"Crews walked out for the {n}th day.",
            lang="en" if n % 2 else "de",
            content_hash=f"h{n}",
            published=(NOW - dt.timedelta(days=n)).date() if n % 4 else None,
            lead_quote="We will not sail" if n % 5 == 0 else None,
        )
        for n in range(ARTICLES)
    )
    sub = library.add_subscription(
        chat_id=B, thread_id=None, local_time=dt.time(9), timezone="UTC",
        weekdays=frozenset(range(7)), keywords="ferry", next_due_at=NOW, created_by=7,
    )  # fmt: skip
    library.open_digest_window(sub.id, "2026-03-02")
    library.record_delivery(sub.id, "2026-03-01", 0, 555)
    library.save_search(B, "ferry -strike")
    library.inbox_add([(41, '{"update_id": 41}'), (42, '{"update_id": 42}')])
    library.store_webhook_update(43, '{"update_id": 43}', "process-1", NOW)
    feed = library.add_feed(
        chat_id=A, url="https://news.example/feed", interval=dt.timedelta(hours=1),
        next_poll_at=NOW, created_by=7,
    )  # fmt: skip
    item = NewFeedItem(
        keys=("guid:1", "url:https://news.example/1"),
        article=NewArticle(chat_id=A, headline="From the feed", body="Fed.", content_hash="f1",
                           format="feed"),
    )  # fmt: skip
    library.store_feed_items(
        feed.id, [item], FeedPollState(polled_at=NOW, next_poll_at=NOW + dt.timedelta(hours=1))
    )
    counts = count_tables(library)
    assert all(counts[table] > 0 for table, _ in TABLES), counts


def _snapshot(library: Library) -> tuple[object, ...]:
    """What must survive the move: every article, the stories, the searchable text."""
    articles = list(library.iter_articles())
    hits = [hit.article.id for hit in library.search(B, "ferry sort:new", limit=10).hits]
    return (articles, hits, [(s.id, [a.id for a in s.articles]) for s in library.stories()])


def _has_search_index(url: str) -> bool:
    """Whether the PostgreSQL library holds its search index (read without opening it as a
    Library, which would build the index)."""
    with psycopg.connect(url) as connection:
        row = connection.execute("SELECT to_regclass('articles_search') IS NOT NULL").fetchone()
    assert row is not None
    return bool(row[0])


def _migrate(source: str, destination: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "migrate", "--from", source, "--to", destination, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )


@pytest.mark.slow
def test_sqlite_to_postgresql_killed_and_resumed_then_back(
    tmp_path: Path, postgres_url: Callable[[], str]
) -> None:
    original = tmp_path / "library.sqlite3"
    with Library(original, stories=LexicalStoryMatcher()) as library:
        _fill(library)
        expected = _snapshot(library)
        expected_counts = count_tables(library)
    target = postgres_url()

    # Killed while copying the articles, one per transaction.
    first = _migrate(f"sqlite:///{original}", target, "--batch", "1")
    assert first.stderr is not None
    for line in first.stderr:
        if line.startswith("articles: 20/"):
            first.send_signal(signal.SIGKILL)
            break
    first.wait(timeout=60)
    assert first.returncode == -signal.SIGKILL
    # The copy into an empty library dropped the search index, to build it once at the end;
    # opening the library builds it again.
    assert _has_search_index(target) is False
    with Library(target) as halfway:
        assert 0 < count_tables(halfway)["articles"] < ARTICLES + 1
    assert _has_search_index(target) is True

    again = _migrate(f"sqlite:///{original}", target, "--batch", "7")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert all(line.endswith(" ok") for line in out.splitlines()), out
    assert _has_search_index(target) is True
    with Library(target) as moved:
        assert _snapshot(moved) == expected
        assert count_tables(moved) == expected_counts
        added = moved.add_article(NewArticle(A, "New on PostgreSQL", "x", content_hash="new"))
        assert added.article_id > max(a.id for a in expected[0])  # type: ignore[attr-defined]

    # Idempotent: a second full run adds nothing (the new article is the only difference).
    rerun = CliRunner().invoke(main, ["migrate", "--from", f"sqlite:///{original}", "--to", target])
    assert rerun.exit_code == 1 and "articles" in rerun.output and "DIFFERS" in rerun.output

    back = tmp_path / "back.sqlite3"
    result = CliRunner().invoke(main, ["migrate", "--from", target, "--to", f"sqlite:///{back}"])
    assert result.exit_code == 0, result.output
    with Library(back) as returned:
        articles, hits, stories = _snapshot(returned)
        assert articles[:-1] == expected[0] and articles[-1].headline == "New on PostgreSQL"  # type: ignore[index]
        assert hits == expected[1] and count_tables(returned)["feed_items"] == 2


def test_a_location_that_is_neither_sqlite_nor_postgresql_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["migrate", "--from", "mysql://x/y", "--to", f"sqlite:///{tmp_path / 'a'}"]
    )
    assert result.exit_code == 2 and "neither sqlite:///" in result.output
