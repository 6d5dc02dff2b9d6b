"""Which names in an attribution's subject phrase can be its speaker.

'said the mayor of Lyon', 'sagte der Trainer von Bayern', 'a résumé le ministre de l'Intérieur',
'antwortet der FDP-Landeschef', 'ha asegurado el 'número dos' del PP': the capitalised words of a
subject phrase are often whose role it is (a town, a club, a ministry, a party), a role itself,
or a common noun German capitalises. Those are not the speaker; the role is then resolved to
the person who holds it (:mod:`bot.extract.speaker.resolve`).
"""

from __future__ import annotations

import re

from bot.extract.lexicon import ALL, alternation
from bot.extract.speaker.nameparts import CYRILLIC_RE
from bot.extract.speaker.names import LOWER, Name, is_role_word
from bot.extract.speaker.namewords import ORG_WORDS

__all__ = ["ORG_ROLE_RE", "ROLE_OF", "speaker_names", "with_lower_case_tail"]

_DEFINITE_ARTICLES = frozenset(ALL.definite_articles)
#: A preposition or a genitive article that says whose a role is, and an optional article
#: after it: 'of the', 'de l’', 'del', 'der' (a regex fragment, shared with the role look-up).
ROLE_OF = (
    rf"{alternation(ALL.role_of_prepositions + ALL.genitive_articles)}\s*"
    rf"(?:(?:{alternation(ALL.definite_articles)})\s+|l['’])?"
)

#: Role words that stand for an organisation (stems). A spokesman speaks for one, too.
ORG_ROLE_RE = re.compile(alternation(ALL.organisation_role_stems), re.IGNORECASE)

#: A role and the preposition that says whose role it is, right before a name: 'the mayor of',
#: 'le maire de', 'el alcalde de la', 'le ministre de l’Intérieur'.
_ROLE_OF_RE = re.compile(rf"([\w'’-]+)\s+{ROLE_OF}$", re.IGNORECASE)


def _is_whose_role(text: str, name: Name) -> bool:
    """'le maire de Lyon', 'the mayor of Springfield': the name says whose role it is (a town,
    a company), it is not the person who holds it."""
    found = _ROLE_OF_RE.search(text, max(0, name.start - 40), name.start)
    return found is not None and is_role_word(found.group(1))


_ROLE_OF_WORD_RE = re.compile(rf"{alternation(ALL.role_of_prepositions)}$", re.IGNORECASE)


def _is_role_of(name: Name) -> bool:
    """'Kapitän von Real', 'Coach of Ajax': a role and whose it is, read as one name because
    German capitalises the role; the person who holds it is named elsewhere."""
    return (
        len(name.words) >= 3
        and is_role_word(name.words[0])
        and _ROLE_OF_WORD_RE.match(name.words[1]) is not None
    )


def _is_organisation_role(text: str, name: Name) -> bool:
    """'das Ministerium', 'die Behörde': German capitalises the noun that names an organisation
    by its kind; after an article it is a role to resolve, not the organisation's name."""
    if " " in name.text or ORG_ROLE_RE.match(name.text) is None:
        return False
    before = text[max(0, name.start - 8) : name.start].split()
    return bool(before) and before[-1].casefold() in _DEFINITE_ARTICLES


def _is_whose_phrase(text: str, subject_pos: int, name: Name) -> bool:
    """'el 'número dos' del PP', 'the longtime ally of Acme': a common noun phrase with its
    article, then whose it is; the name is the party's or the company's, not the speaker's (a
    spokesperson's phrase speaks for its organisation and is left alone)."""
    head = text[subject_pos : name.start]
    words = head.split()
    return (
        len(words) >= 2
        and words[0].casefold() in _DEFINITE_ARTICLES
        and _ROLE_OF_WORD_RE.match(words[-1].casefold()) is not None
        and not any(word[:1].isupper() for word in words)
        and ORG_ROLE_RE.search(head) is None
    )


#: Lower-case adjectives after an organisation's word, to the end of the subject phrase.
_LOWER_TAIL_RE = re.compile(rf"(?:\s+[{LOWER}][\w'’-]*){{1,2}}\s*$")


def with_lower_case_tail(text: str, name: Name, subject_end: int) -> Name:
    """'indique le Conseil fédéral', 'según el Banco central': French and Spanish write an
    organisation's name with lower-case adjectives after its capitalised word; the subject
    phrase ends with them."""
    if not (len(name.words) == 1 and name.words[0].casefold() in ORG_WORDS):
        return name
    tail = _LOWER_TAIL_RE.match(text, name.end, subject_end)
    if tail is None or tail.end() != subject_end:
        return name
    return Name(text[name.start : subject_end].rstrip(), name.start, subject_end, name.hint)


_GERMAN_ARTICLES = frozenset(("der", "die", "das", "des", "dem", "den", "ein", "eine", "eines"))


def _is_german_common_noun(text: str, name: Name) -> bool:
    """'der Geschäftsführer der Brauerei', 'die Behörde': German capitalises every noun, so one
    capitalised word after an article is a common noun, not the name of a speaker."""
    if " " in name.text or "-" in name.text:
        return False
    before = text[max(0, name.start - 8) : name.start].split()
    return bool(before) and before[-1] in _GERMAN_ARTICLES


def _is_role_compound(name: Name) -> bool:
    """'FDP-Landeschef', 'VW-Boss': one capitalised word that is a role and whose it is."""
    head, _, role = name.text.rpartition("-")
    return " " not in name.text and bool(head) and is_role_word(role)


def speaker_names(text: str, lang: str, subject_pos: int, names: list[Name]) -> list[Name]:
    """The names of a subject phrase starting at ``subject_pos`` that may be its speaker: not
    whose role it is, not a role, not a common noun; in Cyrillic text not a Latin-script name
    beside a Cyrillic one ('CEO Acme Уилл Кирилюк', 'в ефірі на ICTV': a company's, a brand's
    or a channel's)."""
    kept = [
        name
        for name in names
        if not (
            _is_whose_role(text, name)
            or _is_role_of(name)
            or _is_role_compound(name)
            or _is_organisation_role(text, name)
            or _is_whose_phrase(text, subject_pos, name)
            or (lang == "de" and _is_german_common_noun(text, name))
        )
    ]
    if any(CYRILLIC_RE.search(name.text) for name in kept):
        kept = [name for name in kept if CYRILLIC_RE.search(name.text)]
    return kept
