"""The check a name passes before it becomes a speaker: who or what does it name?

A speaker is a person, or an organisation the attribution itself points at ('the company said',
'сообщает Минобороны'). Never a place ('United States', 'России', 'RU'), a people ('Ukrainian'),
a party ('House Democratic'), a title with no name ('Rep', 'California Sen'), or a fragment
('Linux-based', 'пресс-служба клуба в среду'). A name reached only through a pronoun, a role or
proximity must show that it is a person: a given name ('Jamie Firestone'), an honorific
('Mr Beith'), an initial ('C. Fred Bergsten'), a dictionary's name tag ('Путина'), or a surname
the text gives in full elsewhere. When in doubt there is no speaker: a wrong one is worse.

The data is maintained, not typed here: pycountry and Babel's CLDR names
(:mod:`bot.extract.speaker.gazetteer`), gender-guesser's first names
(:mod:`bot.extract.speaker.givennames`), pymorphy3's Russian and Ukrainian dictionaries
(:mod:`bot.extract.speaker.morphology`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum

from bot.extract.lexicon import ALL, WEEKDAY_STEMS
from bot.extract.speaker.gazetteer import is_nationality_word, is_place_name
from bot.extract.speaker.givennames import is_given_name
from bot.extract.speaker.morphology import (
    CyrillicWord,
    cyrillic_word_kind,
    is_common_adjective,
    is_common_noun,
    is_instrumental,
)
from bot.extract.speaker.nameparts import CYRILLIC_RE, UPPER
from bot.extract.speaker.names import is_role_word
from bot.extract.speaker.namewords import HONORIFICS, NOT_NAME_WORDS, ORG_WORDS

__all__ = ["SpeakerKind", "is_acceptable_speaker", "speaker_kind", "without_leading_place"]


class SpeakerKind(Enum):
    """What a would-be speaker's name names."""

    PERSON = "person"
    ORGANISATION = "organisation"
    UNKNOWN = "unknown"  #: a capitalised name with no evidence either way ('Kodak', 'Norton')
    PLACE = "place"
    NATIONALITY = "nationality"
    PARTY = "party"
    TITLE = "title"  #: a title or role with no name ('Rep', 'California Sen', 'President')
    FRAGMENT = "fragment"
    #: a name in a case no speaker takes: 'с Александром Вучичем' (whom someone spoke with)
    OBLIQUE = "oblique"


#: Kinds that are never a speaker, however the attribution points at them.
NEVER_SPEAKERS = frozenset(
    {
        SpeakerKind.PLACE,
        SpeakerKind.NATIONALITY,
        SpeakerKind.PARTY,
        SpeakerKind.TITLE,
        SpeakerKind.FRAGMENT,
        SpeakerKind.OBLIQUE,
    }
)

#: In a text written all in lower case a name has no capital, but it is still a name: one or two
#: words ('киселев', 'иван чедан'); more are a phrase.
_LOWER_CASE_NAME_MAX_WORDS = 2
_CASE_SAMPLE_CHARS = 2000
#: A saint's name opening a place's: 'San Francisco', 'Santa Clara', 'São Paulo', 'Saint-Denis',
#: 'Sankt Gallen', 'St. Louis'.
_SAINT_PLACE_RE = re.compile(r"(?:San|Santa|Santo|São|Saint|Sainte|Sankt|St\.)[\s-]+[A-ZÀ-Þ]")
_TITLES = (
    frozenset(word.casefold() for word in ALL.title_abbreviations)
    | HONORIFICS
    | frozenset(ALL.role_adjectives)
)
_PARTY_WORDS = frozenset(ALL.party_words)
_ARTICLES = frozenset(ALL.definite_articles) | frozenset(ALL.source_phrase_articles)
#: 'Linux-based', 'Kremlin-backed': a compound adjective, not a name.
_ADJECTIVE_COMPOUND_RE = re.compile(r"^[A-Z][\w'’]*-[a-z]+$")
#: A romanised Korean given name: two short syllables joined by a hyphen ('Keum-jin', 'Jae-in',
#: 'Ki-moon'), after a family name. Not an adjective compound.
_SYLLABLE_PAIR_RE = re.compile(r"^[A-Z][a-z]{0,4}-[a-z]{1,4}$")
#: An adjective ending (German: 'Bayerischen', 'Europäische'): an institution's name, not a
#: person's.
_ADJECTIVE_RE = re.compile(r"(?:isch|äisch)(?:e|en|er|es|em)$")
#: An initial: 'C.', 'J.' (the period may have gone with the punctuation around the name).
_INITIAL_RE = re.compile(rf"^[{UPPER}]\.?$")
#: A day named in a lower-case phrase: 'в среду', 'у середу', 'mardi' (a phrase, not a name).
#: A lower-case word this short ending a name is a particle it was cut at ('Ministerio del').
_PARTICLE_MAX_LETTERS = 3


