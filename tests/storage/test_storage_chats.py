"""Chats, follows and moving a group to its supergroup id."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import Chat, ChatNotFoundError, Library
from storage.chats import is_placeholder_chat_id, placeholder_chat_id

OLD, NEW, OTHER = -500, -1005000, -1002


def test_upsert_updates_telegram_facts_but_keeps_our_settings(library: Library) -> None:
    library.upsert_chat(Chat(chat_id=OLD, type="group", title="Old", timezone="Europe/Berlin"))
    library.set_auto_ingest(OLD, True)
    library.set_chat_paused(OLD, "bot was kicked")
    library.upsert_chat(Chat(chat_id=OLD, type="group", title="Renamed", username="@NewName"))
    assert library.get_chat(OLD) == Chat(
        chat_id=OLD,
        type="group",
        title="Renamed",
        username="NewName",
        timezone="Europe/Berlin",
        auto_ingest=True,
        paused_reason="bot was kicked",
    )
    library.set_chat_paused(OLD, None)
    assert library.get_chat(OLD).paused_reason is None


def test_chosen_language_is_a_setting_telegram_language_a_fact(library: Library) -> None:
    library.upsert_chat(Chat(chat_id=42, type="private", title="Ann", telegram_language="ru"))
    assert library.get_chat(42).language is None
    library.set_chat_language(42, "de")
    # A later upsert (every update records the chat) neither resets the choice nor forgets
    # the user's language when an update does not carry it.
    library.upsert_chat(Chat(chat_id=42, type="private", title="Ann", language="fr"))
    assert (library.get_chat(42).language, library.get_chat(42).telegram_language) == ("de", "ru")
    library.upsert_chat(Chat(chat_id=42, type="private", title="Ann", telegram_language="uk"))
    assert library.get_chat(42).telegram_language == "uk"
    library.set_chat_language(42, None)
    assert library.get_chat(42).language is None
    with pytest.raises(ChatNotFoundError, match="upsert_chat"):
        library.set_chat_language(12345, "de")


def test_migrate_chat_keeps_the_chosen_language(library: Library) -> None:
    library.upsert_chat(Chat(chat_id=OLD, type="group", title="Club"))
    library.set_chat_language(OLD, "uk")
    library.upsert_chat(Chat(chat_id=NEW, type="supergroup", title="Club"))
    library.migrate_chat(OLD, NEW)
    assert library.get_chat(NEW).language == "uk"
    library.follow(OTHER, NEW)
    assert [c.language for c in library.following(OTHER)] == ["uk"]


def test_find_chat_ignores_case_and_at_sign(library: Library) -> None:
    library.upsert_chat(Chat(chat_id=OTHER, type="channel", username="Daily_News"))
    assert library.find_chat("@daily_news").chat_id == OTHER
    assert library.find_chat("DAILY_NEWS").chat_id == OTHER
    assert library.find_chat("@") is None
    assert library.find_chat("someone_else") is None


def test_settings_of_an_unknown_chat_are_refused(library: Library) -> None:
    with pytest.raises(ChatNotFoundError, match="upsert_chat"):
        library.set_auto_ingest(12345, True)


def test_following_lists_sources_known_or_not(library: Library) -> None:
    library.upsert_chat(Chat(chat_id=OTHER, type="channel", title="Other"))
    library.follow(OLD, OTHER)
    library.follow(OLD, -999)
    assert library.follow(OLD, OLD) is False
    assert [(c.chat_id, c.type) for c in library.following(OLD)] == [
        (-999, "unknown"),
        (OTHER, "channel"),
    ]


def test_migrate_chat_moves_everything(library: Library, add, backend: str) -> None:
    library.upsert_chat(Chat(chat_id=OLD, type="group", title="Club"))
    library.set_auto_ingest(OLD, True)
    moved = add(OLD, "Match report", "We won.")
    duplicate = add(OLD, "Both", "Same text", content_hash="same")
    kept = add(NEW, "Both", "Same text", content_hash="same")
    library.follow(OLD, OTHER)
    library.follow(OTHER, OLD)
    library.follow(NEW, OLD)
    sub = library.add_subscription(
        chat_id=OLD,
        thread_id=None,
        local_time=dt.time(9),
        timezone="UTC",
        weekdays=frozenset(range(7)),
        keywords="",
        next_due_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        created_by=None,
    )

    library.migrate_chat(OLD, NEW)

    assert library.get_article(moved, viewer_chat_id=None).chat_id == NEW
    assert library.get_article(duplicate, viewer_chat_id=None) is None
    assert library.get_article(kept, viewer_chat_id=None).chat_id == NEW
    assert [c.chat_id for c in library.following(NEW)] == [OTHER]
    assert [c.chat_id for c in library.following(OTHER)] == [NEW]
    assert library.get_subscription(sub.id).chat_id == NEW
    assert library.get_chat(OLD) is None
    assert library.get_chat(NEW).auto_ingest is True
    assert library.search(NEW, "won").hits[0].article.id == moved
    if backend == "sqlite":
        library._db.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
        )


def test_a_username_gets_a_placeholder_collection_until_the_real_chat_arrives(
    library: Library, make_article
) -> None:
    placeholder = library.collection_for_username("@Newsroom")
    assert placeholder.chat_id == placeholder_chat_id("newsroom")
    assert is_placeholder_chat_id(placeholder.chat_id)
    assert not is_placeholder_chat_id(-1009999999999)  # the lowest real Telegram ids are far off
    assert library.collection_for_username("newsroom") == placeholder  # created once
    library.add_article(make_article(placeholder.chat_id, "Port reopens"))
    library.follow(OTHER, placeholder.chat_id)
    library.add_subscription(
        chat_id=placeholder.chat_id,
        thread_id=None,
        local_time=dt.time(9),
        timezone="UTC",
        weekdays=frozenset(range(7)),
        keywords="",
        next_due_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        created_by=None,
    )

    library.upsert_chat(Chat(NEW, "channel", title="The Newsroom", username="newsroom"))

    assert library.get_chat(placeholder.chat_id) is None
    assert library.find_chat("@newsroom") == Chat(NEW, "channel", "The Newsroom", "newsroom")
    assert [a.headline for a in library.iter_articles(NEW)] == ["Port reopens"]
    assert [chat.chat_id for chat in library.following(OTHER)] == [NEW]
    assert [sub.chat_id for sub in library.list_subscriptions(NEW)] == [NEW]
    assert library.collection_for_username("newsroom").chat_id == NEW


def test_a_chat_without_that_username_leaves_the_placeholder_alone(library: Library) -> None:
    placeholder = library.collection_for_username("newsroom")
    library.upsert_chat(Chat(NEW, "channel", title="Other", username="other_room"))
    library.upsert_chat(Chat(OLD, "group", title="No username"))
    assert library.get_chat(placeholder.chat_id) == placeholder
