"""Choosing the headline of a plain-text article among the lines of its first block.

``text.py`` settles most articles by position (a first line followed by a blank line, a date
or a byline is the title). This scorer only decides among several adjacent lines: earlier lines
are preferred, the line sitting directly above a byline or date line is the title's usual place,
a title has no final period, and a caption-like sentence in the present continuous ("X is
holding a press conference.") is penalised. Title case is a small bonus, worth less than one
step of position. When an article has no title-like line at all, its first sentence, shortened,
stands in.

Whatever the format, a headline is cleaned the same way (:func:`clean_headline`): the emoji and
decorative symbols channels and pages put around a title (⚡️, 🔴, ❗️, ▶, bullets) and markdown
emphasis markers (``**``, ``__``) are no part of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bot.extract.lines import is_caption_sentence, is_title_case, word_count
from bot.extract.sentences import first_sentences

__all__ = [
    "HEADLINE_MAX_CHARS",
    "HeadlineCandidate",
    "clean_headline",
    "fallback_headline",
    "headline_score",
    "is_decoration",
    "pick_headline",
    "strip_decorations",
]

HEADLINE_MAX_CHARS = 200
"""A headline made from a first sentence is cut to about this many characters."""

_POSITION_PENALTY = 0.75
_TITLE_CASE_BONUS = 0.5
_ABOVE_BYLINE_BONUS = 1.0
_MIN_WORDS = 3
_MAX_WORDS = 30
_CLOSING_MARKS = "\"'”’»“)]"
_SPACES = re.compile(r"\s+")

# Characters that decorate a line rather than say something: emoji and pictographs (So), their
# modifiers (Sk: skin tones), variation selectors and combining keycaps (Mn, Me), joiners and
# other format characters (Cf), spaces, and the bullets and marks channels put before a title.
_DECORATION_CATEGORIES = frozenset({"So", "Sk", "Mn", "Me", "Cf", "Co", "Zs", "Cc"})
_DECORATION_PUNCTUATION = frozenset("‼⁉•·‣∙*-–—>»|~")
#: Marks that may end a headline as text ('Путин — «…»'), so they stay at its end.
_KEPT_AT_END = frozenset("-–—*»")
_KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")
#: Markdown emphasis a plain-text headline carries from a post or a paste: '**Кремль** ...'.
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")


def is_decoration(char: str) -> bool:
    """An emoji, a pictograph, an invisible or a bullet-like character."""
    return unicodedata.category(char) in _DECORATION_CATEGORIES or char in _DECORATION_PUNCTUATION


def strip_decorations(line: str) -> str:
    """``line`` without leading/trailing emoji, bullets and invisible spaces; spaces collapsed.

    Keeps what carries meaning: letters, digits, quote marks and the final punctuation.
    """
    line = _KEYCAP.sub("", line)
    start, end = 0, len(line)
    while start < end and is_decoration(line[start]):
        start += 1
    while end > start and is_decoration(line[end - 1]) and line[end - 1] not in _KEPT_AT_END:
        end -= 1
    return " ".join(line[start:end].split())


def clean_headline(headline: str) -> str:
    """The headline without markdown emphasis markers and without the emoji and decorative
    symbols around it: '⚡️ **Кремль** ответил' -> 'Кремль ответил'."""
    return strip_decorations(_MARKDOWN_EMPHASIS.sub("", headline))


@dataclass(frozen=True, slots=True)
class HeadlineCandidate:
    """A top line that may be the headline, and whether a byline or date line follows it."""

    text: str
    above_byline: bool = False


def headline_score(line: str, position: int, *, above_byline: bool = False) -> float:
    """How much ``line`` (the ``position``-th candidate from the top) looks like a headline."""
    stripped = line.strip().rstrip(_CLOSING_MARKS)
    words = word_count(stripped)
    score = -_POSITION_PENALTY * position
    if above_byline:
        score += _ABOVE_BYLINE_BONUS
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
        score += _TITLE_CASE_BONUS
    if is_caption_sentence(line):
        score -= 2.0
    if len(first_sentences(stripped, 2)) > 1:
        score -= 1.0
    return score


def pick_headline(candidates: Sequence[str | HeadlineCandidate]) -> int | None:
    """Index of the best headline among ``candidates`` (top lines in order), or None when
    there are none."""
    best: tuple[float, int] | None = None
    for position, candidate in enumerate(candidates):
        if isinstance(candidate, str):
            candidate = HeadlineCandidate(candidate)
        score = headline_score(candidate.text, position, above_byline=candidate.above_byline)
        if best is None or score > best[0]:
            best = (score, position)
    return best[1] if best else None


def fallback_headline(text: str) -> str:
    """The first sentence of ``text``'s first line, cut at a word boundary near
    ``HEADLINE_MAX_CHARS``."""
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    sentences = first_sentences(first_line, 1)
    first = sentences[0] if sentences else _SPACES.sub(" ", first_line).strip()
    if len(first) <= HEADLINE_MAX_CHARS:
        return first
    cut = first[:HEADLINE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return f"{cut}…"
