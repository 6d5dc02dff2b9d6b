"""Ingest throughput into SQLite with FTS: the storage API in batches, one article at a time,
and end to end through ``digest-bot ingest`` on a folder of generated .txt files.

Every run writes a fresh library in a temporary directory: the figures are for a growing
library from empty, including the FTS triggers and the WAL checkpoint at close.

The machine is shared, so besides wall-clock rates the CPU each part costs is reported: the
storage API's CPU per article (this thread), and for ``digest-bot ingest`` the CPU of the
command and its extraction workers (``RUSAGE_CHILDREN``), split into the start-up (Python
imports, measured on ``digest-bot ingest --help``) and the per-article rest. From those,
:attr:`IngestFigures.cpu_bound_per_s` is the rate the command would reach on this machine's
cores with nothing else running.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot.intake.export import BATCH_SIZE
from storage import Library
from tests.benchmarks.corpus import ArticleGenerator, article_as_text, load_pieces
from tests.benchmarks.measure import Timing, timed, timing

_INGEST_CHAT = "-1003000000001"
_COMMAND = [sys.executable, "-m", "bot", "ingest"]


class IngestCommandError(RuntimeError):
    """``digest-bot ingest`` failed during the benchmark; the message holds its output."""


@dataclass(frozen=True, slots=True)
class CommandRun:
    """Wall-clock and CPU seconds (the command and every process it waited for)."""

    wall_s: float
    cpu_s: float


@dataclass(frozen=True, slots=True)
class IngestFigures:
    """Rates, CPU per article, size per article and single-article latency."""

    batch_articles: int
    batch_per_s: float
    batch_cpu_ms: float
    bytes_per_article: float
    single: Timing
    e2e_articles: int
    e2e: CommandRun
    startup: CommandRun
    e2e_jobs: int

    @property
    def e2e_per_s(self) -> float:
        """Files stored per wall-clock second, start-up included."""
        return self.e2e_articles / self.e2e.wall_s

    @property
    def e2e_cpu_ms(self) -> float:
        """CPU milliseconds per file, all processes, start-up excluded."""
        return (self.e2e.cpu_s - self.startup.cpu_s) * 1000 / self.e2e_articles

    @property
    def cpu_bound_per_s(self) -> float:
        """Files per second on ``e2e_jobs`` otherwise idle cores: start-up, then the rest spread."""
        spread_s = self.e2e_cpu_ms * self.e2e_articles / 1000 / self.e2e_jobs
        return self.e2e_articles / (self.startup.cpu_s + spread_s)


def run_ingest(*, batch_articles: int, singles: int, e2e_articles: int, seed: int) -> IngestFigures:
    """Time the batch API, ``singles`` single adds after it, and the CLI on ``e2e_articles``."""
    generator = ArticleGenerator(load_pieces(), seed)
    with tempfile.TemporaryDirectory(prefix="digest-bot-bench-") as tmp:
        db = Path(tmp) / "ingest.sqlite3"
        articles = list(generator.articles(batch_articles))
        started, cpu = time.perf_counter(), time.thread_time()
        with Library(db) as library:
            for start in range(0, len(articles), BATCH_SIZE):
                library.add_articles(articles[start : start + BATCH_SIZE])
        batch_s, batch_cpu_s = time.perf_counter() - started, time.thread_time() - cpu
        size = db.stat().st_size
        extra = list(generator.articles(batch_articles + singles, start=batch_articles))
        with Library(db) as library:
            single = timing([timed(lambda a=a: library.add_article(a)) for a in extra])

        folder = Path(tmp) / "articles"
        folder.mkdir()
        for index, article in enumerate(generator.articles(e2e_articles)):
            (folder / f"{index:07d}.txt").write_text(article_as_text(article), encoding="utf-8")
        e2e_db = Path(tmp) / "e2e.sqlite3"
        startup = _run_command(["--help"], cwd=folder.parent)
        e2e = _run_command(
            [str(folder), "--chat", _INGEST_CHAT, "--db", str(e2e_db)], folder.parent
        )
        with Library(e2e_db) as library:
            stored = library.stats().articles
        if stored != e2e_articles:
            raise IngestCommandError(f"digest-bot ingest stored {stored} of {e2e_articles} files")
    return IngestFigures(
        batch_articles=batch_articles,
        batch_per_s=batch_articles / batch_s,
        batch_cpu_ms=batch_cpu_s * 1000 / batch_articles,
        bytes_per_article=size / batch_articles,
        single=single,
        e2e_articles=e2e_articles,
        e2e=e2e,
        startup=startup,
        e2e_jobs=os.cpu_count() or 1,
    )


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_command(arguments: list[str], cwd: Path) -> CommandRun:
    """Run ``digest-bot ingest ARGUMENTS`` (away from any ./config.toml of the caller)."""
    cpu, started = _children_cpu_s(), time.perf_counter()
    done = subprocess.run(
        [*_COMMAND, *arguments], capture_output=True, text=True, check=False, cwd=cwd
    )
    run = CommandRun(time.perf_counter() - started, _children_cpu_s() - cpu)
    if done.returncode != 0:
        raise IngestCommandError(
            f"digest-bot ingest exited with {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return run
