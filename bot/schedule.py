"""Digest scheduling, pure: `/subscribe` arguments, time zones, due moments and catch-up.

Subscriptions store a local time, an IANA zone name (or a fixed offset written ``UTC+05:30``)
and weekdays; the scheduler stores :func:`next_due` in UTC and compares it with the clock, so
daylight saving is handled here once, not in the scheduler.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.i18n import N_, LocalizedError

__all__ = [
    "ALL_WEEKDAYS",
    "ON_TIME_GRACE",
    "DigestScheduleError",
    "SubscribeArgsError",
    "SubscribeRequest",
    "UnknownTimeZoneError",
    "catch_up_decision",
    "digest_period",
    "format_weekdays",
    "next_due",
    "normalize_zone_name",
    "parse_subscribe_args",
    "previous_due",
    "zone_from_name",
]

ALL_WEEKDAYS: frozenset[int] = frozenset(range(7))
#: A digest this late is on time, whatever ``catch_up_hours`` says: the scheduler ticks once a
#: minute and a busy tick may run a little late.
ON_TIME_GRACE = dt.timedelta(minutes=5)

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_ALIASES = {
    **{name: i for i, name in enumerate(_DAY_NAMES)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "wednes": 2,
    "thur": 3,
    "thurs": 3,
}
_NAMED_SETS = {
    "daily": ALL_WEEKDAYS,
    "everyday": ALL_WEEKDAYS,
    "weekdays": frozenset(range(5)),
    "workdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
    "weekend": frozenset({5, 6}),
}
# Areas of the IANA database: a word "Area/..." is meant as a zone, so a typo in it is an
# error rather than silently becoming a keyword. So is a word written like one ("Mars/Olympus":
# capitalised words joined by a slash) and a UTC offset that is no offset ("UTC+3.5").
_ZONE_AREAS = frozenset(
    ("africa", "america", "antarctica", "arctic", "asia", "atlantic", "australia", "europe")
    + ("indian", "pacific", "etc", "us", "canada", "brazil", "mexico", "chile")
)
_AREA_CITY = re.compile(r"^[A-Z][a-z]+(?:_[A-Z][a-z]+)*(?:/[A-Z][a-z]*(?:[_-][A-Za-z]+)*)+$")
_OFFSET_LIKE = re.compile(r"^(?:UTC|GMT)[+-]\S+$", re.IGNORECASE)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_TIME_LIKE = re.compile(r"^\d+:\d*$")
_OFFSET = re.compile(r"^(?:(?:UTC|GMT))?([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_CHANNEL = re.compile(r"^@[A-Za-z][A-Za-z0-9_]{3,31}$")
_MAX_EAST = dt.timedelta(hours=14)
_MAX_WEST = dt.timedelta(hours=12)


class DigestScheduleError(LocalizedError, ValueError):
    """Base class: a schedule (time, zone, weekdays) that cannot be used; the message is in
    the reader's language on request (:meth:`bot.i18n.LocalizedError.in_language`)."""


class UnknownTimeZoneError(DigestScheduleError):
    """The name is neither an IANA time zone nor a UTC offset."""


class SubscribeArgsError(DigestScheduleError):
    """The words after /subscribe are not ``[@channel] [HH:MM] [zone] [weekdays] [keywords]``."""


@dataclass(frozen=True, slots=True)
class SubscribeRequest:
    """What `/subscribe` asked for, validated and normalised."""

    target: str | None  # "@channel" when the subscription is for a channel, else None
    local_time: dt.time
    timezone: str  # an IANA name or "UTC+05:30": :func:`zone_from_name` accepts it again
    weekdays: frozenset[int]  # 0 = Monday ... 6 = Sunday
    keywords: str


# --- time zones -----------------------------------------------------------------------------


@functools.cache
def _iana_names() -> dict[str, str]:
    """Lower-cased IANA zone names mapped to their canonical spelling."""
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def _offset_name(sign: str, hours: str, minutes: str | None) -> str:
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    if int(minutes or 0) >= 60 or delta > (_MAX_WEST if sign == "-" else _MAX_EAST):
        raise UnknownTimeZoneError(
            N_(
                "UTC offset {offset} is out of range; offsets go from -12:00 to +14:00, e.g. +05:30"
            ),
            offset=f"{sign}{hours}:{minutes or '00'}",
        )
    total = int(delta.total_seconds()) // 60
    if total == 0:
        return "UTC"
    return f"UTC{sign}{total // 60:02d}:{total % 60:02d}"


