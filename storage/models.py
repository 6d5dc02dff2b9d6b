"""The shared vocabulary: the domain objects that cross the storage boundary.

Storage, ``bot/render``, the handlers, delivery and the CLI all speak in these frozen
dataclasses. This is the one storage module the rest of the bot builds on directly: the
renderers import nothing else of ``storage`` (a test in ``tests/render`` holds them to that),
and the module itself imports nothing of storage's internals, so it depends on no database.
Nothing sqlite-specific leaves the storage package, so a PostgreSQL backend can later sit
behind the same API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol

#: Marks around matched terms in :attr:`SearchHit.snippet`. Control characters, so they can never
#: collide with article text (extraction strips control characters) and survive HTML escaping.
SNIPPET_START = "\x02"
SNIPPET_END = "\x03"
#: ``articles.format`` of an article that came from a feed: digests hold it only when it was
#: published inside their window (``storage.feed_window``).
FEED_FORMAT: Final = "feed"


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article as handed to :meth:`storage.Library.add_article`."""

    chat_id: int
    headline: str
    body: str
    content_hash: str
    published: dt.date | dt.datetime | None = None
    date_source: str | None = None
    lead_quote: str | None = None
    quote_speaker: str | None = None
    lead: str = ""
    lang: str = ""
    format: str = "text"
    message_id: int | None = None
    submitted_by: int | None = None
    source_url: str | None = None
    source_title: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article."""

    id: int
    chat_id: int
    headline: str
    body: str
    content_hash: str
    published: dt.date | dt.datetime | None
    date_source: str | None
    lead_quote: str | None
    quote_speaker: str | None
    lead: str
    lang: str
    format: str
    message_id: int | None
    submitted_by: int | None
    source_url: str | None
    source_title: str | None
    ingested_at: dt.datetime
    #: The story the article belongs to (every stored article has one; None only for an
    #: Article built outside storage).
    story_id: int | None = None


@dataclass(frozen=True, slots=True)
class AddResult:
    """Outcome of adding an article: its id, and whether it was already stored."""

    article_id: int
    duplicate: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the article and an FTS snippet, matches between SNIPPET_START/END."""

    article: Article
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of search results; ``has_more`` says whether another page exists."""

    hits: list[SearchHit]
    offset: int
    has_more: bool


@dataclass(frozen=True, slots=True)
class Chat:
    """A chat the bot knows: private, group, supergroup or channel."""

    chat_id: int
    type: str
    title: str | None = None
    username: str | None = None
    timezone: str | None = None
    auto_ingest: bool = False
    paused_reason: str | None = None
    #: The language chosen with /lang (a code such as "de"); None: never chosen.
    language: str | None = None
    #: The language_code Telegram last sent for the user of a private chat ("pt-br"), if any.
    telegram_language: str | None = None


@dataclass(frozen=True, slots=True)
class Subscription:
    """A daily (or weekday-restricted) digest for one chat, optionally one forum topic."""

    id: int
    chat_id: int
    thread_id: int | None
    local_time: dt.time
    timezone: str
    weekdays: frozenset[int]  # 0 = Monday ... 6 = Sunday; all seven for daily
    keywords: str
    active: bool
    paused_reason: str | None
    next_due_at: dt.datetime  # aware, UTC
    cursor: int  # id of the last article delivered
    created_by: int | None


@dataclass(frozen=True, slots=True)
class LibraryStats:
    """Counts for `/stats` and `digest-bot stats`."""

    articles: int
    collections: int
    chats: int
    subscriptions: int
    by_format: dict[str, int] = field(default_factory=dict)
    by_lang: dict[str, int] = field(default_factory=dict)
    newest: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed a chat's collection follows, with its polling state.

    ``next_poll_at`` is when it is due (aware, UTC); ``failures`` counts failed polls in a row
    since ``failing_since``; ``last_error`` and ``bozo_note`` (what was wrong with a feed read
    anyway) are shown to users; a feed with a ``paused_reason`` is not polled. ``full_text``:
    items with only a short summary are completed from their linked page.
    """

    id: int
    chat_id: int
    url: str
    title: str | None
    site_link: str | None
    interval: dt.timedelta
    etag: str | None
    last_modified: str | None
    next_poll_at: dt.datetime
    lease_until: dt.datetime | None
    failures: int
    failing_since: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str | None
    bozo_note: str | None
    paused_reason: str | None
    full_text: bool
    created_by: int | None
    created_at: dt.datetime
    items_stored: int


@dataclass(frozen=True, slots=True)
class NewFeedItem:
    """One item of a fetched feed as handed to :meth:`storage.Library.store_feed_items`.

    ``keys`` are its identity keys, strongest first: ``"guid:…"`` (meaningful within its feed),
    ``"url:…"`` and ``"hash:…"`` (shared by every feed of the collection). ``article`` is None
    for an item to be remembered as seen without being stored (older than a new feed's backfill).
    """

    keys: tuple[str, ...]
    article: NewArticle | None


@dataclass(frozen=True, slots=True)
class FeedPollState:
    """What a successful poll learned about the feed; stored together with its items.

    ``title`` and ``site_link`` None keep the stored ones; ``bozo_note`` None clears the note.
    """

    polled_at: dt.datetime
    next_poll_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    site_link: str | None = None
    bozo_note: str | None = None


@dataclass(frozen=True, slots=True)
class StoredFeedItems:
    """Outcome of :meth:`storage.Library.store_feed_items`.

    ``article_ids``: the articles stored now, in item order. ``known``: items recognised by one of
    their keys (skipped). ``duplicates``: new items whose article the collection already held
    (same content hash). ``seen``: items remembered without an article.
    """

    article_ids: tuple[int, ...]
    known: int
    duplicates: int
    seen: int

    @property
    def stored(self) -> int:
        return len(self.article_ids)


@dataclass(frozen=True, slots=True)
class Story:
    """A story as :meth:`storage.Library.stories` lists it: the articles the viewer sees,
    oldest first. ``first_at`` is when its first article was published (UTC)."""

    id: int
    first_at: dt.datetime
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class StoryText:
    """What story matching reads of one article. ``published`` is aware (UTC): the
    publication time, else the arrival time, never later than the arrival time."""

    article_id: int
    lang: str
    published: dt.datetime
    headline: str
    lead: str
    #: Who published it, when known (:func:`storage.story_index.story_source`): two items of
    #: one outlet join a story only on stronger evidence. Empty: unknown.
    source: str = ""


@dataclass(frozen=True, slots=True)
class StoryKeys:
    """An article's keys in the persisted candidate index.

    ``duplicate``: keys a near-duplicate shares with high probability (MinHash LSH bands);
    indexed for a story's first article only, which near-duplicates are compared with.
    ``terms``: words a report of the same event shares; indexed for every core member.
    """

    duplicate: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    """A story found in the candidate index, with its core: its first article first."""

    story_id: int
    core: tuple[StoryText, ...]


class StoryMatcher(Protocol):
    """The story rules storage applies when it stores an article (``bot.stories`` implements
    them; storage imports nothing of ``bot``, so the Library is handed one).

    ``window``: a story takes articles published this long after its first one at most.
    ``core_size``: how many members form a story's core.
    """

    @property
    def window(self) -> dt.timedelta: ...

    @property
    def core_size(self) -> int: ...

    def keys(self, text: StoryText) -> StoryKeys:
        """The article's keys in the candidate index."""
        ...

    def best_story(self, text: StoryText, candidates: Sequence[StoryCandidate]) -> int | None:
        """The id of the candidate story the article joins, or None to start a new story."""
        ...
