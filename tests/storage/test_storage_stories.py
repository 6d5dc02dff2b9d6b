"""Stories in storage: assigned when an article is stored, shown per viewer, rebuilt on demand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.stories.matcher import LexicalStoryMatcher
from bot.stories.similarity import ArticleFeatures
from storage import AsyncLibrary, FeedPollState, Library, NewArticle, NewFeedItem
from storage.models import StoryText
from storage.schema import open_database
from storage.story_index import story_source

A, B, C = -1001, -1002, -1003
T0 = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)

QUAKE = (
    "Magnitude 7.1 earthquake strikes southern Mexico, killing 12",
    "A magnitude 7.1 earthquake struck the Mexican state of Oaxaca on Tuesday, killing at least "
    "12 people and damaging hundreds of buildings, officials said.",
)
QUAKE_REWRITE = (
    "Earthquake of magnitude 7.1 strikes southern Mexico, 12 killed",
    "An earthquake of magnitude 7.1 struck the Mexican state of Oaxaca on Tuesday, killing at "
    "least 12 people and damaging hundreds of buildings, officials said.",
)
PHONE = (
    "Apple unveils a thinner iPhone at its September event in Cupertino",
    "Apple showed a thinner iPhone with a new camera on Wednesday; it goes on sale next week "
    "in forty countries.",
)


def _article(chat_id: int, text: tuple[str, str], published: dt.datetime | None) -> NewArticle:
    headline, lead = text
    return NewArticle(
        chat_id=chat_id,
        headline=headline,
        body=lead,
        lead=lead,
        lang="en",
        content_hash=f"{chat_id}:{headline}",
        published=published,
    )


@pytest.fixture
def open_library(library_target: Path | str) -> Iterator[Callable[[], Library]]:
    opened: list[Library] = []

    def open_one() -> Library:
        library = Library(library_target, stories=LexicalStoryMatcher())
        opened.append(library)
        return library

    yield open_one
    for library in opened:
        library.close()


@pytest.fixture
def stories(open_library: Callable[[], Library]) -> Library:
    return open_library()


def _story(library: Library, article_id: int) -> int:
    article = library.get_article(article_id, viewer_chat_id=None)
    assert article is not None and article.story_id is not None
    return article.story_id


def _partition(library: Library) -> set[frozenset[int]]:
    groups: dict[int | None, set[int]] = {}
    for article in library.iter_articles():
        groups.setdefault(article.story_id, set()).add(article.id)
    assert None not in groups
    return {frozenset(group) for group in groups.values()}


def test_a_rewrite_joins_the_original_and_an_unrelated_article_starts_a_story(
    stories: Library,
) -> None:
    original = stories.add_article(_article(A, QUAKE, T0)).article_id
    rewrite = stories.add_article(_article(B, QUAKE_REWRITE, T0 + dt.timedelta(hours=3)))
    phone = stories.add_article(_article(A, PHONE, T0 + dt.timedelta(hours=4))).article_id
    assert _story(stories, rewrite.article_id) == _story(stories, original)
    assert _story(stories, phone) != _story(stories, original)


def test_every_path_of_storing_assigns_a_story(stories: Library) -> None:
    batch = stories.add_articles([_article(A, QUAKE, T0), _article(A, PHONE, T0)])
    feed = stories.add_feed(
        chat_id=B,
        url="https://example.org/feed",
        interval=dt.timedelta(hours=1),
        next_poll_at=T0,
        created_by=None,
    )
    polled = stories.store_feed_items(
        feed.id,
        [NewFeedItem(("guid:1",), _article(B, QUAKE_REWRITE, T0 + dt.timedelta(hours=1)))],
        FeedPollState(polled_at=T0 + dt.timedelta(hours=2), next_poll_at=T0),
    )
    (from_feed,) = polled.article_ids
    assert _story(stories, from_feed) == _story(stories, batch[0].article_id)
    assert _story(stories, batch[1].article_id) != _story(stories, batch[0].article_id)


def test_a_duplicate_keeps_its_story_and_makes_none(stories: Library) -> None:
    first = stories.add_article(_article(A, QUAKE, T0))
    again = stories.add_article(_article(A, QUAKE, T0))
    assert again.duplicate and again.article_id == first.article_id
    assert len(list(stories.stories(chat_id=None, since=None))) == 1


def test_a_report_outside_the_window_starts_a_new_story(stories: Library) -> None:
    original = stories.add_article(_article(A, QUAKE, T0)).article_id
    late = stories.add_article(_article(B, QUAKE_REWRITE, T0 + dt.timedelta(hours=60)))
    assert _story(stories, late.article_id) != _story(stories, original)


def test_story_articles_and_counts_show_only_what_the_viewer_sees(stories: Library) -> None:
    own = stories.add_article(_article(A, QUAKE, T0 + dt.timedelta(hours=1))).article_id
    hidden = stories.add_article(_article(B, QUAKE_REWRITE, T0)).article_id
    story = _story(stories, own)
    assert _story(stories, hidden) == story
    lonely = _story(stories, stories.add_article(_article(C, PHONE, T0)).article_id)

    assert [a.id for a in stories.story_articles(story, viewer_chat_id=A)] == [own]
    assert stories.story_counts([story, lonely], viewer_chat_id=A) == {story: 1, lonely: 0}
    assert stories.story_articles(lonely, viewer_chat_id=A) == []
    # Oldest published first, whatever the order of arrival.
    assert [a.id for a in stories.story_articles(story, viewer_chat_id=None)] == [hidden, own]
    stories.follow(A, B)
    assert [a.id for a in stories.story_articles(story, viewer_chat_id=A)] == [hidden, own]
    assert stories.story_counts([story], viewer_chat_id=A) == {story: 2}
    assert stories.story_counts([], viewer_chat_id=A) == {}


def test_stories_lists_per_viewer_and_from_a_date(stories: Library) -> None:
    quake = stories.add_article(_article(A, QUAKE, T0)).article_id
    stories.add_article(_article(B, QUAKE_REWRITE, T0 + dt.timedelta(hours=2)))
    phone = stories.add_article(_article(B, PHONE, T0 + dt.timedelta(days=3))).article_id

    every = list(stories.stories(chat_id=None, since=None))
    assert [len(s.articles) for s in every] == [2, 1]
    assert every[0].first_at == T0
    seen_by_a = list(stories.stories(chat_id=A, since=None))
    assert [[a.id for a in s.articles] for s in seen_by_a] == [[quake]]
    later = list(stories.stories(chat_id=None, since=T0 + dt.timedelta(days=1)))
    assert [[a.id for a in s.articles] for s in later] == [[phone]]


def test_the_candidate_index_survives_reopening(open_library: Callable[[], Library]) -> None:
    first = open_library()
    original = first.add_article(_article(A, QUAKE, T0)).article_id
    first.close()

    again = open_library()
    (keys,) = again._db.execute("SELECT count(*) FROM story_keys").fetchone()
    assert keys > 32  # the band keys of the first article and the words of its core
    rewrite = again.add_article(_article(B, QUAKE_REWRITE, T0 + dt.timedelta(hours=1)))
    assert _story(again, rewrite.article_id) == _story(again, original)


def test_rebuild_regroups_in_publication_order_and_is_idempotent(stories: Library) -> None:
    stories.add_article(_article(A, PHONE, T0 + dt.timedelta(hours=5)))
    stories.add_article(_article(B, QUAKE_REWRITE, T0 + dt.timedelta(hours=2)))
    stories.add_article(_article(A, QUAKE, T0))
    stored = _partition(stories)
    calls: list[tuple[int, int]] = []
    assert stories.rebuild_stories(lambda done, total: calls.append((done, total))) == 2
    assert calls == [(3, 3)]
    rebuilt = _partition(stories)
    assert rebuilt == stored
    assert stories.rebuild_stories(None) == 2
    assert _partition(stories) == rebuilt


def test_a_story_goes_with_its_last_article(stories: Library) -> None:
    quake = stories.add_article(_article(A, QUAKE, T0)).article_id
    rewrite = stories.add_article(_article(B, QUAKE_REWRITE, T0)).article_id
    story = _story(stories, quake)
    assert stories.delete_article(quake)
    assert [a.id for a in stories.story_articles(story, viewer_chat_id=None)] == [rewrite]
    assert stories.delete_article(rewrite)
    assert list(stories.stories(chat_id=None, since=None)) == []
    assert tuple(stories._db.execute("SELECT count(*) FROM story_keys").fetchone()) == (0,)


def test_without_rules_each_article_is_a_story_of_its_own(library_target: Path | str) -> None:
    with Library(library_target) as plain:
        first = plain.add_article(_article(A, QUAKE, T0)).article_id
        second = plain.add_article(_article(B, QUAKE_REWRITE, T0)).article_id
        assert _story(plain, first) != _story(plain, second)


@pytest.mark.sqlite_only  # PostgreSQL's pg2_stories: test_storage_postgres.py
def test_an_upgraded_library_has_every_article_in_a_story_and_rebuild_groups_them(
    db_path: Path,
) -> None:
    db = open_database(db_path, stop_before="v10_stories")
    for chat_id, (headline, lead), published in (
        (A, QUAKE, "2024-03-05T09:00:00+00:00"),
        (B, QUAKE_REWRITE, "2024-03-05"),
    ):
        db["articles"].insert(
            {
                "chat_id": chat_id,
                "content_hash": headline,
                "headline": headline,
                "lead": lead,
                "body": lead,
                "lang": "en",
                "published": published,
                "ingested_at": "2024-03-06T10:00:00.000000+00:00",
            }
        )
    db.close()
    with Library(db_path, stories=LexicalStoryMatcher()) as upgraded:
        assert _partition(upgraded) == {frozenset({1}), frozenset({2})}
        dates = [s.first_at for s in upgraded.stories(chat_id=None, since=None)]
        assert dates == [dt.datetime(2024, 3, 5, tzinfo=dt.UTC), T0]
        assert upgraded.rebuild_stories() == 1
        assert _partition(upgraded) == {frozenset({1, 2})}


async def test_the_async_library_mirrors_the_story_reads(db_path: Path) -> None:
    library = await AsyncLibrary.open(db_path, stories=LexicalStoryMatcher())
    try:
        own = (await library.add_article(_article(A, QUAKE, T0))).article_id
        await library.add_article(_article(B, QUAKE_REWRITE, T0 + dt.timedelta(hours=1)))
        article = await library.get_article(own, viewer_chat_id=A)
        assert article is not None and article.story_id is not None
        story = article.story_id
        assert [a.id for a in await library.story_articles(story, viewer_chat_id=A)] == [own]
        assert await library.story_counts([story], viewer_chat_id=None) == {story: 2}
        assert [s.id for s in await library.stories(chat_id=B)] == [story]
        assert await library.rebuild_stories() == 1
    finally:
        await library.aclose()


def test_the_matcher_learns_each_articles_source_on_every_path(library_target: Path | str) -> None:
    # The same-source rule of bot.stories needs the outlet: the title when known, else the host.
    seen: dict[int, str] = {}

    class SourceRecorder(LexicalStoryMatcher):
        def features(self, text: StoryText) -> ArticleFeatures:
            seen[text.article_id] = text.source
            return super().features(text)

    with Library(library_target, stories=SourceRecorder()) as library:
        titled = library.add_article(
            replace(_article(A, QUAKE, T0), source_title="Reuters World")
        ).article_id
        linked = library.add_article(
            replace(
                _article(B, QUAKE_REWRITE, T0),
                source_url="https://www.example.org/news/quake",
            )
        ).article_id
        pasted = library.add_article(_article(C, PHONE, T0)).article_id
        assert seen == {titled: "reuters world", linked: "example.org", pasted: ""}
        seen.clear()
        library.rebuild_stories()
        assert seen[titled] == "reuters world" and seen[linked] == "example.org"


@pytest.mark.parametrize(
    ("title", "url", "source"),
    [
        ("  Le Monde ", "https://www.lemonde.fr/x", "le monde"),
        (None, "https://news.example.com/a?b=1", "news.example.com"),
        ("", "not a url", ""),
        (None, None, ""),
    ],
)
def test_story_source(title: str | None, url: str | None, source: str) -> None:
    assert story_source(title, url) == source
