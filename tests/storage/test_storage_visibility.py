"""Who sees what: own collection, follows, public sources by id or @username."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import Chat, Library

A, B, C = -1001, -1002, -1003


def _seen_by(library: Library, viewer: int, article_id: int) -> dict[str, bool]:
    """Whether ``viewer`` sees the article through each read path."""
    return {
        "get": library.get_article(article_id, viewer_chat_id=viewer) is not None,
        "search": any(h.article.id == article_id for h in library.search(viewer, "secret").hits),
        "latest": any(a.id == article_id for a in library.latest(viewer)),
        "since": any(a.id == article_id for a in library.since(viewer, 0)),
        "stats": library.stats(viewer).articles > 0,
    }


def test_an_article_is_invisible_to_other_chats(library: Library, add) -> None:
    article_id = add(A, "A secret plan", "only for A")
    assert all(_seen_by(library, A, article_id).values())
    assert not any(_seen_by(library, B, article_id).values())
    assert library.get_article(article_id, viewer_chat_id=None) is not None
    assert library.search(None, "secret").hits


def test_following_makes_a_collection_visible_until_unfollowed(library: Library, add) -> None:
    article_id = add(A, "A secret plan", "only for A")
    assert library.follow(B, A) is True
    assert library.follow(B, A) is False
    assert all(_seen_by(library, B, article_id).values())
    assert not any(_seen_by(library, C, article_id).values())
    assert library.visible_chats(B) == frozenset({A, B})
    assert library.unfollow(B, A) is True
    assert library.unfollow(B, A) is False
    assert not any(_seen_by(library, B, article_id).values())


@pytest.mark.parametrize("source", [A, str(A), "@Public_Wire", "public_wire"])
def test_public_sources_by_id_or_username_are_seen_by_everyone(
    library_target: Path | str, make_article, source: int | str
) -> None:
    with Library(library_target, public_sources=[source]) as lib:
        lib.upsert_chat(Chat(chat_id=A, type="channel", username="public_wire"))
        article_id = lib.add_article(make_article(A, "A secret plan", "public")).article_id
        assert all(_seen_by(lib, B, article_id).values())
        assert A in lib.visible_chats(B)


def test_a_public_username_unknown_at_start_becomes_visible_when_learned(
    library_target: Path | str, make_article
) -> None:
    with Library(library_target, public_sources=["@late_channel"]) as lib:
        article_id = lib.add_article(make_article(A, "A secret plan", "x")).article_id
        assert not _seen_by(lib, B, article_id)["get"]
        lib.upsert_chat(Chat(chat_id=A, type="channel", username="Late_Channel"))
        assert _seen_by(lib, B, article_id)["get"]


def test_from_filter_cannot_reach_an_invisible_collection(library: Library, add) -> None:
    add(A, "A secret plan", "x")
    assert library.search(B, f"secret from:{A}").hits == []


def test_bad_public_source_is_a_clear_error(library_target: Path | str) -> None:
    with pytest.raises(ValueError, match="neither a chat id"):
        Library(library_target, public_sources=["not a channel!"])
