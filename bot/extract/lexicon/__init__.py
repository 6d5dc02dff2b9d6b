"""The extractor's words, one module per language, and their union for the rules.

Each language module (``en``, ``ru``, ``uk``, ``de``, ``fr``, ``es``, and the partial ``it``,
``pt``, ``nl``) holds one :class:`Lexicon`. The rules read :data:`ALL`, every language's entries
field by field, since an article in one language quotes and names people in others. Adding a
language is adding its module and one line to :data:`LANGUAGES`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

from bot.extract.lexicon import de, en, es, fr, it, nl, pt, ru, uk
from bot.extract.lexicon.model import MONTHS_IN_YEAR, Lexicon

__all__ = ["ALL", "LANGUAGES", "WEEKDAY_STEMS", "Lexicon", "alternation"]

#: Every language the extractor has words for; the order is the order of regex alternatives.
LANGUAGES: tuple[Lexicon, ...] = (
    en.LEXICON,
    ru.LEXICON,
    uk.LEXICON,
    de.LEXICON,
    fr.LEXICON,
    es.LEXICON,
    it.LEXICON,
    pt.LEXICON,
    nl.LEXICON,
)


def _distinct(entries: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(entries))


def _combined_months(lexicons: Iterable[Lexicon]) -> tuple[str, ...]:
    """Month by month, the names of every language that has them."""
    per_month: list[list[str]] = [[] for _ in range(MONTHS_IN_YEAR)]
    for lexicon in lexicons:
        if not lexicon.months:
            continue
        for names, month in zip(per_month, lexicon.months, strict=True):
            names.extend(month.split())
    return tuple(" ".join(_distinct(names)) for names in per_month)


def _combined(lexicons: tuple[Lexicon, ...]) -> Lexicon:
    """One Lexicon holding every entry of ``lexicons``, in order, each once."""
    merged: dict[str, tuple[str, ...]] = {}
    for field in fields(Lexicon):
        if field.name == "code":
            continue
        if field.name == "months":
            merged["months"] = _combined_months(lexicons)
        else:
            merged[field.name] = _distinct(
                entry for lexicon in lexicons for entry in getattr(lexicon, field.name)
            )
    return Lexicon(code="+".join(lexicon.code for lexicon in lexicons), **merged)


#: The entries of every language, field by field: what the rules match against.
ALL = _combined(LANGUAGES)

#: The starts of the weekday names of five letters or more, in every language ('середу',
#: 'среду', 'Monday'): a lower-case one in a name marks a phrase, not a name.
WEEKDAY_STEMS = tuple(day[:4] for day in ALL.weekdays if len(day) >= 5)


def alternation(entries: Iterable[str]) -> str:
    """``(?:a|b|…)`` of regex ``entries``; a space stays a space, in ``re.VERBOSE`` too."""
    return "(?:" + "|".join(entry.replace(" ", r"\ ") for entry in entries) + ")"
