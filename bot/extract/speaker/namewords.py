"""Word sets that tell names from other capitalised words, built from every language's lexicon.

Kept apart from :mod:`bot.extract.speaker.names` so the name-finding logic reads without the
lists; the words themselves are in :mod:`bot.extract.lexicon`. Every list is of general
vocabulary (function words, role nouns, organisation nouns); none names a person, an outlet or
a place of any article.
"""

from __future__ import annotations

import re

from bot.extract.lexicon import ALL, alternation

__all__ = [
    "DEMONYMS",
    "FEMININE_AGENT_ENDINGS",
    "FEMININE_AGENT_MIN_LENGTH",
    "HONORIFICS",
    "NOT_NAME_WORDS",
    "ORG_HEAD_RE",
    "ORG_NOUN_AFTER_RE",
    "ORG_WORDS",
    "ROLE_SUFFIXES",
    "ROLE_WORDS",
    "word_set",
]


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: keeps long word lists readable."""
    return frozenset(text.split())


#: Words that end an organisation's name; a run ending in one is an organisation.
ORG_WORDS = frozenset(ALL.organisation_words)
#: Single words that name a people or a country's adjective: not a person, but "the Scottish
#: government" is an organisation.
DEMONYMS = frozenset(ALL.demonyms)
#: Capitalised words that are never (part of) a name: function words, German nouns for roles and
#: common words, words that open English sentences, qualifiers of roles, days and months.
NOT_NAME_WORDS = frozenset(ALL.not_name_words) | DEMONYMS
#: Role nouns: a word naming a role ("Sprecherin") or ending in one ("VW-Chef") is not a name,
#: the name right after one is a person ("Mayor Jane Doe") and the name right before one is
#: who the role belongs to ("Acme Corp chairman").
ROLE_WORDS = frozenset(ALL.role_words)
#: Compounds end in their role: 'Bundespräsident', 'Pressesprecherin', 'Außenminister'.
ROLE_SUFFIXES = ALL.role_suffixes
#: Feminine agent nouns ('Kuratorin', 'Regisseurin', 'Pianistin', 'Intendantin') end in one of
#: these; with the length floor of :data:`FEMININE_AGENT_MIN_LENGTH` no given name does.
FEMININE_AGENT_ENDINGS = ALL.feminine_agent_endings
FEMININE_AGENT_MIN_LENGTH = 9
#: Honorifics kept with the name they precede ("Mr Beith", "Dr Fox").
HONORIFICS = frozenset(ALL.honorifics)

#: A lower-case organisation noun right after a name makes the pair an organisation:
#: "the Scottish government", "the Daily Planet newspaper".
ORG_NOUN_AFTER_RE = re.compile(rf"[ \t\u00a0]+{alternation(ALL.organisation_nouns_after_name)}\b")
#: A capitalised head noun that starts an organisation's name which goes on in lower-case words
#: ("Ministry of Defence", "Министерство экологии и природопользования Московской области").
ORG_HEAD_RE = re.compile(alternation(ALL.organisation_head_stems), re.IGNORECASE)
