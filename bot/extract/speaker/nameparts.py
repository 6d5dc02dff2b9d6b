"""What names are made of: the capitalised-run pattern and the Name a run becomes.

Shared by :mod:`bot.extract.speaker.names` (finding names) and
:mod:`bot.extract.speaker.organisations` (organisation phrases that run through lower-case words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.extract.speaker.namewords import ORG_WORDS

__all__ = [
    "ABBREVIATION_RE",
    "CYRILLIC_RE",
    "LOWER",
    "NAME_RE",
    "NEXT_WORD_RE",
    "UPPER",
    "Name",
    "NameHint",
]

UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ"
LOWER = "a-zß-öø-ÿā-žа-яёіїєґ"
#: "U.S.", "U.N.": stands alone, so "U.S. Carmaker Acme" does not become one name.
_ABBREVIATION = rf"(?:[{UPPER}]\.){{2,}}"
#: A name word after its capital: an initial or short abbreviation ending in a period before the
#: next name ("C.", "Dr.", "St."), else the rest of a word.
_NAME_WORD = rf"[{UPPER}](?:[{LOWER}]{{0,2}}\.(?=\s+[{UPPER}])|[{UPPER}{LOWER}0-9'’\-]*)"
_PARTICLE = (
    r"(?:de|da|di|del|della|van|von|der|den|ten|ter|du|le|la|al|el|bin|ibn|St\.?"
    r"|фон|дер|ван|де|аль)"
)
#: Spaces on one line (and particles) or a hyphen between name words: a name never runs over a
#: line break ('…в Москве' / 'Из колонии…'). The lookahead stops at once before a word that can
#: neither be a particle nor a name.
_SPACE = r"[ \t\u00a0\u202f]+"
_CONNECTOR = rf"(?:{_SPACE}(?=[{UPPER}dvlaebitфдва])(?:{_PARTICLE}{_SPACE})*|-)"
#: A run of name words; a dotted abbreviation is a run of its own. The leading lookahead lets
#: the regex engine skip to the next capital letter instead of trying both branches everywhere.
NAME_RE = re.compile(
    rf"(?=[{UPPER}])(?:{_ABBREVIATION}|{_NAME_WORD}(?:{_CONNECTOR}(?!{_ABBREVIATION}){_NAME_WORD})*)"
)
ABBREVIATION_RE = re.compile(_ABBREVIATION)
CYRILLIC_RE = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]")
#: The next word after a position, up to punctuation: 'Ministry' -> ' of'.
NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\s,.;:!?«»“”„\"()]+)")


class NameHint(Enum):
    """What the words around a name say it is."""

    NONE = "none"
    PERSON = "person"  #: right after a role word: "Mayor Jane Doe"
    QUALIFIER = "qualifier"  #: right before a role word: "Acme Corp chairman", "Ruritania's"
    ORGANISATION = "organisation"  #: an organisation phrase: "the Scottish government"


@dataclass(frozen=True, slots=True)
class Name:
    """A name found in text: its words, where it starts and ends, what its context says."""

    text: str
    start: int
    end: int
    hint: NameHint = NameHint.NONE

    @property
    def words(self) -> list[str]:
        return self.text.replace("-", " ").split()

    @property
    def is_organisation(self) -> bool:
        if self.hint is NameHint.ORGANISATION:
            return True
        if self.hint is NameHint.PERSON:
            return False
        last = self.words[-1].casefold().rstrip(".")
        return last in ORG_WORDS or (self.text.isupper() and len(self.text) >= 2)

    @property
    def is_person_like(self) -> bool:
        """Named after a role, or two to four capitalised words, not an organisation."""
        if self.hint is NameHint.PERSON:
            return True
        if self.hint is not NameHint.NONE:
            return False
        return not self.is_organisation and 2 <= len(self.text.split()) <= 4
