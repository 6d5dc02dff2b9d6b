"""Polling intervals and next-poll times: all pure, all given `now`."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.feeds import (
    MAX_BACKOFF,
    MAX_PUBLISHER_DELAY,
    InvalidIntervalError,
    apply_floor,
    format_interval,
    next_poll_at,
    next_retry_at,
    parse_interval,
    parse_max_age,
    parse_retry_after,
    should_pause,
)

NOW = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("15m", 15), ("30m", 30), ("1h", 60), ("6h", 360), ("1d", 1440), ("1h30m", 90),
     (" 2H ", 120), ("1w", 10080), ("1m", 1)],
)  # fmt: skip
def test_parse_interval(text: str, minutes: int) -> None:
    interval = parse_interval(text)
    assert interval == dt.timedelta(minutes=minutes)
    assert parse_interval(format_interval(interval)) == interval


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15", "give a number and a unit"),
        ("15x", "give a number and a unit"),
        ("30s", "give a number and a unit"),
        ("-5m", "give a number and a unit"),
        ("every 15m", "give a number and a unit"),
        ("", "give a number and a unit"),
        ("0m", "shortest interval is 1m"),
        ("8d", "longest interval is 7d"),
        ("999999d", "longest interval is 7d"),
    ],
)
def test_bad_intervals_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(InvalidIntervalError, match=message):
        parse_interval(text)


def test_format_interval() -> None:
    assert format_interval(dt.timedelta(days=1, hours=2, minutes=5)) == "1d2h5m"
    assert format_interval(dt.timedelta(minutes=45)) == "45m"


def test_floor_raises_short_requests_and_says_so() -> None:
    assert apply_floor(5 * MINUTE, 15 * MINUTE) == (15 * MINUTE, True)
    assert apply_floor(HOUR, 15 * MINUTE) == (HOUR, False)
    assert apply_floor(15 * MINUTE, 15 * MINUTE) == (15 * MINUTE, False)


def test_cache_control_max_age() -> None:
    assert parse_max_age("public, max-age=600") == 10 * MINUTE
    assert parse_max_age('max-age="120", must-revalidate') == 2 * MINUTE
    assert parse_max_age("s-maxage=600, no-cache") is None
    assert parse_max_age(None) is None


def test_retry_after_seconds_or_http_date() -> None:
    assert parse_retry_after("120", NOW) == NOW + 2 * MINUTE
    assert parse_retry_after("Fri, 01 Mar 2024 13:30:00 GMT", NOW) == NOW + 90 * MINUTE
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("", NOW) is None


def test_next_poll_is_the_interval_unless_the_publisher_asks_for_later() -> None:
    assert next_poll_at(NOW, 15 * MINUTE) == NOW + 15 * MINUTE
    assert next_poll_at(NOW, 15 * MINUTE, ttl=30 * MINUTE) == NOW + 30 * MINUTE
    assert next_poll_at(NOW, 15 * MINUTE, max_age=HOUR) == NOW + HOUR
    assert next_poll_at(NOW, HOUR, ttl=30 * MINUTE, max_age=10 * MINUTE) == NOW + HOUR
    later = NOW + 2 * HOUR
    assert next_poll_at(NOW, 15 * MINUTE, retry_after=later) == later
    # A lower bound only: a Retry-After in the past does not pull the poll earlier.
    assert next_poll_at(NOW, 15 * MINUTE, retry_after=NOW - HOUR) == NOW + 15 * MINUTE


def test_publisher_bounds_are_capped() -> None:
    far = dt.timedelta(days=365)
    assert next_poll_at(NOW, 15 * MINUTE, max_age=far) == NOW + MAX_PUBLISHER_DELAY
    assert next_poll_at(NOW, 15 * MINUTE, retry_after=NOW + far) == NOW + MAX_PUBLISHER_DELAY
    # ...but never below the feed's own interval.
    assert next_poll_at(NOW, dt.timedelta(days=3), max_age=far) == NOW + dt.timedelta(days=3)


def test_backoff_doubles_up_to_the_cap() -> None:
    delays = [next_retry_at(NOW, 15 * MINUTE, failures) - NOW for failures in range(1, 9)]
    assert delays[:5] == [30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR]
    assert delays[5:] == [MAX_BACKOFF] * 3
    assert next_retry_at(NOW, 15 * MINUTE, 10_000) == NOW + MAX_BACKOFF


def test_backoff_of_a_long_interval_and_retry_after() -> None:
    assert next_retry_at(NOW, dt.timedelta(days=1), 3) == NOW + dt.timedelta(days=1)
    later = NOW + 5 * HOUR
    assert next_retry_at(NOW, 15 * MINUTE, 1, retry_after=later) == later


def test_pause_after_days_of_failure() -> None:
    three_days = dt.timedelta(days=3)
    assert should_pause(NOW - three_days, NOW, three_days)
    assert not should_pause(NOW - three_days + MINUTE, NOW, three_days)
    assert not should_pause(None, NOW, three_days)
