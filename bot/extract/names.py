"""Find names (capitalised word runs) in text and tell persons from organisations.

No named-entity model: a name is a run of capitalised words, with the particles names carry
("de", "van der", "al-", "фон дер") and initials inside it. A capitalised word that opens a
sentence is only a name when the text also capitalises it mid-sentence, and German nouns, which
are all capitalised, are kept out by a list of role and common words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: keeps long word lists readable."""
    return frozenset(text.split())


UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ"
LOWER = "a-zß-öø-ÿā-žа-яёіїєґ"
_WORD = rf"[{UPPER}][{UPPER}{LOWER}0-9'’\-]*"
#: Initials and short abbreviations that end in a period: "C.", "Dr.", "St.".
_INITIAL = rf"[{UPPER}][{LOWER}]{{0,2}}\.(?=\s+[{UPPER}])"
_PARTICLE = (
    r"(?:de|da|di|del|della|van|von|der|den|du|le|la|al|el|bin|ibn|St\.?|фон|дер|ван|де|аль)"
)
_CONNECTOR = rf"(?:\s+(?:{_PARTICLE}\s+)*|-)"
NAME_RE = re.compile(rf"(?:{_INITIAL}|{_WORD})(?:{_CONNECTOR}(?:{_INITIAL}|{_WORD}))*")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?…:][\"”»’]?\s+|\n\s*|[«“„\"]|[—–-]\s+)$")

#: Words that introduce an organisation; a run ending in one is an organisation.
_ORG_WORDS = word_set(
    """co corp corporation inc ltd plc llc ag gmbh sa group bank association party ministry
    department office agency council committee commission court government administration
    university institute foundation company news times post channel service services union
    league organisation organization programme program board authority police army newspaper
    newsroom magazine network ministerium amt verband partei gericht bundesverwaltungsgericht
    министерство минобороны мвд мчс агентство служба управление администрация партия банк
    міністерство служба партія компанія"""
)
#: Capitalised words that are never (part of) a name: German nouns for roles and common words,
#: honorific-free roles that open English sentences, days and months.
_NOT_NAME_WORDS = word_set(
    """the a an he she it they we i you his her its their this that these those but and or if
    in on at as for to of by with from after before when while although however meanwhile
    also mr mrs ms dr sir lord fr rev prof monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december der die das ein eine er sie es wir ich und aber auch doch denn dass wenn als so
    laut nach sprecher sprecherin chef chefin geschäftsführer geschäftsführerin präsident
    präsidentin minister ministerin kanzler kanzlerin direktor direktorin leiter leiterin
    vorsitzender vorsitzende gericht unternehmen konzern behörde zudem dabei damit jetzt
    heute gestern он она они мы я вы это как по но и а в на также глава президент премьер
    губернатор він вона вони ми як за та і але також голова президент прем'єр прем’єр
    губернатор il elle ils nous je le la les selon mais et pour dans él ella ellos según
    pero y en auf zur zum vom beim über unter gegen bei seit wie ihr ihre sein seine unser
    unsere boss organisatorin redaktion anfrage begründung christmas easter correction update
    editorial statement report american americans british syrian syrians ethiopian ethiopians
    european europeans african south north east west chinese japanese russian russians
    ukrainian ukrainians german germans french israeli israelis palestinian palestinians"""
)
#: Role nouns: a word naming a role ("Sprecherin") or ending in one ("VW-Chef") is not a name.
ROLE_WORDS = word_set(
    """sprecher sprecherin chef chefin boss präsident präsidentin minister ministerin kanzler
    kanzlerin direktor direktorin leiter leiterin vorsitzender vorsitzende organisatorin
    experte expertin spokesman spokeswoman spokesperson chief president minister secretary
    analyst expert envoy official director chairman editor premier porte-parole ministre
    président présidente directeur directrice эксперт президент премьер министр глава
    спикер представитель пресс-секретарь секретарь секретар прем'єр прем’єр міністр речник
    експерт"""
)
#: Honorifics kept with the name they precede ("Mr Beith", "Dr Fox").
_HONORIFICS = frozenset(["mr", "mrs", "ms", "dr", "sir", "lord", "fr", "rev", "prof", "dame"])