def normalize_zone_name(name: str) -> str:
    """The canonical spelling of a zone: an IANA name, or a fixed offset as ``UTC+05:30``.

    Accepts IANA names in any letter case (``europe/berlin``), ``UTC``/``GMT``/``Z``, and
    offsets written ``+05:30``, ``+0530``, ``-3``, ``UTC+3`` or ``GMT-03:00``.

    Raises:
        UnknownTimeZoneError: with an example of a valid zone.
    """
    text = name.strip()
    if text.upper() in ("Z", "UTC", "GMT"):
        return "UTC"
    offset = _OFFSET.match(text)
    if offset:
        return _offset_name(*offset.groups())
    canonical = _iana_names().get(text.lower())
    if canonical is None:
        raise UnknownTimeZoneError(
            N_(
                "Unknown time zone '{zone}': use an IANA name such as Europe/Berlin, "
                "America/New_York or UTC, or an offset such as +05:30"
            ),
            zone=name,
        )
    return canonical


def zone_from_name(name: str) -> dt.tzinfo:
    """The tzinfo for a zone name accepted by :func:`normalize_zone_name`.

    Raises:
        UnknownTimeZoneError: with an example of a valid zone.
    """
    canonical = normalize_zone_name(name)
    if canonical == "UTC":
        return dt.UTC
    if canonical.startswith("UTC"):
        sign = -1 if canonical[3] == "-" else 1
        hours, minutes = canonical[4:].split(":")
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
        return dt.timezone(sign * offset, canonical)
    return zoneinfo.ZoneInfo(canonical)


def _zone(timezone: str | dt.tzinfo) -> dt.tzinfo:
    return zone_from_name(timezone) if isinstance(timezone, str) else timezone


# --- due moments ----------------------------------------------------------------------------


def next_due(
    local_time: dt.time,
    timezone: str | dt.tzinfo,
    weekdays: frozenset[int],
    *,
    after: dt.datetime,
) -> dt.datetime:
    """The first moment strictly after ``after`` when the digest is due, as an aware UTC datetime.

    The wall-clock time ``local_time`` on one of ``weekdays`` in ``timezone`` is kept across
    daylight saving changes. A local time skipped by a spring-forward gap is moved forward by
    the gap (02:30 becomes 03:30); one that occurs twice in autumn is due at its first occurrence.

    Raises:
        ValueError: ``after`` is naive, or ``weekdays`` is empty or holds a number outside 0..6.
    """
    for candidate in _due_moments(local_time, timezone, weekdays, around=after, step=1):
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: a week always contains one of the weekdays")


def previous_due(
    local_time: dt.time,
    timezone: str | dt.tzinfo,
    weekdays: frozenset[int],
    *,
    before: dt.datetime,
) -> dt.datetime:
    """The last moment strictly before ``before`` when the digest was due (aware, UTC): where
    the window of the digest due at ``before`` opened. The same wall-clock rules as
    :func:`next_due`.

    Raises:
        ValueError: ``before`` is naive, or ``weekdays`` is empty or holds a number outside 0..6.
    """
    for candidate in _due_moments(local_time, timezone, weekdays, around=before, step=-1):
        if candidate < before:
            return candidate
    raise AssertionError("unreachable: a week always contains one of the weekdays")


