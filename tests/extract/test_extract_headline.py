"""Scoring the first lines of a plain-text article as headlines."""

from __future__ import annotations

from bot.extract.headline import HEADLINE_MAX_CHARS, fallback_headline, pick_headline


def test_caption_before_the_headline_loses() -> None:
    candidates = [
        "NATO Secretary-General Jens Stoltenberg is holding a press-conference.",
        "NATO Secretary-General Holds Press Conference Following Bloc's Two-Day Summit",
    ]
    assert pick_headline(candidates) == 1


def test_first_sentence_case_line_wins_by_position() -> None:
    assert pick_headline(["Ad sales boost Time Warner profit", "Europe"]) == 0


def test_no_candidates() -> None:
    assert pick_headline([]) is None


def test_fallback_is_the_first_sentence_cut_at_a_word() -> None:
    assert fallback_headline("Short first. Second one.") == "Short first."
    long_text = "word " * 100 + "end."
    headline = fallback_headline(long_text)
    assert headline.endswith("…") and len(headline) <= HEADLINE_MAX_CHARS + 1
