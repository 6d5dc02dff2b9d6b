"""Due moments across DST, weekdays, periods and catch-up."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.schedule import (
    ALL_WEEKDAYS,
    UnknownTimeZoneError,
    catch_up_decision,
    digest_period,
    next_due,
    zone_from_name,
)

UTC = dt.UTC
NINE = dt.time(9, 0)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "after", "expected"),
    [
        # Europe/Berlin: CET (+1) until 2026-03-29 02:00, CEST (+2) until 2026-10-25 03:00.
        ("Europe/Berlin", utc(2026, 3, 28, 9, 0), utc(2026, 3, 29, 7, 0)),  # spring forward
        ("Europe/Berlin", utc(2026, 3, 27, 9, 0), utc(2026, 3, 28, 8, 0)),  # last winter day
        ("Europe/Berlin", utc(2026, 10, 24, 8, 0), utc(2026, 10, 25, 8, 0)),  # fall back
        ("Europe/Berlin", utc(2026, 10, 23, 8, 0), utc(2026, 10, 24, 7, 0)),  # last summer day
        # America/New_York: EST (-5) until 2026-03-08, EDT (-4) until 2026-11-01.
        ("America/New_York", utc(2026, 3, 7, 15, 0), utc(2026, 3, 8, 13, 0)),
        ("America/New_York", utc(2026, 3, 6, 15, 0), utc(2026, 3, 7, 14, 0)),
        ("America/New_York", utc(2026, 10, 31, 14, 0), utc(2026, 11, 1, 14, 0)),
        ("America/New_York", utc(2026, 10, 30, 14, 0), utc(2026, 10, 31, 13, 0)),
    ],
)
def test_next_due_keeps_local_time_across_dst(zone, after, expected) -> None:
    due = next_due(NINE, zone, ALL_WEEKDAYS, after=after)
    assert due == expected
    assert due.tzinfo is UTC
    assert due.astimezone(zone_from_name(zone)).time() == NINE


def test_next_due_is_strictly_after() -> None:
    exactly = utc(2026, 1, 5, 8, 0)  # 09:00 Berlin
    assert next_due(NINE, "Europe/Berlin", ALL_WEEKDAYS, after=exactly) == utc(2026, 1, 6, 8, 0)
    just_before = exactly - dt.timedelta(microseconds=1)
    assert next_due(NINE, "Europe/Berlin", ALL_WEEKDAYS, after=just_before) == exactly


def test_next_due_accepts_after_in_any_zone() -> None:
    after = dt.datetime(2026, 1, 5, 9, 30, tzinfo=zone_from_name("Asia/Tokyo"))  # 00:30 UTC
    assert next_due(NINE, "UTC", ALL_WEEKDAYS, after=after) == utc(2026, 1, 5, 9, 0)


def test_next_due_respects_weekdays() -> None:
    friday_evening = utc(2026, 1, 9, 20, 0)
    mon_fri = frozenset(range(5))
    assert next_due(NINE, "Europe/Berlin", mon_fri, after=friday_evening) == utc(2026, 1, 12, 8, 0)
    sunday_only = frozenset({6})
    assert next_due(NINE, "UTC", sunday_only, after=utc(2026, 1, 11, 9, 0)) == utc(
        2026, 1, 18, 9, 0
    )


def test_next_due_in_a_spring_forward_gap_moves_forward() -> None:
    # 02:30 does not exist in Berlin on 2026-03-29: due at 03:30 CEST = 01:30 UTC.
    due = next_due(dt.time(2, 30), "Europe/Berlin", ALL_WEEKDAYS, after=utc(2026, 3, 28, 12, 0))
    assert due == utc(2026, 3, 29, 1, 30)
    ny = next_due(dt.time(2, 30), "America/New_York", ALL_WEEKDAYS, after=utc(2026, 3, 7, 12, 0))
    assert ny == utc(2026, 3, 8, 7, 30)  # 03:30 EDT


def test_next_due_in_a_repeated_hour_takes_the_first_occurrence() -> None:
    # 02:30 happens twice in Berlin on 2026-10-25: first at CEST (00:30 UTC).
    due = next_due(dt.time(2, 30), "Europe/Berlin", ALL_WEEKDAYS, after=utc(2026, 10, 24, 12, 0))
    assert due == utc(2026, 10, 25, 0, 30)
    # And it is not due again at the second occurrence of 02:30.
    again = next_due(dt.time(2, 30), "Europe/Berlin", ALL_WEEKDAYS, after=due)
    assert again == utc(2026, 10, 26, 1, 30)
    ny = next_due(dt.time(1, 30), "America/New_York", ALL_WEEKDAYS, after=utc(2026, 10, 31, 12, 0))
    assert ny == utc(2026, 11, 1, 5, 30)  # 01:30 EDT


def test_next_due_with_fixed_offset_zone() -> None:
    due = next_due(NINE, "UTC+05:30", ALL_WEEKDAYS, after=utc(2026, 6, 1, 0, 0))
    assert due == utc(2026, 6, 1, 3, 30)


@pytest.mark.parametrize(
    ("weekdays", "after"),
    [(frozenset(), utc(2026, 1, 1)), (frozenset({7}), utc(2026, 1, 1)), (ALL_WEEKDAYS, None)],
)
def test_next_due_refuses_bad_input(weekdays, after) -> None:
    after = after or dt.datetime(2026, 1, 1)  # naive
    with pytest.raises(ValueError):
        next_due(NINE, "UTC", weekdays, after=after)


def test_digest_period_is_the_local_date() -> None:
    assert digest_period(utc(2026, 1, 5, 23, 30), "Europe/Berlin") == "2026-01-06"
    assert digest_period(utc(2026, 1, 5, 3, 0), "America/New_York") == "2026-01-04"
    assert digest_period(utc(2026, 1, 5, 3, 0), "UTC") == "2026-01-05"
    with pytest.raises(ValueError):
        digest_period(dt.datetime(2026, 1, 5), "UTC")


@pytest.mark.parametrize(
    ("late", "hours", "decision"),
    [
        (dt.timedelta(0), 0, "send"),
        (dt.timedelta(minutes=2), 0, "send"),  # a slow tick is not a missed digest
        (dt.timedelta(minutes=30), 0, "skip"),
        (dt.timedelta(hours=5, minutes=59), 6, "send"),
        (dt.timedelta(hours=6), 6, "skip"),
        (dt.timedelta(days=3), 6, "skip"),
    ],
)
def test_catch_up_decision(late, hours, decision) -> None:
    due = utc(2026, 1, 5, 8, 0)
    assert catch_up_decision(due, due + late, hours) == decision


def test_catch_up_decision_refuses_future_and_negative_window() -> None:
    due = utc(2026, 1, 5, 8, 0)
    with pytest.raises(ValueError, match="not due yet"):
        catch_up_decision(due, due - dt.timedelta(seconds=1), 6)
    with pytest.raises(ValueError, match="catch_up_hours"):
        catch_up_decision(due, due, -1)


@pytest.mark.parametrize(
    ("name", "offset"),
    [
        ("UTC", dt.timedelta(0)),
        ("utc", dt.timedelta(0)),
        ("+05:30", dt.timedelta(hours=5, minutes=30)),
        ("-3", dt.timedelta(hours=-3)),
        ("UTC+3", dt.timedelta(hours=3)),
        ("GMT-03:00", dt.timedelta(hours=-3)),
        ("Etc/GMT-3", dt.timedelta(hours=3)),
        ("europe/berlin", dt.timedelta(hours=1)),
    ],
)
def test_zone_from_name(name, offset) -> None:
    assert zone_from_name(name).utcoffset(dt.datetime(2026, 1, 5)) == offset


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "+15:00", "-13", "+05:75", "Berlin"])
def test_zone_from_name_refuses_unknown(name) -> None:
    with pytest.raises(UnknownTimeZoneError, match=r"e\.g\.|such as"):
        zone_from_name(name)
