"""Grouping articles by story for digests, search and inline mode (pure).

A story is shown as one entry: the article that represents it, and the other versions after it.
Grouping works on the articles it is given and nothing else, so whoever calls it decides what a
reader may see (the visibility rule is applied before, by the query that read them), and the
result depends only on that input: a digest window re-rendered after a crash groups the same way.

An article without a story (``story_id`` None) is a story of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from storage.models import Article

__all__ = [
    "StoryEntry",
    "completeness",
    "first_per_story",
    "group_stories",
    "publication_key",
    "representative",
    "story_key",
]

T = TypeVar("T")

#: Sorts articles without a publication date after every dated one.
_UNDATED = dt.datetime.max


def story_key(article: Article) -> Hashable:
    """What two articles share when they belong to one story: the story id, or for an
    article without one, the article itself."""
    return ("story", article.story_id) if article.story_id is not None else ("article", article.id)


def publication_key(article: Article) -> dt.datetime:
    """The article's publication moment, comparable across dates, naive and aware datetimes.

    A date counts as its midnight, an aware datetime as its UTC wall time, a naive one as
    written (the source did not say its zone); an undated article sorts last.
    """
    published = article.published
    if published is None:
        return _UNDATED
    if isinstance(published, dt.datetime):
        if published.tzinfo is not None and published.utcoffset() is not None:
            return published.astimezone(dt.UTC).replace(tzinfo=None)
        return published
    return dt.datetime.combine(published, dt.time())


def completeness(article: Article) -> int:
    """How many of the fields a digest entry shows the article has: a headline, a publication
    date and a lead quote (3 is a complete article)."""
    return sum(
        (
            bool(article.headline.strip()),
            article.published is not None,
            bool((article.lead_quote or "").strip()),
        )
    )


def representative(members: Sequence[Article]) -> Article:
    """The article that stands for a story: the earliest complete one (headline, date and lead
    quote), else the earliest of the most complete; ties go to the one stored first."""
    if not members:
        raise ValueError("a story needs at least one article to be represented")
    return min(members, key=lambda a: (-completeness(a), publication_key(a), a.ingested_at, a.id))


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """One story as a list shows it: the representing article and the other versions given,
    oldest first."""

    lead: Article
    others: tuple[Article, ...]

    @property
    def story_id(self) -> int | None:
        return self.lead.story_id

    @property
    def size(self) -> int:
        """How many articles the entry stands for."""
        return 1 + len(self.others)


def group_stories(articles: Iterable[Article]) -> list[StoryEntry]:
    """One entry per story of ``articles``, in the order each story first appears.

    Each entry is led by :func:`representative` of the story's articles; the others follow
    oldest first (by publication, then arrival).
    """
    groups: dict[Hashable, list[Article]] = {}
    for article in articles:
        groups.setdefault(story_key(article), []).append(article)
    entries = []
    for members in groups.values():
        if len(members) == 1:  # most entries of a digest: nothing to choose or sort (~2 us each)
            entries.append(StoryEntry(members[0], ()))
            continue
        lead = representative(members)
        others = sorted(
            (a for a in members if a.id != lead.id),
            key=lambda a: (publication_key(a), a.ingested_at, a.id),
        )
        entries.append(StoryEntry(lead, tuple(others)))
    return entries


def first_per_story(items: Iterable[T], article_of: Callable[[T], Article]) -> list[T]:
    """``items`` with only the first of each story kept, in order (search hits keep their best
    ranked version)."""
    seen: set[Hashable] = set()
    kept = []
    for item in items:
        key = story_key(article_of(item))
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
