"""Choosing the headline of a plain-text article among its first lines.

Each candidate line gets a score from a few named signals; the best wins. Earlier lines are
preferred, a title has no final period, title case is a bonus, and a caption-like sentence in the
present continuous ("X is holding a press conference.") is penalised. When an article has no
title-like line at all, its first sentence, shortened, stands in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.lines import is_caption_sentence, is_title_case, word_count
from bot.extract.sentences import split_sentences

__all__ = ["HEADLINE_MAX_CHARS", "fallback_headline", "headline_score", "pick_headline"]

HEADLINE_MAX_CHARS = 200
"""A headline made from a first sentence is cut to about this many characters."""

_POSITION_PENALTY = 0.75
_MIN_WORDS = 3
_MAX_WORDS = 30
_CLOSING_MARKS = "\"'”’»“)]"
_SPACES = re.compile(r"\s+")


def headline_score(line: str, position: int) -> float:
    """How much ``line`` (the ``position``-th candidate from the top) looks like a headline."""
    stripped = line.strip().rstrip(_CLOSING_MARKS)
    words = word_count(stripped)
    score = -_POSITION_PENALTY * position
    if _MIN_WORDS <= words <= _MAX_WORDS:
        score += 1.0
    elif words < _MIN_WORDS:
        score -= 1.5
    else:
        score -= 2.0
    if stripped.endswith("."):
        score -= 2.0
    elif stripped.endswith((":", ";", ",")):
        score -= 1.0
    if is_title_case(stripped):
        score += 1.0
    if is_caption_sentence(line):
        score -= 2.0
    if len(split_sentences(stripped)) > 1:
        score -= 1.0
    return score


def pick_headline(candidates: Sequence[str]) -> int | None:
    """Index of the best headline among ``candidates`` (top lines in order), or None when
    there are none."""
    best: tuple[float, int] | None = None
    for position, line in enumerate(candidates):
        score = headline_score(line, position)
        if best is None or score > best[0]:
            best = (score, position)
    return best[1] if best else None


def fallback_headline(text: str) -> str:
    """The first sentence of ``text``, cut at a word boundary near ``HEADLINE_MAX_CHARS``."""
    sentences = split_sentences(text)
    first = sentences[0] if sentences else _SPACES.sub(" ", text).strip()
    if len(first) <= HEADLINE_MAX_CHARS:
        return first
    cut = first[:HEADLINE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return f"{cut}…"
