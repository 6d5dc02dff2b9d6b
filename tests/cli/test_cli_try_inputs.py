"""The terminal chat's input language and how replies are printed (pure parts of `try`)."""

from __future__ import annotations

import pytest

from bot.tryout.inputs import (
    Command,
    Help,
    Inline,
    InputError,
    Paste,
    Press,
    Quit,
    SendFile,
    Text,
    parse_input,
)
from bot.tryout.session import url_entities
from bot.tryout.transcript import (
    format_callback_answer,
    format_inline_answer,
    format_message,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/start", Command("/start")),
        ("  /search climate summit  ", Command("/search climate summit")),
        ("climate summit", Text("climate summit")),
        (":paste", Paste()),
        (":file ~/news/article.txt", SendFile("~/news/article.txt")),
        (":press 2", Press(2)),
        (":inline nato summit", Inline("nato summit")),
        (":inline", Inline("")),
        (":help", Help()),
        (":quit", Quit()),
        ("   ", None),
    ],
)
def test_lines_mean_what_the_help_says(line: str, expected: object) -> None:
    assert parse_input(line) == expected


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (":press", "button number"),
        (":press 0", "button number"),
        (":press two", "button number"),
        (":file", "needs a path"),
        (":quit now", "takes no argument"),
        (":frobnicate", ":help"),
    ],
)
def test_bad_instructions_say_what_is_expected(line: str, hint: str) -> None:
    with pytest.raises(InputError, match=hint):
        parse_input(line)


def test_a_message_shows_its_lines_indented_and_its_buttons_numbered() -> None:
    shown = format_message(
        "Results 1–5\n\n1. Headline", [{"text": "More", "callback_data": "pg:1:1"}]
    )
    assert shown.splitlines() == ["bot: Results 1–5", "", "     1. Headline", "     [1] More"]


def test_an_edit_is_labelled() -> None:
    assert format_message("Page 2", edited=True).startswith("bot (edited): Page 2")


def test_inline_results_are_listed_with_titles_and_descriptions() -> None:
    answer = {
        "results": [
            {"id": "1", "title": "Lighthouse relit", "description": "2026-10-27\nFor the first"},
            {"id": "2", "title": "Bakery prize"},
        ]
    }
    assert format_inline_answer(answer).splitlines() == [
        "inline: 2 results",
        "     1. Lighthouse relit — 2026-10-27 For the first",
        "     2. Bakery prize",
    ]
    assert format_inline_answer({"results": []}) == "inline: no results"


def test_callback_notices_are_shown_only_when_there_is_text() -> None:
    assert format_callback_answer({"text": "No more results", "show_alert": False}) == (
        "bot (notice): No more results"
    )
    assert format_callback_answer({"text": "Gone", "show_alert": True}) == "bot (alert): Gone"
    assert format_callback_answer({"text": None}) is None


def test_links_get_url_entities_in_utf16_units() -> None:
    text = "📰 see https://example.org/a?b=1 and http://x.test"
    entities = url_entities(text)
    assert entities == [
        {"type": "url", "offset": 7, "length": 25},
        {"type": "url", "offset": 37, "length": 13},
    ]
    encoded = text.encode("utf-16-le")
    assert encoded[7 * 2 : (7 + 25) * 2].decode("utf-16-le") == "https://example.org/a?b=1"
