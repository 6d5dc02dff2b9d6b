"""Story assignment at store time, and the persisted candidate index it reads.

Every article joins a story in the transaction that stores it. The rules (whether an article
reports the same story as a story's core) are a :class:`~storage.models.StoryMatcher` handed to
the Library; storage finds the candidates and keeps the records:

* ``stories``: id, first article, ``first_at`` (the first article's publication time);
* ``story_core``: the first ``core_size`` members, in the order they joined. Their features are
  recomputed from the stored headline and lead (the matcher caches them), so a change of the
  rules needs no migration;
* ``story_keys``: the candidate index. ``d:`` keys are the MinHash band keys of a story's first
  article (near-duplicates are compared with it), ``t:`` keys the words of its core members (a
  report of the same event shares some). Only stories whose first article lies within the
  window are candidates, so rows of older stories are deleted as newer articles arrive: the
  index stays the size of the window's news, whatever the size of the library.

Without a matcher every article starts a story of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urlsplit

from storage.engine import SqlConnection
from storage.models import StoryCandidate, StoryKeys, StoryMatcher, StoryText
from storage.rows import instant_to_text, text_to_instant, text_to_published

__all__ = ["CANDIDATE_LIMIT", "StoryIndex", "story_instant"]

#: At most this many stories sharing words with an article are weighed (those sharing the most);
#: every story sharing a near-duplicate key is weighed in addition.
CANDIDATE_LIMIT = 8
_DUPLICATE = "d:"
_TERM = "t:"


def story_instant(published: dt.date | dt.datetime | None, ingested_at: dt.datetime) -> dt.datetime:
    """When an article counts as published for stories (UTC): its publication time (a date at
    midnight UTC, a time without zone taken as UTC), else its arrival; never after its arrival,
    so a wrong future date cannot push the window forward."""
    if published is None:
        moment = ingested_at
    elif isinstance(published, dt.datetime):
        moment = published if published.tzinfo is not None else published.replace(tzinfo=dt.UTC)
    else:
        moment = dt.datetime(published.year, published.month, published.day, tzinfo=dt.UTC)
    return min(moment.astimezone(dt.UTC), ingested_at.astimezone(dt.UTC))


#: The article columns :func:`row_to_story_text` reads, in its order.
STORY_TEXT_COLUMNS = "id, lang, published, ingested_at, headline, lead, source_title, source_url"


def story_source(source_title: str | None, source_url: str | None) -> str:
    """The outlet an article came from, for the same-source rule: the feed's or channel's
    title, else the host of its link; empty when neither is known (a pasted text)."""
    if source_title:
        return source_title.strip().casefold()
    if source_url:
        host = urlsplit(source_url).hostname or ""
        return host.removeprefix("www.")
    return ""


def row_to_story_text(row: Sequence[object]) -> StoryText:
    """A StoryText from a row of :data:`STORY_TEXT_COLUMNS`."""
    article_id, lang, published, ingested_at, headline, lead, source_title, source_url = row
    assert isinstance(ingested_at, str)
    moment = story_instant(
        text_to_published(published if isinstance(published, str) else None),
        text_to_instant(ingested_at),
    )
    source = story_source(
        source_title if isinstance(source_title, str) else None,
        source_url if isinstance(source_url, str) else None,
    )
    return StoryText(int(str(article_id)), str(lang), moment, str(headline), str(lead), source)


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


class StoryIndex:
    """Assigns each stored article to a story and keeps the candidate index.

    Works on the Library's connection inside the caller's transaction.
    """

    def __init__(self, conn: SqlConnection, matcher: StoryMatcher | None) -> None:
        self._conn = conn
        self.matcher = matcher

    def assign(self, text: StoryText) -> int:
        """Put the stored article ``text.article_id`` into its story; returns the story id."""
        if self.matcher is None:
            story_id = self._new_story(text, None)
        else:
            keys = self.matcher.keys(text)
            window = self.matcher.window
            self._conn.execute(
                "DELETE FROM story_keys WHERE first_at < ?",
                (instant_to_text(text.published - window),),
            )
            candidates = self._candidates(text, keys, window)
            joined = self.matcher.best_story(text, candidates) if candidates else None
            if joined is None:
                story_id = self._new_story(text, keys)
            else:
                story_id = joined
                core = next(c.core for c in candidates if c.story_id == joined)
                if len(core) < self.matcher.core_size:
                    self._add_to_core(story_id, text, keys)
        self._conn.execute(
            "UPDATE articles SET story_id = ? WHERE id = ?", (story_id, text.article_id)
        )
        return story_id

    def clear(self) -> None:
        """Forget every core and the whole candidate index (before a rebuild)."""
        self._conn.execute("DELETE FROM story_keys")
        self._conn.execute("DELETE FROM story_core")

    def _new_story(self, text: StoryText, keys: StoryKeys | None) -> int:
        first_at = instant_to_text(text.published)
        (story_id,) = self._conn.execute(
            "INSERT INTO stories (first_article_id, first_at) VALUES (?, ?) RETURNING id",
            (text.article_id, first_at),
        ).fetchone()
        self._conn.execute(
            "INSERT INTO story_core (story_id, position, article_id) VALUES (?, 0, ?)",
            (story_id, text.article_id),
        )
        if keys is not None:
            index_keys = [_DUPLICATE + key for key in keys.duplicate]
            index_keys += [_TERM + term for term in keys.terms]
            self._index(story_id, first_at, index_keys)
        return int(story_id)

    def _add_to_core(self, story_id: int, text: StoryText, keys: StoryKeys) -> None:
        self._conn.execute(
            "INSERT INTO story_core (story_id, position, article_id) "
            "SELECT ?, coalesce(max(position), -1) + 1, ? FROM story_core WHERE story_id = ?",
            (story_id, text.article_id, story_id),
        )
        (first_at,) = self._conn.execute(
            "SELECT first_at FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        self._index(story_id, first_at, [_TERM + term for term in keys.terms])

    def _index(self, story_id: int, first_at: str, keys: list[str]) -> None:
        self._conn.executemany(
            "INSERT INTO story_keys (key, story_id, first_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key, story_id) DO NOTHING",
            [(key, story_id, first_at) for key in keys],
        )

    def _candidates(
        self, text: StoryText, keys: StoryKeys, window: dt.timedelta
    ) -> list[StoryCandidate]:
        span = (instant_to_text(text.published - window), instant_to_text(text.published + window))
        story_ids: list[int] = []
        if keys.duplicate:
            duplicates = [_DUPLICATE + key for key in keys.duplicate]
            story_ids += [
                story_id
                for (story_id,) in self._conn.execute(
                    f"SELECT DISTINCT story_id FROM story_keys "
                    f"WHERE key IN ({_placeholders(len(duplicates))}) AND first_at BETWEEN ? AND ?",
                    (*duplicates, *span),
                )
            ]
        if keys.terms:
            terms = [_TERM + term for term in keys.terms]
            story_ids += [
                story_id
                for (story_id,) in self._conn.execute(
                    f"SELECT story_id FROM story_keys "
                    f"WHERE key IN ({_placeholders(len(terms))}) AND first_at BETWEEN ? AND ? "
                    "GROUP BY story_id ORDER BY count(*) DESC, story_id DESC LIMIT ?",
                    (*terms, *span, CANDIDATE_LIMIT),
                )
            ]
        unique = sorted(set(story_ids) - {None})
        if not unique:
            return []
        cores: dict[int, list[StoryText]] = {story_id: [] for story_id in unique}
        rows = self._conn.execute(
            "SELECT c.story_id, a.id, a.lang, a.published, a.ingested_at, a.headline, a.lead, "
            "a.source_title, a.source_url "
            "FROM story_core AS c JOIN articles AS a ON a.id = c.article_id "
            f"WHERE c.story_id IN ({_placeholders(len(unique))}) "
            "ORDER BY c.story_id, c.position",
            unique,
        )
        for story_id, *article in rows:
            cores[story_id].append(row_to_story_text(article))
        return [StoryCandidate(story_id, tuple(core)) for story_id, core in cores.items() if core]
