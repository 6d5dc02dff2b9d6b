"""Dates, times, time zones and numbers written the way each language writes them (Babel/CLDR).

Pure functions of a :class:`babel.Locale`; :class:`bot.i18n.Translator` binds them to a
language. Datetimes must be timezone-aware: the library stores UTC, and the zone to show is
always the reader's, passed in.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from babel import Locale, dates, numbers
from babel.core import get_global

__all__ = [
    "NaiveDatetimeError",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "format_relative",
    "format_time",
    "format_zone",
]

#: CLDR marks a zone abbreviation that a locale does not use with this value.
_NOT_USED = "\u2205\u2205\u2205"

#: Long dates whose CLDR pattern ends in an era-like word ("3 декабря 2026 г.") that newsrooms
#: leave out; every other language uses its CLDR ``long`` date pattern.
_LONG_DATE_PATTERNS = {"ru": "d MMMM y", "uk": "d MMMM y"}


class NaiveDatetimeError(ValueError):
    """A datetime without a time zone where the moment in time matters."""


def _in_zone(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{moment.isoformat()} has no time zone; pass an aware datetime, "
            "e.g. datetime.now(datetime.UTC)"
        )
    return moment.astimezone(zone)


@functools.lru_cache(maxsize=4096)
def format_date(value: dt.date, locale: Locale) -> str:
    """The date in words: "3 December 2026", "3 декабря 2026", "3. Dezember 2026".

    Cached: a digest of a hundred articles names a handful of days, and babel's pattern
    formatting was a sixth of the cost of rendering it."""
    pattern = _LONG_DATE_PATTERNS.get(locale.language) or locale.date_formats["long"].pattern
    return dates.format_date(value, pattern, locale=locale)


def _abbreviation(moment: dt.datetime, locale: Locale) -> str | None:
    """The zone's abbreviation if people writing this locale use one ("CET", "MEZ", "BST")."""
    zone_id = getattr(moment.tzinfo, "key", None)
    if not isinstance(zone_id, str):
        return None
    zone_id = get_global("zone_aliases").get(zone_id, zone_id)
    if zone_id.startswith("Etc/"):  # UTC and its aliases: written "UTC" below, in every language
        return None
    variant = "daylight" if moment.dst() else "standard"
    metazone = get_global("meta_zones").get(zone_id)
    candidates = [locale.time_zones.get(zone_id, {}), locale.meta_zones.get(metazone, {})]
    for names in candidates:
        name = names.get("short", {}).get(variant)
        if name and name != _NOT_USED:
            return str(name)
    return None


def _utc_offset(moment: dt.datetime) -> str:
    """ "UTC", "UTC+3", "UTC+5:30", "UTC-4"."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_zone(moment: dt.datetime, zone: dt.tzinfo, locale: Locale) -> str:
    """The zone at that moment as people write it: the abbreviation CLDR records for the
    locale ("CET"/"CEST" in English, "MEZ"/"MESZ" in German, "GMT"/"BST" in British English),
    else the UTC offset ("UTC+3", "UTC+5:30"), which every reader understands.

    Raises:
        NaiveDatetimeError: ``moment`` has no time zone.
    """
    local = _in_zone(moment, zone)
    return _abbreviation(local, locale) or _utc_offset(local)


def format_time(moment: dt.datetime, zone: dt.tzinfo, locale: Locale) -> str:
    """The clock time in ``zone`` with the zone: "14:30 CET", "16:30 UTC+3".

    Raises:
        NaiveDatetimeError: ``moment`` has no time zone.
    """
    local = _in_zone(moment, zone)
    clock = dates.format_time(local, locale.time_formats["short"].pattern, locale=locale)
    return f"{clock} {format_zone(local, zone, locale)}"


def format_datetime(moment: dt.datetime, zone: dt.tzinfo, locale: Locale) -> str:
    """Date and time in ``zone``: "3 December 2026, 14:30 CET", "3 декабря 2026, 16:30 UTC+3".

    Raises:
        NaiveDatetimeError: ``moment`` has no time zone.
    """
    local = _in_zone(moment, zone)
    # CLDR joins a date and a time with a pattern such as "{1}, {0}" or "{1} 'at' {0}".
    joiner = str(locale.datetime_formats["medium"]).replace("'", "")
    return joiner.replace("{1}", format_date(local.date(), locale)).replace(
        "{0}", format_time(local, zone, locale)
    )


def format_number(value: int | float | Decimal, locale: Locale) -> str:
    """A number with the locale's separators: "1,234.5", "1 234,5", "1.234,5"."""
    if type(value) is int:
        return _format_integer(value, locale)
    return numbers.format_decimal(value, locale=locale)


@functools.lru_cache(maxsize=4096)
def _format_integer(value: int, locale: Locale) -> str:
    """:func:`format_number` of an int, cached: every digest header writes its counts, and
    babel takes ~4 us a number where a small digest renders in ~60 us."""
    return numbers.format_decimal(value, locale=locale)


def format_percent(fraction: float, locale: Locale) -> str:
    """A fraction as a whole percentage with the locale's sign and spacing: "42%", "42 %"."""
    return numbers.format_percent(fraction, locale=locale)


def format_relative(delta: dt.timedelta, locale: Locale) -> str:
    """A span from now, rounded the way people say it: "in 3 hours", "через 3 часа",
    "vor 2 Tagen" (negative ``delta``: in the past)."""
    return dates.format_timedelta(delta, granularity="minute", add_direction=True, locale=locale)
