"""The update inbox: stored until done, replayed oldest first, a high-water mark that expires."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from storage import AsyncLibrary, DatabaseError, Library
from storage.inbox import TELEGRAM_RETENTION


def _age_mark(library: Library, hours: int) -> None:
    """Move the mark's time back by ``hours``, as if time had passed."""
    (stored_at,) = library._db.execute("SELECT stored_at FROM update_inbox_mark").fetchone()
    earlier = dt.datetime.fromisoformat(stored_at) - dt.timedelta(hours=hours)
    library._db.execute(
        "UPDATE update_inbox_mark SET stored_at = ?", (earlier.isoformat(timespec="microseconds"),)
    )


def test_an_empty_inbox_has_nothing_pending_and_no_mark(library: Library) -> None:
    assert library.inbox_pending() == []
    assert library.inbox_high_water() == 0


def test_added_updates_are_pending_oldest_first_until_done(library: Library) -> None:
    library.inbox_add([(12, '{"update_id": 12}'), (10, '{"update_id": 10}')])
    library.inbox_add([(11, '{"update_id": 11}')])
    assert library.inbox_pending() == [
        (10, '{"update_id": 10}'),
        (11, '{"update_id": 11}'),
        (12, '{"update_id": 12}'),
    ]
    library.inbox_done(11)
    library.inbox_done(10, 12, 99)  # several at once; an unknown id is ignored
    assert library.inbox_pending() == []


def test_the_size_counts_the_updates_not_yet_done(library: Library) -> None:
    assert library.inbox_size() == 0
    library.inbox_add([(1, "{}"), (2, "{}"), (3, "{}")])
    assert library.inbox_size() == 3
    library.inbox_done(1, 3)
    assert library.inbox_size() == 1


def test_the_mark_is_the_highest_id_ever_stored(library: Library) -> None:
    library.inbox_add([(5, "{}"), (7, "{}")])
    assert library.inbox_high_water() == 7
    library.inbox_done(5, 7)
    assert library.inbox_high_water() == 7  # done updates still count
    library.inbox_add([(6, "{}")])
    assert library.inbox_high_water() == 7  # never lowered
    library.inbox_add([])
    assert library.inbox_high_water() == 7


def test_a_batch_stored_twice_keeps_its_first_payload(library: Library) -> None:
    library.inbox_add([(3, "first")])
    library.inbox_add([(3, "second")])
    assert library.inbox_pending() == [(3, "first")]


def test_inbox_and_mark_survive_reopening(library_target: Path | str) -> None:
    with Library(library_target) as library:
        library.inbox_add([(40, "a"), (41, "b")])
        library.inbox_done(40)
    with Library(library_target) as library:
        assert library.inbox_pending() == [(41, "b")]
        assert library.inbox_high_water() == 41


def test_a_mark_older_than_telegrams_retention_is_ignored_then_replaced(
    library: Library,
) -> None:
    library.inbox_add([(1000, "{}")])
    hours = int(TELEGRAM_RETENTION.total_seconds() // 3600)
    _age_mark(library, hours - 1)
    assert library.inbox_high_water() == 1000  # within the retention: still a valid mark
    _age_mark(library, 2)
    # Nothing Telegram could re-send is at or below it any more; ids may have restarted lower.
    assert library.inbox_high_water() == 0
    library.inbox_add([(17, "{}")])
    assert library.inbox_high_water() == 17


def test_a_failed_batch_stores_nothing(library: Library) -> None:
    library.inbox_add([(1, "{}")])
    # The second payload cannot be bound.
    with pytest.raises((sqlite3.ProgrammingError, DatabaseError)):
        library.inbox_add([(2, "{}"), (3, {"not": "text"})])  # type: ignore[list-item]
    assert library.inbox_pending() == [(1, "{}")]
    assert library.inbox_high_water() == 1


async def test_the_async_library_runs_the_inbox_on_its_thread(library_target: Path | str) -> None:
    library = await AsyncLibrary.open(library_target)
    try:
        await library.inbox_add([(8, "x"), (9, "y")])
        await library.inbox_done(8)
        assert await library.inbox_pending() == [(9, "y")]
        assert await library.inbox_high_water() == 9
    finally:
        await library.aclose()
