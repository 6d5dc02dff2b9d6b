"""Organisation phrases that go on past a capitalised run through lower-case words.

"the Scottish government" (a lower-case organisation noun after a name), "Ministry of Defence",
"Министерство экологии и природопользования Подмосковья" (a head noun, connecting lower-case
words, then a capitalised run, and a region noun such as "области").
"""

from __future__ import annotations

import re

from bot.extract.lexicon import ALL
from bot.extract.speaker.nameparts import CYRILLIC_RE, NAME_RE, NEXT_WORD_RE, Name, NameHint
from bot.extract.speaker.namewords import ORG_HEAD_RE, ORG_NOUN_AFTER_RE

__all__ = ["headed_organisation", "organisation_phrase"]

#: Lower-case words an organisation's name may run through after its head noun.
_ORG_CONNECTORS = frozenset(ALL.organisation_connectors)
#: Cyrillic words that end an organisation phrase: prepositions, and verbs by their endings.
_CYRILLIC_STOP_WORDS = frozenset(ALL.organisation_enders)
#: Prepositions inside an organisation's name: 'служба з надзвичайних ситуацій', 'по надзору'.
_COMPLEMENT_PREPOSITIONS = frozenset(ALL.organisation_complement_prepositions)
#: Lower-case nouns that finish a region's name: 'Калужской области', 'Приморскому краю'.
_REGION_NOUNS = frozenset(ALL.region_nouns)
_CYRILLIC_VERB_RE = re.compile(r"(?:л|ла|ло|ли|ет|ит|ют|ят|ут|ать|ять|ить|ся|сь|ть)$")


def organisation_phrase(text: str, name: Name, limit: int) -> Name | None:
    """The organisation ``name`` qualifies or heads: 'Scottish' + ' government', 'Ministry' +
    ' of Defence', 'Министерство' + ' экологии и природопользования Подмосковья'."""
    noun = ORG_NOUN_AFTER_RE.match(text, name.end, limit)
    if noun is not None:
        return Name(text[name.start : noun.end()], name.start, noun.end(), NameHint.ORGANISATION)
    return headed_organisation(text, name, limit) or _adjective_headed_organisation(
        text, name, limit
    )


def _adjective_headed_organisation(text: str, name: Name, limit: int) -> Name | None:
    """'Державної служби з надзвичайних ситуацій', 'Федеральной службы по надзору': a
    capitalised adjective, a lower-case head noun, then its lower-case genitive complement
    (joined by 'по', 'з', 'с' where the complement goes on)."""
    if " " in name.text or CYRILLIC_RE.match(name.text) is None:
        return None
    head = NEXT_WORD_RE.match(text, name.end, limit)
    if head is None or not head.group(1).islower() or not ORG_HEAD_RE.match(head.group(1)):
        return None
    end = head.end()
    for _ in range(5):
        word = NEXT_WORD_RE.match(text, end, limit)
        if word is None:
            break
        token = word.group(1)
        if not token.islower() or CYRILLIC_RE.match(token) is None:
            break
        if token in _COMPLEMENT_PREPOSITIONS:
            following = NEXT_WORD_RE.match(text, word.end(), limit)
            if following is None or not following.group(1).islower():
                break
        elif token in _CYRILLIC_STOP_WORDS or _CYRILLIC_VERB_RE.search(token):
            break
        end = word.end()
    return Name(text[name.start : end], name.start, end, NameHint.ORGANISATION)


def headed_organisation(text: str, name: Name, limit: int) -> Name | None:
    """'Ministry of Defence': a head noun, connecting lower-case words, then a capitalised run."""
    if not ORG_HEAD_RE.match(name.words[-1]):
        return None
    pos = name.end
    for _ in range(4):
        word = NEXT_WORD_RE.match(text, pos, limit)
        if word is None:
            return None
        token = word.group(1)
        if token[0].isupper():
            run = NAME_RE.match(text, word.start(1), limit)
            if run is None or pos == name.end:
                return None
            end = word.start(1) + len(run.group().rstrip(".,"))
            region = NEXT_WORD_RE.match(text, end, limit)
            if region is not None and region.group(1).casefold() in _REGION_NOUNS:
                end = region.end()  # '... Калужской области'
            return Name(text[name.start : end], name.start, end, NameHint.ORGANISATION)
        folded = token.casefold()
        cyrillic = CYRILLIC_RE.match(token) is not None
        if folded not in _ORG_CONNECTORS and (
            not cyrillic or folded in _CYRILLIC_STOP_WORDS or _CYRILLIC_VERB_RE.search(folded)
        ):
            return None
        pos = word.end()
    return None
