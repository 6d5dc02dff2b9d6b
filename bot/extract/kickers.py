"""Kicker and topic lines above a title ('Bundestagswahl 2025' / 'Digitale Gedenkmünze')."""

from __future__ import annotations

from bot.extract import lines as noise

__all__ = ["title_under_kickers"]

#: A kicker or topic line above a title: a few words, no sentence punctuation. German news sets
#: a longer one (the Dachzeile, '80 Jahre nach Zweitem Weltkrieg'); elsewhere a five-word line
#: above a longer one is as often the title above its deck ('Mobile firm unveils budget handset').
_KICKER_MAX_WORDS = 4
_KICKER_MAX_WORDS_GERMAN = 5
_MAX_KICKERS = 2


def title_under_kickers(lines: list[str], first: int, lang: str | None) -> int | None:
    """'Digitale Gedenkmünze' / 'Marktwert in Milliardenhöhe für Trumps Krypto-Coin' / blank:
    one or two short lines (a topic, a kicker) directly above a longer last line, not a
    sentence: the last line is the title (when a blank line, a date or a byline closes it,
    which the caller checks)."""
    end = first
    while end + 1 < len(lines) and lines[end + 1] and end - first < _MAX_KICKERS:
        end += 1
    if end == first:
        return None
    if lines[end].rstrip().endswith("."):
        return None  # a title above its deck, and the deck is a sentence
    title_words = noise.word_count(lines[end])
    most = _KICKER_MAX_WORDS_GERMAN if lang == "de" else _KICKER_MAX_WORDS
    for line in lines[first:end]:
        words = noise.word_count(line)
        if words > most or words >= title_words or line.rstrip()[-1:] in ".!?:;":
            return None
    return end
