"""Search pages with one hit per story, for the search replies and inline mode.

The library ranks articles; a reader wants each story once, at the place of its best ranked
version, with the number of other versions they can see. Pages count stories, not articles, so
a page keeps its size however many versions a story has: page N is found by collapsing the
article ranking from its start, which puts every story on exactly one page (a version ranked
far below its story's first version never comes back on a later page). The article ranking is
read in growing batches until the page and one story more (is there another page?) are found,
at most :data:`MAX_RANKED_ARTICLES` articles deep.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.render.story_groups import first_per_story, story_key
from storage.aio import AsyncLibrary
from storage.models import Article, SearchHit

__all__ = [
    "MAX_RANKED_ARTICLES",
    "StoryPage",
    "latest_stories",
    "more_in_stories",
    "other_versions",
    "story_page",
]

#: How deep into the article ranking a page of stories may read. Past it the reader is told
#: there is nothing more: a search whose stories have hundreds of matching versions each.
MAX_RANKED_ARTICLES = 3000
#: ``/latest`` style listings read this many articles per story wanted.
_LATEST_PER_STORY = 3


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of stories: the best hit of each, whether another page exists, and how many
    other versions of each story (by story id) the reader sees."""

    hits: list[SearchHit]
    offset: int
    has_more: bool
    more_in_story: dict[int, int] = field(default_factory=dict)


def other_versions(more_in_story: Mapping[int, int], article: Article) -> int:
    """How many versions of ``article``'s story besides itself ``more_in_story`` counts."""
    return more_in_story.get(article.story_id, 0) if article.story_id is not None else 0


async def more_in_stories(
    library: AsyncLibrary, articles: Sequence[Article], viewer_chat_id: int
) -> dict[int, int]:
    """Story id -> how many versions besides the one shown ``viewer_chat_id`` sees, for the
    stories of ``articles`` that have any."""
    stories = sorted({a.story_id for a in articles if a.story_id is not None})
    if not stories:
        return {}
    counts = await library.story_counts(stories, viewer_chat_id=viewer_chat_id)
    return {story: count - 1 for story, count in counts.items() if count > 1}


async def story_page(
    library: AsyncLibrary, viewer_chat_id: int, query: str, *, offset: int, limit: int
) -> StoryPage:
    """Stories ``offset`` to ``offset + limit`` of ``query`` as ``viewer_chat_id`` sees it,
    each represented by its best ranked version."""
    wanted = offset + limit + 1
    stories: list[SearchHit] = []
    seen: set[Hashable] = set()
    read, batch, exhausted = 0, wanted, False
    while len(stories) < wanted and not exhausted and read < MAX_RANKED_ARTICLES:
        batch = min(batch, MAX_RANKED_ARTICLES - read)
        page = await library.search(viewer_chat_id, query, offset=read, limit=batch)
        read += len(page.hits)
        exhausted = not page.has_more or not page.hits
        for hit in page.hits:
            key = story_key(hit.article)
            if key not in seen:
                seen.add(key)
                stories.append(hit)
        batch *= 2
    hits = stories[offset : offset + limit]
    more = await more_in_stories(library, [hit.article for hit in hits], viewer_chat_id)
    return StoryPage(hits, offset, len(stories) > offset + limit, more)


async def latest_stories(library: AsyncLibrary, viewer_chat_id: int, limit: int) -> list[Article]:
    """The newest article of each of the ``limit`` stories (at most) that ``viewer_chat_id``
    got last."""
    articles = await library.latest(viewer_chat_id, limit * _LATEST_PER_STORY)
    return first_per_story(articles, lambda article: article)[:limit]
