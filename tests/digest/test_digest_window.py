"""Where a digest's window opened: the previous scheduled moment, across weekdays and DST."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.delivery import window_opened
from bot.schedule import ALL_WEEKDAYS, next_due, previous_due
from storage.models import Subscription

NINE = dt.time(9, 0)
WEEKDAYS = frozenset(range(5))


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("zone", "weekdays", "before", "expected"),
    [
        ("UTC", ALL_WEEKDAYS, utc(2026, 3, 10, 9, 0), utc(2026, 3, 9, 9, 0)),
        ("UTC", ALL_WEEKDAYS, utc(2026, 3, 10, 12, 0), utc(2026, 3, 10, 9, 0)),
        # Monday 2026-03-09: the window of a weekday digest opened on Friday.
        ("UTC", WEEKDAYS, utc(2026, 3, 9, 9, 0), utc(2026, 3, 6, 9, 0)),
        # Europe/Berlin springs forward on 2026-03-29: 09:00 is 08:00 UTC before, 07:00 after.
        ("Europe/Berlin", ALL_WEEKDAYS, utc(2026, 3, 30, 7, 0), utc(2026, 3, 29, 7, 0)),
        ("Europe/Berlin", ALL_WEEKDAYS, utc(2026, 3, 29, 7, 0), utc(2026, 3, 28, 8, 0)),
    ],
)
def test_previous_due(
    zone: str, weekdays: frozenset[int], before: dt.datetime, expected: dt.datetime
) -> None:
    assert previous_due(NINE, zone, weekdays, before=before) == expected
    # No due moment lies between the two: the next one after it is ``before`` or later.
    assert next_due(NINE, zone, weekdays, after=expected) >= before


def test_previous_due_refuses_naive_moments_and_empty_weekdays() -> None:
    with pytest.raises(ValueError, match="aware"):
        previous_due(NINE, "UTC", ALL_WEEKDAYS, before=dt.datetime(2026, 3, 9))
    with pytest.raises(ValueError, match="weekdays"):
        previous_due(NINE, "UTC", frozenset(), before=utc(2026, 3, 9))


def test_a_subscription_window_opened_at_its_previous_digest() -> None:
    sub = Subscription(
        id=1, chat_id=-5, thread_id=None, local_time=NINE, timezone="Europe/Berlin",
        weekdays=WEEKDAYS, keywords="", active=True, paused_reason=None,
        next_due_at=utc(2026, 3, 30, 7, 0), cursor=0, created_by=None,
    )  # fmt: skip
    # Monday after the spring change: the window opened on Friday at 09:00 CET.
    assert window_opened(sub) == utc(2026, 3, 27, 8, 0)
