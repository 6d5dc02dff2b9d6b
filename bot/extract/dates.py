"""Publication dates written in text and URLs, found by regular expressions.

dateparser costs milliseconds a call, far too slow to run over every line of every article, so
candidates are found and parsed here with regexes and a month-name table (en, ru, uk, de, fr,
es, it, pt, nl). Only short lines near the top of an article are ever looked at: a date inside
the body is an event date, never the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.extract.lexicon import ALL, alternation

__all__ = [
    "DATELINE_SCAN_LINES",
    "DateMatch",
    "date_from_url",
    "find_date",
    "find_dateline",
    "is_update_line",
    "month_number",
    "parse_date",
]

DATELINE_SCAN_LINES = 8
"""How many non-empty lines from the top ``find_dateline`` looks at."""

_MAX_DATELINE_WORDS = 14
_MIN_YEAR = 1900
_MAX_YEAR = 2100

_MONTHS: dict[str, int] = {
    word: number for number, words in enumerate(ALL.months, start=1) for word in words.split()
}

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:\s*(?:,|T|at|um|à|a las|в|о|o|-|–|—|\|)?\s*"
    r"(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"(?:\.\d+)?\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern + _TIME, re.IGNORECASE)
    for pattern in (
        # 2018-07-12, 2019-03-20 12:00, 2019-03-20T12:00:00, 2018/07/12
        rf"\b{_YEAR}(?P<sep>[-/])(?P<mon>[01]?\d)(?P=sep){_DAY}(?!\d)",
        # 20180712 (compact ISO form of feeds and metadata)
        rf"\b{_YEAR}(?P<mon>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?!\d)",
        # 12 July 2018, 12. Juli 2018, 1er juillet 2018, 12 de julio de 2018, 12 июля 2018 г.
        rf"\b{_DAY}(?:\.|st|nd|rd|th|er|-?го)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b",
        # July 12, 2018 / July 12th 2018
        rf"\b{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}\b",
        # 3-MAR-1987 (wire services)
        rf"\b{_DAY}-{_MONTH}-{_YEAR}\b",
        # 12.07.2018
        rf"\b{_DAY}\.(?P<mon>[01]?\d)\.{_YEAR}\b",
        # 12/07/2018 or 07/12/2018
        rf"\b(?P<first>[0-3]?\d)/(?P<second_part>[0-3]?\d)/{_YEAR}\b",
    )
)

_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_UPDATE_WORDS = re.compile(rf"\b{alternation(ALL.update_words)}\b", re.IGNORECASE)

_URL_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<!\d){_YEAR}/(?P<mon>[01]?\d)/{_DAY}(?!\d)"),
    re.compile(rf"(?<!\d){_YEAR}-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"(?<!\d){_YEAR}(?P<mon>[01]\d)(?P<day>[0-3]\d)(?!\d)"),
)


def month_number(word: str) -> int | None:
    """The month (1-12) a month name or abbreviation stands for, in any supported language."""
    return _MONTHS.get(word.lower().rstrip("."))


def _slash_order(first: int, second: int, lang: str | None) -> tuple[int, int]:
    """(day, month) of ``first/second``: unambiguous when one is over 12, else by language."""
    if first > 12:
        return first, second
    if second > 12:
        return second, first
    return (second, first) if lang == "en" else (first, second)


def _build(match: re.Match[str], lang: str | None) -> dt.date | dt.datetime | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month = month_number(groups["month"])
        day = int(groups["day"])
    elif groups.get("first"):
        day, month = _slash_order(int(groups["first"]), int(groups["second_part"]), lang)
    else:
        month = int(groups["mon"])
        day = int(groups["day"])
    if month is None or not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if groups.get("hour") is None:
        return date
    hour = int(groups["hour"])
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return dt.datetime(
            year, month, day, hour, int(groups["minute"]), int(groups["second"] or 0)
        )
    except ValueError:
        return date


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date written in a text and where it is: ``text[start:end]`` (time included)."""

    value: dt.date | dt.datetime
    start: int
    end: int


def find_date(text: str, lang: str | None = None) -> DateMatch | None:
    """The first complete date (day, month and year) written in ``text`` and its span, or None.

    ``lang`` only settles whether ``05/07/2018`` is 7 May (en) or 5 July (everyone else).
    """
    if _YEAR_HINT.search(text) is None:
        return None  # every supported form has a four-digit year: skip the costly patterns
    best: DateMatch | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _build(match, lang)
            if value is None:
                continue
            if best is None or match.start() < best.start:
                best = DateMatch(value, match.start(), match.end())
            break
    return best


def parse_date(text: str, lang: str | None = None) -> dt.date | dt.datetime | None:
    """The first complete date (day, month and year) written in ``text``, or None.

    Returns a ``datetime`` when a time follows the date. ``lang`` only settles whether
    ``05/07/2018`` is 7 May (en) or 5 July (everyone else).
    """
    found = find_date(text, lang)
    return found.value if found is not None else None


def is_update_line(line: str) -> bool:
    """True when the line announces a modification date ("Updated: ...") rather than a
    publication date."""
    return _UPDATE_WORDS.search(line) is not None


def find_dateline(text: str, lang: str | None = None) -> dt.date | dt.datetime | None:
    """The publication date written on a short line near the top of ``text``, or None.

    Looks at the first ``DATELINE_SCAN_LINES`` non-empty lines; long lines are body text and
    their dates are events, so they are skipped. An "updated" date is used only when no other
    date is there.
    """
    updated: dt.date | dt.datetime | None = None
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > DATELINE_SCAN_LINES:
            break
        if len(line.split()) > _MAX_DATELINE_WORDS:
            continue
        value = parse_date(line, lang)
        if value is None:
            continue
        if not is_update_line(line):
            return value
        updated = updated or value
    return updated


def date_from_url(url: str | None) -> dt.date | None:
    """The date many news sites put in article paths (``/2018/12/14/``, ``/2018-12-14-``,
    ``/20181214/``), or None."""
    if not url:
        return None
    for pattern in _URL_DATE_PATTERNS:
        for match in pattern.finditer(url):
            try:
                date = dt.date(int(match["year"]), int(match["mon"]), int(match["day"]))
            except ValueError:
                continue
            if _MIN_YEAR <= date.year <= _MAX_YEAR:
                return date
    return None
