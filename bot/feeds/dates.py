"""Feed dates -> aware datetimes that keep the zone the feed gave.

feedparser normalises its ``*_parsed`` dates to UTC and drops the zone, so the raw string is read
here first: RFC 822 (RSS ``pubDate``), then ISO 8601 / RFC 3339 (Atom, JSON Feed, ``dc:date``).
Then year-first dates with slashes, which feedparser misreads. Only when none of these reads it
(feedparser knows a dozen odder forms) is feedparser's UTC value used. A date given without a
zone is taken as UTC, as feedparser does.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time

__all__ = ["parse_feed_date"]

_UTC = dt.UTC
_MIN_YEAR = 1970
# Year-first dates with slashes, as Chinese and Japanese forum software writes them
# ("2020/1/10 14:33:00"); feedparser misreads them.
_SLASHED_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d")


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=_UTC)


def _rfc822(raw: str) -> dt.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _iso8601(raw: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(raw)  # also a bare date, at midnight
    except ValueError:
        return None


def _slashed(raw: str) -> dt.datetime | None:
    for pattern in _SLASHED_FORMATS:
        try:
            return dt.datetime.strptime(raw, pattern)
        except ValueError:
            continue
    return None


def _from_struct(parsed: time.struct_time | None) -> dt.datetime | None:
    if parsed is None:
        return None
    try:
        return dt.datetime(*parsed[:6], tzinfo=_UTC)
    except (TypeError, ValueError):
        return None


def parse_feed_date(raw: str | None, parsed: time.struct_time | None = None) -> dt.datetime | None:
    """The date of ``raw`` with its zone, else feedparser's ``parsed`` value (UTC), else None.

    Dates before 1970 are treated as absent: they are placeholders (``0001-01-01``), not news.
    """
    value: dt.datetime | None = None
    text = (raw or "").strip()
    if text:
        value = _rfc822(text) or _iso8601(text) or _slashed(text)
    if value is None:
        value = _from_struct(parsed)
    if value is None or value.year < _MIN_YEAR:
        return None
    return _aware(value)