def _due_moments(
    local_time: dt.time,
    timezone: str | dt.tzinfo,
    weekdays: frozenset[int],
    *,
    around: dt.datetime,
    step: Literal[1, -1],
) -> Iterator[dt.datetime]:
    """Due moments (UTC) on the matching days from the day before ``around`` onwards
    (``step`` 1) or from the day after it backwards (``step`` -1): nine days always hold a
    matching weekday on the far side of ``around``."""
    if around.tzinfo is None or around.utcoffset() is None:
        name = "after" if step == 1 else "before"
        raise ValueError(f"{name} must be an aware datetime (use datetime.now(datetime.UTC))")
    if not weekdays or not weekdays <= ALL_WEEKDAYS:
        raise ValueError(f"weekdays must be a non-empty subset of 0..6, got {sorted(weekdays)}")
    zone = _zone(timezone)
    wall = local_time.replace(tzinfo=None, fold=0)
    start = around.astimezone(zone).date() - dt.timedelta(days=step)
    for day_offset in range(9):
        day = start + dt.timedelta(days=step * day_offset)
        if day.weekday() in weekdays:
            # fold=0 is PEP 495's choice for both gaps (pre-transition offset, so the moment
            # lands after the gap) and repeated hours (the first occurrence): the rule above.
            yield dt.datetime.combine(day, wall, tzinfo=zone).astimezone(dt.UTC)


def digest_period(due_at_utc: dt.datetime, timezone: str | dt.tzinfo) -> str:
    """The local date of a due moment, ISO formatted: the ``period`` key of deliveries."""
    if due_at_utc.tzinfo is None:
        raise ValueError("due_at_utc must be an aware datetime")
    return due_at_utc.astimezone(_zone(timezone)).date().isoformat()


def catch_up_decision(
    due_at: dt.datetime, now: dt.datetime, catch_up_hours: float
) -> Literal["send", "skip"]:
    """Whether a due digest still goes out: ``send`` when on time or less than
    ``catch_up_hours`` late (a digest missed while the bot was down), ``skip`` otherwise.

    Lateness up to :data:`ON_TIME_GRACE` always sends, so ``catch_up_hours = 0`` disables
    catching up without dropping digests that a slow minute tick delivers a little late.

    Raises:
        ValueError: the digest is not due yet, or ``catch_up_hours`` is negative.
    """
    if catch_up_hours < 0:
        raise ValueError(f"catch_up_hours must be >= 0, got {catch_up_hours}")
    lateness = now - due_at
    if lateness < dt.timedelta(0):
        raise ValueError(f"digest due at {due_at.isoformat()} is not due yet at {now.isoformat()}")
    if lateness <= ON_TIME_GRACE or lateness < dt.timedelta(hours=catch_up_hours):
        return "send"
    return "skip"


# --- weekdays -------------------------------------------------------------------------------


def _day(word: str) -> int | None:
    return _DAY_ALIASES.get(word.lower())


def _parse_weekdays(word: str) -> frozenset[int] | None:
    """Weekdays from ``mon-fri``, ``sat,sun``, ``mon-wed,fri``, ``weekdays``...; None if not one."""
    lowered = word.lower()
    if lowered in _NAMED_SETS:
        return _NAMED_SETS[lowered]
    days: set[int] = set()
    for item in lowered.split(","):
        first, dash, last = item.partition("-")
        start, end = _day(first), _day(last) if dash else _day(first)
        if start is None or end is None:
            return None
        # A range may wrap over the weekend: fri-mon is Friday to Monday.
        days.update((start + i) % 7 for i in range((end - start) % 7 + 1))
    return frozenset(days)


def format_weekdays(weekdays: frozenset[int]) -> str:
    """Weekdays as users write them: ``daily``, ``mon-fri``, ``weekends``, ``mon,wed,fri``."""
    if weekdays == ALL_WEEKDAYS:
        return "daily"
    if weekdays == frozenset({5, 6}):
        return "weekends"
    days = sorted(weekdays)
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{_DAY_NAMES[days[0]]}-{_DAY_NAMES[days[-1]]}"
    return ",".join(_DAY_NAMES[d] for d in days)


# --- /subscribe arguments -------------------------------------------------------------------


def _parse_time(word: str) -> dt.time | None:
    match = _TIME.match(word)
    if match is None:
        if _TIME_LIKE.match(word):
            raise SubscribeArgsError(N_("Time must be HH:MM, e.g. /subscribe 09:00 Europe/Berlin"))
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise SubscribeArgsError(
            N_(
                "{word} is not a time of day. Time must be HH:MM (00:00-23:59), "
                "e.g. /subscribe 09:00 Europe/Berlin"
            ),
            word=word,
        )
    return dt.time(hours, minutes)


