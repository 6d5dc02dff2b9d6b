"""Story assignment at store time in a large library, with the candidate index in the database.

A copy of the cached library of ``size`` articles (``tests.benchmarks.corpus``) is opened with the
story rules, as ``digest-bot run`` opens it: nothing is loaded or rebuilt at start. A stream of new
articles published after the library's newest then arrives one ``add_article`` at a time:

* ``warm`` articles spread over one window, stored in batches, fill the candidate index, as a
  busy bot's last two days would (the generated headlines repeat, and a third of the stream
  are rewrites of a recent article from another collection, so stories form and candidates
  are many);
* ``measured`` further articles give the figures: the CPU and wall time of the story assignment
  alone (from the candidate lookup to the article's ``story_id``), and of the whole
  ``add_article`` (insert, FTS, story, commit);
* the baseline, in the same run: as many other articles stored in the same library without
  the story rules (each becomes a story of its own, no lookup).

Then batches of ``add_articles`` with and without the rules give the ingest rate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.stories.matcher import LexicalStoryMatcher
from storage import Library, NewArticle, StoryText
from tests.benchmarks.corpus import (
    ArticleGenerator,
    build_library,
    load_pieces,
    newest_article_id,
)
from tests.benchmarks.measure import Timing, timed, timing

#: Share of the stream that rewrites a recent article of the stream (another collection).
REWRITE_SHARE = 0.33
_STREAM_CHAT = -1004000000000
_STREAM_START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class StoryFigures:
    """Per-article costs at ``size`` stored articles, and batch ingest rates."""

    size: int
    warm: int
    measured: int
    index_rows: int
    open_ms: float
    assign: Timing
    add_with_rules: Timing
    add_without_rules: Timing
    joined_share: float
    batch_with_rules_per_s: float
    batch_without_rules_per_s: float
    batch_with_rules_cpu_ms: float
    batch_without_rules_cpu_ms: float


def _rewrite(article: NewArticle, rng: random.Random, chat_id: int) -> NewArticle:
    """The same news, lightly edited, from another collection."""
    words = article.headline.split()
    if len(words) > 3:
        words.insert(rng.randrange(1, len(words)), rng.choice(["now", "report:", "update:"]))
    lead = article.lead.replace(" the ", " a ", 1)
    return dataclasses.replace(
        article,
        chat_id=chat_id,
        headline=" ".join(words),
        lead=lead,
        body=lead + "\n\n" + article.body,
        content_hash=article.content_hash + ":rewrite",
    )


def stream(seed: int, per_hour: float, first_index: int) -> Iterator[NewArticle]:
    """New articles, ``per_hour`` of them each hour from the start of 2026, a third rewrites of
    one of the last hundred (deterministic)."""
    generator = ArticleGenerator(load_pieces(), seed)
    rng = random.Random(seed + first_index)
    recent: list[NewArticle] = []
    index = first_index
    while True:
        published = _STREAM_START + dt.timedelta(hours=index / per_hour)
        if recent and rng.random() < REWRITE_SHARE:
            article = _rewrite(rng.choice(recent[-100:]), rng, _STREAM_CHAT - index % 50)
        else:
            article = generator.article(10_000_000 + index, 20_000_000)
            article = dataclasses.replace(
                article, content_hash=f"stream:{index}:{article.content_hash}"
            )
            recent.append(article)
        yield dataclasses.replace(article, published=published)
        index += 1


def _timed_assign(library: Library, samples: list[tuple[float, float]]) -> None:
    """Record the time of every story assignment of ``library`` (a benchmark-only wrapper)."""
    index = library._stories
    assign: Callable[[StoryText], int] = index.assign

    def timed_assign(text: StoryText) -> int:
        wall, cpu = time.perf_counter(), time.thread_time()
        story = assign(text)
        samples.append((time.perf_counter() - wall, time.thread_time() - cpu))
        return story

    index.assign = timed_assign  # type: ignore[method-assign]


def _batches(
    library: Library, articles: Iterator[NewArticle], count: int, batch: int
) -> tuple[float, float]:
    """Articles per wall second and CPU ms per article of ``add_articles`` in batches."""
    wall = cpu = 0.0
    for _ in range(count // batch):
        chunk = [next(articles) for _ in range(batch)]
        w, c = timed(lambda chunk=chunk: library.add_articles(chunk))  # type: ignore[misc]
        wall += w
        cpu += c
    return count / wall, cpu * 1000 / count


def run_stories(
    size: int, seed: int, *, warm: int = 10_000, measured: int = 2_000, batch: int = 500
) -> StoryFigures:
    """Measure story assignment in a copy of the cached library of ``size`` articles."""
    source = build_library(size, seed)
    per_hour = warm / 48
    with tempfile.TemporaryDirectory(prefix="bench-stories-") as tmp:
        db = Path(tmp) / "library.sqlite3"
        shutil.copyfile(source, db)
        started = time.perf_counter()
        library = Library(db, stories=LexicalStoryMatcher())
        open_ms = (time.perf_counter() - started) * 1000
        try:
            stored_before = newest_article_id(library)
            articles = stream(seed, per_hour, 0)
            assigned: list[tuple[float, float]] = []
            _timed_assign(library, assigned)
            for _ in range(warm // batch):
                library.add_articles([next(articles) for _ in range(batch)])
            assigned.clear()
            added = [timed(lambda: library.add_article(next(articles))) for _ in range(measured)]
            assign = timing(assigned)
            (index_rows,) = library._db.execute("SELECT count(*) FROM story_keys").fetchone()
            (joined,) = library._db.execute(
                "SELECT count(*) FROM articles AS a JOIN stories AS s ON s.id = a.story_id "
                "WHERE a.id > ? AND s.first_article_id <> a.id",
                (stored_before,),
            ).fetchone()
            with_rules = _batches(library, articles, measured, batch)
        finally:
            library.close()
        with Library(db) as plain:
            others = stream(seed + 1, per_hour, 0)
            baseline = [timed(lambda: plain.add_article(next(others))) for _ in range(measured)]
            without_rules = _batches(plain, others, measured, batch)
    return StoryFigures(
        size=size,
        warm=warm,
        measured=measured,
        index_rows=int(index_rows),
        open_ms=open_ms,
        assign=assign,
        add_with_rules=timing(added),
        add_without_rules=timing(baseline),
        joined_share=joined / (warm + measured),
        batch_with_rules_per_s=with_rules[0],
        batch_without_rules_per_s=without_rules[0],
        batch_with_rules_cpu_ms=with_rules[1],
        batch_without_rules_cpu_ms=without_rules[1],
    )
