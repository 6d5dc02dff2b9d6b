"""Dates in top lines, datelines per language, URLs; never the body's event dates."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.extract.dates import date_from_url, find_dateline, parse_date

D = dt.date(2018, 7, 12)


@pytest.mark.parametrize(
    "text",
    [
        "12 July 2018",
        "July 12, 2018",
        "Thursday, 12th July 2018",
        "12 июля 2018 г.",
        "12 липня 2018",
        "12. Juli 2018",
        "12 juillet 2018",
        "12 de julio de 2018",
        "2018-07-12",
        "12.07.2018",
        "By Jane Roe | July 12, 2018",
    ],
)
def test_datelines_in_each_language(text: str) -> None:
    assert parse_date(text) == D


def test_times_give_datetimes() -> None:
    assert parse_date("2019-03-20 12:00") == dt.datetime(2019, 3, 20, 12, 0)
    assert parse_date(" 3-MAR-1987 09:46:36.82") == dt.datetime(1987, 3, 3, 9, 46, 36)
    assert parse_date("July 3, 2018 9:46 PM") == dt.datetime(2018, 7, 3, 21, 46)


def test_slash_dates_follow_the_language_unless_unambiguous() -> None:
    assert parse_date("05/07/2018", "en") == dt.date(2018, 5, 7)
    assert parse_date("05/07/2018", "de") == dt.date(2018, 7, 5)
    assert parse_date("25/07/2018", "en") == dt.date(2018, 7, 25)


@pytest.mark.parametrize("text", ["March 2018", "in 2018", "31 February 2018", "no date"])
def test_incomplete_or_impossible_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


def test_find_dateline_ignores_long_body_lines_and_prefers_published_over_updated() -> None:
    text = (
        "Updated: 14 July 2018\nHeadline Here\nPublished 12 July 2018\n"
        "The summit on 3 May 2017 was remembered by everyone who attended it in the city hall."
    )
    assert find_dateline(text) == D
    body_only = "A long sentence about the summit held on 3 May 2017 that many people attended."
    assert find_dateline(body_only) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/news/2018/12/14/story/", dt.date(2018, 12, 14)),
        ("https://example.org/a-2018-12-14-story", dt.date(2018, 12, 14)),
        ("https://example.org/20181214/story.html", dt.date(2018, 12, 14)),
        ("https://example.org/story-1234567890", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected
