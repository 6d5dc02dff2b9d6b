"""Parsing the words after /subscribe."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.schedule import (
    ALL_WEEKDAYS,
    SubscribeArgsError,
    SubscribeRequest,
    format_weekdays,
    parse_subscribe_args,
    zone_from_name,
)

DEFAULTS = {"default_time": dt.time(8, 0), "default_timezone": "UTC"}


def parse(text: str) -> SubscribeRequest:
    return parse_subscribe_args(text.split(), **DEFAULTS)


def test_no_arguments_gives_defaults() -> None:
    assert parse("") == SubscribeRequest(None, dt.time(8, 0), "UTC", ALL_WEEKDAYS, "")


def test_full_form() -> None:
    request = parse("@my_channel 09:30 Europe/Berlin mon-fri climate change")
    assert request == SubscribeRequest(
        "@my_channel", dt.time(9, 30), "Europe/Berlin", frozenset(range(5)), "climate change"
    )


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("9:00 europe/berlin", "Europe/Berlin"),
        ("9:00 Etc/GMT-3", "Etc/GMT-3"),
        ("9:00 UTC", "UTC"),
        ("9:00 +05:30", "UTC+05:30"),
        ("9:00 +0530", "UTC+05:30"),
        ("9:00 -3", "UTC-03:00"),
        ("9:00 UTC+3", "UTC+03:00"),
        ("9:00 UTC+0", "UTC"),
    ],
)
def test_zones_are_normalised_to_reparseable_names(text: str, zone: str) -> None:
    request = parse(text)
    assert request.timezone == zone
    zone_from_name(request.timezone)


@pytest.mark.parametrize(
    ("text", "weekdays"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("sat,sun", {5, 6}),
        ("weekdays", {0, 1, 2, 3, 4}),
        ("weekends", {5, 6}),
        ("daily", set(range(7))),
        ("weekly", {0}),
        ("weekly fri", {4}),
        ("mon", {0}),
        ("Friday", {4}),
        ("fri-mon", {4, 5, 6, 0}),
        ("mon-wed,fri", {0, 1, 2, 4}),
    ],
)
def test_weekday_forms(text: str, weekdays: set[int]) -> None:
    request = parse(f"09:00 {text} ai")
    assert request.weekdays == frozenset(weekdays)
    assert request.keywords == "ai"


def test_order_of_leading_settings_is_free_and_keywords_start_at_the_first_other_word() -> None:
    request = parse("Europe/Berlin mon-fri 07:15 climate 10:00 UTC mon")
    assert (request.local_time, request.timezone) == (dt.time(7, 15), "Europe/Berlin")
    assert request.keywords == "climate 10:00 UTC mon"


def test_keywords_only_keep_defaults() -> None:
    request = parse('"climate change" -sports from:@bbc')
    assert request.keywords == '"climate change" -sports from:@bbc'
    assert (request.local_time, request.timezone, request.weekdays) == (
        dt.time(8, 0),
        "UTC",
        ALL_WEEKDAYS,
    )


def test_bare_country_word_is_a_keyword_not_a_zone() -> None:
    assert parse("09:00 Japan earthquake").keywords == "Japan earthquake"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", "Time must be HH:MM"),
        ("9:7", "Time must be HH:MM, e.g. /subscribe 09:00 Europe/Berlin"),
        ("12:60", "Time must be HH:MM"),
        ("09:00 Europe/Berln", "Unknown time zone 'Europe/Berln'"),
        ("09:00 +15:00", "out of range"),
        ("@ab 09:00", "not a channel username"),
        ("09:00 10:00", "Give the time only once"),
        ("UTC Europe/Berlin", "Give the time zone only once"),
        ("mon-fri weekends", "Give the weekdays only once"),
    ],
)
def test_errors_explain_the_right_form(text: str, message: str) -> None:
    with pytest.raises(SubscribeArgsError, match="e.g.|Example") as info:
        parse(text)
    assert message in str(info.value)


def test_bad_default_zone_is_reported() -> None:
    with pytest.raises(SubscribeArgsError, match="Unknown time zone"):
        parse_subscribe_args([], default_time=dt.time(9), default_timezone="Nowhere/Land")


@pytest.mark.parametrize(
    ("weekdays", "text"),
    [
        (ALL_WEEKDAYS, "daily"),
        (frozenset(range(5)), "mon-fri"),
        (frozenset({5, 6}), "weekends"),
        (frozenset({0, 2, 4}), "mon,wed,fri"),
        (frozenset({4}), "fri"),
    ],
)
def test_format_weekdays_round_trips(weekdays: frozenset[int], text: str) -> None:
    assert format_weekdays(weekdays) == text
    assert parse(f"09:00 {text}").weekdays == weekdays


@pytest.mark.parametrize("word", ["Mars/Olympus", "Israel/Gaza", "UTC+3.5", "GMT-abc"])
def test_a_word_shaped_like_a_zone_that_names_none_is_refused(word: str) -> None:
    with pytest.raises(SubscribeArgsError, match=re.escape(f"Unknown time zone '{word}'")) as info:
        parse(f"09:00 {word} nato")
    # A word only written like a zone may be meant as a keyword: the answer says how.
    assert (f"/subscribe 09:00 UTC {word}" in str(info.value)) == ("/" in word)


def test_after_a_zone_a_word_only_written_like_one_is_a_keyword() -> None:
    request = parse("09:00 UTC Mars/Olympus")
    assert (request.timezone, request.keywords) == ("UTC", "Mars/Olympus")
    with pytest.raises(SubscribeArgsError, match="Unknown time zone 'Europe/Berln'"):
        parse("09:00 UTC Europe/Berln")


@pytest.mark.parametrize("word", ["AC/DC", "covid/vaccine", "9/11", "and/or"])
def test_other_words_with_a_slash_are_keywords(word: str) -> None:
    assert parse(f"09:00 {word}").keywords == word