def _words(name: str) -> list[str]:
    text = name.strip().removesuffix("'s").removesuffix("’s")
    words = [word.strip(',.;:()"«»“”') or word for word in text.split()]
    while words and words[0].casefold() in _ARTICLES:
        words.pop(0)
    return words


def _is_fragment(words: list[str]) -> bool:
    if not words:
        return True
    if any(
        not CYRILLIC_RE.match(word)
        and _ADJECTIVE_COMPOUND_RE.match(word)
        and not (index > 0 and _SYLLABLE_PAIR_RE.match(word))
        for index, word in enumerate(words)
    ):
        return True  # 'Linux-based', 'S3-compatible REST API'
    if len(words) > 1 and words[-1].islower() and len(words[-1]) <= _PARTICLE_MAX_LETTERS:
        return True  # 'Ministerio del', cut off before the rest of its name
    if len(words) == 1 and CYRILLIC_RE.match(words[0]) and is_common_adjective(words[0]):
        return True  # 'Первого', cut off from 'канала'

    return any(word.islower() and word.startswith(WEEKDAY_STEMS) for word in words)


def _is_title_alone(words: list[str]) -> bool:
    last = words[-1].casefold().rstrip(".")
    if last in ORG_WORDS:
        return False
    return last in _TITLES or is_role_word(last)


def _cyrillic_kinds(words: list[str]) -> list[CyrillicWord]:
    """What the dictionaries say each capitalised Cyrillic word names (abbreviations too:
    'РФ' is a place, 'МЧС' an organisation)."""
    return [
        cyrillic_word_kind(word) for word in words if word[:1].isupper() and CYRILLIC_RE.match(word)
    ]


def _named_in_full(text: str, surname: str) -> bool:
    """Whether ``text`` writes a given name right before ``surname`` ('Corin Webb')."""
    pattern = re.compile(rf"(?<!\w)([{UPPER}][\w'’-]*)\s+{re.escape(surname)}(?!\w)")
    return any(
        is_given_name(given) and given.casefold() not in NOT_NAME_WORDS
        for given in (match.group(1) for match in pattern.finditer(text))
    )


def _has_person_evidence(words: list[str], full_names: Mapping[str, str], text: str) -> bool:
    first, last = words[0], words[-1]
    if len(words) >= 2 and (first.casefold().rstrip(".") in HONORIFICS or _INITIAL_RE.match(first)):
        return True  # 'Mr Beith', 'Dr Fox', 'C. Fred Bergsten'
    if CYRILLIC_RE.match(first):
        folded = last.casefold()
        # An inflected surname the text gives in full elsewhere ('Березнюка', 'Илья Березнюк').
        in_full = (
            len(words) == 1
            and (folded in full_names or folded[:-1] in full_names)
            and not is_common_noun(last)
        )
        return in_full or CyrillicWord.PERSON in _cyrillic_kinds(words)
    if is_given_name(first) and first.casefold() not in NOT_NAME_WORDS:
        return True
    return len(words) == 1 and _named_in_full(text, last)


