"""Search latency through ``Library.search`` against the bare FTS5 MATCH floor.

Queries are drawn (seeded) from the stored headlines, as users type what they saw: 1, 2 and 3
words of one headline, a two-word phrase, a four-letter prefix, a word with ``since:`` (the
last tenth of the date range) and a word with ``from:`` (one of the ten collections every
viewer follows). Each runs for viewers that see 1, 10 and 1,000 collections
(through follows). The floor is the same MATCH expression ranked by the same bm25 weights with
the same LIMIT, on the same connection's file, without visibility, filters, snippet or row reads:
what FTS5 itself needs to answer.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storage import Library
from storage.query import parse_query
from storage.ranking import BM25_WEIGHTS
from tests.benchmarks.corpus import VIEWERS
from tests.benchmarks.measure import Timing, timed, timing

PAGE = 5
_WORD = re.compile(r"[^\W\d_]{4,}")
_TOKEN = re.compile(r"\w+")
_FLOOR_SQL = (
    "SELECT rowid, bm25(articles_fts, {weights}) AS score FROM articles_fts "
    "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?"
).format(weights=", ".join(str(w) for w in BM25_WEIGHTS))
#: Function words users rarely search for (a word query is about a name, a place, a topic).
_FUNCTION_WORDS = frozenset(
    [
        "with",
        "from",
        "that",
        "this",
        "have",
        "were",
        "after",
        "where",
        "over",
        "into",
        "about",
        "their",
        "will",
        "more",
        "than",
        "what",
        "when",
        "which",
        "says",
        "said",
        "been",
        "they",
        "them",
        "could",
        "would",
        "should",
        "there",
        "these",
        "those",
        "amid",
        "back",
        "just",
        "also",
        "после",
        "было",
        "этот",
        "только",
        "что",
    ]
)
KINDS = ("1 word", "2 words", "3 words", "phrase", "prefix", "since", "from")


@dataclass(frozen=True, slots=True)
class SearchFigures:
    """Latencies of one kind of query for one viewer, and the floor for the same queries."""

    kind: str
    collections: int
    product: Timing
    floor: Timing

    @property
    def ratio(self) -> float:
        """Product p95 over floor p95, in CPU time (wall time is noisy on a shared machine)."""
        floor = self.floor.cpu.p95
        return self.product.cpu.p95 / floor if floor else float("inf")


def sample_queries(db_path: Path, per_kind: int, seed: int) -> dict[str, list[str]]:
    """``per_kind`` queries of each kind, drawn from the stored headlines."""
    rng = random.Random(seed)
    desks = random.Random(seed + 1)  # its own stream: the other kinds' draws stay as they were
    conn = sqlite3.connect(db_path)
    try:
        (top,) = conn.execute("SELECT max(id) FROM articles").fetchone()
        (last_day,) = conn.execute("SELECT max(published) FROM articles").fetchone()
        (first_day,) = conn.execute("SELECT min(published) FROM articles").fetchone()
        queries: dict[str, list[str]] = {kind: [] for kind in KINDS}
        since = _day_at(first_day, last_day, 0.9)
        while any(len(q) < per_kind for q in queries.values()):
            (headline,) = conn.execute(
                "SELECT headline FROM articles WHERE id = ?", (rng.randint(1, top),)
            ).fetchone()
            words = [w for w in _WORD.findall(headline) if w.lower() not in _FUNCTION_WORDS]
            if len(words) < 3:
                continue
            start = rng.randrange(len(words) - 2)
            tokens = _TOKEN.findall(headline)
            starts = [i for i, t in enumerate(tokens[:-1]) if t in words]
            if not starts:
                continue
            first = rng.choice(starts)
            picks = {
                "1 word": words[start],
                "2 words": " ".join(rng.sample(words, 2)),
                "3 words": " ".join(rng.sample(words, 3)),
                "phrase": f'"{tokens[first]} {tokens[first + 1]}"',
                "prefix": words[start][:4] + "*",
                "since": f"{words[start]} since:{since}",
                "from": f"{words[start]} from:@desk{desks.randrange(10)}",
            }
            for kind, query in picks.items():
                if len(queries[kind]) < per_kind:
                    queries[kind].append(query)
        return queries
    finally:
        conn.close()


def _day_at(first: str, last: str, fraction: float) -> str:
    import datetime as dt

    a, b = dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
    return (a + (b - a) * fraction).isoformat()


def run_search(db_path: Path, *, per_kind: int, seed: int) -> list[SearchFigures]:
    """Time every kind of query for every viewer, and the floor of each query."""
    queries = sample_queries(db_path, per_kind, seed)
    figures = []
    floor_conn = sqlite3.connect(db_path)
    try:
        with Library(db_path) as library:
            for kind in KINDS:
                matches = [parse_query(q).match for q in queries[kind]]
                floor = _measure(
                    lambda m: floor_conn.execute(_FLOOR_SQL, (m, PAGE + 1)).fetchall(), matches
                )
                for collections, viewer in VIEWERS.items():
                    product = _measure(
                        lambda q, v=viewer: library.search(v, q, limit=PAGE), queries[kind]
                    )
                    figures.append(SearchFigures(kind, collections, product, floor))
    finally:
        floor_conn.close()
    return figures


def _measure(call: Callable[[str], object], inputs: list[str]) -> Timing:
    """Warm once over all inputs (the page cache of a running bot), then time each input."""
    for item in inputs:
        call(item)
    return timing([timed(lambda item=item: call(item)) for item in inputs])
