"""What a Russian or Ukrainian word names, from pymorphy3's dictionaries.

The OpenCorpora dictionary (Russian) and the VESUM-based one (Ukrainian) mark given names
(``Name``), surnames (``Surn``), patronymics (``Patr``), place names (``Geox``) and organisations
(``Orgn``), in every case form: 'Путина' is a surname, 'России' a place, 'Минобороны' an
organisation. A word has several readings; the tags that weigh most decide. The Russian
dictionary weighs its readings by corpus frequency and marks places, so it reads every word
without Ukrainian letters; the Ukrainian one (readings weighed alike) reads the words with
Ukrainian letters and those the Russian one knows nothing of. It marks few places, so a word's
dictionary form is also looked up among the country names
(:mod:`bot.extract.speaker.gazetteer`). The analysers are built once, on first use; nothing is
fetched.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache, lru_cache

import pymorphy3

from bot.extract.speaker.gazetteer import is_place_name

__all__ = [
    "CyrillicWord",
    "cyrillic_word_kind",
    "is_common_adjective",
    "is_common_noun",
    "is_instrumental",
    "is_verb_form",
]

_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_RUSSIAN_LETTERS = frozenset("ёыэъЁЫЭЪ")
_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
_PLACE_TAG = "Geox"
#: A capitalised possessive adjective is a surname's form: 'Калинкин', 'Петров'.
_POSSESSIVE_TAG = "Poss"
#: A place reading in the plural is a rare form of a town's name ('Подольски', of 'Подольск'),
#: unless the name has no singular ('Нидерланды').
_PLURAL_TAG = "plur"
_PLURALE_TANTUM_TAG = "Pltm"
_ORGANISATION_TAG = "Orgn"
#: Readings below this score are guesses for an unknown word: they do not count.
_MIN_SCORE = 0.05


class CyrillicWord(Enum):
    """What the dictionaries say a capitalised Cyrillic word names."""

    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    OTHER = "other"


@cache
def _analyser(lang: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=lang)


def _knows(word: str, lang: str) -> bool:
    """Whether ``lang``'s dictionary has ``word`` (not only guesses from its ending)."""
    return any(parse.is_known for parse in _analyser(lang).parse(word))


def _weigh(word: str, lang: str) -> tuple[dict[CyrillicWord, float], set[str]]:
    """The weight of each kind among the word's readings in ``lang``'s dictionary, and the
    readings' dictionary forms.

    The Ukrainian dictionary does not rank its readings, so a country's name that is also a
    rare given name ('Ізраїль') would weigh as a person as much as a place: there a reading that
    is no name and whose dictionary form is a country or region counts as the place."""
    weights = dict.fromkeys(CyrillicWord, 0.0)
    lemmas: set[str] = set()
    parses = _analyser(lang).parse(word)
    for parse in parses:
        score = parse.score if lang == "ru" else 1.0 / len(parses)
        if score < _MIN_SCORE:
            continue
        grammemes = parse.tag.grammemes
        lemmas.add(parse.normal_form)
        if grammemes & _PERSON_TAGS or _POSSESSIVE_TAG in grammemes:
            weights[CyrillicWord.PERSON] += score
        elif lang == "uk" and "inan" in grammemes and is_place_name(parse.normal_form):
            weights[CyrillicWord.PLACE] += score + weights[CyrillicWord.PERSON]
        elif _PLACE_TAG in grammemes and (
            _PLURAL_TAG not in grammemes or _PLURALE_TANTUM_TAG in grammemes
        ):
            weights[CyrillicWord.PLACE] += score
        elif _ORGANISATION_TAG in grammemes:
            weights[CyrillicWord.ORGANISATION] += score
    return weights, lemmas


@lru_cache(maxsize=8192)
def cyrillic_word_kind(word: str) -> CyrillicWord:
    """'Путина' -> PERSON, 'России' / 'України' -> PLACE, 'Роспотребнадзора' -> ORGANISATION,
    a common word or an unknown one -> OTHER."""
    letters = set(word)
    lang = "uk" if letters & _UKRAINIAN_LETTERS else "ru"
    weights, lemmas = _weigh(word, lang)
    # A word in the letters both languages share: the Ukrainian dictionary reads it when the
    # Russian one has nothing, or only guesses from its ending ('Держави', a common Ukrainian
    # noun, is guessed a Russian name).
    if (
        lang == "ru"
        and not letters & _RUSSIAN_LETTERS
        and (not any(weights.values()) or (not _knows(word, "ru") and _knows(word, "uk")))
    ):
        weights, lemmas = _weigh(word, "uk")
    if weights[CyrillicWord.PERSON] == 0.0 and any(map(is_place_name, lemmas)):
        return CyrillicWord.PLACE  # 'України' -> 'україна', a country the catalogue names
    best = max(weights, key=lambda kind: weights[kind])
    return best if weights[best] > 0.0 else CyrillicWord.OTHER


