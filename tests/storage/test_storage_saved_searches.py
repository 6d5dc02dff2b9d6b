"""Saved searches: the query behind a "More" button, per chat, for a limited time."""

from __future__ import annotations

import datetime as dt

from storage import Library
from storage.rows import instant_to_text
from storage.saved_searches import SEARCH_LIFETIME


def test_a_saved_search_is_read_back_only_by_its_chat(library: Library) -> None:
    first = library.save_search(-100, 'climate "NEAR(" -coal')
    second = library.save_search(42, "budget")

    assert first != second
    assert library.get_search(first, -100) == 'climate "NEAR(" -coal'
    assert library.get_search(second, 42) == "budget"
    assert library.get_search(first, 42) is None
    assert library.get_search(9999, -100) is None


def test_expired_searches_are_not_returned_and_are_pruned(library: Library) -> None:
    old = library.save_search(-100, "old news")
    too_old = dt.datetime.now(dt.UTC) - SEARCH_LIFETIME - dt.timedelta(minutes=1)
    library._db.execute(
        "UPDATE searches SET created_at = ? WHERE id = ?", (instant_to_text(too_old), old)
    )
    assert library.get_search(old, -100) is None

    fresh = library.save_search(-100, "fresh news")
    ids = [row[0] for row in library._db.execute("SELECT id FROM searches").fetchall()]
    assert ids == [fresh]