def _is_meant_as_zone(word: str) -> bool:
    """A UTC offset, UTC itself, or an IANA area followed by a slash ("Europe/Berln")."""
    area, slash, _ = word.partition("/")
    return bool(
        _OFFSET.match(word)
        or _OFFSET_LIKE.match(word)
        or word.upper() in ("UTC", "GMT", "Z")
        or (slash and area.lower() in _ZONE_AREAS)
    )


def _parse_zone(word: str, *, zone_given: bool) -> str | None:
    """The zone ``word`` names; None when it is no zone.

    A word meant as a zone, or written like one ("Mars/Olympus"), that names none is refused;
    only one merely written like a zone after a zone was given starts the keywords instead.
    """
    meant = _is_meant_as_zone(word)
    if not meant and not _AREA_CITY.match(word):
        return None
    try:
        return normalize_zone_name(word)
    except UnknownTimeZoneError as exc:
        if meant:
            raise _with_example(exc) from exc
        if zone_given:
            return None
        raise SubscribeArgsError(
            N_(
                "{reason}. Example: /subscribe 09:00 Europe/Berlin. To follow {word} as a "
                "keyword, give the time zone first: /subscribe 09:00 UTC {word}"
            ),
            reason=exc,
            word=word,
        ) from exc


def _with_example(error: UnknownTimeZoneError) -> SubscribeArgsError:
    """The zone error as a /subscribe error: the same reason, then an example."""
    return SubscribeArgsError(N_("{reason}. Example: /subscribe 09:00 Europe/Berlin"), reason=error)


def parse_subscribe_args(
    words: Sequence[str], *, default_time: dt.time, default_timezone: str
) -> SubscribeRequest:
    """Parse ``[@channel] [HH:MM] [zone] [weekdays] [keywords…]`` from the words after /subscribe.

    The time, zone and weekdays may come in any order before the keywords; the first word that
    is none of them starts the keywords. Weekdays: ``daily`` (the default), ``weekdays``,
    ``weekends``, ``mon-fri``, ``sat,sun``, a single day such as ``mon`` (weekly on that day),
    or ``weekly`` (Mondays; ``weekly fri`` for another day).

    Raises:
        SubscribeArgsError: with an example of the right form.
    """
    remaining = [w for w in words if w.strip()]
    target = None
    if remaining and remaining[0].startswith("@"):
        target = remaining.pop(0)
        if not _CHANNEL.match(target):
            raise SubscribeArgsError(
                N_(
                    "{target} is not a channel username. Write it as @name (5-32 letters, "
                    "digits or _), e.g. /subscribe @mychannel 09:00 Europe/Berlin"
                ),
                target=target,
            )
    local_time: dt.time | None = None
    zone: str | None = None
    weekdays: frozenset[int] | None = None
    while remaining:
        word = remaining[0]
        if (parsed_time := _parse_time(word)) is not None:
            _refuse_repeat(local_time, N_("Give the time only once, e.g. {example}"))
            local_time = parsed_time
        elif (parsed_zone := _parse_zone(word, zone_given=zone is not None)) is not None:
            _refuse_repeat(zone, N_("Give the time zone only once, e.g. {example}"))
            zone = parsed_zone
        elif word.lower() == "weekly" or (parsed_days := _parse_weekdays(word)) is not None:
            _refuse_repeat(
                weekdays,
                N_("Give the weekdays only once, e.g. {example}"),
                "/subscribe 09:00 mon-fri",
            )
            if word.lower() == "weekly":
                day = _day(remaining[1]) if len(remaining) > 1 else None
                if day is not None:
                    remaining.pop(0)
                weekdays = frozenset({0 if day is None else day})
            else:
                weekdays = parsed_days
        else:
            break
        remaining.pop(0)
    try:
        timezone = normalize_zone_name(zone or default_timezone)
    except UnknownTimeZoneError as exc:
        raise _with_example(exc) from exc
    return SubscribeRequest(
        target=target,
        local_time=local_time or default_time,
        timezone=timezone,
        weekdays=weekdays or ALL_WEEKDAYS,
        keywords=" ".join(remaining),
    )


def _refuse_repeat(
    previous: object, message: str, example: str = "/subscribe 09:00 Europe/Berlin"
) -> None:
    if previous is not None:
        raise SubscribeArgsError(message, example=example)
