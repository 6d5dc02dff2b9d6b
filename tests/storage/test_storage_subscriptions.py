"""Subscriptions (due, advance, pause, resume, remove) and delivery records."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import (
    DeliveryAlreadyRecordedError,
    Library,
    NaiveDatetimeError,
    Subscription,
    SubscriptionNotFoundError,
)

A, B = -1001, -1002
T0 = dt.datetime(2030, 5, 1, 7, 0, tzinfo=dt.UTC)


def _subscribe(library: Library, chat_id: int = A, due: dt.datetime = T0, **kw) -> Subscription:
    values = {
        "thread_id": None,
        "local_time": dt.time(9, 0),
        "timezone": "Europe/Berlin",
        "weekdays": frozenset({0, 2, 4}),
        "keywords": "flood",
        "created_by": 42,
    }
    values.update(kw)
    return library.add_subscription(chat_id=chat_id, next_due_at=due, **values)


def test_new_subscription_round_trips_and_starts_from_now(library: Library, add) -> None:
    add(A, "Before subscribing", "x")
    last = add(A, "Also before", "y")
    sub = _subscribe(library, thread_id=7)
    assert sub.cursor == last
    assert (sub.thread_id, sub.local_time, sub.timezone) == (7, dt.time(9, 0), "Europe/Berlin")
    assert sub.weekdays == frozenset({0, 2, 4}) and sub.keywords == "flood"
    assert sub.active and sub.paused_reason is None and sub.created_by == 42
    assert sub.next_due_at == T0 and sub.next_due_at.tzinfo == dt.UTC
    assert library.get_subscription(sub.id) == sub
    assert _subscribe(library, cursor=0).cursor == 0


def test_due_uses_utc_instants_whatever_the_offset_given(library: Library) -> None:
    berlin_9am = dt.datetime(2030, 5, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    sub = _subscribe(library, due=berlin_9am)
    assert sub.next_due_at == T0
    assert library.due_subscriptions(T0 - dt.timedelta(microseconds=1)) == []
    assert [s.id for s in library.due_subscriptions(T0)] == [sub.id]


def test_due_is_most_overdue_first_and_limited(library: Library) -> None:
    late = _subscribe(library, due=T0 - dt.timedelta(hours=3))
    later = _subscribe(library, due=T0 - dt.timedelta(hours=1))
    _subscribe(library, due=T0 + dt.timedelta(hours=1))
    assert [s.id for s in library.due_subscriptions(T0)] == [late.id, later.id]
    assert [s.id for s in library.due_subscriptions(T0, limit=1)] == [late.id]


@pytest.mark.sqlite_only
def test_due_query_uses_the_partial_index(library: Library) -> None:
    plan = library._db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM subscriptions WHERE active = 1 AND next_due_at <= ?",
        ("2030",),
    ).fetchall()
    assert any("subscriptions_due" in row[-1] for row in plan)


def test_reschedule(library: Library) -> None:
    sub = _subscribe(library)
    tomorrow = T0 + dt.timedelta(days=1)
    library.reschedule(sub.id, tomorrow)
    moved = library.get_subscription(sub.id)
    assert (moved.cursor, moved.next_due_at) == (sub.cursor, tomorrow)
    with pytest.raises(SubscriptionNotFoundError):
        library.reschedule(12345, T0)


def test_pause_hides_from_due_until_resumed(library: Library) -> None:
    sub = _subscribe(library)
    library.pause_subscription(sub.id, "bot was blocked")
    paused = library.get_subscription(sub.id)
    assert not paused.active and paused.paused_reason == "bot was blocked"
    assert library.due_subscriptions(T0) == []
    assert library.list_subscriptions(A) == [paused]
    assert library.resume_subscriptions(A) == 1
    assert library.resume_subscriptions(A) == 0
    assert [s.id for s in library.due_subscriptions(T0)] == [sub.id]


def test_remove_only_the_chats_own(library: Library) -> None:
    mine, other = _subscribe(library, A), _subscribe(library, B)
    assert library.remove_subscription(B, mine.id) is False
    assert library.remove_subscription(A, mine.id) is True
    _subscribe(library, A)
    _subscribe(library, A)
    assert library.remove_all_subscriptions(A) == 2
    assert library.list_subscriptions(A) == []
    assert library.list_subscriptions(B) == [other]


def test_naive_datetimes_are_refused(library: Library) -> None:
    with pytest.raises(NaiveDatetimeError, match="time zone"):
        _subscribe(library, due=dt.datetime(2030, 1, 1))
    with pytest.raises(NaiveDatetimeError):
        library.due_subscriptions(dt.datetime(2030, 1, 1))


def test_bad_weekdays_are_refused(library: Library) -> None:
    with pytest.raises(ValueError, match="weekdays"):
        _subscribe(library, weekdays=frozenset({7}))


def test_each_part_is_recorded_once(library: Library) -> None:
    sub = _subscribe(library)
    library.record_delivery(sub.id, "2030-05-01", 0, 100)
    library.record_delivery(sub.id, "2030-05-01", 1, None)
    library.record_delivery(sub.id, "2030-05-02", 0, 102)
    assert library.delivered_parts(sub.id, "2030-05-01") == {0, 1}
    with pytest.raises(DeliveryAlreadyRecordedError, match="already"):
        library.record_delivery(sub.id, "2030-05-01", 1, 101)
    with pytest.raises(SubscriptionNotFoundError):
        library.record_delivery(9999, "2030-05-01", 0, 1)


def test_removing_a_subscription_removes_its_deliveries(library: Library) -> None:
    sub = _subscribe(library)
    library.record_delivery(sub.id, "2030-05-01", 0, 100)
    library.remove_subscription(A, sub.id)
    (count,) = library._db.execute("SELECT count(*) FROM deliveries").fetchone()
    assert count == 0
