"""Ingest throughput into SQLite with FTS: the storage API in batches, one article at a time,
and end to end through ``digest-bot ingest`` on a folder of generated .txt files.

Every run writes a fresh library in a temporary directory: the figures are for a growing
library from empty, including the FTS triggers and the WAL checkpoint at close.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot.history import BATCH_SIZE
from storage import Library
from tests.benchmarks.corpus import ArticleGenerator, article_as_text, load_pieces
from tests.benchmarks.measure import Timing, timed, timing

_INGEST_CHAT = "-1003000000001"


class IngestCommandError(RuntimeError):
    """``digest-bot ingest`` failed during the benchmark; the message holds its output."""


@dataclass(frozen=True, slots=True)
class IngestFigures:
    """Rates, size per article and single-article latency."""

    batch_articles: int
    batch_per_s: float
    bytes_per_article: float
    single: Timing
    e2e_articles: int
    e2e_per_s: float
    e2e_jobs: int


def run_ingest(*, batch_articles: int, singles: int, e2e_articles: int, seed: int) -> IngestFigures:
    """Time the batch API, ``singles`` single adds after it, and the CLI on ``e2e_articles``."""
    generator = ArticleGenerator(load_pieces(), seed)
    with tempfile.TemporaryDirectory(prefix="digest-bot-bench-") as tmp:
        db = Path(tmp) / "ingest.sqlite3"
        articles = list(generator.articles(batch_articles))
        started = time.perf_counter()
        with Library(db) as library:
            for start in range(0, len(articles), BATCH_SIZE):
                library.add_articles(articles[start : start + BATCH_SIZE])
        batch_s = time.perf_counter() - started
        size = db.stat().st_size
        extra = list(generator.articles(batch_articles + singles, start=batch_articles))
        with Library(db) as library:
            single = timing([timed(lambda a=a: library.add_article(a)) for a in extra])

        folder = Path(tmp) / "articles"
        folder.mkdir()
        for index, article in enumerate(generator.articles(e2e_articles)):
            (folder / f"{index:07d}.txt").write_text(article_as_text(article), encoding="utf-8")
        e2e_db = Path(tmp) / "e2e.sqlite3"
        e2e_s = _run_ingest_command(folder, e2e_db)
        with Library(e2e_db) as library:
            stored = library.stats().articles
        if stored != e2e_articles:
            raise IngestCommandError(f"digest-bot ingest stored {stored} of {e2e_articles} files")
    return IngestFigures(
        batch_articles=batch_articles,
        batch_per_s=batch_articles / batch_s,
        bytes_per_article=size / batch_articles,
        single=single,
        e2e_articles=e2e_articles,
        e2e_per_s=e2e_articles / e2e_s,
        e2e_jobs=os.cpu_count() or 1,
    )


def _run_ingest_command(folder: Path, db: Path) -> float:
    """Seconds ``digest-bot ingest`` takes, process start-up included."""
    command = [sys.executable, "-m", "bot", "ingest", str(folder), "--chat", _INGEST_CHAT]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder.parent,  # away from any ./config.toml of the caller
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise IngestCommandError(
            f"digest-bot ingest exited with {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return elapsed
