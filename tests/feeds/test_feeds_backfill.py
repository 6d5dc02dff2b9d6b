"""A newly added feed stores only its newest items."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from bot.feeds import newest_items, parse_feed

Fixture = Callable[[str], bytes]


def test_dated_items_are_ordered_by_date(fixture_bytes: Fixture) -> None:
    items = parse_feed(fixture_bytes("aktuality.rss")).items
    oldest_first = tuple(reversed(items))
    picked = newest_items(oldest_first, 5)
    assert len(picked) == 5
    dates = [item.published for item in picked]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    newest = max(item.published for item in items if item.published)
    assert picked[0].published == newest


def test_undated_items_keep_the_feeds_order(fixture_bytes: Fixture) -> None:
    items = parse_feed(fixture_bytes("aktuality.rss")).items
    partly_undated = (dataclasses.replace(items[3], published=None), *items[:3], *items[4:])
    assert newest_items(partly_undated, 2) == partly_undated[:2]


def test_limits(fixture_bytes: Fixture) -> None:
    items = parse_feed(fixture_bytes("manton.rss")).items
    assert newest_items(items, 0) == ()
    assert len(newest_items(items, 50)) == len(items) == 10
