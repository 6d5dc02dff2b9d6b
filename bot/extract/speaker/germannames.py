"""German name evidence: German capitalises every noun, so one capitalised word is no name alone.

"sagte ein Anwohner", "die alte Holzbrücke", "die Staffelung der Gebühren" hold capitalised
nouns, not names. In German text a one-word name (and a run joined by an article, 'Staffelung
der Gebühren') counts only with support:

- the word is part of a multi-word name elsewhere in the text ('Anke Vollmer' ... 'Vollmer');
- a role word stands before it ('Bürgermeisterin Vollmer': the name's hint says so);
- it names an organisation by its form: an abbreviation ('ADAC') or a word ending in an
  organisation noun ('Verwaltungsgericht', 'Imkerverband', 'Stadtwerke', 'Muster GmbH');
- the text uses it as a name: next to a verb of saying and never after an article.

A run of several words is a name unless an article joins or opens it, or its first word is only
ever capitalised where a sentence starts ('Gerade Wolfsburg ist …').
"""

from __future__ import annotations

import re

from bot.extract.speaker.nameevidence import Run, starts_sentence
from bot.extract.speaker.nameparts import Name, NameHint
from bot.extract.speaker.names import is_role_word
from bot.extract.speaker.namewords import NOT_NAME_WORDS, word_set
from bot.extract.speechverbs import is_speech_verb

__all__ = ["GermanNameEvidence", "has_organisation_form"]

#: Nouns that end German organisation names, alone or as the tail of a compound.
_ORGANISATION_ENDINGS = (
    "gmbh",
    "ag",
    "kg",
    "verband",
    "gericht",
    "ministerium",
    "amt",
    "werke",
    "werk",
    "behörde",
    "verein",
    "partei",
    "polizei",
    "bank",
    "kasse",
    "institut",
    "universität",
    "klinikum",
    "kammer",
    "gewerkschaft",
    "gesellschaft",
    "stiftung",
    "agentur",
    "konzern",
    "rat",
    "bund",
)
#: Words after which a capitalised word is a common noun: articles, determiners, contractions.
_DETERMINERS = word_set(
    """der die das dem den des ein eine einer einem einen eines kein keine keiner keinem keinen
    im am vom zum zur beim ins diese dieser diesem diesen dieses jede jeder jedem jeden jedes
    alle allen unser unsere unseren ihr ihre ihren sein seine seinen viele vielen mehrere
    einige"""
)
#: Lower-case words that may join the words of a real name: 'Ursula von der Leyen'.
_NAME_PARTICLES = frozenset({"von", "van", "de", "zu", "vom", "ten", "ter"})
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def has_organisation_form(word: str) -> bool:
    """'ADAC', 'Verwaltungsgericht', 'Stadtwerke', 'Imkerverband': a word shaped like the name
    of an organisation."""
    if len(word) >= 2 and word.isupper():
        return True
    folded = word.casefold().rstrip(".,")
    return folded.endswith(_ORGANISATION_ENDINGS) and len(folded) >= 4


def _has_article_join(words: list[str]) -> bool:
    """'Staffelung der Gebühren': two nouns joined by an article, not 'Ursula von der Leyen'."""
    return any(
        word.islower()
        and word not in _NAME_PARTICLES
        and (index == 0 or words[index - 1] not in _NAME_PARTICLES)
        for index, word in enumerate(words)
    )


class GermanNameEvidence:
    """Which capitalised words of one German text are names (see the module docstring)."""

    def __init__(
        self,
        text: str,
        runs: list[Run],
        inside_sentence: frozenset[str],
        title_runs: list[Run] | None = None,
    ) -> None:
        """``runs`` are the text's capitalised runs and ``inside_sentence`` the words of theirs
        that stand inside a sentence (:func:`bot.extract.nameevidence.known_words`)."""
        self._text = text
        self._inside_sentence = inside_sentence
        self._members = self._multi_word_members([*runs, *(title_runs or [])])
        # Where each one-word run stands; whether it is used as a name is read when asked.
        self._single_starts: dict[str, list[int]] = {}
        for start, run, _ in runs:
            if " " not in run:
                self._single_starts.setdefault(run.casefold().rstrip(".,"), []).append(start)
        self._used_as_name: dict[str, bool] = {}

    @staticmethod
    def _multi_word_members(runs: list[Run]) -> frozenset[str]:
        members: set[str] = set()
        for _, run, _ in runs:
            if " " not in run:
                continue
            words = run.split()
            if _has_article_join(words):
                continue
            kept = [
                word.casefold().rstrip(".,")
                for word in words
                if word[0].isupper()
                and word.casefold().rstrip(".,") not in NOT_NAME_WORDS
                and not is_role_word(word)
            ]
            if len(kept) >= 2:
                members.update(kept)
        return frozenset(members)

    def _is_used_as_name(self, folded: str) -> bool:
        """Whether the text sets the word next to a verb of saying ('sagte Vollmer', 'Vollmer
        betonte') and never after an article."""
        found = self._used_as_name.get(folded)
        if found is None:
            found = self._read_uses(folded)
            self._used_as_name[folded] = found
        return found

    def _read_uses(self, folded: str) -> bool:
        text = self._text
        next_to_verb = False
        for start in self._single_starts.get(folded, ()):
            previous = _WORD_RE.findall(text[max(0, start - 25) : start])
            if previous and previous[-1].casefold() in _DETERMINERS:
                return False
            following = _WORD_RE.match(text, start + len(folded) + 1)
            next_to_verb = next_to_verb or bool(
                (previous and is_speech_verb(previous[-1]))
                or (following is not None and is_speech_verb(following.group()))
            )
        return next_to_verb

    def is_name(self, name: Name) -> bool:
        """Whether ``name`` (found by the language-neutral rules) is a name in German text."""
        if name.hint in (NameHint.PERSON, NameHint.ORGANISATION):
            return True
        words = name.text.split()
        if any(has_organisation_form(word) for word in words if word[0].isupper()):
            return True
        if _has_article_join(words) or any(word.casefold() in _DETERMINERS for word in words):
            return False
        if len(words) >= 2:
            # 'Gerade Wolfsburg ist …': a word capitalised only where a sentence opens is no
            # given name.
            return not starts_sentence(self._text, name.start) or (
                words[0].casefold() in self._inside_sentence
            )
        folded = name.text.casefold().rstrip(".,")
        return folded in self._members or self._is_used_as_name(folded)
