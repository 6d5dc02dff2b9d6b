"""Verbs of saying (from :mod:`bot.extract.lexicon`) as a regex fragment and as word sets.

The anchored attribution patterns (``", said X"`` right after a closing mark) use the regex
fragment :data:`VERBS_RE`. Scanning a whole clause or sentence for any verb of saying is done
with :func:`speech_verbs_in` instead: a set lookup per word is many times faster than trying a
two-hundred-branch alternation at every position.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.extract.lexicon import ALL, alternation

__all__ = ["VERBS_RE", "VerbSpan", "is_speech_verb", "speech_verbs_in"]

#: The verbs as a regex fragment (also for re.VERBOSE patterns: spaces are escaped).
VERBS_RE = alternation(ALL.speech_verbs)


class VerbSpan(NamedTuple):
    """Where a verb of saying stands: ``text[start:end]``."""

    start: int
    end: int


def _expand(pattern: str) -> list[str]:
    """'сказал[аи]?' -> ['сказала', 'сказали', 'сказал']; 'emphasi[sz]ed' -> two words."""
    found = re.search(r"\[([^\]]+)\](\??)", pattern)
    if found is None:
        return [pattern]
    head, tail = pattern[: found.start()], pattern[found.end() :]
    options = list(found.group(1)) + ([""] if found.group(2) else [])
    return [word for option in options for word in _expand(head + option + tail)]


def _phrases(entries: tuple[str, ...]) -> frozenset[str]:
    """The words and two-word phrases that lexicon entries such as 'сказал[аи]?' spell out."""
    return frozenset(word for entry in entries for word in _expand(entry))


_INTRODUCING = _phrases(ALL.speech_verbs)
_ANY = _INTRODUCING | _phrases(ALL.reporting_words)
#: First words of the two-word phrases ('по словам'): only these need the next word read.
_PHRASE_HEADS = frozenset(phrase.split(" ", 1)[0] for phrase in _ANY if " " in phrase)
_WORD_RE = re.compile(r"[^\W\d_]+")


def speech_verbs_in(
    text: str, start: int = 0, end: int | None = None, *, reporting: bool = False
) -> list[VerbSpan]:
    """The verbs of saying in ``text[start:end]``, in order (whole words, any case).

    With ``reporting``, words that only report speech ('по мнению', 'reported') count too.
    """
    vocabulary = _ANY if reporting else _INTRODUCING
    words = list(_WORD_RE.finditer(text, start, len(text) if end is None else end))
    spans = []
    skip_next = False
    for index, word in enumerate(words):
        if skip_next:
            skip_next = False
            continue
        folded = word.group().casefold()
        if folded in _PHRASE_HEADS and index + 1 < len(words):
            following = words[index + 1]
            if (
                f"{folded} {following.group().casefold()}" in vocabulary
                and text[word.end() : following.start()].isspace()
            ):
                spans.append(VerbSpan(word.start(), following.end()))
                skip_next = True
                continue
        if folded in vocabulary:
            spans.append(VerbSpan(word.start(), word.end()))
    return spans


def is_speech_verb(word: str) -> bool:
    """'said', 'заявил', 'sagte': one word that introduces what someone said."""
    return word.casefold() in _INTRODUCING
