"""``digest-bot ingest`` killed with SIGKILL at random points of a bulk import, then run again.

After each kill the library is consistent (FTS5 integrity check, no article stored twice); the
run after the last kill completes, and every file is then stored exactly once and found by a
search for its headline.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from pathlib import Path

import pytest

from bot.intake.export import BATCH_SIZE
from storage import Library

from .harness import (
    article_text,
    articles_by_hash,
    assert_fts_consistent,
    count_articles,
    crash_rng,
    finds_headline,
    headline_of,
    run_ingest,
)

#: Kill tests that read the SQLite file (FTS consistency, rows written before the kill).
pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

#: Several transactions' worth (BATCH_SIZE articles each), so kills land between and inside them.
FILES = 3 * BATCH_SIZE + 100
#: Kill points stop short of the last transaction: after it the process is about to exit, and a
#: kill that finds it gone tests nothing.
LAST_KILL_POINT = FILES - BATCH_SIZE - 100
KILLS = 6
CHAT = "-1001000000009"
TOPIC = "bulk"
PROGRESS_TIMEOUT = 60.0


def _write_articles(folder: Path) -> None:
    folder.mkdir()
    for number in range(FILES):
        (folder / f"article-{number:04d}.txt").write_text(article_text(number, TOPIC))


async def _kill_after(
    process: subprocess.Popen[bytes], db_path: Path, stored_at_least: int, jitter: float
) -> bool:
    """SIGKILL ``process`` ``jitter`` seconds after the library holds ``stored_at_least``
    articles. Returns whether the process was still running when killed."""
    deadline = time.monotonic() + PROGRESS_TIMEOUT
    while count_articles(db_path) < stored_at_least and process.poll() is None:
        assert time.monotonic() < deadline, "the ingest made no progress"
        await asyncio.sleep(0.02)
    await asyncio.sleep(jitter)
    was_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    await asyncio.to_thread(process.wait, 20)
    return was_running


def _assert_consistent(db_path: Path) -> None:
    assert_fts_consistent(db_path)
    duplicates = {key: ids for key, ids in articles_by_hash(db_path).items() if len(ids) > 1}
    assert duplicates == {}


async def test_bulk_ingest_survives_sigkill_at_random_points(tmp_path: Path) -> None:
    rng = crash_rng("bulk ingest")
    folder = tmp_path / "articles"
    _write_articles(folder)
    db_path = tmp_path / "library.sqlite3"
    log_path = tmp_path / "ingest.log"

    killed_while_running = 0
    for kill in range(KILLS):
        # Kill points spread over the whole import: after a random share of it is stored.
        stored_before = count_articles(db_path)
        share = rng.uniform(kill / KILLS, (kill + 1) / KILLS)
        target = max(stored_before, int(LAST_KILL_POINT * share))
        process = run_ingest(db_path, CHAT, [folder], log_path)
        killed_while_running += await _kill_after(
            process, db_path, target, jitter=rng.uniform(0.0, 0.15)
        )
        _assert_consistent(db_path)
        assert count_articles(db_path) >= stored_before  # a kill never loses what was stored

    assert killed_while_running == KILLS, log_path.read_text()

    final = run_ingest(db_path, CHAT, [folder], log_path)
    assert await asyncio.to_thread(final.wait, 120) == 0, log_path.read_text()
    _assert_consistent(db_path)
    assert count_articles(db_path) == FILES
    with Library(db_path) as library:
        stored = {article.headline: article.id for article in library.iter_articles(int(CHAT))}
        assert set(stored) == {headline_of(number, TOPIC) for number in range(FILES)}
        missing = [
            h for h, article_id in stored.items() if not finds_headline(library, article_id, h)
        ]
    assert missing == []