#: Parts of speech that make a clause: finite verbs, infinitives, short participles, gerunds.
_VERB_POS = frozenset({"VERB", "INFN", "PRTS", "GRND"})


@lru_cache(maxsize=8192)
def is_verb_form(word: str) -> bool:
    """'примем', 'хотять', 'работает': a verb form in its likeliest Russian reading, or in any
    Ukrainian one (that dictionary does not rank its readings) for a word with Ukrainian
    letters."""
    if set(word) & _UKRAINIAN_LETTERS:
        return any(parse.tag.POS in _VERB_POS for parse in _analyser("uk").parse(word.casefold()))
    parses = _analyser("ru").parse(word.casefold())
    return bool(parses) and parses[0].tag.POS in _VERB_POS


#: Parts of speech of a word that modifies a noun: 'Первого (канала)', 'Національного (банку)'.
_ADJECTIVE_POS = frozenset({"ADJF", "NUMR"})
#: The suffixes of surnames that decline as adjectives ('Зеленський', 'Достоевского').
_SURNAME_SUFFIX_RE = re.compile(r"(?:[сцз]ьк|[сц]к)[а-яіїєґ]{1,3}$", re.IGNORECASE)


@lru_cache(maxsize=8192)
def is_common_adjective(word: str) -> bool:
    """'Первого', 'Державної': a capitalised word whose likeliest reading is a common adjective or
    numeral (no name, surname or place tag), the first word of an organisation's name cut off
    from its noun, never a name by itself."""
    if _SURNAME_SUFFIX_RE.search(word):
        return False  # 'Зеленський', 'Вишневецкого': surnames shaped as adjectives
    lang = "uk" if set(word) & _UKRAINIAN_LETTERS else "ru"
    parses = [p for p in _analyser(lang).parse(word.casefold()) if p.score >= _MIN_SCORE]
    if not parses or parses[0].tag.POS not in _ADJECTIVE_POS:
        return False
    tagged = _PERSON_TAGS | {_PLACE_TAG, _ORGANISATION_TAG, _POSSESSIVE_TAG}
    return not any(parse.tag.grammemes & tagged for parse in parses)


@lru_cache(maxsize=8192)
def is_common_noun(word: str) -> bool:
    """'Альянсу', 'Держави': a capitalised word the dictionary knows only as a thing (an
    inanimate noun with no name, place or organisation tag): after a role it is what the role is
    of ('Глава Альянсу', the head of the Alliance), not a person's name."""
    parses = [
        p
        for p in _analyser(_dictionary_for(word)).parse(word)
        if p.score >= _MIN_SCORE and p.is_known
    ]
    tagged = _PERSON_TAGS | {_PLACE_TAG, _ORGANISATION_TAG, _POSSESSIVE_TAG, "anim"}
    return bool(parses) and all(
        parse.tag.POS == "NOUN" and not parse.tag.grammemes & tagged for parse in parses
    )


def _dictionary_for(word: str) -> str:
    """The dictionary that reads ``word``: Ukrainian for its letters, or when only it knows it."""
    letters = set(word)
    if letters & _UKRAINIAN_LETTERS:
        return "uk"
    if not letters & _RUSSIAN_LETTERS and not _knows(word, "ru") and _knows(word, "uk"):
        return "uk"
    return "ru"


@lru_cache(maxsize=8192)
def is_instrumental(word: str) -> bool:
    """'Вучичем', 'Александром': every reading of the word is in the instrumental case, the case
    of whom someone met or spoke with ('встреча с президентом Александром Вучичем'), never of
    the one who speaks."""
    parses = [p for p in _analyser(_dictionary_for(word)).parse(word) if p.score >= _MIN_SCORE]
    return bool(parses) and all(parse.tag.case == "ablt" for parse in parses)
