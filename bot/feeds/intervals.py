"""Polling intervals and when to poll a feed next (pure: every function is given ``now``).

A feed is polled every ``interval`` (``15m``, ``1h``, ``6h``, ``1d``...). What the publisher asks
for is a lower bound on the next poll: ``Cache-Control: max-age``, RSS ``<ttl>`` and
``Retry-After`` may push it later, never earlier. A publisher's bound is capped at
:data:`MAX_PUBLISHER_DELAY` so that a misconfigured server cannot stop a feed for months. After a
failure the wait doubles with each consecutive failure, up to :data:`MAX_BACKOFF` (or the
interval, when that is longer).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from bot.feeds.model import InvalidIntervalError
from bot.i18n import N_

__all__ = [
    "MAX_BACKOFF",
    "MAX_INTERVAL",
    "MAX_PUBLISHER_DELAY",
    "MIN_INTERVAL",
    "apply_floor",
    "format_interval",
    "next_poll_at",
    "next_retry_at",
    "parse_interval",
    "parse_max_age",
    "parse_retry_after",
    "should_pause",
]

MIN_INTERVAL = dt.timedelta(minutes=1)
MAX_INTERVAL = dt.timedelta(days=7)
MAX_BACKOFF = dt.timedelta(hours=12)
MAX_PUBLISHER_DELAY = dt.timedelta(days=1)

_UNITS = {"m": 60, "h": 3600, "d": 86_400, "w": 604_800}
_PART = re.compile(r"(\d{1,6})([mhdw])")
_WHOLE = re.compile(r"(?:\d{1,6}[mhdw])+")
_MAX_AGE = re.compile(r"""^\s*max-age\s*=\s*"?(\d+)"?\s*$""", re.IGNORECASE)


def parse_interval(text: str) -> dt.timedelta:
    """``"15m"`` -> 15 minutes; units m, h, d, w, combinable (``1h30m``).

    Raises:
        InvalidIntervalError: not of that form, or outside 1m..7d.
    """
    compact = re.sub(r"\s+", "", text).lower()
    if not _WHOLE.fullmatch(compact):
        raise InvalidIntervalError(
            N_(
                "“{text}” is not an interval: give a number and a unit (m, h, d), "
                "like 15m, 1h, 6h or 1d."
            ),
            text=text.strip(),
        )
    seconds = sum(int(number) * _UNITS[unit] for number, unit in _PART.findall(compact))
    interval = dt.timedelta(seconds=seconds)
    if interval < MIN_INTERVAL:
        raise InvalidIntervalError(
            N_("The shortest interval is {interval}."), interval=format_interval(MIN_INTERVAL)
        )
    if interval > MAX_INTERVAL:
        raise InvalidIntervalError(
            N_("The longest interval is {interval}: a feed is checked at least once a week."),
            interval=format_interval(MAX_INTERVAL),
        )
    return interval


def format_interval(interval: dt.timedelta) -> str:
    """The short form :func:`parse_interval` reads back: 90 minutes -> ``"1h30m"``."""
    remaining = int(interval.total_seconds()) // 60 * 60
    parts: list[str] = []
    for unit in ("d", "h", "m"):
        count, remaining = divmod(remaining, _UNITS[unit])
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0m"


def apply_floor(requested: dt.timedelta, floor: dt.timedelta) -> tuple[dt.timedelta, bool]:
    """The interval to use when an operator's ``[feeds] min_interval`` is ``floor``, and
    whether the request was raised to it (so the user can be told)."""
    if requested < floor:
        return floor, True
    return requested, False


def parse_max_age(cache_control: str | None) -> dt.timedelta | None:
    """``max-age`` of a ``Cache-Control`` header (``"public, max-age=600"`` -> 10 minutes)."""
    for directive in (cache_control or "").split(","):
        match = _MAX_AGE.match(directive)
        if match:
            return dt.timedelta(seconds=int(match.group(1)))
    return None


def parse_retry_after(value: str | None, now: dt.datetime) -> dt.datetime | None:
    """The moment a ``Retry-After`` header names: seconds from ``now``, or an HTTP date.
    None when absent or unreadable."""
    text = (value or "").strip()
    if text.isdigit():
        return now + dt.timedelta(seconds=int(text))
    if not text:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _publisher_bound(now: dt.datetime, moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return now
    return min(moment, now + MAX_PUBLISHER_DELAY)


def next_poll_at(
    now: dt.datetime,
    interval: dt.timedelta,
    *,
    ttl: dt.timedelta | None = None,
    max_age: dt.timedelta | None = None,
    retry_after: dt.datetime | None = None,
) -> dt.datetime:
    """When to poll again after a successful poll (``now``, aware): the interval, pushed later
    by the publisher's ``ttl``, ``max_age`` and ``retry_after`` (each capped)."""
    bounds = [now + interval]
    bounds += [_publisher_bound(now, now + delay) for delay in (ttl, max_age) if delay]
    bounds.append(_publisher_bound(now, retry_after))
    return max(bounds)


def next_retry_at(
    now: dt.datetime,
    interval: dt.timedelta,
    failures: int,
    *,
    retry_after: dt.datetime | None = None,
) -> dt.datetime:
    """When to try again after the ``failures``-th failure in a row (1 for the first):
    ``interval * 2**failures``, at most :data:`MAX_BACKOFF` unless the interval is longer, and
    never before ``retry_after`` (capped)."""
    if interval >= MAX_BACKOFF:
        delay = interval
    else:
        # 2**20 minutes is far past the cap; a larger power would overflow timedelta.
        delay = min(interval * 2 ** min(max(failures, 1), 20), MAX_BACKOFF)
    return max(now + delay, _publisher_bound(now, retry_after))


def should_pause(
    failing_since: dt.datetime | None, now: dt.datetime, pause_after: dt.timedelta
) -> bool:
    """True when a feed has failed without a success since ``failing_since`` for at least
    ``pause_after`` (``[feeds] pause_after_days``)."""
    return failing_since is not None and now - failing_since >= pause_after
