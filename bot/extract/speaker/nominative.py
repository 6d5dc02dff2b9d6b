"""Russian and Ukrainian women's names from the genitive back to the nominative.

"По словам Марины Лапшиной" names Марина Лапшина: the labelling rules (and a reader of a card)
want the nominative. A given name ending in -ы or -и (Ukrainian -и after a consonant) paired with
a surname in -овой/-иной/-ской (-ової/-ської) is a woman's name in the genitive (no nominative
pair ends that way), so it can be turned back safely; a man's genitive ('Павла', 'Игоря') is
ambiguous and stays as written.
"""

from __future__ import annotations

import re

__all__ = ["nominative_of_genitive_woman"]

_GIVEN_NAME_ENDINGS = (
    (re.compile(r"([гкхжшчщ])и$"), r"\1а"),  # Ольги -> Ольга
    (re.compile(r"([иь])и$"), r"\1я"),  # Марии -> Мария, Натальи -> Наталья
    (re.compile(r"([бвдзлмнпрстф])ы$"), r"\1а"),  # Марины -> Марина
    (re.compile(r"([бвдзлмнпрстф])и$"), r"\1а"),  # Ukrainian: Оксани -> Оксана
)
_SURNAME_ENDINGS = (
    (re.compile(r"([сц]к)ой$"), r"\1ая"),  # Вишневской -> Вишневская
    (re.compile(r"([сц]ьк)ої$"), r"\1а"),  # Ukrainian: Вишневської -> Вишневська
    (re.compile(r"([ео]в|[иы]н)ой$"), r"\1а"),  # Лапшиной -> Лапшина, Гордеевой -> Гордеева
    (re.compile(r"([ео]в|[иі]н)ої$"), r"\1а"),  # Ukrainian: Петрової -> Петрова
)
_CYRILLIC_NAME_RE = re.compile(r"^[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+$")


def _replace(word: str, rules: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    for pattern, replacement in rules:
        if pattern.search(word):
            return pattern.sub(replacement, word)
    return None


def nominative_of_genitive_woman(name: str) -> str | None:
    """'Марины Лапшиной' -> 'Марина Лапшина'; None when ``name`` is not a woman's given name
    and surname in the genitive."""
    words = name.split()
    if len(words) != 2 or not all(_CYRILLIC_NAME_RE.match(word) for word in words):
        return None
    given = _replace(words[0], _GIVEN_NAME_ENDINGS)
    surname = _replace(words[1], _SURNAME_ENDINGS)
    if given is None or surname is None:
        return None
    return f"{given} {surname}"
