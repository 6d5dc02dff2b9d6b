"""Scoring adjacent top lines: position first, the line above a byline, a small title-case bonus."""

from __future__ import annotations

from bot.extract.headline import HeadlineCandidate, fallback_headline, headline_score, pick_headline


def test_title_case_is_worth_less_than_one_step_of_position() -> None:
    sentence_case = "Mobile firm unveils budget handset"
    title_case = "Cheap Phones Aimed At First Time Buyers"
    assert headline_score(sentence_case, 0) > headline_score(title_case, 1)
    assert pick_headline([sentence_case, title_case]) == 0


def test_the_line_directly_above_a_byline_is_the_title() -> None:
    candidates = [
        HeadlineCandidate("Firefighters battle flames near the village west of Athens"),
        HeadlineCandidate("Greek wildfires force thousands to flee", above_byline=True),
    ]
    assert pick_headline(candidates) == 1


def test_a_deck_sentence_above_the_byline_does_not_beat_the_title() -> None:
    candidates = [
        HeadlineCandidate("Mobile firm unveils budget handset"),
        HeadlineCandidate("The phone is aimed at first-time buyers.", above_byline=True),
    ]
    assert pick_headline(candidates) == 0


def test_fallback_headline_stops_at_the_line_break() -> None:
    text = "Minister resigns after vote\n2019-08-15 09:41:12\n\nThe minister left office."
    assert fallback_headline(text) == "Minister resigns after vote"
