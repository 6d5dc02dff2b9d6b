"""Dates, times, zones and numbers as each language writes them."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from bot.i18n import NaiveDatetimeError, translator

DECEMBER_3 = dt.date(2026, 12, 3)
WINTER_NOON = dt.datetime(2026, 12, 3, 13, 30, tzinfo=dt.UTC)
SUMMER_NOON = dt.datetime(2026, 7, 3, 13, 30, tzinfo=dt.UTC)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
KOLKATA_OFFSET = dt.timezone(dt.timedelta(hours=5, minutes=30), "UTC+05:30")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "3 December 2026"),
        ("ru", "3 декабря 2026"),
        ("uk", "3 грудня 2026"),
        ("de", "3. Dezember 2026"),
        ("fr", "3 décembre 2026"),
        ("es", "3 de diciembre de 2026"),
    ],
)
def test_date_in_each_language(code: str, expected: str) -> None:
    assert translator(code).format_date(DECEMBER_3) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "3 December 2026, 14:30 CET"),
        ("ru", "3 декабря 2026, 14:30 UTC+1"),
        ("uk", "3 грудня 2026, 14:30 UTC+1"),
        ("de", "3. Dezember 2026, 14:30 MEZ"),
        ("fr", "3 décembre 2026, 14:30 UTC+1"),
        ("es", "3 de diciembre de 2026, 14:30 CET"),
    ],
)
def test_datetime_in_the_reader_s_zone(code: str, expected: str) -> None:
    assert translator(code).format_datetime(WINTER_NOON, BERLIN) == expected


@pytest.mark.parametrize(
    ("code", "moment", "zone", "expected"),
    [
        ("en", SUMMER_NOON, BERLIN, "15:30 CEST"),
        ("de", SUMMER_NOON, BERLIN, "15:30 MESZ"),
        ("en", WINTER_NOON, zoneinfo.ZoneInfo("Europe/London"), "13:30 GMT"),
        ("en", SUMMER_NOON, zoneinfo.ZoneInfo("Europe/London"), "14:30 BST"),
        ("ru", WINTER_NOON, MOSCOW, "16:30 UTC+3"),
        ("en", WINTER_NOON, KOLKATA_OFFSET, "19:00 UTC+5:30"),
        ("es", WINTER_NOON, zoneinfo.ZoneInfo("America/New_York"), "8:30 UTC-5"),
        ("fr", WINTER_NOON, zoneinfo.ZoneInfo("UTC"), "13:30 UTC"),
        ("uk", WINTER_NOON, dt.UTC, "13:30 UTC"),
    ],
)
def test_time_with_the_zone_as_people_write_it(
    code: str, moment: dt.datetime, zone: dt.tzinfo, expected: str
) -> None:
    assert translator(code).format_time(moment, zone) == expected


def test_zone_alone() -> None:
    assert translator("de").format_zone(WINTER_NOON, BERLIN) == "MEZ"
    assert translator("ru").format_zone(SUMMER_NOON, zoneinfo.ZoneInfo("Europe/Kyiv")) == "UTC+3"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="no time zone"):
        translator("en").format_datetime(dt.datetime(2026, 12, 3, 13, 30), BERLIN)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "1,234,567.5"),
        ("ru", "1\u00a0234\u00a0567,5"),
        ("de", "1.234.567,5"),
        ("fr", "1\u202f234\u202f567,5"),
        ("es", "1.234.567,5"),
    ],
)
def test_numbers(code: str, expected: str) -> None:
    assert translator(code).format_number(1234567.5) == expected


@pytest.mark.parametrize(
    ("code", "delta", "expected"),
    [
        ("en", dt.timedelta(hours=3), "in 3 hours"),
        ("ru", dt.timedelta(hours=3), "через 3 часа"),
        ("uk", dt.timedelta(hours=5), "через 5 годин"),
        ("de", -dt.timedelta(days=2), "vor 2 Tagen"),
        ("fr", dt.timedelta(minutes=20), "dans 20 minutes"),
        ("es", dt.timedelta(days=21), "dentro de 3 semanas"),
    ],
)
def test_relative_spans(code: str, delta: dt.timedelta, expected: str) -> None:
    assert translator(code).format_relative(delta) == expected


@pytest.mark.parametrize(
    ("code", "expected"), [("en", "42%"), ("de", "42\u00a0%"), ("ru", "42\u00a0%")]
)
def test_percentages(code: str, expected: str) -> None:
    assert translator(code).format_percent(0.42) == expected