def speaker_kind(
    name: str, lang: str = "en", full_names: Mapping[str, str] | None = None, text: str = ""
) -> SpeakerKind:
    """What ``name`` names, judged from its words, and from the article ``text`` for a surname
    ('Webb' after 'Corin Webb'). ``lang`` is the article's language; ``full_names`` maps the
    surnames the text gives in full to the full name ('doe' -> 'Jane Doe')."""
    full_names = {} if full_names is None else full_names
    words = _words(name)
    if _is_fragment(words):
        return SpeakerKind.FRAGMENT
    if _is_title_alone(words):
        return SpeakerKind.TITLE
    if CYRILLIC_RE.match(words[-1]) and is_instrumental(words[-1]):
        return SpeakerKind.OBLIQUE
    folded = [word.casefold() for word in words]
    if folded[-1] in _PARTY_WORDS:
        return SpeakerKind.PARTY
    if all(is_nationality_word(word, lang) for word in words):
        return SpeakerKind.NATIONALITY
    if is_place_name(" ".join(words), lang):
        return SpeakerKind.PLACE
    cyrillic = _cyrillic_kinds(words)
    if cyrillic and all(kind is CyrillicWord.PLACE for kind in cyrillic):
        return SpeakerKind.PLACE  # 'России', 'Российской Федерации'
    if cyrillic and all(kind is CyrillicWord.ORGANISATION for kind in cyrillic):
        # 'Глава Госдумы по труду Ярослав Нилов': a role before it does not make it a person.
        return SpeakerKind.ORGANISATION
    if _has_person_evidence(words, full_names, text):
        return SpeakerKind.PERSON
    if (
        folded[-1] in ORG_WORDS
        or CyrillicWord.ORGANISATION in cyrillic
        or name.isupper()
        or any(_ADJECTIVE_RE.search(word) for word in words)
    ):
        return SpeakerKind.ORGANISATION  # 'Acme Corp', 'Минобороны', 'Bayerischer Rundfunk'
    return SpeakerKind.UNKNOWN


def is_acceptable_speaker(
    name: str,
    *,
    pointed_at: bool,
    lang: str = "en",
    full_names: Mapping[str, str] | None = None,
    text: str = "",
    titled: bool = False,
) -> bool:
    """Whether ``name`` may be printed as the speaker.

    ``pointed_at``: the attribution names it itself ('X said', 'said X', 'по словам X', 'X:'),
    or speaks of an organisation ('the company said', 'пресс-служба'); then an organisation or
    a name with no evidence either way passes. Otherwise (a pronoun, a person's role, a name
    near the quotation) only a person does: a name with person evidence, or a surname whose
    full name, given in the text, has it; ``titled``: the text names it right after a role word
    ('President Tolu Adebayo'), which is such evidence too. Capitalised words with no such
    evidence are as often a place, an event or a thing ('Copper Valley Fair') as a person: no
    speaker.
    """
    if any(char.isdigit() for char in name):
        return False  # 'A78', 'G7', 'COVID-19': a product, a group or a code, never a person
    if (
        name.islower()
        and len(name.split()) > _LOWER_CASE_NAME_MAX_WORDS
        and not any(char.isupper() for char in text[:_CASE_SAMPLE_CHARS])
    ):
        return False  # 'журналистам в управлении пресс-службы': a phrase, in a lower-case text
    if _SAINT_PLACE_RE.match(name):
        return False  # 'San Francisco', 'Saint-Denis', 'St. Louis': a place named after a saint
    full_names = {} if full_names is None else full_names
    kind = speaker_kind(name, lang, full_names, text)
    if kind in NEVER_SPEAKERS:
        return False
    if pointed_at or kind is SpeakerKind.PERSON or (titled and kind is SpeakerKind.UNKNOWN):
        return True
    words = _words(name)
    if kind is not SpeakerKind.UNKNOWN or len(words) > 1:
        return False
    surname = words[0].casefold()
    # Keyed by the last word of the full name: 'Irme Stetter-Karp' is under 'karp'.
    full = full_names.get(surname) or full_names.get(surname.rsplit("-", 1)[-1])
    if full is None or full == name:
        return False
    return speaker_kind(full, lang, full_names, text) is SpeakerKind.PERSON


def without_leading_place(name: str, lang: str = "en") -> str:
    """'Україні Міхаель Бродський' -> 'Міхаель Бродський', 'Hauts-de-Seine Philippe Juvin' ->
    'Philippe Juvin': a place that a run of capitalised words swallowed ('Посол … в Україні
    Міхаель Бродський', 'le député des Hauts-de-Seine Philippe Juvin') is not part of the
    person's name."""
    words = name.split()
    while (
        len(words) > 2
        and speaker_kind(words[0], lang) is SpeakerKind.PLACE
        and speaker_kind(" ".join(words[1:]), lang) is SpeakerKind.PERSON
    ):
        words.pop(0)
    return " ".join(words) if len(words) < len(name.split()) else name