@dataclass(frozen=True, slots=True)
class Name:
    """A name found in text: its words, where it starts and ends."""

    text: str
    start: int
    end: int

    @property
    def words(self) -> list[str]:
        return self.text.replace("-", " ").split()

    @property
    def is_organisation(self) -> bool:
        last = self.words[-1].casefold().rstrip(".")
        return last in _ORG_WORDS or (self.text.isupper() and len(self.text) >= 2)

    @property
    def is_person_like(self) -> bool:
        """Two or three capitalised words, not an organisation: 'Jamie Firestone'."""
        return not self.is_organisation and 2 <= len(self.text.split()) <= 4


def _starts_sentence(text: str, pos: int) -> bool:
    return _SENTENCE_START_RE.search(text, max(0, pos - 3), pos) is not None or pos == 0


def mid_sentence_words(text: str) -> frozenset[str]:
    """Words of capitalised runs that stand inside sentences: evidence that a word is a name.

    A word that only ever appears capitalised at sentence starts is an ordinary word.
    """
    known: set[str] = set()
    for match in NAME_RE.finditer(text):
        if not _starts_sentence(text, match.start()):
            known.update(word.casefold().rstrip(".,") for word in match.group().split())
    return frozenset(known)


_ELIDED_ARTICLE_RE = re.compile(r"^[ld]['’][a-zà-ÿ]")
#: Single words that name a people ("Syrian", "Ethiopians"), not a person.
_DEMONYM_RE = re.compile(r"(?:ians?|eans?|ese)$")


def _is_not_name(word: str) -> bool:
    """A function word, a role ("VW-Chef"), a demonym list entry or an elided article word."""
    return (
        word in _NOT_NAME_WORDS
        or word.rsplit("-", 1)[-1] in ROLE_WORDS
        or _ELIDED_ARTICLE_RE.match(word) is not None
    )


def _trim(run: str, start: int) -> Name | None:
    """Drop non-name words from both edges of a run; None when nothing name-like is left."""
    words = list(re.finditer(r"\S+", run))

    def folded(index: int) -> str:
        return words[index].group().casefold().rstrip(".,")

    while words and _is_not_name(folded(0)):
        if folded(0) in _HONORIFICS and len(words) > 1:
            break
        words.pop(0)
    while words and _is_not_name(folded(-1)):
        words.pop()
    while words and not words[0].group()[0].isupper():
        words.pop(0)  # a particle left first once the words before it went: 'den Opernball'
    if not words or (len(words) == 1 and _DEMONYM_RE.search(folded(0))):
        return None
    text = run[words[0].start() : words[-1].end()].rstrip(".,")
    return Name(text, start + words[0].start(), start + words[0].start() + len(text))


def names_in(
    text: str, known: frozenset[str], start: int = 0, end: int | None = None
) -> Iterator[Name]:
    """Yield the names in ``text[start:end]``, in order.

    ``known`` comes from :func:`mid_sentence_words`: the first word of a run that opens a sentence
    is only kept when the text also uses it capitalised mid-sentence (or it is an honorific).
    """
    end = len(text) if end is None else end
    for match in NAME_RE.finditer(text, start, end):
        run, run_start = match.group(), match.start()
        first = run.split()[0]
        first_folded = first.casefold().rstrip(".")
        if (
            _starts_sentence(text, run_start)
            and first_folded not in known
            and first_folded not in _HONORIFICS
        ):
            rest = run[len(first) :]
            if not rest.strip():
                continue
            run_start += len(run) - len(rest.lstrip())
            run = rest.lstrip()
        name = _trim(run, run_start)
        if name is not None:
            yield name
