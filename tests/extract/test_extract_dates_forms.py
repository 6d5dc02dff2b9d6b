"""Compact and slashed ISO dates, and where in a text a date was found."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.extract.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021/03/03", dt.date(2021, 3, 3)),
        ("2021/3/3 14:05", dt.datetime(2021, 3, 3, 14, 5)),
        ("20210303", dt.date(2021, 3, 3)),
        ("pubdate 20210303", dt.date(2021, 3, 3)),
    ],
)
def test_slashed_and_compact_iso_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["20211303", "20210332", "202103031", "2021/03-03", "12345678"])
def test_digit_runs_that_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_find_date_reports_the_span_including_the_time() -> None:
    text = "Updated 3 March 2021 10:32 GMT"
    found = find_date(text)
    assert found is not None
    assert found.value == dt.datetime(2021, 3, 3, 10, 32)
    assert text[found.start : found.end].strip() == "3 March 2021 10:32"


def test_find_date_takes_the_first_date_in_the_text() -> None:
    found = find_date("Talks resume on 4 March 2021 after the 2021-03-03 collapse")
    assert found is not None and found.value == dt.date(2021, 3, 4)
