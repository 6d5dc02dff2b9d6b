"""The news ranking: relevance weighted by recency, and what bounds it for unread articles.

**The blend.** An article's score for a query is ``bm25 x recency``, where bm25 is FTS5's score
(negative, lower is better; headline > lead quote > speaker > body) and::

    recency = HALF_WEIGHT_DAYS / (HALF_WEIGHT_DAYS + age),   age = max(today - news_day, 0)

in whole days. ``news_day`` is the article's publication day (UTC for a time with a zone) or,
when it has none, the day it arrived (a day ahead counts as today). A day-old article keeps all
but a tiny part of its weight, a year-old one 87.5 %, one seven years old
(:data:`HALF_WEIGHT_DAYS`) half: among comparably relevant articles the newer comes first, while
a clearly better older match (1.7 times as relevant at five years) still wins. Equal scores rank
the higher (later) id first.

**Why it can stop early.** Ids grow with arrival but news days need not (an imported archive is
old news with new ids), so the schema keeps, per block of 2**:data:`BLOCK_BITS` ids, the newest
news day of the block (``news_day_blocks``, written by a trigger on insert; a deletion leaves a
block's value as it was, which stays an upper bound). For the articles below any id, that
bounds their recency. Their relevance is bounded by FTS5's bm25 itself: per phrase it adds
``idf x f(k1 + 1) / (f + k1(1 - b + b D / avgdl))``, which is below ``idf x (k1 + 1)`` for any
frequency ``f`` and length ``D``, and the idf comes from whole-table counts (what FTS5 uses
whatever rowid range a MATCH is restricted to). So an unread article below id ``L`` has a
relevance x recency below ``(k1 + 1) x sum(idf) x recency(newest day below L)``, and need not be
read once the page's last row reaches that. FTS5 gives ``(k1 + 1) x sum(idf)`` itself when
every column weight is huge (:data:`SATURATED_BM25_SQL`) on a row holding every phrase, as every
match of a query without OR does; with OR, each phrase's hits are counted.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3

#: Age, in days, at which an article's relevance counts half (seven years).
HALF_WEIGHT_DAYS = 7 * 365
#: ``news_day_blocks.block`` is ``articles.id >> BLOCK_BITS`` (fixed by migration
#: ``v8_news_days``).
BLOCK_BITS = 10
#: FTS5's bm25 constants (``fts5_aux.c``); they are not settable.
BM25_K1 = 1.2
#: Slack on the relevance bound against rounding in the last bits of the scores' arithmetic.
BOUND_MARGIN = 1e-6

#: ``julianday(day) - ORDINAL_OFFSET`` is ``day.toordinal()`` (the proleptic Gregorian ordinal).
_ORDINAL_OFFSET = 1721424.5
_HALF = f"{float(HALF_WEIGHT_DAYS)!r}"

#: The news day (an ordinal, as REAL) of article ``a``, read from ``a``'s row in the narrow
#: index; an article without a usable publication date (rare) is looked up in the small
#: ``articles_undated`` index for its arrival day.
NEWS_DAY_SQL = (
    "(coalesce(julianday(substr(a.published, 1, 10)), "
    "(SELECT julianday(substr(u.ingested_at, 1, 10)) FROM articles AS u "
    "INDEXED BY articles_undated "
    "WHERE u.id = a.id AND julianday(substr(u.published, 1, 10)) IS NULL)) "
    f"- {_ORDINAL_OFFSET!r})"
)
#: The recency weight of article ``a``; needs the parameter ``:today`` (an ordinal).
RECENCY_SQL = f"({_HALF} / ({_HALF} + max(:today - {NEWS_DAY_SQL}, 0)))"
#: bm25 with every column weight 1e18: a phrase found ``n`` times weighs ``f = 1e18 n``, and
#: ``f / (f + k1(1 - b + b D / avgdl))`` is 1 to within (1 + D / avgdl) / 1e18, where
#: ``D / avgdl`` is at most the number of rows. So on a row holding every phrase it is
#: ``-(k1 + 1) x sum(idf)`` to far better than :data:`BOUND_MARGIN` (below 1e9 articles).
SATURATED_BM25_SQL = "bm25(articles_fts, 1e18, 1e18, 1e18, 1e18)"


def news_day(published: dt.date | None, ingested: dt.datetime) -> int:
    """The news day (ordinal) of an article published on ``published`` that arrived at
    ``ingested`` (an aware UTC instant); a datetime ``published`` counts by its date."""
    return (published or ingested).toordinal()


def recency(today: int, day: float) -> float:
    """The recency weight on ``today`` of an article whose news day is ``day`` (ordinals);
    the same arithmetic as :data:`RECENCY_SQL`, so the same value to the last bit."""
    return float(HALF_WEIGHT_DAYS) / (float(HALF_WEIGHT_DAYS) + max(today - day, 0))


def saturated_bound(saturated_score: float) -> float:
    """A number above every bm25 relevance (``-bm25``) an article can have for a query, from
    the :data:`SATURATED_BM25_SQL` score of a row that holds every phrase of the query."""
    return -saturated_score * (1.0 + BOUND_MARGIN)


def relevance_bound(conn: sqlite3.Connection, clauses: tuple[tuple[str, ...], ...]) -> float:
    """A number above every bm25 relevance (``-bm25``) an article can have for a query whose
    included phrases are ``clauses`` (``ParsedQuery.clauses``), from counts of their hits.

    Each phrase's idf uses its whole-table hit count and, for the row count, the highest
    article id (never below the number of indexed rows): a larger row count only raises idf.
    """
    (rows,) = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
    hits: dict[str, int] = {}
    total = 0.0
    for phrase in (phrase for clause in clauses for phrase in clause):
        if phrase not in hits:
            (hits[phrase],) = conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (phrase,)
            ).fetchone()
        idf = math.log((rows - hits[phrase] + 0.5) / (hits[phrase] + 0.5)) if rows else 0.0
        total += max(idf, 1e-6)  # FTS5 raises an idf at or below zero to 1e-6
    return total * (BM25_K1 + 1.0) * (1.0 + BOUND_MARGIN)


def newest_day_that_cannot_beat(score: float, bound: float, today: int) -> int | None:
    """The latest news day ``d`` such that every article of day ``d`` or earlier scores worse
    than ``score`` (a blended score, <= 0) when its relevance is below ``bound``; None when
    recency alone cannot rule any day out."""
    target = -score
    if target <= 0.0 or bound <= 0.0:
        return None
    ratio = target / bound
    age = 0
    if ratio < 1.0:
        estimate = HALF_WEIGHT_DAYS / ratio - HALF_WEIGHT_DAYS
        if estimate >= today:
            return None  # only articles from before year 1 could be ruled out
        age = math.ceil(estimate)
    # The closed form may be a day off in floating point: settle it with the weight itself.
    while bound * recency(today, today - age) > target:
        age += 1
    while age > 0 and bound * recency(today, today - age + 1) <= target:
        age -= 1
    return today - age


def first_id_after_day(conn: sqlite3.Connection, day: int) -> int | None:
    """The lowest id above which some article's news day may be later than ``day`` (every
    article below it is of ``day`` or earlier); None when no article is later than ``day``."""
    (block,) = conn.execute(
        "SELECT min(block) FROM news_day_blocks WHERE newest_day > ?", (day,)
    ).fetchone()
    return None if block is None else int(block) << BLOCK_BITS


def today_ordinal(today: dt.date | None = None) -> int:
    """``today`` (default: the current UTC date) as an ordinal."""
    return (today or dt.datetime.now(dt.UTC).date()).toordinal()
