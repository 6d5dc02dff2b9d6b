"""PostgreSQL against SQLite: search per query shape and ingest, in one run on one machine.

``python -m tests.benchmarks.bench_postgres [--size 100k|1m] [--per-kind N] [--no-record]``
(the server: ``DIGEST_BOT_TEST_POSTGRES_URL``, default ``postgresql://root@127.0.0.1/postgres``;
the benchmark creates its databases there and drops them at the end)

The cached benchmark library of ``--size`` articles (``tests.benchmarks.corpus``) is copied (the
file, so the cache is left as it is) and moved into a fresh PostgreSQL database with
``storage.transfer.copy_library`` (what ``digest-bot migrate`` runs; its progress is printed, the
time and rate of the move are recorded with the ingest row); then the same queries
(``bench_search.sample_queries``) run through ``Library.search`` on both, for viewers that see
1, 10 and 1,000 collections. Ingest is ``Library.add_articles`` of generated articles in batches
of 500 into an empty library of each engine. Figures are wall-clock (PostgreSQL's work happens
in the server process, so the client's CPU time says little); the ratio is PostgreSQL p95 over
SQLite p95.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from storage import Library
from storage.transfer import copy_library
from tests.benchmarks.bench_search import KINDS, PAGE, sample_queries
from tests.benchmarks.corpus import (
    DEFAULT_SEED,
    VIEWERS,
    ArticleGenerator,
    build_library,
    load_pieces,
    parse_size,
)
from tests.benchmarks.measure import timed, timing
from tests.benchmarks.results import append_rows

ADMIN_URL = os.environ.get("DIGEST_BOT_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1/postgres")
INGEST_ARTICLES = 5_000
INGEST_BATCH = 500


def _new_database() -> tuple[str, str]:
    name = f"digest_bot_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}"


def _drop_database(name: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _Progress:
    """Prints the copy's progress at most every 30 s and when a table is done."""

    def __init__(self, start: float) -> None:
        self._start = start
        self._shown = start

    def __call__(self, table: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if done == total or now - self._shown >= 30:
            self._shown = now
            print(f"  {now - self._start:6.0f} s  {table}: {done:,}/{total:,}", flush=True)


def _ingest_rate(target: str | Path) -> float:
    generator = ArticleGenerator(load_pieces(), seed=DEFAULT_SEED + 7)
    articles = list(generator.articles(INGEST_ARTICLES))
    with Library(target) as library:
        start = time.perf_counter()
        for first in range(0, len(articles), INGEST_BATCH):
            library.add_articles(articles[first : first + INGEST_BATCH])
        return len(articles) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="100k")
    parser.add_argument("--per-kind", type=int, default=20)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    size = parse_size(args.size)
    work = Path(tempfile.mkdtemp(prefix="digest-bot-pg-bench-"))
    databases: list[str] = []
    try:
        sqlite_path = work / "library.sqlite3"
        shutil.copyfile(build_library(size), sqlite_path)
        queries = sample_queries(sqlite_path, args.per_kind, DEFAULT_SEED)
        name, url = _new_database()
        databases.append(name)
        with Library(sqlite_path) as sqlite_library, Library(url) as pg_library:
            start = time.perf_counter()
            copy_library(sqlite_library, pg_library, batch=5000, progress=_Progress(start))
            moved = time.perf_counter() - start
            print(f"moved {size:,} articles into PostgreSQL in {moved:.0f} s", flush=True)
            pg_library._db.execute("ANALYZE")
            rows = []
            for kind in KINDS:
                for collections, viewer in VIEWERS.items():
                    timings = {}
                    for engine, library in (("sqlite", sqlite_library), ("pg", pg_library)):
                        run = [
                            (lambda q=q, lib=library, v=viewer: lib.search(v, q, limit=PAGE))
                            for q in queries[kind]
                        ]
                        for call in run:  # warm
                            call()
                        timings[engine] = timing([timed(call) for call in run]).wall
                    ratio = timings["pg"].p95 / timings["sqlite"].p95
                    print(
                        f"{kind:8} {collections:>5} coll: SQLite {timings['sqlite'].brief()} ms, "
                        f"PostgreSQL {timings['pg'].brief()} ms, p95 ratio {ratio:.1f}x",
                        flush=True,
                    )
                    rows.append(
                        [f"{size:,}", kind, collections, timings["sqlite"].brief(),
                         timings["pg"].brief(), f"{ratio:.1f}x"]
                    )  # fmt: skip
        if not args.no_record:  # now: a long run stopped during the ingest keeps these
            append_rows(
                "search, PostgreSQL against SQLite (wall ms p50 / p95 / p99)",
                ["articles", "query", "collections", "SQLite", "PostgreSQL", "p95 ratio"],
                rows,
            )
        ingest_name, ingest_url = _new_database()
        databases.append(ingest_name)
        sqlite_rate = _ingest_rate(work / "ingest.sqlite3")
        pg_rate = _ingest_rate(ingest_url)
        print(f"ingest: SQLite {sqlite_rate:,.0f}/s, PostgreSQL {pg_rate:,.0f}/s", flush=True)
        if not args.no_record:
            append_rows(
                "ingest, PostgreSQL against SQLite (add_articles, batches of 500)",
                ["articles", "SQLite/s", "PostgreSQL/s", "ratio", "library moved"],
                [[f"{INGEST_ARTICLES:,}", f"{sqlite_rate:,.0f}", f"{pg_rate:,.0f}",
                  f"{pg_rate / sqlite_rate:.2f}x",
                  f"{size:,} articles by digest-bot migrate's copy in {moved:.0f} s "
                  f"({size / moved:,.0f}/s)"]],
            )  # fmt: skip
    finally:
        for name in databases:
            _drop_database(name)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
